/**
 * Options and results of the sync cycle.
 */
import type { Policy } from '../config/policy-schema';
import type { ConnectionSettings } from '../config/settings';
import type { CycleOutcome } from './metrics';
import type { WritePlan } from './write-plan';

/** Settings of a sync worker. */
export interface SyncOptions {
    /** Seconds each change read reaches back before the watermark. */
    readonly overlapSeconds: number;
    /** Rows above which the first read of an object goes through Bulk API 2.0. */
    readonly bulkThreshold: number;
    /** Rows read at most per object and cycle by the change read. */
    readonly maxFetch: number;
    /** First wait between two polls of a Bulk API job, in milliseconds. */
    readonly bulkPollIntervalMs: number;
    /** Days of tasks and events the worker keeps, by `SystemModstamp`. */
    readonly activityHistoryDays: number;
    /** Policy JSON file that replaces the org's policy; null reads the org's custom metadata. */
    readonly policyFile: string | null;
    /** A policy to use as it is (tests); overrides `policyFile` and the org. */
    readonly policy?: Policy;
    /** Folder of the decision journal and the notification outbox; null keeps neither. */
    readonly journalDir: string | null;
    /** Computes and reports the plan of writes but writes nothing. */
    readonly dryRun: boolean;
    /** Percent of the daily API allowance left untouched; writing pauses before it. */
    readonly apiReservePercent: number;
    readonly slackWebhookUrl: string | null;
    /** Accepts an `http://127.0.0.1` Slack URL; for tests with a loopback stand-in. */
    readonly allowLoopbackSlack?: boolean;
    /**
     * The integration user's Id; undefined queries the org once, null recognises the
     * worker's own writes by their values alone.
     */
    readonly integrationUserId?: string | null;
    /** Connection settings, to find the integration user by username in the JWT mode. */
    readonly connection: ConnectionSettings | null;
}

/** Defaults of the options that have one. */
export const DEFAULT_SYNC_OPTIONS = {
    overlapSeconds: 300,
    bulkThreshold: 10_000,
    maxFetch: 50_000,
    bulkPollIntervalMs: 1_000,
    activityHistoryDays: 365,
    apiReservePercent: 10
} as const;

/** Scope of the cycle's evaluation. */
export type CycleKind =
    /** First cycle of the process: the org was read whole and evaluated whole. */
    | 'initial'
    /** The whole mirror was evaluated (a new day, a setup change). */
    | 'full'
    /** Only the people and accounts that changes or time touched, with their context. */
    | 'focused'
    /** Nothing changed and nothing fell due: no evaluation. */
    | 'idle';

/** Decisions of a cycle, counted for the summary. */
export interface DecisionCounts {
    routed: number;
    clocksOpened: number;
    warnings: number;
    breaches: number;
    /** Breaches by escalation (`Action__c`): Reminder, Manager Notified, Reassigned, ... */
    escalations: Record<string, number>;
    ownerChanges: number;
    /** New reviews by type: Rep Breach Review, Team Remediation, Marketing Probation, ... */
    reviews: Record<string, number>;
    disputeClocks: number;
    notifications: number;
    /** Records the engine skipped as bad input. */
    badRecords: number;
}

/** Records a cycle skipped as bad input: invalid when read, or unusable by the policy engine. */
export interface BadRecordCounts {
    readonly count: number;
    /** The same records counted by `Object: reason`, such as `Lead: Intent_Score__c: expected a number`. */
    readonly byReason: Readonly<Record<string, number>>;
}

/** Everything one cycle did. */
export interface CycleReport {
    readonly cycle: number;
    readonly kind: CycleKind;
    readonly outcome: CycleOutcome;
    readonly error: string | null;
    readonly startedAt: Date;
    readonly finishedAt: Date;
    /** The evaluation time (`--now`, or the clock). */
    readonly now: Date;
    readonly recordsRead: number;
    /** Records that changed for the policy (echoes and re-reads excluded). */
    readonly recordsChanged: number;
    readonly echoes: number;
    readonly written: number;
    readonly failed: number;
    readonly skipped: number;
    readonly apiCalls: number;
    readonly durationMs: number;
    readonly focus: { readonly people: number; readonly accounts: number };
    readonly decisions: DecisionCounts;
    readonly badRecords: BadRecordCounts;
    readonly notificationsSent: number;
    /** The plan of writes, when the cycle evaluated. */
    readonly plan: WritePlan | null;
    /** Reason writing paused (API reserve or limit), when it did. */
    readonly pausedReason: string | null;
}
