/**
 * SOQL literals converted to stored values of the field they are compared with, with
 * the errors Salesforce gives for a literal of the wrong type.
 */
import { DateTime } from 'luxon';
import type { LiteralType } from 'soql-parser-js';
import { normalizeId } from '../../../schema/ids';
import type { FieldDefinition } from '../../../schema/types';
import { SalesforceError } from '../errors';
import type { StoredValue } from '../store-context';
import { malformed, unsupported } from './parse';

const TEXT_TYPES = new Set([
    'string',
    'textarea',
    'email',
    'url',
    'phone',
    'picklist',
    'multipicklist',
    'combobox'
]);
const NUMBER_TYPES = new Set(['int', 'double', 'currency', 'percent']);

/** Escape sequences of SOQL string literals, matched case-insensitively (`\N` is `\n`). */
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' };

/** Characters a backslash may escape to stand for themselves. */
const LITERAL_ESCAPES = new Map(
    ["'", '"', '\\', '%', '_'].map((character) => [character, character])
);

/** True for long text area and rich text fields, which SOQL cannot filter, group or sort. */
export function isLongTextArea(field: FieldDefinition): boolean {
    return field.type === 'textarea' && (field.length ?? 0) > 255;
}

/** True for fields compared as case-insensitive text. */
export function isCaseInsensitiveText(field: FieldDefinition): boolean {
    return TEXT_TYPES.has(field.type) && !field.caseSensitive;
}

export function isTextField(field: FieldDefinition): boolean {
    return TEXT_TYPES.has(field.type);
}

function filterError(message: string): SalesforceError {
    return new SalesforceError('INVALID_QUERY_FILTER_OPERATOR', message);
}

/**
 * Removes the quotes and backslash escapes of a SOQL string literal. With `keepLikeEscapes`,
 * `\%`, `\_` and `\\` stay escaped for use as a LIKE pattern with ESCAPE '\'.
 */
export function unquote(literal: string, keepLikeEscapes = false): string {
    const body = literal.startsWith("'") && literal.endsWith("'") ? literal.slice(1, -1) : literal;
    return body.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (match: string, sequence: string) => {
        if (keepLikeEscapes && (sequence === '%' || sequence === '_' || sequence === '\\')) {
            return match;
        }
        if (sequence.length === 5) {
            return String.fromCharCode(Number.parseInt(sequence.slice(1), 16));
        }
        const character = ESCAPES[sequence.toLowerCase()] ?? LITERAL_ESCAPES.get(sequence);
        if (character === undefined) {
            return malformed(
                `Invalid string literal ${literal}: illegal escape sequence ${match}. Escape a backslash as \\\\.`
            );
        }
        return character;
    });
}

function typeMismatch(field: FieldDefinition, expected: string, quoted: boolean): SalesforceError {
    const quoting = quoted ? 'should be enclosed in quotes' : 'should not be enclosed in quotes';
    return filterError(
        `value of filter criterion for field '${field.name}' must be of type ${expected} and ${quoting}`
    );
}

function dateTimeLiteral(field: FieldDefinition, raw: string): string {
    const parsed = DateTime.fromISO(raw, { setZone: true });
    if (!parsed.isValid) {
        throw filterError(`invalid dateTime literal: ${raw}`);
    }
    if (field.type !== 'datetime') {
        throw typeMismatch(field, field.type === 'date' ? 'date' : field.type, isTextField(field));
    }
    return parsed.toUTC().toISO({ includeOffset: false }) + 'Z';
}

function dateLiteral(field: FieldDefinition, raw: string): string {
    if (field.type !== 'date') {
        throw typeMismatch(
            field,
            field.type === 'datetime' ? 'dateTime' : field.type,
            isTextField(field)
        );
    }
    if (!DateTime.fromISO(raw).isValid) {
        throw filterError(`invalid date literal: ${raw}`);
    }
    return raw;
}

function stringLiteral(field: FieldDefinition, raw: string): StoredValue {
    const text = unquote(raw);
    if (field.type === 'id' || field.type === 'reference') {
        if (text === '') {
            return null;
        }
        const id = normalizeId(text);
        if (id === null) {
            throw filterError(`invalid ID field: ${text}`);
        }
        return id;
    }
    if (!isTextField(field)) {
        throw typeMismatch(field, field.type === 'datetime' ? 'dateTime' : field.type, false);
    }
    return text;
}

/** Converts one literal for comparison with `field`. NULL becomes null. */
export function literalValue(
    field: FieldDefinition,
    raw: string,
    literalType: LiteralType | undefined
): StoredValue {
    switch (literalType) {
        case 'NULL':
            return null;
        case 'STRING':
            return stringLiteral(field, raw);
        case 'BOOLEAN':
            if (field.type !== 'boolean') {
                throw typeMismatch(field, field.type, isTextField(field));
            }
            return raw.toUpperCase() === 'TRUE' ? 1 : 0;
        case 'INTEGER':
        case 'DECIMAL':
            if (!NUMBER_TYPES.has(field.type)) {
                throw typeMismatch(
                    field,
                    field.type,
                    isTextField(field) || field.type === 'id' || field.type === 'reference'
                );
            }
            return Number(raw);
        case 'DATE':
            return dateLiteral(field, raw);
        case 'DATETIME':
            return dateTimeLiteral(field, raw);
        default:
            return unsupported(`the literal ${raw}`);
    }
}
