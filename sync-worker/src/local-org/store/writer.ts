/**
 * Inserts, updates and upserts: request values checked and converted, defaults,
 * required fields, lookups, derived fields, uniqueness, then one SQL statement.
 */
import { keyPrefixOf, normalizeId } from '../../schema/ids';
import type { FieldDefinition, ObjectDefinition } from '../../schema/types';
import { quote } from './database';
import { deriveFields } from './derive';
import { SalesforceError } from './errors';
import { readInput } from './input';
import { checkObjectAccess, loadLiveRecord, recordIdOf, readRow } from './record-access';
import { checkReferences } from './references';
import type { StoreContext, StoredRecord, StoredValue } from './store-context';
import type { RecordInput, UpsertResult, WriteContext } from './types';
import { checkUniqueness } from './uniqueness';
import { toStorage } from './values';

function actingUser(context: StoreContext, writeContext: WriteContext): string | null {
    return writeContext.userId ?? context.defaultUserId;
}

function isBlank(value: StoredValue | undefined): boolean {
    return value === null || value === undefined || value === '';
}

function missingFieldsError(names: string[]): SalesforceError {
    return new SalesforceError(
        'REQUIRED_FIELD_MISSING',
        `Required fields are missing: [${names.join(', ')}]`,
        names
    );
}

/** Required fields that Salesforce enforces per object rather than per field. */
function missingObjectFields(object: ObjectDefinition, record: StoredRecord): string[] {
    if (object.name === 'Event') {
        const missing: string[] = [];
        if (isBlank(record.StartDateTime) && isBlank(record.ActivityDateTime)) {
            missing.push('StartDateTime');
        }
        if (isBlank(record.EndDateTime) && isBlank(record.DurationInMinutes)) {
            missing.push('EndDateTime');
        }
        return missing;
    }
    if (object.name === 'CampaignMember' && isBlank(record.LeadId) && isBlank(record.ContactId)) {
        return ['LeadId', 'ContactId'];
    }
    return [];
}

function checkRequired(
    object: ObjectDefinition,
    record: StoredRecord,
    fieldNames: Iterable<string>
): void {
    const missing: string[] = [];
    for (const name of fieldNames) {
        const field = object.fields.get(name.toLowerCase());
        if (field?.required === true && isBlank(record[field.name])) {
            missing.push(field.name);
        }
    }
    if (missing.length > 0) {
        throw missingFieldsError(missing);
    }
}

function defaultValue(field: FieldDefinition): StoredValue {
    if (field.defaultValue !== undefined) {
        return toStorage(field, field.defaultValue, 'json');
    }
    return field.type === 'boolean' ? 0 : null;
}

/** Defaults that Salesforce fills per object: a user's alias and time zone. */
function applyObjectDefaults(
    context: StoreContext,
    object: ObjectDefinition,
    record: StoredRecord
): void {
    if (object.name !== 'User') {
        return;
    }
    record.TimeZoneSidKey ??= context.orgSettings().timeZone;
    if (isBlank(record.Alias)) {
        const first = typeof record.FirstName === 'string' ? record.FirstName.slice(0, 1) : '';
        record.Alias = `${first}${String(record.LastName ?? '')}`.slice(0, 8);
    }
}

const insertStatements = new WeakMap<ObjectDefinition, { sql: string; names: string[] }>();

/** Inserts every field of the object; the SQL text is built once per object definition. */
function insertRow(context: StoreContext, object: ObjectDefinition, record: StoredRecord): void {
    let statement = insertStatements.get(object);
    if (!statement) {
        const names = [...object.fields.values()].map((field) => field.name);
        const placeholders = names.map(() => '?').join(', ');
        const sql = `INSERT INTO ${quote(object.name)} (${names.map(quote).join(', ')}) VALUES (${placeholders})`;
        statement = { sql, names };
        insertStatements.set(object, statement);
    }
    context.db.run(
        statement.sql,
        statement.names.map((name) => record[name] ?? null)
    );
}

function buildNewRecord(
    context: StoreContext,
    object: ObjectDefinition,
    changes: Map<string, StoredValue>,
    writeContext: WriteContext
): StoredRecord {
    const stamp = context.stamp();
    const userId = actingUser(context, writeContext);
    const record: StoredRecord = {};
    for (const field of object.fields.values()) {
        record[field.name] = defaultValue(field);
    }
    for (const [name, value] of changes) {
        record[name] = value;
    }
    record.Id = writeContext.recordId
        ? givenRecordId(context, object, writeContext)
        : context.nextId(object);
    record.IsDeleted = 0;
    record.CreatedDate = changes.get('CreatedDate') ?? stamp;
    record.CreatedById = changes.get('CreatedById') ?? userId;
    record.LastModifiedDate = changes.get('LastModifiedDate') ?? record.CreatedDate;
    record.LastModifiedById = changes.get('LastModifiedById') ?? record.CreatedById;
    record.SystemModstamp = stamp;
    if (object.fields.has('ownerid') && isBlank(record.OwnerId)) {
        record.OwnerId = userId;
    }
    applyObjectDefaults(context, object, record);
    return record;
}

/**
 * Checks the Id an importer requests for a new record: set-up access only, a valid Id of
 * the object's key prefix, and no record (live or deleted) with it already.
 */
