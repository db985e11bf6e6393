/**
 * Checks of lookup values against the database, with the errors Salesforce returns.
 * Text that is not an Id is `MALFORMED_ID`, and an Id of an object the field cannot
 * point to is `FIELD_INTEGRITY_EXCEPTION`. A well-formed Id without a record is
 * `INVALID_CROSS_REFERENCE_KEY`, and a deleted record is `ENTITY_IS_DELETED`.
 */
import { keyPrefixOf, normalizeId } from '../../schema/ids';
import type { FieldDefinition, ObjectDefinition } from '../../schema/types';
import { quote } from './database';
import { SalesforceError } from './errors';
import type { StoreContext, StoredValue } from './store-context';

function incorrectType(
    code: 'MALFORMED_ID' | 'FIELD_INTEGRITY_EXCEPTION',
    field: FieldDefinition,
    value: string
): SalesforceError {
    return new SalesforceError(code, `${field.label}: id value of incorrect type: ${value}`, [
        field.name
    ]);
}

/** Checks that an owner is an active user, or a queue that accepts records of the object. */
function checkOwner(
    context: StoreContext,
    object: ObjectDefinition,
    target: ObjectDefinition,
    id: string
): void {
    if (target.name === 'User') {
        const user = context.db.get('SELECT "IsActive" FROM "User" WHERE "Id" = ?', [id]);
        if (Number(user?.IsActive ?? 1) !== 1) {
            throw new SalesforceError(
                'INACTIVE_OWNER_OR_USER',
                `operation performed with inactive user [${id}] as owner of ${object.name.toLowerCase()}`
            );
        }
        return;
    }
    const queue = context.db.get(
        `SELECT 1 AS ok FROM "Group" g JOIN "QueueSobject" q ON q."QueueId" = g."Id"
         WHERE g."Id" = ? AND g."Type" = 'Queue' AND q."SobjectType" = ? AND q."IsDeleted" = 0`,
        [id, object.name]
    );
    if (!queue) {
        // NOTE: Salesforce rejects a queue that does not support the object; the exact code is unverified.
        throw new SalesforceError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id');
    }
}

/**
 * Validates one reference value and returns it as an 18-character Id (null stays null).
 * Throws the lookup errors listed in the module comment.
 */
export function checkReference(
    context: StoreContext,
    object: ObjectDefinition,
    field: FieldDefinition,
    value: StoredValue
): StoredValue {
    if (value === null || value === '') {
        return null;
    }
    const text = String(value);
    const id = normalizeId(text);
    if (id === null) {
        throw incorrectType('MALFORMED_ID', field, text);
    }
    const target = context.objectByPrefix(keyPrefixOf(id));
    const allowed = field.referenceTo ?? [];
    if (!target || !allowed.includes(target.name)) {
        throw incorrectType('FIELD_INTEGRITY_EXCEPTION', field, id);
    }
    const row = context.db.get(`SELECT "IsDeleted" FROM ${quote(target.name)} WHERE "Id" = ?`, [
        id
    ]);
    if (!row) {
        throw new SalesforceError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id');
    }
    if (Number(row.IsDeleted) === 1) {
        // NOTE: ENTITY_IS_DELETED for a lookup to a record in the recycle bin is unverified.
        throw new SalesforceError('ENTITY_IS_DELETED', 'entity is deleted', [field.name]);
    }
    if (field.name === 'OwnerId') {
        checkOwner(context, object, target, id);
    }
    return id;
}

/** Validates every reference among `changes`, replacing each value by its 18-character Id. */
export function checkReferences(
    context: StoreContext,
    object: ObjectDefinition,
    changes: Map<string, StoredValue>
): void {
    for (const [name, value] of changes) {
        const field = object.fields.get(name.toLowerCase());
        if (field?.type === 'reference') {
            changes.set(name, checkReference(context, object, field, value));
        }
    }
}
