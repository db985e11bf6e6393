/**
 * Runs several SOQL queries together. Each round sends the next page of every query that
 * still has one, packed 5 to a Composite request (one API call each), until every query
 * is done, reached its `maxFetch`, or failed. So up to 10 change queries of an idle cycle
 * cost 2 calls. Records are validated with the record schemas, and `complete` is true
 * only when every page was read, which is the condition for moving a watermark.
 */
import { z } from 'zod';
import { getLogger } from '../logging';
import type { SObjectName, SObjectRecord } from '../schema/records';
import type { RestClient } from './api-client';
import {
    planComposites,
    sendComposite,
    subrequestFailure,
    type Subrequest,
    type Subresponse
} from './composite';
import { SalesforceApiError, SalesforceUsageError } from './errors';
import { parseRecords, type InvalidRecord } from './parse-records';
import { backoffDelay } from './retry';

const logger = getLogger('salesforce.query');

/** One query of a batch. */
export interface QuerySpec<N extends SObjectName = SObjectName> {
    /** Object of the query; its record schema validates the rows. */
    object: N;
    /** SOQL from `composeSoql`, `changeQuery` or `idQueries`. */
    soql: string;
    /** Rows to read at most; reading stops after the page that reaches it. */
    maxFetch: number;
    /** True reads deleted and archived rows too (`queryAll`); default true. */
    includeDeleted?: boolean;
    /** Rows per page, 200 to 2,000 (`Sforce-Query-Options: batchSize`); default the org's. */
    batchSize?: number;
}

/** Reason a query stopped before its last page. */
export type QueryStopReason = 'maxFetch' | 'failed';

/** Everything one query read. */
export interface QueryOutcome<N extends SObjectName = SObjectName> {
    object: N;
    records: SObjectRecord<N>[];
    invalid: InvalidRecord[];
    /** `totalSize` of the first page: rows matching the query. */
    totalSize: number;
    pages: number;
    /** True when every page was read; only then may a watermark move. */
    complete: boolean;
    stopReason: QueryStopReason | undefined;
    error: SalesforceApiError | undefined;
    /** Times the query started over because its locator had expired. */
    restarts: number;
}

/** Limits of a batch run. */
export interface QueryBatchOptions {
    /** Attempts of a failing page before its query is given up; default 4. */
    maxPageAttempts?: number;
    /** Restarts of a query whose locator expired; default 1. */
    maxRestarts?: number;
}

const pageSchema = z.object({
    totalSize: z.number().int().nonnegative(),
    done: z.boolean(),
    nextRecordsUrl: z.string().optional(),
    records: z.array(z.unknown())
});

interface QueryState {
    key: string;
    spec: QuerySpec;
    nextUrl: string | undefined;
    outcome: QueryOutcome;
    rowsRead: number;
    failedAttempts: number;
    finished: boolean;
}

function newState(key: string, spec: QuerySpec): QueryState {
    if (!Number.isInteger(spec.maxFetch) || spec.maxFetch <= 0) {
        throw new SalesforceUsageError(
            `The maxFetch of query ${key} must be a positive integer; it is ${spec.maxFetch}.`
        );
    }
    return {
        key,
        spec,
        nextUrl: undefined,
        outcome: {
            object: spec.object,
            records: [],
            invalid: [],
            totalSize: 0,
            pages: 0,
            complete: false,
            stopReason: undefined,
            error: undefined,
            restarts: 0
        },
        rowsRead: 0,
        failedAttempts: 0,
        finished: false
    };
}

function subrequestOf(client: RestClient, state: QueryState, referenceId: string): Subrequest {
    const resource = state.spec.includeDeleted === false ? 'query' : 'queryAll';
    const url =
        state.nextUrl ??
        `${client.versionPath(`/${resource}`)}?q=${encodeURIComponent(state.spec.soql)}`;
    const headers =
        state.spec.batchSize === undefined
            ? undefined
            : { 'Sforce-Query-Options': `batchSize=${state.spec.batchSize}` };
    return {
        method: 'GET',
        url,
        referenceId,
        ...(headers === undefined ? {} : { httpHeaders: headers })
    };
}

function finish(
    state: QueryState,
    complete: boolean,
    stopReason?: QueryStopReason,
    error?: SalesforceApiError
): void {
    state.finished = true;
    state.outcome.complete = complete;
    state.outcome.stopReason = stopReason;
    state.outcome.error = error;
}

/** Starts a query over after an expired locator, dropping what it had read. */
function restart(state: QueryState): void {
    state.outcome.restarts += 1;
    state.outcome.records = [];
    state.outcome.invalid = [];
    state.outcome.pages = 0;
    state.rowsRead = 0;
    state.nextUrl = undefined;
    logger.warn(
        `The query locator of ${state.key} (${state.spec.object}) expired; reading the query again from its first page.`
    );
}

