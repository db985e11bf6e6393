/**
 * Uniqueness checks before a write: unique fields (including unique external IDs),
 * usernames, developer names and campaign membership. Deleted records do not count,
 * and matching is case-insensitive unless the field is case-sensitive.
 */
import type { FieldDefinition, ObjectDefinition } from '../../schema/types';
import { quote } from './database';
import { SalesforceError, type SalesforceErrorCode } from './errors';
import type { StoreContext, StoredRecord } from './store-context';

function duplicateError(
    object: ObjectDefinition,
    field: FieldDefinition,
    value: string | number,
    otherId: string
): SalesforceError {
    let code: SalesforceErrorCode = 'DUPLICATE_VALUE';
    let message = `duplicate value found: ${field.name} duplicates value on record with id: ${otherId}`;
    if (object.name === 'User' && field.name === 'Username') {
        code = 'DUPLICATE_USERNAME';
        message =
            'Duplicate Username. The username already exists in this or another Salesforce organization.';
    } else if (field.name === 'DeveloperName') {
        code = 'DUPLICATE_DEVELOPER_NAME';
        message = `The developer name ${String(value)} is already in use.`;
    }
    // NOTE: Salesforce's DUPLICATE_VALUE error usually carries an empty `fields` array; kept so here.
    return new SalesforceError(code, message, []);
}

function checkCampaignMember(context: StoreContext, record: StoredRecord): void {
    const personField =
        record.ContactId !== null && record.ContactId !== undefined ? 'ContactId' : 'LeadId';
    const other = context.db.get(
        `SELECT "Id" FROM "CampaignMember" WHERE "CampaignId" = ? AND ${quote(personField)} = ?
         AND "IsDeleted" = 0 AND "Id" != ? LIMIT 1`,
        [record.CampaignId ?? null, record[personField] ?? null, record.Id ?? null]
    );
    if (other) {
        throw new SalesforceError('DUPLICATE_VALUE', 'Already a campaign member.', []);
    }
}

/** Throws when a unique value of `record` is already taken by another live record. */
export function checkUniqueness(
    context: StoreContext,
    object: ObjectDefinition,
    record: StoredRecord
): void {
    for (const field of object.fields.values()) {
        const value = record[field.name];
        if (
            !field.unique ||
            field.type === 'id' ||
            value === null ||
            value === undefined ||
            value === ''
        ) {
            continue;
        }
        const other = context.db.get(
            `SELECT "Id" FROM ${quote(object.name)} WHERE ${quote(field.name)} = ? AND "IsDeleted" = 0 AND "Id" != ? LIMIT 1`,
            [value, record.Id ?? null]
        );
        if (other) {
            throw duplicateError(object, field, value, String(other.Id));
        }
    }
    if (object.name === 'CampaignMember') {
        checkCampaignMember(context, record);
    }
}
