/**
 * Writes records through sObject Collections inside Composite requests: up to 5
 * collections of 200 records per request, each with `allOrNone: false`, so one bad
 * record fails alone. Records that hit `UNABLE_TO_LOCK_ROW` are sent again with backoff;
 * `REQUEST_LIMIT_EXCEEDED` and the API reserve pause writing instead.
 */
import { getLogger } from '../logging';
import type { RestClient } from './api-client';
import type { ApiReserve } from './api-reserve';
import { planComposites, sendComposite, type Subresponse } from './composite';
import { SalesforceApiError } from './errors';
import { backoffDelay } from './retry';
import {
    applyCollectionResponse,
    fail,
    skip,
    type RunState,
    type WriteOutcome
} from './write-results';
import {
    chunkCollection,
    collectionSubrequest,
    needsAutoAssignOff,
    planCollections,
    type PlannedCollection,
    type PlannedRecord,
    type WriteOperation
} from './write-plan';

const logger = getLogger('salesforce.write');

/** Options of `writeRecords`. */
export interface WriteOptions {
    /** Pauses writing before a request would dip into the reserve. */
    reserve?: ApiReserve;
    /** Ids of converted leads; updates to them are skipped, never sent. */
    convertedLeadIds?: ReadonlySet<string>;
    /** Attempts per record on `UNABLE_TO_LOCK_ROW`; default the session's retry attempts. */
    maxRecordAttempts?: number;
}

/** Builds the one log line and result message of a reserve pause. */
function pauseMessage(reserve: ApiReserve, pending: number): string {
    const allowance = reserve.allowance();
    const figures =
        allowance === undefined
            ? ''
            : ` ${allowance.remaining} of ${allowance.max} daily API calls remain and ${allowance.reserve} (${reserve.reservePercent}%) are kept in reserve;`;
    return `Writing paused:${figures} ${pending} records wait for a later cycle.`;
}

/** Sends one round of collections, stopping early on a pause or a failed request. */
async function sendRound(
    client: RestClient,
    collections: PlannedCollection[],
    state: RunState,
    options: WriteOptions
): Promise<void> {
    const root = client.versionPath('');
    const items = collections.map((collection, index) => ({
        collection,
        subrequest: collectionSubrequest(collection, root, `w${index}`)
    }));
    const batches = planComposites(items, (item) => item.subrequest.url);
    for (const [position, batch] of batches.entries()) {
        const pendingRecords = batches
            .slice(position)
            .flatMap((pending) => pending.flatMap((item) => item.collection.records));
        if (state.outcome.paused !== undefined) {
            skip(
                state,
                batch.flatMap((item) => item.collection.records),
                state.outcome.paused.reason
            );
            continue;
        }
        const { reserve } = options;
        if (reserve !== undefined && !reserve.allows(1)) {
            state.outcome.paused = {
                reason: 'api-reserve',
                message: pauseMessage(reserve, pendingRecords.length)
            };
            logger.warn(state.outcome.paused.message);
            skip(
                state,
                batch.flatMap((item) => item.collection.records),
                'api-reserve'
            );
            continue;
        }
        for (const item of batch) {
            for (const record of item.collection.records) {
                record.attempts += 1;
            }
        }
        let answers: Map<string, Subresponse>;
        try {
            answers = await sendComposite(
                client,
                batch.map((item) => item.subrequest),
                {
                    idempotent: batch.every((item) => item.collection.kind !== 'insert'),
                    ...(batch.some((item) => needsAutoAssignOff(item.collection))
                        ? { headers: { 'Sforce-Auto-Assign': 'FALSE' } }
                        : {})
                }
            );
        } catch (error) {
            if (!(error instanceof SalesforceApiError) || error.kind === 'auth') {
                throw error;
            }
            const records = batch.flatMap((item) => item.collection.records);
            if (error.kind === 'limit') {
                state.outcome.paused = {
                    reason: 'api-limit',
                    message: `Writing stopped: Salesforce returned REQUEST_LIMIT_EXCEEDED; ${pendingRecords.length} records wait for a later cycle.`
                };
                logger.error(state.outcome.paused.message);
                skip(state, records, 'api-limit');
                continue;
            }
            fail(state, records, error.errorCode, error.message, error.transient);
            logger.error(
                'A write request failed after its retries; the rest of this write run is skipped.',
                { errorCode: error.errorCode, records: records.length }
            );
            for (const rest of batches.slice(position + 1)) {
                skip(
                    state,
                    rest.flatMap((item) => item.collection.records),
                    'stopped-after-failure'
                );
            }
            return;
        }
        for (const item of batch) {
            const answer = answers.get(item.subrequest.referenceId);
            if (answer !== undefined) {
                applyCollectionResponse(state, item.collection, answer);
            }
        }
    }
}

