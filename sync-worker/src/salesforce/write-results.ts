/**
 * Results of sObject Collections writes: every record ends as succeeded, failed or
 * skipped, and records that hit `UNABLE_TO_LOCK_ROW` are queued for another attempt.
 */
import { z } from 'zod';
import type { SObjectName } from '../schema/records';
import { subrequestFailure, type Subresponse } from './composite';
import type { SalesforceApiError } from './errors';
import type { PlannedCollection, PlannedRecord } from './write-plan';

/** A record written. */
export interface RecordSuccess {
    object: SObjectName;
    key: string;
    id: string | undefined;
    /** True when an upsert created the record. */
    created: boolean | undefined;
}

/** A record the org rejected or that could not be sent; it can be retried next cycle. */
export interface RecordFailure {
    object: SObjectName;
    key: string;
    errorCode: string;
    message: string;
    fields: string[];
    /** True when the same write may succeed later without a change (locks, 5xx, timeouts). */
    retryable: boolean;
}

/** Reason a record was not sent. */
export type SkipReason = 'converted-lead' | 'api-reserve' | 'api-limit' | 'stopped-after-failure';

/** A record deliberately not written. */
export interface SkippedRecord {
    object: SObjectName;
    key: string;
    reason: SkipReason;
}

/** Reason writing paused before the end. */
export interface WritePause {
    reason: 'api-reserve' | 'api-limit';
    message: string;
}

/** Result of a write run. */
export interface WriteOutcome {
    succeeded: RecordSuccess[];
    failed: RecordFailure[];
    skipped: SkippedRecord[];
    paused: WritePause | undefined;
    /** REST API calls the run made. */
    apiCalls: number;
}

const saveResultSchema = z.object({
    id: z.string().nullish(),
    success: z.boolean(),
    created: z.boolean().optional(),
    errors: z
        .array(
            z.object({
                statusCode: z.string(),
                message: z.string(),
                fields: z.array(z.string()).optional()
            })
        )
        .default([])
});

const saveResultsSchema = z.array(saveResultSchema);

/** State of one write run. */
export interface RunState {
    outcome: WriteOutcome;
    retry: PlannedRecord[];
    collectionsOf: Map<PlannedRecord, PlannedCollection>;
    maxAttempts: number;
}

/** Adds the records to the failures with one error. */
export function fail(
    state: RunState,
    records: readonly PlannedRecord[],
    errorCode: string,
    message: string,
    retryable: boolean,
    fields: string[] = []
): void {
    for (const record of records) {
        state.outcome.failed.push({
            object: record.object,
            key: record.key,
            errorCode,
            message,
            fields,
            retryable
        });
    }
}

/** Adds the records to the skipped ones with one reason. */
export function skip(state: RunState, records: readonly PlannedRecord[], reason: SkipReason): void {
    for (const record of records) {
        state.outcome.skipped.push({ object: record.object, key: record.key, reason });
    }
}

/** Queues records for another attempt, or fails them when they have none left. */
function retryOrFail(
    state: RunState,
    records: readonly PlannedRecord[],
    failure: SalesforceApiError
): void {
    const again = records.filter((record) => record.attempts < state.maxAttempts);
    state.retry.push(...again);
    fail(
        state,
        records.filter((record) => record.attempts >= state.maxAttempts),
        failure.errorCode,
        failure.message,
        true
    );
}

function applyRecordResult(
    state: RunState,
    record: PlannedRecord,
    result: z.infer<typeof saveResultSchema>
): void {
    if (result.success) {
        state.outcome.succeeded.push({
            object: record.object,
            key: record.key,
            id: result.id ?? undefined,
            created: result.created
        });
        return;
    }
    const [error] = result.errors;
    const errorCode = error?.statusCode ?? 'UNKNOWN_ERROR';
    if (errorCode === 'UNABLE_TO_LOCK_ROW' && record.attempts < state.maxAttempts) {
        state.retry.push(record);
    } else if (errorCode === 'CANNOT_UPDATE_CONVERTED_LEAD') {
        skip(state, [record], 'converted-lead');
    } else {
        state.outcome.failed.push({
            object: record.object,
            key: record.key,
            errorCode,
            message: error?.message ?? 'The org gave no reason.',
            fields: error?.fields ?? [],
            retryable: errorCode === 'UNABLE_TO_LOCK_ROW'
        });
    }
}

/** Applies a collection subresponse to its records. */
export function applyCollectionResponse(
    state: RunState,
    collection: PlannedCollection,
    answer: Subresponse
): void {
    const operation = `${collection.kind} ${collection.object}`;
    const failure = subrequestFailure(answer, operation);
    if (failure !== undefined) {
        if (failure.transient) {
            retryOrFail(state, collection.records, failure);
        } else {
            fail(state, collection.records, failure.errorCode, failure.message, false);
        }
        return;
    }
    const results = saveResultsSchema.safeParse(answer.body);
    if (!results.success || results.data.length !== collection.records.length) {
        fail(
            state,
            collection.records,
            'INVALID_COLLECTION_RESPONSE',
            'The collection answer does not list one result per record.',
            true
        );
        return;
    }
    collection.records.forEach((record, index) => {
        const result = results.data[index];
        if (result !== undefined) {
            applyRecordResult(state, record, result);
        }
    });
}
