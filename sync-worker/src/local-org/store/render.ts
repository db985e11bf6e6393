/**
 * Turning stored rows into REST API records: `attributes` first, then fields with
 * JSON types (booleans, numbers, `+0000` datetimes).
 */
import type { SQLOutputValue } from 'node:sqlite';
import type { FieldDefinition, ObjectDefinition } from '../../schema/types';
import { quote } from './database';
import { SalesforceError } from './errors';
import { NOT_FOUND_MESSAGE, recordIdOf, readRow } from './record-access';
import type { StoreContext } from './store-context';
import type { RecordAttributes, SObjectRecord } from './types';
import { fromStorage } from './values';

/** `attributes` of a record: its type and REST URL. */
export function recordAttributes(
    objectName: string,
    id: string | null,
    apiVersion: string
): RecordAttributes {
    if (id === null) {
        return { type: objectName };
    }
    return { type: objectName, url: `/services/data/v${apiVersion}/sobjects/${objectName}/${id}` };
}

/** Resolves requested field names to definitions, or throws `INVALID_FIELD` for an unknown one. */
export function resolveFields(object: ObjectDefinition, fieldNames: string[]): FieldDefinition[] {
    return fieldNames.map((name) => {
        const field = object.fields.get(name.trim().toLowerCase());
        if (!field) {
            throw new SalesforceError(
                'INVALID_FIELD',
                `No such column '${name.trim()}' on entity '${object.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name.`
            );
        }
        return field;
    });
}

/** Builds the API record of one row with the given fields. */
export function renderRow(
    object: ObjectDefinition,
    row: Record<string, SQLOutputValue>,
    fields: Iterable<FieldDefinition>,
    apiVersion: string
): SObjectRecord {
    const id = typeof row.Id === 'string' ? row.Id : null;
    const record: SObjectRecord = { attributes: recordAttributes(object.name, id, apiVersion) };
    for (const field of fields) {
        record[field.name] = fromStorage(field, row[field.name] ?? null);
    }
    return record;
}

/**
 * Reads one live record for `GET sobjects/{type}/{id}`. A deleted record is
 * `NOT_FOUND`, as in the REST API.
 */
export function retrieveRecord(
    context: StoreContext,
    objectName: string,
    id: string,
    fieldNames: string[] | undefined,
    apiVersion: string
): SObjectRecord {
    const object = context.objectOf(objectName);
    const fields =
        fieldNames && fieldNames.length > 0
            ? resolveFields(object, fieldNames)
            : [...object.fields.values()];
    const row = readRow(context, object, recordIdOf(object, id));
    if (!row || Number(row.IsDeleted) === 1) {
        throw new SalesforceError('NOT_FOUND', NOT_FOUND_MESSAGE);
    }
    return renderRow(object, row, fields, apiVersion);
}

/** Number of live records of an object, for seeding decisions and tests. */
export function countRecords(context: StoreContext, object: ObjectDefinition): number {
    const row = context.db.get(
        `SELECT COUNT(*) AS n FROM ${quote(object.name)} WHERE "IsDeleted" = 0`
    );
    return Number(row?.n ?? 0);
}
