/**
 * The sync worker: each cycle reads what changed in the org, evaluates the SLA policy
 * for what it touched and writes the difference back, with Salesforce as the system of
 * record. `SyncWorker.runCycle` runs one cycle; `runService` runs them on a schedule
 * with a health endpoint and graceful shutdown.
 */
import type { Settings } from '../config/settings';
import { DEFAULT_SYNC_OPTIONS, type SyncOptions } from './types';

export { SyncWorker } from './cycle';
export { runService, type RunningService, type ServiceOptions } from './service';
export { scheduleCycles, type CycleSchedule, type CycleRunner } from './scheduler';
export { startHealthServer, HEALTH_HOST, type HealthServer } from './health-server';
export { describeFirstCycle, type NextSteps } from './summary';
export { SyncMetrics, type CycleOutcome } from './metrics';
export { journalLinesOfPlan } from './plan-lines';
export {
    DEFAULT_SYNC_OPTIONS,
    type CycleKind,
    type CycleReport,
    type DecisionCounts,
    type SyncOptions
} from './types';

/** Sync options from the validated settings, with command-line overrides. */
export function syncOptionsFromSettings(
    settings: Settings,
    overrides: Partial<SyncOptions> = {}
): SyncOptions {
    return {
        overlapSeconds: settings.overlapSeconds,
        bulkThreshold: settings.bulkThreshold,
        maxFetch: DEFAULT_SYNC_OPTIONS.maxFetch,
        bulkPollIntervalMs: DEFAULT_SYNC_OPTIONS.bulkPollIntervalMs,
        activityHistoryDays: DEFAULT_SYNC_OPTIONS.activityHistoryDays,
        policyFile: settings.policyFile,
        journalDir: settings.journalDir,
        dryRun: false,
        apiReservePercent: settings.apiReservePercent,
        slackWebhookUrl: settings.slackWebhookUrl,
        connection: settings.connection,
        ...overrides
    };
}
