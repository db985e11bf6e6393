/**
 * Bulk API 2.0 query reader for large first syncs. It creates the job, polls it with
 * backoff until a deadline, and pages the CSV results itself through the
 * `Sforce-Locator` header. jsforce's bulk query helper is not used because it hangs on
 * multi-page results, nor its load helper, which deletes the job when its poll times
 * out. A job that outlives the deadline is left in the org and can be resumed by Id.
 */
import { z } from 'zod';
import { getLogger } from '../logging';
import type { SObjectName, SObjectRecord } from '../schema/records';
import type { RestClient } from './api-client';
import { CsvFormatError, parseCsvRecords } from './csv';
import { BulkQueryError, SalesforceApiError, SalesforceUsageError } from './errors';
import { parseRecords, type InvalidRecord } from './parse-records';
import { isRecordId } from './soql';

const logger = getLogger('salesforce.bulk');

/** Error codes of an expired or unknown result locator (Bulk API 2.0 and REST query). */
const EXPIRED_LOCATOR_CODES = new Set([
    'INVALIDLOCATOR',
    'INVALID_LOCATOR',
    'INVALID_QUERY_LOCATOR'
]);

/** A Bulk API 2.0 query. */
export interface BulkQuerySpec<N extends SObjectName = SObjectName> {
    object: N;
    soql: string;
    /** True reads deleted and archived rows too (`queryAll`); default true. */
    includeDeleted?: boolean;
}

/** One page of results, passed to `onPage`. */
export interface BulkQueryPage<N extends SObjectName> {
    records: SObjectRecord<N>[];
    invalid: InvalidRecord[];
    /** 1-based page number since the last restart. */
    page: number;
}

/** Options of `readBulkQuery`. */
export interface BulkQueryOptions<N extends SObjectName> {
    /** Rows per result page (`maxRecords`); default 50,000. */
    pageSize?: number;
    /** How long to wait for the job to finish, in milliseconds; default 15 minutes. */
    pollTimeoutMs?: number;
    /** First wait between two polls in milliseconds, growing 1.5x up to 10 s; default 1,000. */
    pollIntervalMs?: number;
    /** Reads the results of an existing job instead of creating one. */
    resumeJobId?: string;
    /** Receives each page; when set, records are not collected in the outcome. */
    onPage?: (page: BulkQueryPage<N>) => void | Promise<void>;
    /** Called when paging starts over from the first page; pages already given are void. */
    onRestart?: () => void | Promise<void>;
    /** Restarts after an expired locator; default 1. */
    maxRestarts?: number;
    /** Times a page without `Sforce-Locator` is requested again; default 2. */
    maxMissingLocatorRetries?: number;
    /** Current time in milliseconds since the epoch; default `Date.now`. */
    now?: () => number;
}

/** Everything a finished query read. */
export interface BulkQueryOutcome<N extends SObjectName> {
    jobId: string;
    /** Valid records; empty when `onPage` received them. */
    records: SObjectRecord<N>[];
    invalid: InvalidRecord[];
    rowsRead: number;
    pages: number;
    restarts: number;
}

const jobInfoSchema = z.object({
    id: z.string().min(1),
    state: z.string(),
    errorMessage: z.string().nullish(),
    numberRecordsProcessed: z.number().optional()
});

const MAX_POLL_INTERVAL_MS = 10_000;

async function createJob(client: RestClient, spec: BulkQuerySpec): Promise<string> {
    const response = await client.send(
        {
            method: 'POST',
            path: '/jobs/query',
            body: {
                operation: spec.includeDeleted === false ? 'query' : 'queryAll',
                query: spec.soql,
                contentType: 'CSV',
                columnDelimiter: 'COMMA',
                lineEnding: 'LF'
            }
        },
        // A second job from a resent create only reads; it changes no data.
        { idempotent: true }
    );
    const info = jobInfoSchema.safeParse(response.body);
    if (!info.success) {
        throw new BulkQueryError(
            'The Bulk API 2.0 query job was created but the response has no job Id.',
            'INVALID_JOB_RESPONSE'
        );
    }
    logger.info('Bulk API 2.0 query job created.', { jobId: info.data.id, object: spec.object });
    return info.data.id;
}

