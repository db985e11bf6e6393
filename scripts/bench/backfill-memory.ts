/**
 * Memory profile of a first sync, step by step: where the worker's memory goes during a
 * backfill. It seeds an org like the backfill benchmark and serves it with `lead-sla
 * local-org` in another process. Then it runs the steps of the worker's first cycle in
 * this process with the worker's own functions: the initial read into the mirror, the
 * full evaluation and its plan (`evaluateStep`), and the writes (`executePlan`). After
 * each step it collects garbage and records the V8 heap still in use, so the
 * differences are what each step keeps: the mirror, the evaluation, the plan. It also
 * records the peak resident set size after each step, which includes what a step
 * allocated only while it ran. At the end it empties the mirror object by object to
 * weigh each object's records.
 *
 * NOTE: this mirrors the order of `SyncWorker`'s first cycle (read, evaluate and plan,
 * write) but not its bookkeeping (journal, outbox, notifications); the benchmark's
 * `lead-sla sync` run remains the measurement of record.
 *
 *   npm run build && npx node --expose-gc --max-old-space-size=8192 --disable-warning=ExperimentalWarning dist/scripts/bench/backfill-memory.js --leads 100000
 *
 * Options: --leads N (default 100000), --signals-per-lead N (default 10), --seed N,
 * --weigh-after-read (weigh the mirror's objects right after the read, before anything
 * is evaluated or written), --json FILE.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { OrgStore } from '../../sync-worker/src/local-org/store';
import { resolveForceAppDir } from '../../sync-worker/src/local-org/force-app-location';
import { ApiReserve, connectSalesforce, RestClient } from '../../sync-worker/src/salesforce';
import type { Policy } from '../../sync-worker/src/config/policy-schema';
import { loadOrgSchema } from '../../sync-worker/src/schema';
import { evaluateStep, type EvaluationStep } from '../../sync-worker/src/sync/evaluation';
import { readInitial } from '../../sync-worker/src/sync/initial-read';
import { OrgMirror } from '../../sync-worker/src/sync/mirror';
import { MIRRORED_OBJECTS, type MirroredObject } from '../../sync-worker/src/sync/objects';
import { loadPolicy } from '../../sync-worker/src/sync/policy-source';
import { Seeds } from '../../sync-worker/src/sync/seeds';
import { DEFAULT_SYNC_OPTIONS } from '../../sync-worker/src/sync/types';
import { Watermarks } from '../../sync-worker/src/sync/watermarks';
import { executePlan } from '../../sync-worker/src/sync/write-execution';
import type { WritePlan } from '../../sync-worker/src/sync/write-plan';
import { seedBackfillOrg } from './backfill-org';
import { startLeadSla, stopChild } from './backfill-processes';
import { formatCount, formatDuration, reportSection } from './section';

interface Measure {
    readonly step: string;
    readonly heapMb: number;
    readonly peakRssMb: number;
    readonly ms: number;
}

function collect(): void {
    const gc = (globalThis as { gc?: () => void }).gc;
    if (gc === undefined) {
        throw new Error(
            'global.gc is missing: run with node --expose-gc, because the profile collects garbage between steps.'
        );
    }
    gc();
    gc();
}

function heapMb(): number {
    collect();
    return Math.round(process.memoryUsage().heapUsed / 1024 / 1024);
}

function peakMb(): number {
    return Math.round(process.resourceUsage().maxRSS / 1024);
}

async function measured<T>(
    step: string,
    measures: Measure[],
    run: () => Promise<T> | T
): Promise<T> {
    const started = performance.now();
    const value = await run();
    measures.push({ step, heapMb: heapMb(), peakRssMb: peakMb(), ms: performance.now() - started });
    return value;
}

/** Removes every record of `object` from the mirror; returns how many there were. */
function removeAll(mirror: OrgMirror, object: MirroredObject): number {
    const ids = mirror.list(object).map((record) => record.Id);
    for (const id of ids) {
        mirror.remove(object, id);
    }
    return ids.length;
}

/** Heap each object's records keep, found by removing them one object at a time. */
function weighObjects(mirror: OrgMirror): string[][] {
    const rows: string[][] = [];
    let before = heapMb();
    for (const object of MIRRORED_OBJECTS) {
        const count = removeAll(mirror, object);
        const after = heapMb();
        if (count > 0) {
            rows.push([
                `mirror: ${formatCount(count)} ${object}`,
                `${formatCount(before - after)} MB`
            ]);
        }
        before = after;
    }
    return rows;
}

/** Results of the evaluation step, referenced only from here, so that clearing a field frees it. */
interface HeldResults {
    step: EvaluationStep | null;
    plan: WritePlan | null;
}

