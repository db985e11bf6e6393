/**
 * The orgs of the API-call benchmark. One settled template per org size: the sample org
 * loaded into a local org and a first worker cycle run on it, so that every decision
 * the sample org calls for is written. Each scenario copies the template twice, once
 * for the worker and once for the naive baseline, so both start from the same records.
 *
 * The template's org clock runs `SETUP_LAG_MS` behind the machine's. Every record of a
 * copy is then older than the overlap a later change read reaches back over, so the
 * measured cycle reads the scenario's changes and nothing left from the set-up.
 */
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
    describeSampleOrg,
    generateSampleOrg,
    loadSampleOrg,
    type GenerateOptions
} from '../sample-org';
import { startLocalOrg, type LocalOrg } from '../../sync-worker/src/local-org';
import type { OrgStore } from '../../sync-worker/src/local-org/store';
import { getLogger } from '../../sync-worker/src/logging';
import { connectSalesforce, type SalesforceSession } from '../../sync-worker/src/salesforce';
import { SyncWorker, type CycleReport, type SyncOptions } from '../../sync-worker/src/sync';

const logger = getLogger('bench.api-org');

/** Fixed token of every org the benchmark starts. It never expires. */
const BENCH_TOKEN = 'api-calls-bench-token';

/** How far the template's org clock runs behind the machine's, in milliseconds. */
const SETUP_LAG_MS = 2 * 3_600_000;

/** Daily API allowance of the benchmark's orgs: high enough that no reserve pause interferes. */
const DAILY_API_REQUESTS = 50_000_000;

/** Requests the request log keeps. The benchmark clears it before each measured step. */
const REQUEST_LOG_SIZE = 200_000;

/** Seed of the sample org, the same for every size. */
const SAMPLE_SEED = 20_270_801;

/** One org size of the benchmark. */
export interface OrgSize {
    /** Name in the tables: a preset name or a short description of the custom counts. */
    readonly label: string;
    readonly scale: NonNullable<GenerateOptions['scale']>;
}

/** A settled template in a data folder. */
export interface Template {
    readonly size: OrgSize;
    readonly dataDir: string;
    /** Records per object of the sample org. */
    readonly counts: Readonly<Record<string, number>>;
    /** The template worker's first cycle. */
    readonly firstCycle: CycleReport;
    readonly seconds: number;
}

/** Starts a local org on a data folder; a new folder is seeded by `seedData`. */
export function openOrg(
    dataDir: string,
    options: { clock?: () => Date; seedData?: (store: OrgStore) => void } = {}
): Promise<LocalOrg> {
    return startLocalOrg({
        dataDir,
        accessToken: BENCH_TOKEN,
        dailyApiRequests: DAILY_API_REQUESTS,
        requestLogSize: REQUEST_LOG_SIZE,
        ...options
    });
}

/** Options of a benchmark worker; `journalDir` keeps its journal and outbox out of the org folder. */
export function workerOptions(
    org: LocalOrg,
    journalDir: string | null,
    overrides: Partial<SyncOptions> = {}
): SyncOptions {
    return {
        overlapSeconds: 300,
        bulkThreshold: 10_000,
        maxFetch: 50_000,
        bulkPollIntervalMs: 50,
        activityHistoryDays: 365,
        policyFile: null,
        journalDir,
        dryRun: false,
        apiReservePercent: 10,
        slackWebhookUrl: null,
        integrationUserId: org.store.seeded.integrationUserId,
        connection: null,
        ...overrides
    };
}

/** Connects to `org` with its fixed token. */
export function connectTo(org: LocalOrg): Promise<SalesforceSession> {
    return connectSalesforce({
        auth: { mode: 'access-token', instanceUrl: org.instanceUrl, accessToken: org.accessToken }
    });
}

/** Creates a worker connected to `org` with the fixed token. */
export async function createWorker(org: LocalOrg, options: SyncOptions): Promise<SyncWorker> {
    return new SyncWorker(await connectTo(org), options);
}

/**
 * Builds the settled template of `size` in `folder`: generates the sample org with its
 * history up to `evaluationTime`, loads it, and runs a worker's first cycle at that time.
 * Throws when that cycle does not succeed.
 */
export async function buildTemplate(
    folder: string,
    size: OrgSize,
    evaluationTime: Date
): Promise<Template> {
    const started = Date.now();
    const dataDir = join(folder, 'org');
    let counts: Record<string, number> = {};
    const org = await openOrg(dataDir, {
        clock: () => new Date(Date.now() - SETUP_LAG_MS),
        seedData: (store) => {
            const sampleOrg = generateSampleOrg({
                seed: SAMPLE_SEED,
                now: evaluationTime,
                scale: size.scale
            });
            loadSampleOrg(store, sampleOrg);
            counts = { ...describeSampleOrg(sampleOrg).counts };
        }
    });
    try {
        const worker = await createWorker(org, workerOptions(org, join(folder, 'journal')));
        const firstCycle = await worker.runCycle(evaluationTime);
        if (firstCycle.outcome !== 'success') {
            throw new Error(
                `The first cycle on the ${size.label} template ended ${firstCycle.outcome}: ${firstCycle.error ?? `${firstCycle.failed} writes failed`}.`
            );
        }
        const seconds = (Date.now() - started) / 1000;
        logger.info('Template ready', {
            size: size.label,
            written: firstCycle.written,
            seconds: Math.round(seconds)
        });
        return { size, dataDir, counts, firstCycle, seconds };
    } finally {
        await org.close();
    }
}

/** Copies a template's data folder to `target`, replacing what was there. */
export function copyTemplate(template: Template, target: string): string {
    rmSync(target, { recursive: true, force: true });
    cpSync(template.dataDir, target, { recursive: true });
    return target;
}