/** Handles a failed page; returns true when the page should be sent again after a wait. */
function applyFailure(
    state: QueryState,
    failure: SalesforceApiError,
    options: Required<QueryBatchOptions>
): boolean {
    const expired = failure.errorCode === 'INVALID_QUERY_LOCATOR' && state.nextUrl !== undefined;
    if (expired && state.outcome.restarts < options.maxRestarts) {
        restart(state);
        return false;
    }
    state.failedAttempts += 1;
    if (failure.transient && state.failedAttempts < options.maxPageAttempts) {
        return true;
    }
    logger.error(`Query ${state.key} failed; its watermark stays where it is.`, {
        object: state.spec.object,
        errorCode: failure.errorCode,
        error: failure.message
    });
    finish(state, false, 'failed', failure);
    return false;
}

/** Adds a page's records to its query and decides whether another page follows. */
function applyPage(state: QueryState, page: z.infer<typeof pageSchema>): void {
    state.failedAttempts = 0;
    const parsed = parseRecords(state.spec.object, page.records);
    state.outcome.records.push(...parsed.records);
    state.outcome.invalid.push(...parsed.invalid);
    if (state.outcome.pages === 0) {
        state.outcome.totalSize = page.totalSize;
    }
    state.outcome.pages += 1;
    state.rowsRead += page.records.length;

    if (page.done || page.nextRecordsUrl === undefined) {
        finish(state, true);
    } else if (state.rowsRead >= state.spec.maxFetch) {
        finish(state, false, 'maxFetch');
    } else {
        state.nextUrl = page.nextRecordsUrl;
    }
}

/** Applies one subresponse to its query; returns true when it should be sent again after a wait. */
function applySubresponse(
    state: QueryState,
    entry: Subresponse,
    options: Required<QueryBatchOptions>
): boolean {
    const operation = `query ${state.key} (${state.spec.object})`;
    const failure = subrequestFailure(entry, operation);
    if (failure !== undefined) {
        return applyFailure(state, failure, options);
    }
    const page = pageSchema.safeParse(entry.body);
    if (!page.success) {
        const error = new SalesforceApiError({
            kind: 'client',
            errorCode: 'INVALID_QUERY_RESPONSE',
            status: entry.httpStatusCode,
            message: 'the query response has no records, done or totalSize',
            operation
        });
        finish(state, false, 'failed', error);
        return false;
    }
    applyPage(state, page.data);
    return false;
}

/** Sends one round: the next page of every unfinished query. Returns true when a page must be retried. */
async function runRound(
    client: RestClient,
    states: QueryState[],
    options: Required<QueryBatchOptions>
): Promise<boolean> {
    const pending = states.filter((state) => !state.finished);
    const items = pending.map((state, index) => ({
        state,
        subrequest: subrequestOf(client, state, `q${index}`)
    }));
    let retryNeeded = false;
    for (const batch of planComposites(items, (item) => item.subrequest.url)) {
        let answers: Map<string, Subresponse>;
        try {
            answers = await sendComposite(
                client,
                batch.map((item) => item.subrequest),
                { idempotent: true }
            );
        } catch (error) {
            if (
                !(error instanceof SalesforceApiError) ||
                error.kind === 'auth' ||
                error.kind === 'limit'
            ) {
                throw error;
            }
            for (const item of batch) {
                finish(item.state, false, 'failed', error);
            }
            logger.error(
                'A Composite request of queries failed after its retries; their watermarks stay where they are.',
                { errorCode: error.errorCode, queries: batch.map((item) => item.state.key) }
            );
            continue;
        }
        for (const item of batch) {
            const answer = answers.get(item.subrequest.referenceId);
            if (answer !== undefined && applySubresponse(item.state, answer, options)) {
                retryNeeded = true;
            }
        }
    }
    return retryNeeded;
}

/**
 * Runs the queries and returns their outcomes by key. Raises only for failures that
 * stop the cycle: authentication and `REQUEST_LIMIT_EXCEEDED`. Other failures are
 * reported in the outcome of the queries they hit.
 */
export async function runQueries<S extends Record<string, QuerySpec>>(
    client: RestClient,
    specs: S,
    options: QueryBatchOptions = {}
): Promise<{ [K in keyof S]: QueryOutcome<S[K]['object']> }> {
    const settings: Required<QueryBatchOptions> = {
        maxPageAttempts: options.maxPageAttempts ?? 4,
        maxRestarts: options.maxRestarts ?? 1
    };
    const states = Object.entries(specs).map(([key, spec]) => newState(key, spec));
    let retryRound = 0;
    while (states.some((state) => !state.finished)) {
        const retryNeeded = await runRound(client, states, settings);
        if (retryNeeded) {
            retryRound += 1;
            await client.session.clock.sleep(
                backoffDelay(retryRound, client.session.retryPolicy, client.session.clock.random)
            );
        } else {
            retryRound = 0;
        }
    }
    const outcomes: Record<string, QueryOutcome> = {};
    for (const state of states) {
        outcomes[state.key] = state.outcome;
        logger.debug('Query read', {
            key: state.key,
            object: state.spec.object,
            rows: state.rowsRead,
            pages: state.outcome.pages,
            complete: state.outcome.complete
        });
    }
    return outcomes as { [K in keyof S]: QueryOutcome<S[K]['object']> };
}
