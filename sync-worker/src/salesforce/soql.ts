/**
 * SOQL composed with soql-parser-js's builder from typed values, so that nothing reaches
 * a query as raw text. Names must be API identifiers, and for the objects of
 * `RECORD_SCHEMAS` fields of their schema. Ids must match the 15/18-character pattern,
 * datetimes are `Date`s, and free text is escaped, so a hostile value cannot change the
 * query.
 */
import {
    composeQuery,
    getField,
    type LiteralType,
    type Operator,
    type OrderByClause,
    type WhereClause
} from 'soql-parser-js';
import { fieldNamesOf, RECORD_SCHEMAS, type SObjectName } from '../schema/records';
import { SalesforceUsageError } from './errors';

/** A value that may enter a query, tagged with its type. */
export type SoqlValue =
    | { id: string }
    | { ids: readonly string[] }
    | { dateTime: Date }
    | { date: string }
    | { text: string }
    | { texts: readonly string[] }
    | { number: number }
    | { boolean: boolean }
    | null;

/** `field operator value`; `null` allows only `=` and `!=`. */
export interface SoqlCondition {
    field: string;
    operator: Operator;
    value: SoqlValue;
}

/** A query: conditions are joined with AND. */
export interface SoqlQuery {
    object: string;
    fields: readonly string[];
    where?: readonly SoqlCondition[];
    orderBy?: readonly { field: string; direction: 'ASC' | 'DESC' }[];
    limit?: number;
}

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]*$/;
const FIELD_PATH = /^[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*){0,4}$/;
const RECORD_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Escapes text for a SOQL string literal: backslash, quotes and control characters. */
export function escapeSoqlText(text: string): string {
    return text.replace(/[\\'"\n\r\t\b\f]/g, (character) => {
        switch (character) {
            case '\n':
                return '\\n';
            case '\r':
                return '\\r';
            case '\t':
                return '\\t';
            case '\b':
                return '\\b';
            case '\f':
                return '\\f';
            default:
                return `\\${character}`;
        }
    });
}

/** True for a 15- or 18-character record Id. */
export function isRecordId(value: string): boolean {
    return RECORD_ID.test(value);
}

function checkId(value: string): string {
    if (!isRecordId(value)) {
        throw new SalesforceUsageError(
            `The value ${JSON.stringify(value.slice(0, 40))} is not a 15- or 18-character record Id.`
        );
    }
    return value;
}

function checkList<T>(values: readonly T[], field: string): readonly T[] {
    if (values.length === 0) {
        throw new SalesforceUsageError(
            `The IN list of ${field} is empty; SOQL needs at least one value.`
        );
    }
    return values;
}

/** Converts a tagged value into the builder's value and literal type. */
function toLiteral(
    value: SoqlValue,
    field: string
): { value: string | string[]; literalType: LiteralType } {
    if (value === null) {
        return { value: 'null', literalType: 'NULL' };
    }
    if ('id' in value) {
        return { value: checkId(value.id), literalType: 'STRING' };
    }
    if ('ids' in value) {
        return { value: checkList(value.ids, field).map(checkId), literalType: 'STRING' };
    }
    if ('dateTime' in value) {
        if (Number.isNaN(value.dateTime.getTime())) {
            throw new SalesforceUsageError(`The datetime for ${field} is invalid.`);
        }
        return { value: value.dateTime.toISOString(), literalType: 'DATETIME' };
    }
    if ('date' in value) {
        if (!DATE_ONLY.test(value.date)) {
            throw new SalesforceUsageError(
                `The date ${JSON.stringify(value.date.slice(0, 40))} for ${field} is not YYYY-MM-DD.`
            );
        }
        return { value: value.date, literalType: 'DATE' };
    }
    if ('text' in value) {
        return { value: escapeSoqlText(value.text), literalType: 'STRING' };
    }
    if ('texts' in value) {
        return { value: checkList(value.texts, field).map(escapeSoqlText), literalType: 'STRING' };
    }
    if ('number' in value) {
        if (!Number.isFinite(value.number)) {
            throw new SalesforceUsageError(`The number for ${field} is not finite.`);
        }
        return {
            value: String(value.number),
            literalType: Number.isInteger(value.number) ? 'INTEGER' : 'DECIMAL'
        };
    }
    return { value: String(value.boolean), literalType: 'BOOLEAN' };
}

function checkName(name: string, pattern: RegExp, what: string): string {
    if (!pattern.test(name)) {
        throw new SalesforceUsageError(
            `The ${what} ${JSON.stringify(name.slice(0, 60))} is not a valid API name.`
        );
    }
    return name;
}