function givenRecordId(
    context: StoreContext,
    object: ObjectDefinition,
    writeContext: WriteContext
): string {
    const requested = writeContext.recordId ?? '';
    if (!writeContext.system) {
        throw new SalesforceError(
            'INVALID_FIELD_FOR_INSERT_UPDATE',
            'Unable to create/update fields: Id. Only set-up access may choose the Id of a new record.',
            ['Id']
        );
    }
    const id = normalizeId(requested);
    if (id === null || keyPrefixOf(id) !== object.keyPrefix) {
        throw new SalesforceError(
            'MALFORMED_ID',
            `${object.name} ID: id value of incorrect type: ${requested}`,
            ['Id']
        );
    }
    const existing = context.db.get(`SELECT Id FROM ${quote(object.name)} WHERE Id = ?`, [id]);
    if (existing !== undefined) {
        throw new SalesforceError(
            'DUPLICATE_VALUE',
            `duplicate value found: Id duplicates value on record with id: ${id}`,
            ['Id'],
            [id]
        );
    }
    return id;
}

/** Inserts one record and returns its Id. See `OrgStore.insert` for the errors. */
export function insertRecord(
    context: StoreContext,
    objectName: string,
    input: RecordInput,
    writeContext: WriteContext
): string {
    const object = context.objectOf(objectName);
    checkObjectAccess(object, 'insert', writeContext);
    const changes = readInput(context, object, input, 'insert', writeContext);
    const record = buildNewRecord(context, object, changes, writeContext);
    checkRequired(object, record, object.fields.keys());
    const objectMissing = missingObjectFields(object, record);
    if (objectMissing.length > 0) {
        throw missingFieldsError(objectMissing);
    }
    checkReferences(context, object, changes);
    for (const [name, value] of changes) {
        record[name] = value;
    }
    const stamp = String(record.SystemModstamp);
    deriveFields({
        context,
        object,
        record,
        explicit: new Set(changes.keys()),
        previous: null,
        stamp
    });
    checkUniqueness(context, object, record);
    insertRow(context, object, record);
    return String(record.Id);
}

function updateRow(
    context: StoreContext,
    object: ObjectDefinition,
    record: StoredRecord,
    previous: StoredRecord
): void {
    const names = Object.keys(record).filter(
        (name) =>
            object.fields.has(name.toLowerCase()) &&
            name !== 'Id' &&
            record[name] !== previous[name]
    );
    if (names.length === 0) {
        return;
    }
    const assignments = names.map((name) => `${quote(name)} = ?`).join(', ');
    context.db.run(`UPDATE ${quote(object.name)} SET ${assignments} WHERE "Id" = ?`, [
        ...names.map((name) => record[name] ?? null),
        record.Id ?? null
    ]);
}

/** Updates one record. See `OrgStore.update` for the errors. */
export function updateRecord(
    context: StoreContext,
    objectName: string,
    id: string,
    input: RecordInput,
    writeContext: WriteContext
): void {
    const object = context.objectOf(objectName);
    checkObjectAccess(object, 'update', writeContext);
    const previous = loadLiveRecord(context, object, id);
    if (object.name === 'Lead' && Number(previous.IsConverted) === 1) {
        throw new SalesforceError(
            'CANNOT_UPDATE_CONVERTED_LEAD',
            'cannot reference converted lead'
        );
    }
    const changes = readInput(context, object, input, 'update', writeContext);
    const record: StoredRecord = { ...previous };
    for (const [name, value] of changes) {
        record[name] = value;
    }
    checkRequired(object, record, changes.keys());
    checkReferences(context, object, changes);
    for (const [name, value] of changes) {
        record[name] = value;
    }
    const stamp = context.stamp();
    record.LastModifiedDate = stamp;
    record.LastModifiedById = actingUser(context, writeContext);
    record.SystemModstamp = stamp;
    deriveFields({ context, object, record, explicit: new Set(changes.keys()), previous, stamp });
    checkUniqueness(context, object, record);
    updateRow(context, object, record, previous);
    if (object.name === 'Organization') {
        context.clearOrgSettings();
    }
}

function externalIdField(object: ObjectDefinition, fieldName: string): FieldDefinition {
    const field = object.fields.get(fieldName.toLowerCase());
    if (!field || !(field.externalId || field.type === 'id')) {
        // NOTE: the REST API returns 404 NOT_FOUND with this message for a field that is not an external ID.
        throw new SalesforceError(
            'NOT_FOUND',
            `Provided external ID field does not exist or is not accessible: ${fieldName}`
        );
    }
    return field;
}

/** Upserts one record by external ID. See `OrgStore.upsert` for the errors. */
export function upsertRecord(
    context: StoreContext,
    objectName: string,
    fieldName: string,
    value: string,
    input: RecordInput,
    writeContext: WriteContext
): UpsertResult {
    const object = context.objectOf(objectName);
    const field = externalIdField(object, fieldName);
    const body = Object.fromEntries(
        Object.entries(input).filter(([key]) => key.toLowerCase() !== field.name.toLowerCase())
    );
    if (field.type === 'id') {
        if (value === '') {
            return { id: insertRecord(context, objectName, body, writeContext), created: true };
        }
        const id = recordIdOf(object, value);
        if (!readRow(context, object, id)) {
            throw new SalesforceError(
                'NOT_FOUND',
                `Provided external ID field does not exist or is not accessible: ${value}`
            );
        }
        updateRecord(context, objectName, id, body, writeContext);
        return { id, created: false };
    }
    const matches = context.db.all(
        `SELECT "Id" FROM ${quote(object.name)} WHERE ${quote(field.name)} = ? AND "IsDeleted" = 0 LIMIT 100`,
        [toStorage(field, value, 'json')]
    );
    if (matches.length > 1) {
        const ids = matches.map((row) => String(row.Id));
        throw new SalesforceError(
            'MULTIPLE_CHOICES',
            `More than one record found for ${field.name} = ${value}`,
            [],
            ids
        );
    }
    const [match] = matches;
    if (!match) {
        return {
            id: insertRecord(context, objectName, { ...body, [field.name]: value }, writeContext),
            created: true
        };
    }
    const id = String(match.Id);
    updateRecord(context, objectName, id, body, writeContext);
    return { id, created: false };
}
