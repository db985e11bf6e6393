/**
 * Conversion of export text to field values by field type. Salesforce's data export and
 * Data Loader write dates as `2024-01-22`, datetimes as `2024-01-22T20:36:47.000+0000`
 * (or with `Z`), and checkboxes as `true`/`false` or `1`/`0`. Report exports and files
 * re-saved by spreadsheets use US dates (`1/22/2024`, `1/22/2024 8:36 PM`); those are
 * read month first. A datetime without an offset is taken as UTC.
 */
import { DateTime } from 'luxon';
import type { FieldDefinition } from '../../sync-worker/src/schema/types';

/** A value the store accepts in a JSON write. */
export type ImportValue = string | number | boolean | null;

/** A value that does not fit its field's type; the message names value and expected form. */
export class ValueError extends Error {
    public constructor(message: string) {
        super(message);
        this.name = 'ValueError';
    }
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const US_DATE_TIME =
    /^(\d{1,2})\/(\d{1,2})\/(\d{4})[ ,]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?$/;
const SPACED_DATE_TIME = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/;
const TRUE_WORDS = new Set(['true', '1', 'yes']);
const FALSE_WORDS = new Set(['false', '0', 'no']);

function toBoolean(text: string): boolean {
    const word = text.toLowerCase();
    if (TRUE_WORDS.has(word)) {
        return true;
    }
    if (FALSE_WORDS.has(word)) {
        return false;
    }
    throw new ValueError(`"${text}" is not a checkbox value (expected true, false, 1 or 0)`);
}

function toNumber(text: string, field: FieldDefinition): number {
    // A percent column may carry its sign, as report exports write it.
    const plain = field.type === 'percent' ? text.replace(/%$/, '').trim() : text;
    if (!NUMBER.test(plain)) {
        throw new ValueError(
            `"${text}" is not a number (expected digits with a "." decimal point)`
        );
    }
    return Number(plain);
}

function usDate(month: string, day: string, year: string): DateTime {
    return DateTime.fromObject(
        { year: Number(year), month: Number(month), day: Number(day) },
        { zone: 'utc' }
    );
}

/** Parses a date column; an ISO datetime contributes its UTC date. */
function parseDate(text: string): DateTime | null {
    if (ISO_DATE.test(text)) {
        return DateTime.fromISO(text, { zone: 'utc' });
    }
    const us = US_DATE.exec(text);
    if (us) {
        return usDate(us[1] ?? '', us[2] ?? '', us[3] ?? '');
    }
    return text.includes('T') ? parseDateTime(text) : null;
}

function hour24(hour: string, meridiem: string | undefined): number {
    const value = Number(hour);
    if (meridiem === undefined) {
        return value;
    }
    const pm = meridiem.toLowerCase() === 'pm';
    return (value % 12) + (pm ? 12 : 0);
}

/** Parses a datetime column; see the module comment for the forms. */
function parseDateTime(text: string): DateTime | null {
    if (ISO_DATE.test(text)) {
        return DateTime.fromISO(text, { zone: 'utc' });
    }
    const spaced = SPACED_DATE_TIME.exec(text);
    if (spaced) {
        return DateTime.fromISO(`${spaced[1] ?? ''}T${spaced[2] ?? ''}`, { zone: 'utc' });
    }
    const us = US_DATE_TIME.exec(text);
    if (us) {
        const date = usDate(us[1] ?? '', us[2] ?? '', us[3] ?? '');
        return date.set({
            hour: hour24(us[4] ?? '', us[7]),
            minute: Number(us[5]),
            second: Number(us[6] ?? '0')
        });
    }
    const onlyDate = US_DATE.exec(text);
    if (onlyDate) {
        return usDate(onlyDate[1] ?? '', onlyDate[2] ?? '', onlyDate[3] ?? '');
    }
    // luxon reads offsets with and without a colon (+0000, +00:00) and Z.
    const parsed = DateTime.fromISO(text, { zone: 'utc' });
    return parsed.isValid && text.includes('T') ? parsed.toUTC() : null;
}

/**
 * Converts one export value to the value of `field`; empty text is null. Reference
 * fields are left to the caller. Throws `ValueError` for text of the wrong form.
 */
export function convertValue(field: FieldDefinition, raw: string): ImportValue {
    const text = raw.trim();
    if (text === '') {
        return null;
    }
    switch (field.type) {
        case 'boolean':
            return toBoolean(text);
        case 'int':
        case 'double':
        case 'currency':
        case 'percent':
            return toNumber(text, field);
        case 'date': {
            const date = parseDate(text);
            if (!date?.isValid) {
                throw new ValueError(`"${raw}" is not a date (expected YYYY-MM-DD or M/D/YYYY)`);
            }
            return date.toFormat('yyyy-MM-dd');
        }
        case 'datetime': {
            const instant = parseDateTime(text);
            if (!instant?.isValid) {
                throw new ValueError(
                    `"${raw}" is not a datetime (expected ISO 8601 such as 2024-01-22T20:36:47.000+0000)`
                );
            }
            return instant.toUTC().toISO();
        }
        default:
            // Text keeps its spaces: the store checks length, e-mail form and picklists.
            return raw;
    }
}
