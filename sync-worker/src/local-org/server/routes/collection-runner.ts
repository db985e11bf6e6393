/**
 * The all-or-none engine of sObject Collections. Each record runs on its own; with
 * `allOrNone` true, one failure rolls the whole batch back and every other record
 * reports `ALL_OR_NONE_OPERATION_ROLLED_BACK`, as Salesforce reports it.
 */
import { isSalesforceError, type OrgStore } from '../../store';
import { ApiError } from '../errors';
import type { FaultEffect } from '../faults';
import type { ResultError, SaveResult } from './records';

/** Most records one Collections call takes. */
export const MAX_COLLECTION_RECORDS = 200;

const ROLLED_BACK: ResultError = {
    statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
    message:
        'Record rolled back because not all records were valid and the request was using AllOrNone header',
    fields: []
};

/** Thrown inside the transaction to undo it; never escapes `runCollection`. */
class RollBack extends Error {}

/** How to run one record, and which Id to report when it fails. */
export interface CollectionOperation<Item> {
    run(item: Item, index: number): SaveResult;
    /** Id a failed result carries (update and delete know it; create does not). */
    idOf(item: Item): string | undefined;
}

function failure(id: string | undefined, error: ResultError): SaveResult {
    return id === undefined
        ? { success: false, errors: [error] }
        : { id, success: false, errors: [error] };
}

function faultError(
    fault: Extract<FaultEffect, { kind: 'recordError' }>,
    id: string | undefined
): ResultError {
    const message =
        fault.message ??
        (fault.errorCode === 'UNABLE_TO_LOCK_ROW'
            ? `unable to obtain exclusive access to this record or 1 records: ${id ?? ''}`.trim()
            : `Injected fault ${fault.errorCode}`);
    return { statusCode: fault.errorCode, message, fields: [] };
}

/** Converts a record's error to a result entry; errors that are not Salesforce errors escape. */
function toResultError(error: unknown): ResultError {
    if (isSalesforceError(error)) {
        return error.toResultError();
    }
    if (error instanceof ApiError) {
        return { statusCode: error.errorCode, message: error.message, fields: error.fields ?? [] };
    }
    throw error;
}

/**
 * Runs an operation over the items in one store transaction and returns one save
 * result per item, in order. `fault` fails the records it selects (all of them when it
 * names no indexes) without running them.
 */
export function runCollection<Item>(
    store: OrgStore,
    items: readonly Item[],
    allOrNone: boolean,
    operation: CollectionOperation<Item>,
    fault: Extract<FaultEffect, { kind: 'recordError' }> | undefined
): SaveResult[] {
    const results: SaveResult[] = [];
    let failed = false;
    const attempt = (): void => {
        for (const [index, item] of items.entries()) {
            const id = operation.idOf(item);
            if (fault !== undefined && (fault.recordIndexes?.includes(index) ?? true)) {
                results[index] = failure(id, faultError(fault, id));
                failed = true;
                continue;
            }
            try {
                results[index] = operation.run(item, index);
            } catch (error) {
                results[index] = failure(id, toResultError(error));
                failed = true;
            }
        }
        if (allOrNone && failed) {
            throw new RollBack();
        }
    };
    try {
        store.transaction(attempt);
    } catch (error) {
        if (!(error instanceof RollBack)) {
            throw error;
        }
        return results.map((result) =>
            result.success ? { id: null, success: false, errors: [ROLLED_BACK] } : result
        );
    }
    return results;
}
