/**
 * Conversion of field values between the API (JSON or CSV text) and SQLite columns,
 * with Salesforce's type checks. Storage formats: booleans 0/1, dates `YYYY-MM-DD`,
 * datetimes UTC `YYYY-MM-DDTHH:mm:ss.SSSZ` (so text order is time order), times
 * `HH:mm:ss.SSSZ`.
 */
import { DateTime } from 'luxon';
import type { SQLOutputValue } from 'node:sqlite';
import type { FieldDefinition } from '../../schema/types';
import { SalesforceError } from './errors';

/** Encoding of incoming values: REST JSON or Bulk API CSV text. */
export type ValueFormat = 'json' | 'csv';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Rejects a value of the wrong type the way the API does for the format. */
function typeError(
    field: FieldDefinition,
    raw: unknown,
    format: ValueFormat,
    typeName: string
): SalesforceError {
    const valueText = typeof raw === 'string' ? raw : JSON.stringify(raw);
    if (format === 'csv') {
        return new SalesforceError(
            'INVALID_TYPE_ON_FIELD_IN_RECORD',
            `${field.label}: value not of required type: ${valueText}`,
            [field.name]
        );
    }
    // NOTE: Salesforce appends the JSON position ("at [line:1, column:20]"); the store cannot know it.
    return new SalesforceError(
        'JSON_PARSER_ERROR',
        `Cannot deserialize instance of ${typeName} from VALUE_STRING value ${valueText} or request may be missing a required field`,
        []
    );
}

function toText(field: FieldDefinition, raw: unknown, format: ValueFormat): string {
    if (typeof raw === 'string') {
        return raw;
    }
    if (typeof raw === 'number' || typeof raw === 'boolean') {
        return String(raw);
    }
    throw typeError(field, raw, format, 'string');
}

/** Characters of a too-long value that STRING_TOO_LONG repeats, so the message stays readable. */
const ECHOED_VALUE_LENGTH = 50;

function checkLength(field: FieldDefinition, text: string): void {
    if (field.length !== undefined && text.length > field.length) {
        const echoed =
            text.length > ECHOED_VALUE_LENGTH ? `${text.slice(0, ECHOED_VALUE_LENGTH)}...` : text;
        throw new SalesforceError(
            'STRING_TOO_LONG',
            `${field.label}: data value too large: ${echoed} (max length=${field.length})`,
            [field.name]
        );
    }
}

function checkPicklist(field: FieldDefinition, text: string): string {
    if (!field.restrictedPicklist) {
        return text;
    }
    const values = field.type === 'multipicklist' ? text.split(';') : [text];
    const allowed = new Map(
        (field.picklistValues ?? [])
            .filter((entry) => entry.active)
            .map((entry) => [entry.value.toLowerCase(), entry.value])
    );
    const canonical = values.map((value) => {
        const match = allowed.get(value.trim().toLowerCase());
        if (match === undefined) {
            throw new SalesforceError(
                'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
                `${field.label}: bad value for restricted picklist field: ${value}`,
                [field.name]
            );
        }
        return match;
    });
    return canonical.join(';');
}

function toBoolean(field: FieldDefinition, raw: unknown, format: ValueFormat): number {
    if (typeof raw === 'boolean') {
        return raw ? 1 : 0;
    }
    if (typeof raw === 'string' && /^(true|false)$/i.test(raw.trim())) {
        return raw.trim().toLowerCase() === 'true' ? 1 : 0;
    }
    if (format === 'csv' && typeof raw === 'string' && /^[01]$/.test(raw.trim())) {
        return Number(raw.trim());
    }
    throw typeError(field, raw, format, 'boolean');
}

function toNumber(field: FieldDefinition, raw: unknown, format: ValueFormat): number {
    const text = typeof raw === 'string' ? raw.trim() : raw;
    const value =
        typeof text === 'number'
            ? text
            : typeof text === 'string' && text !== ''
              ? Number(text)
              : NaN;
    if (value === Infinity || value === -Infinity) {
        // JSON.parse turns a number such as 1e400 into Infinity, so the original text is lost.
        const shown = typeof raw === 'string' ? raw.trim() : 'a number beyond the double range';
        throw new SalesforceError(
            'NUMBER_OUTSIDE_VALID_RANGE',
            `${field.label}: value outside of valid range on numeric field: ${shown}`,
            [field.name]
        );
    }
    if (!Number.isFinite(value)) {
        throw typeError(field, raw, format, field.type === 'int' ? 'int' : 'double');
    }
    if (field.type === 'int') {
        if (!Number.isInteger(value)) {
            throw typeError(field, raw, format, 'int');
        }
        checkRange(field, value, field.digits ?? 9, 0);
        return value;
    }
    const scale = field.scale ?? 0;
    checkRange(field, value, field.precision ?? 18, scale);
    // Salesforce stores numbers rounded to the field's scale.
    const factor = 10 ** scale;
    return Math.round(value * factor) / factor;
}

