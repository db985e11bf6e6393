/**
 * One schedule of the latency benchmark: start `lead-sla sync` on the schedule, wait
 * for its first cycle, create the leads at random gaps, wait for every write-back, then
 * stop the worker with SIGTERM as an operator would.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Connection } from 'jsforce';
import type { Policy } from '../../sync-worker/src/config/policy-schema';
import type { LocalOrg } from '../../sync-worker/src/local-org';
import { startLeadSla, stopChild, type Child, type ChildExit } from './backfill-processes';
import type { SetupRecords } from './backfill-store';
import { isCycleSummary } from './backfill-timeline';
import { createLead, profileOf } from './latency-leads';
import { WriteBackWatcher, type RoutedLead } from './latency-watch';

/** Settings of one schedule run. */
export interface ScheduleRun {
    readonly label: string;
    /** node-cron expression; six fields give seconds. */
    readonly expression: string;
    readonly periodMs: number;
    readonly leads: number;
    /** Mean gap between two created leads, in milliseconds. */
    readonly meanGapMs: number;
}

/** Everything a schedule run needs from the benchmark. */
export interface RunContext {
    readonly org: LocalOrg;
    /** Signed in as the admin user. */
    readonly conn: Connection;
    /** Fixed access token of the integration user, for the worker. */
    readonly token: string;
    readonly dir: string;
    readonly policy: Policy;
    readonly setup: SetupRecords;
    readonly pollMs: number;
    readonly random: () => number;
    /** Called once the worker's first cycle is done, before the first lead is created. */
    readonly onFirstCycle: () => void;
}

/** Latency figures in milliseconds. */
export interface LatencyStats {
    readonly median: number;
    readonly p95: number;
    readonly min: number;
    readonly max: number;
}

/** The worker's cycles while leads were measured. */
export interface CycleStats {
    readonly count: number;
    readonly medianMs: number | null;
    readonly skippedTicks: number;
    /** API calls of those cycles per created lead. */
    readonly callsPerLead: number | null;
}

export interface ScheduleResult {
    readonly run: ScheduleRun;
    readonly routed: readonly RoutedLead[];
    readonly latency: LatencyStats | null;
    readonly cycles: CycleStats;
    readonly exit: ChildExit;
}

/** Time the worker has for its first cycle over the background org. */
const FIRST_CYCLE_TIMEOUT_MS = 15 * 60_000;

/** Time after the last lead for the write-backs: two periods and two minutes of cycle time. */
function settleTimeoutMs(run: ScheduleRun): number {
    return 2 * run.periodMs + 120_000;
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], fraction: number): number {
    const rank = Math.max(1, Math.ceil(fraction * sorted.length));
    return sorted[rank - 1] ?? Number.NaN;
}

function latencyOf(routed: readonly RoutedLead[]): LatencyStats | null {
    const sorted = routed.map((lead) => lead.latencyMs).sort((a, b) => a - b);
    if (sorted.length === 0) {
        return null;
    }
    return {
        median: percentile(sorted, 0.5),
        p95: percentile(sorted, 0.95),
        min: sorted[0] ?? Number.NaN,
        max: sorted.at(-1) ?? Number.NaN
    };
}

function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitUntil(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
        if (Date.now() > deadline) {
            throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
        }
        await sleep(100);
    }
}

/** Cycles that ended after `since`, from the worker's summary lines. */
function cyclesOf(worker: Child, since: number, leads: number): CycleStats {
    const summaries = worker.logs.filter(
        (line) => isCycleSummary(line) && Date.parse(line.timestamp) >= since
    );
    const durations = summaries.map((line) => Number(line.durationMs)).sort((a, b) => a - b);
    const calls = summaries.reduce((sum, line) => sum + Number(line.apiCalls), 0);
    return {
        count: summaries.length,
        medianMs: durations.length === 0 ? null : percentile(durations, 0.5),
        skippedTicks: worker.logs.filter(
            (line) =>
                line.message.startsWith('Skipped a scheduled cycle') &&
                Date.parse(line.timestamp) >= since
        ).length,
        callsPerLead: leads === 0 ? null : calls / leads
    };
}

/** Exponential gap with the run's mean, at least 100 ms. */
function nextGap(run: ScheduleRun, random: () => number): number {
    return Math.max(100, -Math.log(1 - random()) * run.meanGapMs);
}

/** Runs the worker on one schedule and measures the latency of `run.leads` new leads. */
export async function measureSchedule(
    context: RunContext,
    run: ScheduleRun
): Promise<ScheduleResult> {
    const worker = startLeadSla({
        args: ['sync'],
        env: {
            SF_INSTANCE_URL: context.org.instanceUrl,
            SF_ACCESS_TOKEN: context.token,
            SYNC_SCHEDULE: run.expression,
            HEALTH_PORT: '0',
            JOURNAL_DIR: join(context.dir, 'journal'),
            LOG_LEVEL: 'info'
        },
        cwd: context.dir
    });
    const watcher = new WriteBackWatcher(
        context.org.store,
        context.setup,
        context.policy,
        context.pollMs
    );
    try {
        await waitUntil(
            () => worker.logs.some((line) => isCycleSummary(line)),
            FIRST_CYCLE_TIMEOUT_MS,
            `the first cycle on the ${run.label} schedule`
        );
        context.onFirstCycle();
        watcher.start();
        const since = Date.now();
        const runName = run.expression.split(' ').length === 6 ? 'fast' : 'minute';
        for (let index = 0; index < run.leads; index++) {
            await sleep(nextGap(run, context.random));
            const id = await createLead(context.conn, runName, index);
            const profile = profileOf(index);
            watcher.watch(id, profile.name, profile.expectedDecision);
        }
        await waitUntil(
            () => watcher.waiting === 0,
            settleTimeoutMs(run),
            `the write-back of every lead on the ${run.label} schedule`
        ).catch((error: unknown) => {
            // The results count the routed leads, and the self-check fails on the rest.
            process.stderr.write(`latency: ${String(error)}\n`);
        });
        watcher.stop();
        const cycles = cyclesOf(worker, since, run.leads);
        const exit = await stopChild(worker, 120_000);
        const routed = watcher.results();
        return { run, routed, latency: latencyOf(routed), cycles, exit };
    } finally {
        watcher.stop();
        await stopChild(worker, 10_000);
        const logFile = join(context.dir, `worker-${run.expression.split(' ').length}-fields.log`);
        writeFileSync(logFile, worker.logs.map((line) => JSON.stringify(line)).join('\n'));
    }
}