/** Polls the job until `JobComplete`; raises on `Failed`, `Aborted` or the deadline. */
async function waitForJob(
    client: RestClient,
    jobId: string,
    timeoutMs: number,
    firstIntervalMs: number,
    now: () => number
): Promise<void> {
    const deadline = now() + timeoutMs;
    let interval = firstIntervalMs;
    for (;;) {
        const response = await client.send(
            { method: 'GET', path: `/jobs/query/${jobId}` },
            { idempotent: true }
        );
        const info = jobInfoSchema.safeParse(response.body);
        const state = info.success ? info.data.state : 'unknown';
        if (state === 'JobComplete') {
            return;
        }
        if (state === 'Failed' || state === 'Aborted') {
            const reason = info.success
                ? (info.data.errorMessage ?? 'no reason given')
                : 'no reason given';
            throw new BulkQueryError(
                `The Bulk API 2.0 query job ${jobId} ended in state ${state}: ${reason}`,
                `JOB_${state.toUpperCase()}`,
                jobId
            );
        }
        if (now() + interval > deadline) {
            throw new BulkQueryError(
                `The Bulk API 2.0 query job ${jobId} did not finish within ${timeoutMs} ms (state ${state}); it was left in the org, so a later cycle can resume it.`,
                'POLL_TIMEOUT',
                jobId
            );
        }
        await client.session.clock.sleep(interval);
        interval = Math.min(MAX_POLL_INTERVAL_MS, Math.round(interval * 1.5));
    }
}

/** A page of CSV and the locator of the next one (`null` after the last page). */
interface ResultPage {
    csv: string;
    nextLocator: string | null;
}

async function fetchPage(
    client: RestClient,
    jobId: string,
    locator: string | undefined,
    pageSize: number,
    maxMissing: number
): Promise<ResultPage> {
    const query = new URLSearchParams({ maxRecords: String(pageSize) });
    if (locator !== undefined) {
        query.set('locator', locator);
    }
    for (let attempt = 0; ; attempt += 1) {
        const response = await client.send(
            { method: 'GET', path: `/jobs/query/${jobId}/results?${query.toString()}` },
            { idempotent: true, responseType: 'text' }
        );
        const header = response.headers['sforce-locator'];
        if (header !== undefined && typeof response.body === 'string') {
            return {
                csv: response.body,
                nextLocator: header === '' || header === 'null' ? null : header
            };
        }
        if (attempt >= maxMissing) {
            throw new BulkQueryError(
                `A result page of Bulk API 2.0 query job ${jobId} came without a Sforce-Locator header ${attempt + 1} times, so the next page cannot be found; the read stops instead of guessing.`,
                'MISSING_LOCATOR',
                jobId
            );
        }
        logger.warn(
            'A Bulk API 2.0 result page came without a Sforce-Locator header; requesting it again.',
            { jobId, attempt: attempt + 1 }
        );
    }
}

function isExpiredLocator(error: unknown): boolean {
    return error instanceof SalesforceApiError && EXPIRED_LOCATOR_CODES.has(error.errorCode);
}

/** Parses one result page; raises `BulkQueryError` for text that is not valid CSV. */
function parsePage(csv: string, jobId: string): Record<string, string>[] {
    try {
        return parseCsvRecords(csv);
    } catch (error) {
        const detail = error instanceof CsvFormatError ? error.message : String(error);
        throw new BulkQueryError(
            `A result page of Bulk API 2.0 query job ${jobId} is not valid CSV: ${detail}`,
            'INVALID_CSV',
            jobId,
            error
        );
    }
}