/** Regroups records to retry into collections of their original kind and object. */
function regroup(state: RunState): PlannedCollection[] {
    const groups = new Map<PlannedCollection, PlannedRecord[]>();
    for (const record of state.retry) {
        const source = state.collectionsOf.get(record);
        if (source !== undefined) {
            groups.set(source, [...(groups.get(source) ?? []), record]);
        }
    }
    state.retry = [];
    return [...groups].flatMap(([source, records]) =>
        chunkCollection(source.kind, source.object, source.externalIdField, records)
    );
}

/**
 * Skips updates to converted leads, which Salesforce rejects, and returns the collections
 * left to send. Each remaining record is mapped to its collection for later retries.
 */
function dropConvertedLeads(
    state: RunState,
    collections: readonly PlannedCollection[],
    converted: ReadonlySet<string>
): PlannedCollection[] {
    const queue: PlannedCollection[] = [];
    for (const collection of collections) {
        const isLeadUpdate = collection.object === 'Lead' && collection.kind === 'update';
        const blocked = isLeadUpdate
            ? collection.records.filter((record) => converted.has(record.key))
            : [];
        skip(state, blocked, 'converted-lead');
        const records = collection.records.filter((record) => !blocked.includes(record));
        if (records.length > 0) {
            const kept = { ...collection, records };
            records.forEach((record) => state.collectionsOf.set(record, kept));
            queue.push(kept);
        }
    }
    return queue;
}

/**
 * Writes the operations and reports every record as succeeded, failed or skipped.
 * Raises only for authentication failures, which stop the cycle.
 */
export async function writeRecords(
    client: RestClient,
    operations: readonly WriteOperation[],
    options: WriteOptions = {}
): Promise<WriteOutcome> {
    const callsBefore = client.session.meter.snapshot().totalCalls;
    const state: RunState = {
        outcome: { succeeded: [], failed: [], skipped: [], paused: undefined, apiCalls: 0 },
        retry: [],
        collectionsOf: new Map(),
        maxAttempts: options.maxRecordAttempts ?? client.session.retryPolicy.maxAttempts
    };
    const { collections, rejected } = planCollections(operations);
    for (const record of rejected) {
        state.outcome.failed.push({ ...record, fields: [], retryable: false });
    }
    let queue = dropConvertedLeads(state, collections, options.convertedLeadIds ?? new Set());

    if (
        options.reserve !== undefined &&
        options.reserve.allowance() === undefined &&
        queue.length > 0
    ) {
        await options.reserve.refresh();
    }

    for (let round = 1; queue.length > 0; round += 1) {
        if (round > 1) {
            await client.session.clock.sleep(
                backoffDelay(round - 1, client.session.retryPolicy, client.session.clock.random)
            );
        }
        await sendRound(client, queue, state, options);
        queue = regroup(state);
    }

    state.outcome.apiCalls = client.session.meter.snapshot().totalCalls - callsBefore;
    const { succeeded, failed, skipped } = state.outcome;
    logger.info('Write run finished', {
        succeeded: succeeded.length,
        failed: failed.length,
        skipped: skipped.length,
        apiCalls: state.outcome.apiCalls
    });
    return state.outcome;
}