function planOf(held: HeldResults): WritePlan {
    if (held.plan === null) {
        throw new Error('The plan was dropped before the writes ran.');
    }
    return held.plan;
}

/** Runs the evaluation, plan and writes of a first cycle, measuring the heap as each result is dropped. */
async function evaluateAndWrite(
    client: RestClient,
    mirror: OrgMirror,
    policy: Policy,
    now: Date,
    measures: Measure[]
): Promise<void> {
    const held: HeldResults = { step: null, plan: null };
    held.step = await measured('evaluation and plan', measures, () =>
        evaluateStep(mirror, new Seeds(), policy, now, true)
    );
    held.plan = held.step.plan;
    held.step = null;
    await measured('evaluation dropped, plan kept', measures, () => undefined);
    await measured('writes executed', measures, () =>
        executePlan(client, mirror, planOf(held), {
            reserve: new ApiReserve(client, DEFAULT_SYNC_OPTIONS.apiReservePercent)
        })
    );
    held.plan = null;
    await measured('plan dropped', measures, () => undefined);
}

async function main(): Promise<void> {
    const { values } = parseArgs({
        options: {
            leads: { type: 'string', default: '100000' },
            'signals-per-lead': { type: 'string', default: '10' },
            seed: { type: 'string', default: '42' },
            'weigh-after-read': { type: 'boolean', default: false },
            json: { type: 'string' }
        }
    });
    const leads = Number(values.leads);
    const sizes = {
        leads,
        accounts: Math.max(1, Math.round(leads / 10)),
        signals: leads * Number(values['signals-per-lead'])
    };
    const dir = mkdtempSync(join(tmpdir(), 'lead-sla-backfill-memory-'));
    const orgDir = join(dir, 'org');
    const token = randomBytes(24).toString('hex');
    const store = new OrgStore({
        schema: loadOrgSchema(resolveForceAppDir()),
        dataDir: orgDir,
        reset: true
    });
    const counts = seedBackfillOrg(store, sizes, new Date(), Number(values.seed)).counts;
    store.close();
    const org = startLeadSla({
        args: ['local-org', '--port', '0', '--data-dir', orgDir],
        env: { LOCAL_ORG_ACCESS_TOKEN: token, LOG_LEVEL: 'warn' }
    });
    try {
        const [, instanceUrl] = await org.waitForText(/Local org listening on (\S+)/, 120_000);
        const measures: Measure[] = [];
        const now = new Date();
        const client = new RestClient(
            await connectSalesforce({
                auth: { mode: 'access-token', instanceUrl: instanceUrl ?? '', accessToken: token }
            })
        );
        const policy = await measured('connected, policy read', measures, () =>
            loadPolicy(client, null)
        );
        const mirror = new OrgMirror();
        await measured('initial read: the mirror', measures, () =>
            readInitial(client, mirror, new Watermarks(), {
                windows: {
                    signalDays: policy.scoringWindowDays,
                    activityDays: DEFAULT_SYNC_OPTIONS.activityHistoryDays
                },
                bulkThreshold: DEFAULT_SYNC_OPTIONS.bulkThreshold,
                bulkPollIntervalMs: DEFAULT_SYNC_OPTIONS.bulkPollIntervalMs,
                now,
                overlapSeconds: DEFAULT_SYNC_OPTIONS.overlapSeconds
            })
        );
        if (!values['weigh-after-read']) {
            await evaluateAndWrite(client, mirror, policy, now, measures);
        }
        const weights = weighObjects(mirror);
        reportSection(
            {
                title: `Backfill memory by step: ${formatCount(leads)} leads`,
                columns: ['Step', 'Heap in use after', 'Peak RSS so far', 'Time'],
                rows: [
                    ...measures.map((measure) => [
                        measure.step,
                        `${formatCount(measure.heapMb)} MB`,
                        `${formatCount(measure.peakRssMb)} MB`,
                        formatDuration(measure.ms)
                    ]),
                    ...weights.map(([label, size]) => [label ?? '', size ?? '', '', ''])
                ],
                goals: [],
                checks: [],
                notes: [
                    `Seeded ${Object.entries(counts)
                        .map(([object, count]) => `${formatCount(count)} ${object}`)
                        .join(', ')}.`,
                    'Heap in use is measured after a forced garbage collection, so it is what the step keeps; the peak RSS also holds what it allocated only while it ran.'
                ]
            },
            values.json
        );
    } finally {
        await stopChild(org, 60_000);
        rmSync(dir, { recursive: true, force: true });
    }
}

main().catch((error: unknown) => {
    process.stderr.write(
        `backfill-memory: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`
    );
    process.exitCode = 1;
});