/** Checks the options that `readBulkQuery` cannot send as they are. */
function checkOptions<N extends SObjectName>(options: BulkQueryOptions<N>): number {
    const pageSize = options.pageSize ?? 50_000;
    if (!Number.isInteger(pageSize) || pageSize <= 0) {
        throw new SalesforceUsageError(
            `The Bulk API result page size must be a positive integer; it is ${pageSize}.`
        );
    }
    if (options.resumeJobId !== undefined && !isRecordId(options.resumeJobId)) {
        throw new SalesforceUsageError(
            `The Bulk API job Id ${JSON.stringify(options.resumeJobId.slice(0, 40))} is not a record Id.`
        );
    }
    return pageSize;
}

/**
 * Reads every result page of a finished job into `outcome`, starting over from the first
 * page when a locator expires (at most `maxRestarts` times).
 */
async function readResultPages<N extends SObjectName>(
    client: RestClient,
    spec: BulkQuerySpec<N>,
    outcome: BulkQueryOutcome<N>,
    options: BulkQueryOptions<N> & { pageSize: number }
): Promise<void> {
    const { jobId } = outcome;
    let locator: string | undefined;
    for (;;) {
        let result: ResultPage;
        try {
            const maxMissing = options.maxMissingLocatorRetries ?? 2;
            result = await fetchPage(client, jobId, locator, options.pageSize, maxMissing);
        } catch (error) {
            if (!isExpiredLocator(error)) {
                throw error;
            }
            if (locator === undefined || outcome.restarts >= (options.maxRestarts ?? 1)) {
                throw new BulkQueryError(
                    `The result locator of Bulk API 2.0 query job ${jobId} expired and reading again did not help.`,
                    'LOCATOR_EXPIRED',
                    jobId,
                    error
                );
            }
            logger.warn(
                'A Bulk API 2.0 result locator expired; reading the results again from the first page.',
                { jobId }
            );
            Object.assign(outcome, { records: [], invalid: [], rowsRead: 0, pages: 0 });
            outcome.restarts += 1;
            locator = undefined;
            await options.onRestart?.();
            continue;
        }

        const rows = parsePage(result.csv, jobId);
        const parsed = parseRecords(spec.object, rows);
        outcome.rowsRead += rows.length;
        outcome.pages += 1;
        outcome.invalid.push(...parsed.invalid);
        if (options.onPage === undefined) {
            outcome.records.push(...parsed.records);
        } else {
            const page = { records: parsed.records, invalid: parsed.invalid, page: outcome.pages };
            await options.onPage(page);
        }
        if (result.nextLocator === null) {
            return;
        }
        locator = result.nextLocator;
    }
}

/**
 * Runs a Bulk API 2.0 query and reads every result page. Raises `BulkQueryError` when
 * the job fails, the deadline passes or the pages cannot be followed, so a returned
 * outcome always contains every row of the job.
 */
export async function readBulkQuery<N extends SObjectName>(
    client: RestClient,
    spec: BulkQuerySpec<N>,
    options: BulkQueryOptions<N> = {}
): Promise<BulkQueryOutcome<N>> {
    const pageSize = checkOptions(options);
    const jobId = options.resumeJobId ?? (await createJob(client, spec));
    const pollTimeoutMs = options.pollTimeoutMs ?? 15 * 60_000;
    const pollIntervalMs = options.pollIntervalMs ?? 1_000;
    await waitForJob(client, jobId, pollTimeoutMs, pollIntervalMs, options.now ?? Date.now);

    const outcome: BulkQueryOutcome<N> = {
        jobId,
        records: [],
        invalid: [],
        rowsRead: 0,
        pages: 0,
        restarts: 0
    };
    await readResultPages(client, spec, outcome, { ...options, pageSize });
    logger.info('Bulk API 2.0 query read.', {
        jobId,
        object: spec.object,
        rows: outcome.rowsRead,
        pages: outcome.pages
    });
    return outcome;
}
