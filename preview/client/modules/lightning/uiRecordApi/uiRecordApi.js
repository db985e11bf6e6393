/**
 * Preview stand-in for `lightning/uiRecordApi`: the `getRecord` wire adapter, which
 * reads one record from the local org through the preview server in the User Interface
 * API's record shape, and `getFieldValue` / `getFieldDisplayValue`.
 */
import { postData } from 'preview/dataService';

/** Returns `Object.Field` (or `Object.Relation.Field`) for a schema import or a string. */
function qualifiedName(field) {
    if (typeof field === 'string') {
        return field;
    }
    if (field && field.objectApiName && field.fieldApiName) {
        return `${field.objectApiName}.${field.fieldApiName}`;
    }
    return undefined;
}

function namesOf(fields) {
    if (fields === undefined || fields === null) {
        return [];
    }
    const list = Array.isArray(fields) ? fields : [fields];
    return list.map(qualifiedName).filter((name) => name !== undefined);
}

/** Walks a spanning field path such as `Account.Owner.Name` down nested records. */
function fieldValueRecord(record, field) {
    const name = qualifiedName(field);
    if (!record || !record.fields || name === undefined) {
        return undefined;
    }
    const path = name.split('.').slice(1);
    let current = record;
    for (let index = 0; index < path.length; index += 1) {
        const entry = current && current.fields && current.fields[path[index]];
        if (entry === undefined) {
            return undefined;
        }
        if (index === path.length - 1) {
            return entry;
        }
        current = entry.value;
    }
    return undefined;
}

/** Returns the value of `field` in a record from `getRecord`, or undefined. */
export function getFieldValue(record, field) {
    const entry = fieldValueRecord(record, field);
    return entry === undefined ? undefined : entry.value;
}

/** Returns the display value of `field` in a record from `getRecord`, or undefined. */
export function getFieldDisplayValue(record, field) {
    const entry = fieldValueRecord(record, field);
    return entry === undefined ? undefined : entry.displayValue;
}

/**
 * The wire adapter. It stays idle while `recordId` is undefined, as the platform's
 * does, and emits `{ data, error }`.
 */
class GetRecordAdapter {
    constructor(dataCallback) {
        this.dataCallback = dataCallback;
        this.connected = false;
        this.config = undefined;
        this.requestCount = 0;
    }

    update(config) {
        this.config = config;
        this.fetchIfReady();
    }

    connect() {
        this.connected = true;
        this.fetchIfReady();
    }

    disconnect() {
        this.connected = false;
    }

    fetchIfReady() {
        const config = this.config;
        if (!this.connected || !config || !config.recordId) {
            return;
        }
        this.requestCount += 1;
        const request = this.requestCount;
        postData('record', {
            recordId: config.recordId,
            fields: namesOf(config.fields),
            optionalFields: namesOf(config.optionalFields)
        })
            .then(
                (data) => ({ data, error: undefined }),
                (error) => ({ data: undefined, error })
            )
            .then((result) => {
                // A newer configuration has been sent since; its reply wins.
                if (request === this.requestCount && this.connected) {
                    this.dataCallback(result);
                }
            });
    }
}

export { GetRecordAdapter as getRecord };