/** True when the object has a record schema, so its field names can be checked. */
function isSchemaObject(object: string): object is SObjectName {
    return Object.hasOwn(RECORD_SCHEMAS, object);
}

/** Checks a field: an identifier path, and a schema field for schema objects. */
function checkField(object: string, field: string): string {
    checkName(field, FIELD_PATH, 'field');
    if (isSchemaObject(object) && !field.includes('.') && !fieldNamesOf(object).includes(field)) {
        throw new SalesforceUsageError(
            `${field} is not a field of ${object} in the record schemas.`
        );
    }
    return field;
}

function whereOf(object: string, conditions: readonly SoqlCondition[]): WhereClause | undefined {
    let clause: WhereClause | undefined;
    for (const condition of [...conditions].reverse()) {
        if (condition.value === null && condition.operator !== '=' && condition.operator !== '!=') {
            throw new SalesforceUsageError(
                `null can only be compared with = or != (${condition.field}).`
            );
        }
        const left = {
            field: checkField(object, condition.field),
            operator: condition.operator,
            ...toLiteral(condition.value, condition.field)
        };
        clause = clause === undefined ? { left } : { left, operator: 'AND', right: clause };
    }
    return clause;
}

/** Composes a query; raises `SalesforceUsageError` for any name or value it rejects. */
export function composeSoql(query: SoqlQuery): string {
    const object = checkName(query.object, IDENTIFIER, 'object');
    if (query.fields.length === 0) {
        throw new SalesforceUsageError(`The query of ${object} selects no field.`);
    }
    if (query.limit !== undefined && (!Number.isInteger(query.limit) || query.limit <= 0)) {
        throw new SalesforceUsageError(`The LIMIT ${query.limit} is not a positive integer.`);
    }
    const orderBy: OrderByClause[] = (query.orderBy ?? []).map((order) => ({
        field: checkField(object, order.field),
        order: order.direction
    }));
    const where = whereOf(object, query.where ?? []);
    return composeQuery({
        sObject: object,
        fields: query.fields.map((field) => getField(checkField(object, field))),
        ...(where === undefined ? {} : { where }),
        ...(orderBy.length === 0 ? {} : { orderBy }),
        ...(query.limit === undefined ? {} : { limit: query.limit })
    });
}

/** Options of `changeQuery`. */
export interface ChangeQueryOptions {
    /** Lower bound of `SystemModstamp`, inclusive; absent reads every record. */
    since?: Date;
    /** Upper bound of `SystemModstamp`, exclusive. */
    until?: Date;
    /** Fields to select; default every field of the object's record schema. */
    fields?: readonly string[];
    /** Further conditions, joined with AND. */
    where?: readonly SoqlCondition[];
}

/**
 * Composes the change query of an object: records whose `SystemModstamp` lies in
 * [since, until), oldest first and by Id, so that pages and watermarks follow one order.
 */
export function changeQuery(object: SObjectName, options: ChangeQueryOptions = {}): string {
    const where: SoqlCondition[] = [];
    if (options.since !== undefined) {
        where.push({ field: 'SystemModstamp', operator: '>=', value: { dateTime: options.since } });
    }
    if (options.until !== undefined) {
        where.push({ field: 'SystemModstamp', operator: '<', value: { dateTime: options.until } });
    }
    where.push(...(options.where ?? []));
    return composeSoql({
        object,
        fields: options.fields ?? fieldNamesOf(object),
        where,
        orderBy: [
            { field: 'SystemModstamp', direction: 'ASC' },
            { field: 'Id', direction: 'ASC' }
        ]
    });
}

/**
 * Ids per `IN` list of `idQueries`. 200 Ids of 18 characters with the full Lead field
 * list make a query of about 5,000 characters, 6,000 once URL-encoded.
 */
export const IDS_PER_QUERY = 200;

/**
 * Composes the queries that read the records whose `field` is one of `ids`, split into
 * `IN` lists of at most `chunkSize` Ids. Duplicate Ids are sent once.
 */
export function idQueries(
    object: SObjectName,
    field: string,
    ids: readonly string[],
    options: {
        fields?: readonly string[];
        where?: readonly SoqlCondition[];
        chunkSize?: number;
    } = {}
): string[] {
    const unique = [...new Set(ids)];
    const chunkSize = options.chunkSize ?? IDS_PER_QUERY;
    const queries: string[] = [];
    for (let start = 0; start < unique.length; start += chunkSize) {
        queries.push(
            composeSoql({
                object,
                fields: options.fields ?? fieldNamesOf(object),
                where: [
                    {
                        field,
                        operator: 'IN',
                        value: { ids: unique.slice(start, start + chunkSize) }
                    },
                    ...(options.where ?? [])
                ]
            })
        );
    }
    return queries;
}
