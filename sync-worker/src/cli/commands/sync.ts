import type { Command } from 'commander';
import { loadSettings, type Settings } from '../../config/settings';
import { getLogger } from '../../logging';
import { connectSalesforce } from '../../salesforce';
import {
    journalLinesOfPlan,
    runService,
    syncOptionsFromSettings,
    SyncWorker,
    type CycleReport
} from '../../sync';

const logger = getLogger('sync.cli');

/** Exit status of `sync --once`: 0 success, 1 failure, 2 some records failed or waited. */
export const EXIT_STATUS = { success: 0, failure: 1, partial: 2 } as const;

interface SyncCommandOptions {
    once?: boolean;
    dryRun?: boolean;
    now?: string;
    policy?: string;
}

/** Parses `--now`: an ISO 8601 time with a time zone offset or `Z`. */
export function parseNow(text: string): Date {
    const withZone = /T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;
    const parsed = new Date(text);
    if (!withZone.test(text) || Number.isNaN(parsed.getTime())) {
        throw new Error(
            `--now ${JSON.stringify(text)} is invalid; expected an ISO 8601 time with a zone, such as 2027-03-10T15:00:00Z.`
        );
    }
    return parsed;
}

/** Connects with the settings' connection mode and creates the worker. */
async function createWorker(settings: Settings, options: SyncCommandOptions): Promise<SyncWorker> {
    if (settings.connection === null) {
        throw new Error('No Salesforce connection is set up; see docs/operations.md.');
    }
    const session = await connectSalesforce({
        auth: settings.connection,
        apiVersion: settings.apiVersion
    });
    return new SyncWorker(
        session,
        syncOptionsFromSettings(settings, {
            dryRun: options.dryRun === true,
            policyFile: options.policy ?? settings.policyFile
        })
    );
}

/** Prints a dry run's plan: one JSON line per planned write, in write order. */
function printPlan(report: CycleReport): void {
    const lines = report.plan === null ? [] : journalLinesOfPlan(report.plan);
    process.stdout.write(lines.length === 0 ? '' : `${lines.join('\n')}\n`);
}

async function runSync(options: SyncCommandOptions): Promise<void> {
    const once = options.once === true || options.dryRun === true;
    const now = options.now === undefined ? undefined : parseNow(options.now);
    if (now !== undefined && !once) {
        throw new Error(
            '--now needs --once (or --dry-run): a schedule always evaluates at the time of each cycle.'
        );
    }
    const settings = loadSettings();
    const worker = await createWorker(settings, options);
    if (once) {
        const report = await worker.runCycle(now ?? new Date());
        if (options.dryRun === true) {
            printPlan(report);
        }
        process.exitCode = EXIT_STATUS[report.outcome];
        return;
    }
    const service = await runService(worker, {
        expression: settings.syncSchedule,
        healthPort: settings.healthPort,
        runImmediately: true
    });
    logger.info(
        'Sync worker running; SIGTERM or SIGINT stops it after the write batch in flight.',
        {
            schedule: settings.syncSchedule,
            health: `${service.health.url}/healthz`
        }
    );
    await service.stopped;
    process.exitCode = 0;
}

/**
 * `lead-sla sync`: the sync worker against the org of the settings, on its schedule or
 * once.
 */
export function registerSyncCommand(program: Command): void {
    program
        .command('sync')
        .description(
            'Sync with Salesforce: read what changed, evaluate the SLA policy and write the difference back, on the SYNC_SCHEDULE cron schedule (every minute by default).'
        )
        .option(
            '--once',
            'run one cycle and exit; exit status 0 when it succeeded, 1 when it failed, 2 when some records failed or waited for the API reserve'
        )
        .option(
            '--dry-run',
            'run one cycle that reads and evaluates but writes nothing; prints each planned write as a JSON line on standard output'
        )
        .option(
            '--now <time>',
            "evaluate the policy at this ISO 8601 time with a zone (such as 2027-03-10T15:00:00Z) instead of the clock; with --once or --dry-run only; watermarks still use the org's timestamps"
        )
        .option(
            '--policy <file>',
            "policy JSON file that replaces the org's policy (custom metadata); also POLICY_FILE"
        )
        .addHelpText(
            'after',
            '\nSettings come from the environment or .env: the connection (see docs/operations.md), SYNC_SCHEDULE, HEALTH_PORT, API_RESERVE_PERCENT, JOURNAL_DIR, BULK_THRESHOLD, OVERLAP_SECONDS, SLACK_WEBHOOK_URL, LOG_LEVEL and LOG_FORMAT.\n'
        )
        .action(async (options: SyncCommandOptions) => {
            await runSync(options);
        });
}
