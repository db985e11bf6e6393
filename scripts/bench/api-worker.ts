/**
 * The worker's side of one scenario: a fresh worker loads a copy of the template, the
 * scenario's leads change, and one cycle runs. Its calls are counted three ways: by the
 * worker's own meter (the cycle report's `apiCalls`), by the org's API usage counter
 * and by the top-level requests in the org's request log.
 */
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { LocalOrg, LoggedRequest } from '../../sync-worker/src/local-org';
import {
    coldObjectsFor,
    HOT_OBJECTS,
    type MirroredObject
} from '../../sync-worker/src/sync/objects';
import { changeReadSoql } from '../../sync-worker/src/sync/queries';
import type { CycleReport, SyncWorker } from '../../sync-worker/src/sync';
import type { WritePlan } from '../../sync-worker/src/sync/write-plan';
import { applyChanges, storeRows, type AppliedChanges } from './api-changes';
import { createWorker, workerOptions } from './api-org';

/** The change query of one polled object, as the measured cycle sends it. */
export interface PolledObject {
    readonly object: MirroredObject;
    readonly soql: string;
    /** Rows the query returns: the object's changed records. */
    readonly rows: number;
}

/** Calls of one measured step, counted three ways. */
export interface CallCount {
    /** The client's own count: the meter of its session, which the cycle report gives. */
    readonly client: number;
    /** Change of the org's API usage counter (`Sforce-Limit-Info`). */
    readonly usage: number;
    /** Top-level REST requests in the org's request log. */
    readonly logged: number;
    /** Logged requests that read (queries, or Composite requests of queries only). */
    readonly reads: number;
    /** Logged requests that wrote records (single records, collections, Composite requests of them). */
    readonly writes: number;
}

const REST_PATH = /^\/services\/data\/v\d+\.\d+\/(.*)$/;

/** True for a request path of a REST query (first page or a later one). */
function isQueryPath(path: string): boolean {
    return /^(query|queryAll)(\/|$)/.test(path);
}

/** True for a request that writes records: sObject rows or collections. */
function isWrite(method: string, path: string): boolean {
    return method !== 'GET' && /^(sobjects|composite\/sobjects)(\/|$)/.test(path);
}

/**
 * Sorts the logged requests into reads, writes and others. A Composite request counts
 * as a read when all its subrequests are queries. The org logs the subrequests of a
 * Composite request just before the request itself.
 */
function classify(entries: readonly LoggedRequest[]): Omit<CallCount, 'client' | 'usage'> {
    let logged = 0;
    let reads = 0;
    let writes = 0;
    let subrequests: LoggedRequest[] = [];
    for (const entry of entries) {
        if (entry.compositeReferenceId !== undefined) {
            subrequests.push(entry);
            continue;
        }
        const path = REST_PATH.exec(entry.path)?.[1];
        if (path === undefined) {
            continue;
        }
        logged += 1;
        const parts = path === 'composite' ? subrequests : [entry];
        const partPaths = parts.map((part) => ({
            method: part.method,
            path: REST_PATH.exec(part.path)?.[1] ?? ''
        }));
        if (partPaths.length > 0 && partPaths.every((part) => isQueryPath(part.path))) {
            reads += 1;
        } else if (partPaths.some((part) => isWrite(part.method, part.path))) {
            writes += 1;
        }
        subrequests = [];
    }
    return { logged, reads, writes };
}

/** Wait before a measured step, in milliseconds. */
const SETTLE_MS = 200;

/**
 * Lets the event loop run the timers that came due during a long synchronous step. The
 * local org serves from this process, so while the step runs, its keep-alive timeouts
 * cannot close idle sockets. A request sent right after the step would reuse such a
 * socket, the server would close it, and the request would fail with a reset
 * connection. The worker retries such a request, and its meter counts both attempts.
 */
export function settleSockets(): Promise<void> {
    return delay(SETTLE_MS);
}

/** Starts counting a measured step: clears the request log and notes the usage counter. */
export function startCount(org: LocalOrg): () => Omit<CallCount, 'client'> {
    org.requests.clear();
    const usageBefore = org.usage.used;
    return () => ({ usage: org.usage.used - usageBefore, ...classify(org.requests.entries()) });
}

/** Everything the worker's side of a scenario measured. */
export interface WorkerRun {
    readonly changes: AppliedChanges;
    /** The fresh worker's first cycle on the unchanged copy. */
    readonly settle: CycleReport;
    readonly cycle: CycleReport;
    readonly calls: CallCount;
    /** The cycle right after, which reads the overlap window again and should find only echoes. */
    readonly next: CycleReport;
    readonly nextCalls: CallCount;
    readonly polled: readonly PolledObject[];
    /** Org time just before the measured cycle. Every row the cycle wrote is stamped later. */
    readonly cycleStart: Date;
    /** Ids of the clocks the plan links records to, by key, from the worker's mirror. */
    readonly clockIds: ReadonlyMap<string, string>;
}

/** Lists the change queries that cycle `cycleNumber` of `worker` sends, with their row counts. */
export function polledObjects(
    org: LocalOrg,
    worker: SyncWorker,
    cycleNumber: number,
    overlapSeconds: number
): PolledObject[] {
    const objects: MirroredObject[] = [...HOT_OBJECTS, ...coldObjectsFor(cycleNumber)];
    return objects.map((object) => {
        const soql = changeReadSoql(object, worker.watermarks.since(object, overlapSeconds));
        return { object, soql, rows: storeRows(org.store, soql, true).length };
    });
}

/** Returns the Ids of the clocks that the plan's tasks and upserts link to, from the worker's mirror. */
function linkedClockIds(worker: SyncWorker, plan: WritePlan | null): Map<string, string> {
    const clockIds = new Map<string, string>();
    const writes = [
        ...(plan?.tasks ?? []),
        ...(plan?.outcomes ?? []),
        ...(plan?.transitions ?? [])
    ];
    for (const { clockKey } of writes) {
        const id = clockKey === null ? undefined : worker.mirror.idOfKey('SLA_Clock__c', clockKey);
        if (clockKey !== null && id !== undefined) {
            clockIds.set(clockKey, id);
        }
    }
    return clockIds;
}

/**
 * Runs the worker's side: a fresh worker's first cycle on the copy at `evaluationTime`,
 * which writes nothing on a settled template, then the changes, then the measured
 * second cycle and a third one at the same evaluation time.
 */
export async function runWorker(
    org: LocalOrg,
    folder: string,
    changedLeads: number,
    evaluationTime: Date
): Promise<WorkerRun> {
    const options = workerOptions(org, join(folder, 'journal'));
    const worker = await createWorker(org, options);
    const settle = await worker.runCycle(evaluationTime);
    if (settle.outcome !== 'success') {
        throw new Error(
            `The worker's first cycle on the copy ended ${settle.outcome}: ${settle.error ?? ''}`
        );
    }

    const changes = applyChanges(org, changedLeads, evaluationTime);
    const polled = polledObjects(org, worker, settle.cycle + 1, options.overlapSeconds);
    await settleSockets();
    const finishCount = startCount(org);
    const cycleStart = new Date();
    const cycle = await worker.runCycle(evaluationTime);
    const counted = finishCount();
    const clockIds = linkedClockIds(worker, cycle.plan);

    await settleSockets();
    const finishNextCount = startCount(org);
    const next = await worker.runCycle(evaluationTime);
    const nextCalls = { client: next.apiCalls, ...finishNextCount() };
    return {
        changes,
        settle,
        cycle,
        calls: { client: cycle.apiCalls, ...counted },
        next,
        nextCalls,
        polled,
        cycleStart,
        clockIds
    };
}
