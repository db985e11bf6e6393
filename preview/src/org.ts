/**
 * The org behind the preview: a local org started in this process and seeded with the
 * sample org (as `npm start` does), or a running org reached with the worker's
 * connection settings. One sync cycle then brings the SLA fields up to date, so the
 * pages show what the worker would have written by now.
 */
import path from 'node:path';
import { generateSampleOrg, loadSampleOrg } from '../../scripts/sample-org';
import type { ScaleName } from '../../scripts/sample-org';
import { SAMPLE_ORG_SEED } from '../../sync-worker/src/cli/commands/start';
import type { ConnectionSettings } from '../../sync-worker/src/config/settings';
import { startLocalOrg, type LocalOrg } from '../../sync-worker/src/local-org';
import { getLogger } from '../../sync-worker/src/logging';
import { connectSalesforce, type SalesforceSession } from '../../sync-worker/src/salesforce';
import { DEFAULT_SYNC_OPTIONS, SyncWorker, type CycleReport } from '../../sync-worker/src/sync';

const logger = getLogger('preview.org');

/** Overlap of the change reads against an org on this machine's clock, in seconds. */
const LOCAL_OVERLAP_SECONDS = 30;

export interface PreviewOrgOptions {
    /** Connects to a running org with these settings instead of starting a local org. */
    readonly connection?: ConnectionSettings;
    /** Data folder of the started local org; an in-memory database when absent. */
    readonly dataDir?: string;
    /** Starts the local org from an empty database, seeded again. */
    readonly reset?: boolean;
    /** Size of the sample org a new database is seeded with. */
    readonly scale: ScaleName;
    /** Port of the started local org; 0 picks a free one. */
    readonly orgPort?: number;
    /** Runs one sync cycle before the pages are served. */
    readonly sync: boolean;
}

export interface PreviewOrg {
    readonly session: SalesforceSession;
    readonly instanceUrl: string;
    /** The started local org; null when the preview connected to a running one. */
    readonly localOrg: LocalOrg | null;
    /** Report of the sync cycle; null when none ran. */
    readonly syncReport: CycleReport | null;
    close(): Promise<void>;
}

async function startSeededOrg(options: PreviewOrgOptions): Promise<LocalOrg> {
    return startLocalOrg({
        port: options.orgPort ?? 0,
        ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
        ...(options.reset === undefined ? {} : { reset: options.reset }),
        seedData: (store) => {
            logger.info('Seeding the local org with the sample org', { scale: options.scale });
            const sampleOrg = generateSampleOrg({
                seed: SAMPLE_ORG_SEED,
                now: new Date(),
                scale: options.scale
            });
            loadSampleOrg(store, sampleOrg);
        }
    });
}

async function runOneCycle(
    session: SalesforceSession,
    localOrg: LocalOrg | null,
    options: PreviewOrgOptions
): Promise<CycleReport> {
    const worker = new SyncWorker(session, {
        ...DEFAULT_SYNC_OPTIONS,
        overlapSeconds: LOCAL_OVERLAP_SECONDS,
        policyFile: null,
        journalDir: options.dataDir === undefined ? null : path.join(options.dataDir, 'journal'),
        dryRun: false,
        slackWebhookUrl: null,
        connection: options.connection ?? null,
        ...(localOrg === null ? {} : { integrationUserId: localOrg.store.seeded.integrationUserId })
    });
    const report = await worker.runCycle(new Date());
    if (report.outcome === 'failure') {
        logger.warn(
            'The sync cycle failed, so the pages show the org as it was before the cycle.',
            { error: report.error ?? 'unknown' }
        );
    } else {
        logger.info('Sync cycle finished', {
            outcome: report.outcome,
            written: report.written,
            ms: report.durationMs
        });
    }
    return report;
}

/** Starts or connects to the org and runs the sync cycle when asked to. */
export async function openPreviewOrg(options: PreviewOrgOptions): Promise<PreviewOrg> {
    let localOrg: LocalOrg | null = null;
    let auth: ConnectionSettings;
    if (options.connection === undefined) {
        localOrg = await startSeededOrg(options);
        auth = {
            mode: 'access-token',
            instanceUrl: localOrg.instanceUrl,
            accessToken: localOrg.accessToken
        };
    } else {
        auth = options.connection;
    }
    try {
        const session = await connectSalesforce({ auth });
        const syncReport = options.sync ? await runOneCycle(session, localOrg, options) : null;
        const started = localOrg;
        return {
            session,
            instanceUrl: session.conn.instanceUrl,
            localOrg: started,
            syncReport,
            close: async () => {
                await started?.close();
            }
        };
    } catch (error) {
        await localOrg?.close();
        throw error;
    }
}
