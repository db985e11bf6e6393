/**
 * Reading stored records by Id, with the errors the REST API returns for Ids that are
 * malformed, of another object, unknown or deleted.
 */
import { keyPrefixOf, normalizeId } from '../../schema/ids';
import type { ObjectDefinition } from '../../schema/types';
import { quote } from './database';
import { SalesforceError } from './errors';
import type { StoreContext, StoredRecord } from './store-context';
import type { WriteContext } from './types';

export const NOT_FOUND_MESSAGE = 'The requested resource does not exist';

/** Operations an object may refuse through the API. */
export type DmlOperation = 'insert' | 'update' | 'delete';

/**
 * Throws when the API cannot perform the operation on the object: custom metadata,
 * Organization, BusinessHours inserts and the like. Local set-up writes skip the check.
 */
export function checkObjectAccess(
    object: ObjectDefinition,
    operation: DmlOperation,
    writeContext: WriteContext
): void {
    if (writeContext.system === true) {
        return;
    }
    const allowed =
        operation === 'insert'
            ? object.createable
            : operation === 'update'
              ? object.updateable
              : object.deletable;
    if (!allowed) {
        // NOTE: Salesforce rejects DML on custom metadata and on setup-only objects; the exact code and wording are unverified.
        throw new SalesforceError(
            'INVALID_TYPE',
            `entity type ${object.name} does not support ${operation}`
        );
    }
}

/** Returns the 18-character Id of an object's record, or throws `MALFORMED_ID` or `NOT_FOUND`. */
export function recordIdOf(object: ObjectDefinition, id: string): string {
    const normalized = normalizeId(id);
    if (normalized === null) {
        throw new SalesforceError(
            'MALFORMED_ID',
            `${object.label} ID: id value of incorrect type: ${id}`,
            ['Id']
        );
    }
    if (keyPrefixOf(normalized) !== object.keyPrefix) {
        throw new SalesforceError('NOT_FOUND', NOT_FOUND_MESSAGE);
    }
    return normalized;
}

/** Reads a stored row by Id, deleted or not; undefined when there is none. */
export function readRow(
    context: StoreContext,
    object: ObjectDefinition,
    id: string
): StoredRecord | undefined {
    const row = context.db.get(`SELECT * FROM ${quote(object.name)} WHERE "Id" = ?`, [id]);
    return row as StoredRecord | undefined;
}

/**
 * Reads a live record for an update or delete. Throws `MALFORMED_ID`, `NOT_FOUND`, or
 * `ENTITY_IS_DELETED` for a record in the recycle bin.
 */
export function loadLiveRecord(
    context: StoreContext,
    object: ObjectDefinition,
    id: string
): StoredRecord {
    const row = readRow(context, object, recordIdOf(object, id));
    if (!row) {
        throw new SalesforceError('NOT_FOUND', NOT_FOUND_MESSAGE);
    }
    if (Number(row.IsDeleted) === 1) {
        throw new SalesforceError('ENTITY_IS_DELETED', 'entity is deleted');
    }
    return row;
}
