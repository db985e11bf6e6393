/**
 * Planning of writes through sObject Collections: the records of each operation are
 * checked, split into collections of at most 200 records (the sObject Collections
 * limit), and turned into Composite subrequests.
 */
import { fieldNamesOf, type SObjectName } from '../schema/records';
import type { Subrequest } from './composite';
import { SalesforceUsageError } from './errors';
import { isRecordId } from './soql';

/** Maximum records in one sObject Collections request. */
export const MAX_COLLECTION_RECORDS = 200;

/** Field values of one record to write; keys are API names of its object. */
export type RecordValues = Record<string, unknown>;

/** A write of many records of one object. */
export type WriteOperation =
    /** Insert or update by an external ID field; a resent upsert never duplicates. */
    | {
          kind: 'upsert';
          object: SObjectName;
          externalIdField: string;
          records: readonly RecordValues[];
      }
    /** Update by `Id`; each record must carry its `Id`. */
    | { kind: 'update'; object: SObjectName; records: readonly RecordValues[] }
    /** Insert; not idempotent, so it is not resent after a timeout or a dropped connection. */
    | { kind: 'insert'; object: SObjectName; records: readonly RecordValues[] };

/** One record on its way to the org. */
export interface PlannedRecord {
    object: SObjectName;
    /** The record's Id (update), external ID value (upsert) or `#<index>` (insert). */
    key: string;
    values: RecordValues;
    /** Attempts so far, for per-record retries of `UNABLE_TO_LOCK_ROW`. */
    attempts: number;
}

/** Records of one sObject Collections subrequest. */
export interface PlannedCollection {
    kind: WriteOperation['kind'];
    object: SObjectName;
    externalIdField: string | undefined;
    records: PlannedRecord[];
}

/** A record rejected before sending, with the reason. */
export interface RejectedRecord {
    object: SObjectName;
    key: string;
    errorCode: string;
    message: string;
}

/** Objects whose assignment rules must not run on the worker's writes. */
const AUTO_ASSIGN_OBJECTS: ReadonlySet<string> = new Set(['Lead', 'Account']);

/** Checks that every field name belongs to the object's record schema. */
function checkFields(object: SObjectName, records: readonly RecordValues[]): void {
    const known = new Set(fieldNamesOf(object));
    for (const record of records) {
        const unknown = Object.keys(record).find((field) => !known.has(field));
        if (unknown !== undefined) {
            throw new SalesforceUsageError(
                `${unknown} is not a field of ${object} in the record schemas; it cannot be written.`
            );
        }
    }
}

function keyOf(
    operation: WriteOperation,
    record: RecordValues,
    index: number
): string | RejectedRecord {
    const { object } = operation;
    if (operation.kind === 'insert') {
        return `#${index}`;
    }
    if (operation.kind === 'update') {
        const id = record.Id;
        return typeof id === 'string' && isRecordId(id)
            ? id
            : {
                  object,
                  key: `#${index}`,
                  errorCode: 'MALFORMED_ID',
                  message: 'The record to update has no valid Id.'
              };
    }
    const value = record[operation.externalIdField];
    return typeof value === 'string' && value !== ''
        ? value
        : {
              object,
              key: `#${index}`,
              errorCode: 'MISSING_EXTERNAL_ID',
              message: `The record to upsert has no ${operation.externalIdField}.`
          };
}

/**
 * Checks the operations and splits them into collections of at most 200 records.
 * Records that cannot be sent (no Id, no external ID value) are returned apart. An
 * unknown object field raises `SalesforceUsageError`, because it is a programming error.
 */
export function planCollections(operations: readonly WriteOperation[]): {
    collections: PlannedCollection[];
    rejected: RejectedRecord[];
} {
    const collections: PlannedCollection[] = [];
    const rejected: RejectedRecord[] = [];
    for (const operation of operations) {
        checkFields(operation.object, operation.records);
        const externalIdField = operation.kind === 'upsert' ? operation.externalIdField : undefined;
        if (
            externalIdField !== undefined &&
            !fieldNamesOf(operation.object).includes(externalIdField)
        ) {
            throw new SalesforceUsageError(
                `${externalIdField} is not a field of ${operation.object}; it cannot be the upsert key.`
            );
        }
        const planned: PlannedRecord[] = [];
        operation.records.forEach((values, index) => {
            const key = keyOf(operation, values, index);
            if (typeof key === 'string') {
                planned.push({ object: operation.object, key, values, attempts: 0 });
            } else {
                rejected.push(key);
            }
        });
        collections.push(
            ...chunkCollection(operation.kind, operation.object, externalIdField, planned)
        );
    }
    return { collections, rejected };
}

/** Splits records of one kind and object into collections of at most 200. */
export function chunkCollection(
    kind: WriteOperation['kind'],
    object: SObjectName,
    externalIdField: string | undefined,
    records: readonly PlannedRecord[]
): PlannedCollection[] {
    const chunks: PlannedCollection[] = [];
    for (let start = 0; start < records.length; start += MAX_COLLECTION_RECORDS) {
        chunks.push({
            kind,
            object,
            externalIdField,
            records: records.slice(start, start + MAX_COLLECTION_RECORDS)
        });
    }
    return chunks;
}

/**
 * True when the collection's writes must carry `Sforce-Auto-Assign: FALSE`, so that
 * the org's assignment rules never reassign owners behind the policy's back.
 */
export function needsAutoAssignOff(collection: PlannedCollection): boolean {
    return AUTO_ASSIGN_OBJECTS.has(collection.object);
}

/** Builds the Composite subrequest of a collection. `versionRoot` is `/services/data/v65.0`. */
export function collectionSubrequest(
    collection: PlannedCollection,
    versionRoot: string,
    referenceId: string
): Subrequest {
    const { kind, object, externalIdField } = collection;
    const url =
        kind === 'upsert' && externalIdField !== undefined
            ? `${versionRoot}/composite/sobjects/${object}/${externalIdField}`
            : `${versionRoot}/composite/sobjects`;
    const records = collection.records.map((record) => ({
        attributes: { type: object },
        ...record.values
    }));
    const subrequest: Subrequest = {
        method: kind === 'insert' ? 'POST' : 'PATCH',
        url,
        referenceId,
        body: { allOrNone: false, records }
    };
    if (needsAutoAssignOff(collection)) {
        subrequest.httpHeaders = { 'Sforce-Auto-Assign': 'FALSE' };
    }
    return subrequest;
}
