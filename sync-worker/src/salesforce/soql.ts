/**
 * SOQL composed with soql-parser-js's builder from typed values, so that nothing reaches
 * a query as raw text. Names must be API identifiers, and for the objects of
 * `RECORD_SCHEMAS` fields of their schema (or fields the query names as extra). Ids must
 * match the 15/18-character pattern, datetimes are `Date`s, numbers finite, and free
 * text is escaped (LIKE wildcards too), so a hostile value cannot change the query.
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
    /**
     * Fields of a schema object that this query may name although its record schema
     * leaves them out, such as `User.Username`. They are still checked as API names.
     */
    extraFields?: readonly string[];
}

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]*$/;
const FIELD_PATH = /^[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*){0,4}$/;
const RECORD_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Escapes of the control characters that SOQL names; `\uXXXX` stands for the others. */
const NAMED_ESCAPES: Readonly<Record<string, string>> = {
    '\n': '\\n',
    '\r': '\\r',
    '\t': '\\t',
    '\b': '\\b',
    '\f': '\\f'
};

/**
 * Escapes text for the inside of a SOQL string literal. Backslash and quotes get a
 * backslash. Control characters (Unicode category Cc) and the line and paragraph
 * separators, which end a line for many lexers, become `\n`-style or `\uXXXX` escapes. Other characters,
 * typographic quotes included, have no meaning in SOQL and stay as they are.
 */
export function escapeSoqlText(text: string): string {
    return text.replace(/[\\'"\p{Cc}\u2028\u2029]/gu, (character) => {
        const named = NAMED_ESCAPES[character];
        if (named !== undefined) {
            return named;
        }
        if (character === '\\' || character === "'" || character === '"') {
            return `\\${character}`;
        }
        return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
    });
}

/**
 * Escapes text for a LIKE pattern that matches it literally: `%` and `_` are wildcards
 * there, and SOQL allows `\%` and `\_` in LIKE patterns only.
 */
function escapeLikeText(text: string): string {
    return escapeSoqlText(text).replace(/[%_]/g, (character) => `\\${character}`);
}

/** Wraps escaped text in quotes. Quoting here also keeps the builder from dropping `''` out of an IN list. */
function quoted(escaped: string): string {
    return `'${escaped}'`;
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

/** Operators whose value is a list; every other operator takes one value. */
const LIST_OPERATORS: ReadonlySet<Operator> = new Set(['IN', 'NOT IN', 'INCLUDES', 'EXCLUDES']);

const OPERATORS: ReadonlySet<Operator> = new Set([
    '=',
    '!=',
    '<',
    '<=',
    '>',
    '>=',
    'LIKE',
    ...LIST_OPERATORS
]);

/** Checks that the operator exists and that its value is a list exactly when it needs one. */
function checkOperator(condition: SoqlCondition): void {
    const { field, operator, value } = condition;
    if (!OPERATORS.has(operator)) {
        throw new SalesforceUsageError(
            `The operator ${JSON.stringify(operator.slice(0, 20))} for ${field} is not a SOQL comparison operator.`
        );
    }
    const isList = value !== null && ('ids' in value || 'texts' in value);
    if (isList !== LIST_OPERATORS.has(operator)) {
        throw new SalesforceUsageError(
            `The operator ${operator} for ${field} ${isList ? 'does not take' : 'needs'} a list of values.`
        );
    }
    if (value === null && operator !== '=' && operator !== '!=') {
        throw new SalesforceUsageError(`null can only be compared with = or != (${field}).`);
    }
    if (operator === 'LIKE' && (value === null || !('text' in value))) {
        throw new SalesforceUsageError(`LIKE for ${field} needs a text value.`);
    }
}

/** Converts a tagged value into the builder's value and literal type. */
function toLiteral(
    value: SoqlValue,
    field: string,
    operator: Operator
): { value: string | string[]; literalType: LiteralType } {
    if (value === null) {
        return { value: 'null', literalType: 'NULL' };
    }
    if ('id' in value) {
        return { value: quoted(checkId(value.id)), literalType: 'STRING' };
    }
    if ('ids' in value) {
        const ids = checkList(value.ids, field).map((id) => quoted(checkId(id)));
        return { value: ids, literalType: 'STRING' };
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
        const escape = operator === 'LIKE' ? escapeLikeText : escapeSoqlText;
        return { value: quoted(escape(value.text)), literalType: 'STRING' };
    }
    if ('texts' in value) {
        const texts = checkList(value.texts, field).map((text) => quoted(escapeSoqlText(text)));
        return { value: texts, literalType: 'STRING' };
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
    // Checked at run time as well: a value cast from JSON may not be a boolean.
    if (typeof value.boolean !== 'boolean') {
        throw new SalesforceUsageError(`The value for ${field} is not a boolean.`);
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

/** Checks a field: an identifier path, and for schema objects a schema or extra field. */
function checkField(object: string, field: string, extraFields: readonly string[]): string {
    checkName(field, FIELD_PATH, 'field');
    if (
        isSchemaObject(object) &&
        !field.includes('.') &&
        !fieldNamesOf(object).includes(field) &&
        !extraFields.includes(field)
    ) {
        throw new SalesforceUsageError(
            `${field} is not a field of ${object} in the record schemas.`
        );
    }
    return field;
}

function whereOf(
    object: string,
    conditions: readonly SoqlCondition[],
    extraFields: readonly string[]
): WhereClause | undefined {
    let clause: WhereClause | undefined;
    for (const condition of [...conditions].reverse()) {
        checkOperator(condition);
        const left = {
            field: checkField(object, condition.field, extraFields),
            operator: condition.operator,
            ...toLiteral(condition.value, condition.field, condition.operator)
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
    const extraFields = (query.extraFields ?? []).map((field) =>
        checkName(field, IDENTIFIER, 'field')
    );
    const orderBy: OrderByClause[] = (query.orderBy ?? []).map((order) => ({
        field: checkField(object, order.field, extraFields),
        order: order.direction
    }));
    const where = whereOf(object, query.where ?? [], extraFields);
    return composeQuery({
        sObject: object,
        fields: query.fields.map((field) => getField(checkField(object, field, extraFields))),
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
