/**
 * One first sync of the backfill benchmark: seed an org of the given size into a new
 * data folder, serve it with `lead-sla local-org` in one process, run `lead-sla sync
 * --once` against it in another, then check the decisions it wrote. Each process's peak
 * memory comes from the probe preloaded into it.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OrgStore } from '../../sync-worker/src/local-org/store';
import { resolveForceAppDir } from '../../sync-worker/src/local-org/force-app-location';
import { loadOrgSchema } from '../../sync-worker/src/schema';
import { captureSample, checkSample, type CheckResult } from './backfill-check';
import { seedBackfillOrg, type BackfillSizes } from './backfill-org';
import {
    readProbe,
    startLeadSla,
    stopChild,
    type ChildExit,
    type ProbeReport
} from './backfill-processes';
import { queryAllRows, readOrgPolicy } from './backfill-store';
import { buildTimeline, type Timeline } from './backfill-timeline';

/** Settings of one run. */
export interface RunSettings {
    readonly sizes: BackfillSizes;
    readonly seed: number;
    /** Accounts in the self-check's sample. */
    readonly sampleAccounts: number;
    /** Node.js flags of the worker process (heap ceiling, profilers). */
    readonly workerNodeFlags: readonly string[];
    readonly timeoutMs: number;
    /** Folder that keeps each size's data and logs in `<leads>-leads/`; null removes everything. */
    readonly keepDir: string | null;
}

/** Everything one run measured. */
export interface RunResult {
    readonly sizes: BackfillSizes;
    readonly seedSeconds: number;
    readonly wallMs: number;
    readonly exit: ChildExit;
    readonly timedOut: boolean;
    readonly timeline: Timeline;
    readonly worker: ProbeReport;
    readonly org: ProbeReport;
    /** Signals in the scoring window at the worker's evaluation time: what it should read. */
    readonly signalsInWindow: number | null;
    readonly check: CheckResult | null;
    /** Last lines the worker printed that are not JSON logs (a crash report). */
    readonly workerText: readonly string[];
    readonly workerErrors: readonly string[];
}

const DAY_MS = 86_400_000;

function openStore(dataDir: string, reset: boolean): OrgStore {
    return new OrgStore({
        schema: loadOrgSchema(resolveForceAppDir()),
        dataDir,
        reset
    });
}

function countSignalsInWindow(store: OrgStore, now: Date, windowDays: number): number {
    const cutoff = new Date(now.getTime() - windowDays * DAY_MS).toISOString();
    const [row] = queryAllRows(
        store,
        `SELECT COUNT(Id) total FROM Engagement_Signal__c WHERE Occurred_At__c >= ${cutoff}`
    );
    return Number(row?.total ?? Number.NaN);
}

async function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => void): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
            onTimeout();
            reject(new Error(`The worker timed out after ${ms} ms.`));
        }, ms);
    });
    try {
        return await Promise.race([promise, timeout]);
    } finally {
        clearTimeout(timer);
    }
}

/** What the two processes of one sync left behind. */
interface SyncRun {
    readonly wallMs: number;
    readonly exit: ChildExit;
    readonly timedOut: boolean;
    readonly timeline: Timeline;
    readonly worker: ProbeReport;
    readonly org: ProbeReport;
    readonly workerText: readonly string[];
    readonly workerErrors: readonly string[];
}

/** Serves the seeded org from `dir` and runs `lead-sla sync --once` against it; stops both. */
async function syncOnce(dir: string, settings: RunSettings): Promise<SyncRun> {
    const token = randomBytes(24).toString('hex');
    const orgProbe = join(dir, 'local-org.probe');
    const workerProbe = join(dir, 'worker.probe');
    const org = startLeadSla({
        args: ['local-org', '--port', '0', '--data-dir', join(dir, 'org')],
        env: { LOCAL_ORG_ACCESS_TOKEN: token, LOG_LEVEL: 'debug' },
        probeFile: orgProbe
    });
    try {
        const [, instanceUrl] = await org.waitForText(/Local org listening on (\S+)/, 120_000);
        const startedAt = Date.now();
        const worker = startLeadSla({
            args: ['sync', '--once'],
            env: {
                SF_INSTANCE_URL: instanceUrl ?? '',
                SF_ACCESS_TOKEN: token,
                JOURNAL_DIR: join(dir, 'journal'),
                LOG_LEVEL: 'info'
            },
            cwd: dir,
            nodeFlags: settings.workerNodeFlags,
            probeFile: workerProbe
        });
        let timedOut = false;
        const exit = await withTimeout(worker.exited, settings.timeoutMs, () => {
            timedOut = true;
        }).catch(async () => stopChild(worker, 30_000));
        const wallMs = Date.now() - startedAt;
        await stopChild(org, 60_000);
        writeFileSync(
            join(dir, 'worker.log'),
            [...worker.logs.map((line) => JSON.stringify(line)), ...worker.text].join('\n')
        );
        writeFileSync(
            join(dir, 'local-org.log'),
            [...org.logs.map((line) => JSON.stringify(line)), ...org.text].join('\n')
        );
        const workerReport = readProbe(workerProbe);
        return {
            wallMs,
            exit,
            timedOut,
            timeline: buildTimeline(worker.logs, org.logs, workerReport, startedAt),
            worker: workerReport,
            org: readProbe(orgProbe),
            workerText: worker.text.slice(-30),
            workerErrors: worker.logs
                .filter((line) => line.level === 'error')
                .map((line) => line.message)
                .slice(0, 10)
        };
    } finally {
        await stopChild(org, 60_000);
    }
}

/** Seeds, syncs and checks one org size. */
export async function runBackfill(settings: RunSettings): Promise<RunResult> {
    const dir =
        settings.keepDir === null
            ? mkdtempSync(join(tmpdir(), 'lead-sla-backfill-'))
            : join(settings.keepDir, `${settings.sizes.leads}-leads`);
    const orgDir = join(dir, 'org');
    // A kept folder may hold an earlier run's probes and journal, whose pending plan the
    // worker would try to finish, so every run starts from an empty folder.
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    try {
        const seedStore = openStore(orgDir, true);
        const seeded = seedBackfillOrg(seedStore, settings.sizes, new Date(), settings.seed);
        const sample = captureSample(seedStore, seeded, settings.sizes, settings.sampleAccounts);
        seedStore.close();

        const run = await syncOnce(dir, settings);
        const summary = run.timeline.summary;
        let check: CheckResult | null = null;
        let signalsInWindow: number | null = null;
        if (summary !== null) {
            const store = openStore(orgDir, false);
            try {
                const policy = readOrgPolicy(store);
                signalsInWindow = countSignalsInWindow(
                    store,
                    summary.now,
                    policy.scoringWindowDays
                );
                check = checkSample(store, sample, policy, summary.now);
            } finally {
                store.close();
            }
        }
        return {
            ...run,
            sizes: settings.sizes,
            seedSeconds: seeded.seconds,
            signalsInWindow,
            check
        };
    } finally {
        if (settings.keepDir === null) {
            rmSync(dir, { recursive: true, force: true });
        }
    }
}