function checkRange(field: FieldDefinition, value: number, precision: number, scale: number): void {
    const integerDigits = Math.trunc(Math.abs(value)).toString().length;
    if (Math.trunc(Math.abs(value)) !== 0 && integerDigits > precision - scale) {
        throw new SalesforceError(
            'NUMBER_OUTSIDE_VALID_RANGE',
            `${field.label}: value outside of valid range on numeric field: ${value}`,
            [field.name]
        );
    }
}

function parseDateTime(text: string): DateTime | null {
    const trimmed = text.trim();
    // Salesforce writes offsets without a colon (+0000); luxon reads both forms.
    const parsed = DateTime.fromISO(trimmed, { zone: 'utc', setZone: false });
    return parsed.isValid ? parsed.toUTC() : null;
}

function toDate(field: FieldDefinition, raw: unknown, format: ValueFormat): string {
    const text = typeof raw === 'string' ? raw.trim() : '';
    const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text)
        ? DateTime.fromISO(text, { zone: 'utc' })
        : null;
    const parsed = dateOnly ?? (text.includes('T') ? parseDateTime(text) : null);
    if (!parsed?.isValid) {
        throw typeError(field, raw, format, 'date');
    }
    return parsed.toFormat('yyyy-MM-dd');
}

function toDateTime(field: FieldDefinition, raw: unknown, format: ValueFormat): string {
    const parsed = typeof raw === 'string' ? parseDateTime(raw) : null;
    if (!parsed) {
        throw typeError(field, raw, format, 'datetime');
    }
    return formatStoredDateTime(parsed.toJSDate());
}

function toTime(field: FieldDefinition, raw: unknown, format: ValueFormat): string {
    const match =
        typeof raw === 'string'
            ? /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?Z?$/.exec(raw.trim())
            : null;
    const [, hours = '', minutes = '', seconds = '00', millis = '0'] = match ?? [];
    if (!match || Number(hours) > 23 || Number(minutes) > 59 || Number(seconds) > 59) {
        throw typeError(field, raw, format, 'time');
    }
    return `${hours}:${minutes}:${seconds}.${millis.padEnd(3, '0')}Z`;
}

function toTextValue(field: FieldDefinition, raw: unknown, format: ValueFormat): string {
    const text = toText(field, raw, format);
    checkLength(field, text);
    if (field.type === 'email' && text !== '' && !EMAIL.test(text)) {
        throw new SalesforceError(
            'INVALID_EMAIL_ADDRESS',
            `${field.label}: invalid email address: ${text}`,
            [field.name]
        );
    }
    if (field.type === 'picklist' || field.type === 'multipicklist') {
        return checkPicklist(field, text);
    }
    return text;
}

/**
 * Converts one incoming value to its column value, or throws the Salesforce error for
 * an invalid value. Null and the empty string clear a field, since Salesforce stores no
 * empty text, and a cleared checkbox becomes false.
 * Reference values are returned trimmed; the writer checks them against the database.
 */
export function toStorage(
    field: FieldDefinition,
    raw: unknown,
    format: ValueFormat
): string | number | null {
    if (raw === null || raw === undefined || raw === '') {
        return field.type === 'boolean' ? 0 : null;
    }
    switch (field.type) {
        case 'boolean':
            return toBoolean(field, raw, format);
        case 'int':
        case 'double':
        case 'currency':
        case 'percent':
            return toNumber(field, raw, format);
        case 'date':
            return toDate(field, raw, format);
        case 'datetime':
            return toDateTime(field, raw, format);
        case 'time':
            return toTime(field, raw, format);
        case 'id':
        case 'reference':
            return toText(field, raw, format).trim();
        default:
            return toTextValue(field, raw, format);
    }
}

/** Formats an instant in the storage form `2027-03-01T10:00:00.000Z`. */
export function formatStoredDateTime(instant: Date): string {
    return instant.toISOString();
}

/** Formats a stored datetime the way the REST API writes it: `2027-03-01T10:00:00.000+0000`. */
export function formatApiDateTime(stored: string): string {
    return stored.endsWith('Z') ? `${stored.slice(0, -1)}+0000` : stored;
}

/** Converts a column value to its JSON value in API responses. */
export function fromStorage(
    field: FieldDefinition,
    value: SQLOutputValue
): string | number | boolean | null {
    if (value === null || value instanceof Uint8Array) {
        return null;
    }
    if (field.type === 'boolean') {
        return Number(value) === 1;
    }
    if (typeof value === 'bigint') {
        return Number(value);
    }
    if (field.type === 'datetime' && typeof value === 'string') {
        return formatApiDateTime(value);
    }
    return value;
}
