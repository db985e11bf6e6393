/**
 * The phases of a first sync, from the logs of the two processes: the worker's JSON log
 * (Bulk API reads, the cycle summary) and the local org's debug log of every request it
 * served. Reading ends with the last Bulk API 2.0 read, writing starts with the first
 * request after it (the API allowance check before the first write), and the evaluation
 * and plan fill the time between, which makes no API call.
 */
import type { LogLine, ProbeReport } from './backfill-processes';

/** The worker's cycle summary line (`summaryFields`). */
export interface CycleSummary {
    readonly kind: string;
    readonly outcome: string;
    readonly read: number;
    readonly written: number;
    readonly failed: number;
    readonly apiCalls: number;
    readonly durationMs: number;
    /** The evaluation time. */
    readonly now: Date;
    /** When the summary was logged: the end of the cycle. */
    readonly endedAt: number;
}

/** Phases of the first sync in milliseconds, and the requests the org served. */
export interface Timeline {
    readonly summary: CycleSummary | null;
    readonly readMs: number | null;
    readonly evaluateMs: number | null;
    readonly writeMs: number | null;
    /** Rows each Bulk API 2.0 read returned, by object. */
    readonly bulkRows: Readonly<Record<string, number>>;
    /** API requests (`/services/data/...`) the org served while the worker ran. */
    readonly orgCalls: number;
    /** Of those, Bulk API 2.0 query job requests (create, poll, result pages). */
    readonly bulkCalls: number;
    /**
     * Attempts the worker sent again because the connection closed before any response
     * (the org served none of them). The worker's meter counts every attempt it sends.
     */
    readonly socketRetries: number;
    /** Resident set size of the worker in its last sample before reading ended, in MB. */
    readonly rssAtReadEndMb: number | null;
}

/** The worker's warning before it sends an attempt again after a closed connection. */
const SOCKET_RETRY = /^Retrying .* after (UND_ERR_SOCKET|ECONNRESET|EPIPE)\.$/;

function timeOf(line: LogLine): number {
    return Date.parse(line.timestamp);
}

function numberField(line: LogLine, field: string): number {
    const value = line[field];
    return typeof value === 'number' ? value : Number(value ?? Number.NaN);
}

/** True for the summary line of a finished cycle, which carries its figures (not its error line). */
export function isCycleSummary(line: LogLine): boolean {
    return (
        line.module === 'sync.cycle' &&
        line.message.startsWith('Sync cycle ') &&
        typeof line.durationMs === 'number'
    );
}

function summaryOf(logs: readonly LogLine[]): CycleSummary | null {
    const line = logs.find((entry) => isCycleSummary(entry) && entry.cycle === 1);
    if (line === undefined) {
        return null;
    }
    return {
        kind: String(line.kind),
        outcome: String(line.outcome),
        read: numberField(line, 'read'),
        written: numberField(line, 'written'),
        failed: numberField(line, 'failed'),
        apiCalls: numberField(line, 'apiCalls'),
        durationMs: numberField(line, 'durationMs'),
        now: new Date(String(line.now)),
        endedAt: timeOf(line)
    };
}

/** Builds the timeline of a worker run from `startedAt` (epoch ms) on. */
export function buildTimeline(
    workerLogs: readonly LogLine[],
    orgLogs: readonly LogLine[],
    probe: ProbeReport,
    startedAt: number
): Timeline {
    const summary = summaryOf(workerLogs);
    const bulkReads = workerLogs.filter((line) => line.message === 'Read through Bulk API 2.0');
    const bulkRows: Record<string, number> = {};
    for (const line of bulkReads) {
        bulkRows[String(line.object)] = numberField(line, 'records');
    }
    const readEnd = bulkReads.length === 0 ? null : Math.max(...bulkReads.map(timeOf));
    const requests = orgLogs.filter(
        (line) =>
            line.message === 'Request served' &&
            String(line.path).startsWith('/services/data/') &&
            timeOf(line) >= startedAt
    );
    const writeStart =
        readEnd === null ? undefined : requests.map(timeOf).find((time) => time > readEnd);
    // The phases exist only for a cycle that finished: a crash can end the read anywhere.
    const phases =
        summary === null || readEnd === null || writeStart === undefined
            ? null
            : { cycleStart: summary.endedAt - summary.durationMs, readEnd, writeStart, summary };
    const before = probe.samples.filter((entry) => phases !== null && entry.at <= phases.readEnd);
    return {
        summary,
        readMs: phases === null ? null : phases.readEnd - phases.cycleStart,
        evaluateMs: phases === null ? null : phases.writeStart - phases.readEnd,
        writeMs: phases === null ? null : phases.summary.endedAt - phases.writeStart,
        bulkRows,
        orgCalls: requests.length,
        bulkCalls: requests.filter((line) => String(line.path).includes('/jobs/query')).length,
        socketRetries: workerLogs.filter((line) => SOCKET_RETRY.test(line.message)).length,
        rssAtReadEndMb: before.at(-1)?.rssMb ?? null
    };
}
