/**
 * Reading a create or update request: field names resolved case-insensitively, write
 * permissions checked, values converted, and parent references given by external ID
 * (`"Account": {"External_Id__c": "A-1"}`, or `Account.External_Id__c` in CSV) resolved.
 */
import type { FieldDefinition, ObjectDefinition } from '../../schema/types';
import { quote } from './database';
import { SalesforceError } from './errors';
import type { StoreContext, StoredValue } from './store-context';
import type { RecordInput, WriteContext } from './types';
import { toStorage } from './values';

/** Audit fields that "Set Audit Fields upon Record Creation" lets an insert set. */
export const AUDIT_FIELDS = new Set([
    'CreatedDate',
    'CreatedById',
    'LastModifiedDate',
    'LastModifiedById'
]);

export type WriteMode = 'insert' | 'update';

function unknownField(object: ObjectDefinition, key: string): SalesforceError {
    return new SalesforceError(
        'INVALID_FIELD',
        `No such column '${key}' on sobject of type ${object.name}`
    );
}

function relationshipField(object: ObjectDefinition, name: string): FieldDefinition | undefined {
    const lower = name.toLowerCase();
    return [...object.fields.values()].find(
        (field) => field.type === 'reference' && field.relationshipName?.toLowerCase() === lower
    );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Picks the parent object of a reference given by external ID; polymorphic fields need `attributes.type`. */
function parentObject(
    context: StoreContext,
    field: FieldDefinition,
    nested: Record<string, unknown>
): ObjectDefinition {
    const attributes = nested.attributes;
    const typeName =
        isPlainObject(attributes) && typeof attributes.type === 'string'
            ? attributes.type
            : undefined;
    const targets = field.referenceTo ?? [];
    const chosen = typeName ?? (targets.length === 1 ? targets[0] : undefined);
    if (
        chosen === undefined ||
        !targets.some((target) => target.toLowerCase() === chosen.toLowerCase())
    ) {
        throw new SalesforceError(
            'INVALID_FIELD',
            `The relationship ${field.relationshipName ?? field.name} needs attributes.type naming one of ${targets.join(', ')}.`,
            [field.name]
        );
    }
    return context.objectOf(chosen);
}

/** Resolves `{ExternalIdField: value}` to the Id of the one parent record with that value. */
function resolveByExternalId(
    context: StoreContext,
    field: FieldDefinition,
    nested: Record<string, unknown>
): string {
    const parent = parentObject(context, field, nested);
    const entries = Object.entries(nested).filter(([key]) => key !== 'attributes');
    const [entry] = entries;
    const lookupField = entry ? parent.fields.get(entry[0].toLowerCase()) : undefined;
    if (
        entries.length !== 1 ||
        !entry ||
        !lookupField ||
        !(lookupField.externalId || lookupField.type === 'id')
    ) {
        throw new SalesforceError(
            'INVALID_FIELD',
            `A reference through ${field.relationshipName ?? field.name} must name exactly one external ID field of ${parent.name}.`,
            [field.name]
        );
    }
    const value = String(entry[1]);
    const rows = context.db.all(
        `SELECT "Id" FROM ${quote(parent.name)} WHERE ${quote(lookupField.name)} = ? AND "IsDeleted" = 0 LIMIT 2`,
        [value]
    );
    if (rows.length !== 1) {
        // NOTE: the wording follows Salesforce's message for a missing foreign key; the multiple-match wording is a guess.
        const problem = rows.length === 0 ? 'not found' : 'matches more than one record';
        throw new SalesforceError(
            'INVALID_FIELD',
            `Foreign key external ID: ${value} ${problem} for field ${lookupField.name} in entity ${parent.name}`,
            []
        );
    }
    return String(rows[0]?.Id);
}

function isWritable(field: FieldDefinition, mode: WriteMode, writeContext: WriteContext): boolean {
    if (writeContext.system === true && field.derived === undefined) {
        return true;
    }
    if (
        mode === 'insert' &&
        writeContext.allowAuditFields === true &&
        AUDIT_FIELDS.has(field.name)
    ) {
        return true;
    }
    return mode === 'insert' ? field.createable : field.updateable;
}

/** Splits `Account.External_Id__c` (CSV form) into a nested reference value. */
function expandDottedKeys(input: RecordInput): RecordInput {
    const expanded: RecordInput = {};
    for (const [key, value] of Object.entries(input)) {
        const dot = key.indexOf('.');
        if (dot > 0) {
            expanded[key.slice(0, dot)] = { [key.slice(dot + 1)]: value };
        } else {
            expanded[key] = value;
        }
    }
    return expanded;
}

/**
 * Converts the request's fields to stored values keyed by canonical field name. Throws
 * `INVALID_FIELD` for an unknown name, `INVALID_FIELD_FOR_INSERT_UPDATE` listing every
 * read-only field set, and the value errors of `toStorage`.
 */
export function readInput(
    context: StoreContext,
    object: ObjectDefinition,
    input: RecordInput,
    mode: WriteMode,
    writeContext: WriteContext
): Map<string, StoredValue> {
    const values = new Map<string, StoredValue>();
    const readOnlyFields: string[] = [];
    const format = writeContext.valueFormat ?? 'json';
    for (const [key, raw] of Object.entries(expandDottedKeys(input))) {
        if (key === 'attributes') {
            continue;
        }
        let field = object.fields.get(key.toLowerCase());
        let value: unknown = raw;
        if (!field) {
            field = relationshipField(object, key);
            if (!field || !isPlainObject(raw)) {
                throw unknownField(object, key);
            }
            value = resolveByExternalId(context, field, raw);
        }
        if (field.type === 'id') {
            if (mode === 'insert') {
                throw new SalesforceError(
                    'INVALID_FIELD_FOR_INSERT_UPDATE',
                    'cannot specify Id in an insert call',
                    ['Id']
                );
            }
            continue;
        }
        if (!isWritable(field, mode, writeContext)) {
            readOnlyFields.push(field.name);
            continue;
        }
        values.set(field.name, toStorage(field, value, format));
    }
    if (readOnlyFields.length > 0) {
        throw new SalesforceError(
            'INVALID_FIELD_FOR_INSERT_UPDATE',
            `Unable to create/update fields: ${readOnlyFields.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
            readOnlyFields
        );
    }
    return values;
}
