import { resolve } from 'node:path';
import type { Command } from 'commander';
import {
    describeSampleOrg,
    generateSampleOrg,
    loadSampleOrg
} from '../../../../scripts/sample-org';
import { loadSettings } from '../../config/settings';
import { startLocalOrg, type LocalOrg } from '../../local-org';
import { getLogger } from '../../logging';
import { connectSalesforce } from '../../salesforce';
import {
    describeFirstCycle,
    runService,
    syncOptionsFromSettings,
    SyncWorker,
    type CycleReport,
    type RunningService
} from '../../sync';

const logger = getLogger('sync.start');

/** Folder of the local org's data, under the project. */
export const START_DATA_DIR = '.local-org';

/** Overlap of the change reads against the local org, in seconds, unless OVERLAP_SECONDS is set. */
const LOCAL_OVERLAP_SECONDS = 30;

/** Seed of the sample org, fixed so that every first start shows the same org. */
export const SAMPLE_ORG_SEED = 20_270_301;

/** Starts the local org, seeding a new data folder with the standard-scale sample org. */
async function startSeededOrg(dataDir: string): Promise<LocalOrg> {
    const seeded: { summary: string | null } = { summary: null };
    const org = await startLocalOrg({
        dataDir,
        seedData: (store) => {
            process.stdout.write(
                'Seeding the local org with the sample org (first start only)...\n'
            );
            const sampleOrg = generateSampleOrg({
                seed: SAMPLE_ORG_SEED,
                now: new Date(),
                scale: 'standard'
            });
            loadSampleOrg(store, sampleOrg);
            seeded.summary = describeSampleOrg(sampleOrg).summary;
        }
    });
    process.stdout.write(
        [
            `Local org listening on ${org.instanceUrl} (data in ${dataDir}).`,
            seeded.summary ??
                'Using the data of an earlier start; delete the folder to start over.',
            ''
        ].join('\n')
    );
    return org;
}

/** Starts the health endpoint on the configured port, or on a free one when that port is taken. */
async function startService(
    worker: SyncWorker,
    schedule: string,
    port: number,
    onReport: (report: CycleReport) => void
): Promise<RunningService> {
    const options = { expression: schedule, runImmediately: true, onReport };
    try {
        return await runService(worker, { ...options, healthPort: port });
    } catch (error) {
        logger.warn(`Port ${port} of the health endpoint is taken; using a free port.`, {
            error: error instanceof Error ? error.message : String(error)
        });
        return runService(worker, { ...options, healthPort: 0 });
    }
}

async function runStart(program: Command): Promise<void> {
    const settings = loadSettings({ requireConnection: false });
    const dataDir = resolve(START_DATA_DIR);
    const org = await startSeededOrg(dataDir);
    try {
        const session = await connectSalesforce({
            auth: {
                mode: 'access-token',
                instanceUrl: org.instanceUrl,
                accessToken: org.accessToken
            },
            apiVersion: settings.apiVersion
        });
        const worker = new SyncWorker(
            session,
            syncOptionsFromSettings(settings, {
                connection: null,
                integrationUserId: org.store.seeded.integrationUserId,
                // Unless JOURNAL_DIR is set, the journal sits with the local org's data.
                ...(process.env.JOURNAL_DIR === undefined
                    ? { journalDir: resolve(START_DATA_DIR, 'journal') }
                    : {}),
                // The local org runs on this machine's clock, so no clock skew needs the long overlap.
                ...(process.env.OVERLAP_SECONDS === undefined
                    ? { overlapSeconds: LOCAL_OVERLAP_SECONDS }
                    : {})
            })
        );
        const reportCommand = program.commands.some((command) => command.name() === 'report');
        let healthUrl: string | null = null;
        let firstReported = false;
        const service = await startService(
            worker,
            settings.syncSchedule,
            settings.healthPort,
            (report) => {
                if (firstReported) {
                    return;
                }
                firstReported = true;
                process.stdout.write(
                    describeFirstCycle(report, {
                        journalFile: worker.journalFile(report.finishedAt),
                        healthUrl,
                        extraCommands: reportCommand
                            ? ['npx lead-sla report     the SLA report of the org']
                            : []
                    })
                );
            }
        );
        healthUrl = service.health.url;
        process.stdout.write(
            `Sync worker started: a cycle now, then on the schedule "${settings.syncSchedule}". Health: ${healthUrl}/healthz\n`
        );
        await service.stopped;
    } finally {
        await org.close();
    }
    process.exitCode = 0;
}

/**
 * `lead-sla start`: the command behind `npm start`. Starts the local org in this process
 * with its data under `.local-org/` (seeded with the standard-scale sample org on the
 * first start), then runs the sync worker against it on its schedule until Ctrl+C.
 */
export function registerStartCommand(program: Command): void {
    program
        .command('start')
        .description(
            'Run the main job on this machine: a local org with sample data (in .local-org/) and the sync worker on its schedule, until Ctrl+C.'
        )
        .addHelpText(
            'after',
            '\nThe first start generates the sample org (a few minutes); later starts reuse it. Settings such as SYNC_SCHEDULE, HEALTH_PORT and JOURNAL_DIR apply as for `lead-sla sync`.\n'
        )
        .action(async () => {
            await runStart(program);
        });
}
