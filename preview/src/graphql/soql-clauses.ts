/**
 * Translates the `where` and `orderBy` arguments of a GraphQL API record query into
 * SOQL. The filter grammar is the one of the Salesforce GraphQL API: field names with
 * operator objects (`{ Status__c: { in: ["Open"] } }`), `and`, `or` and `not`,
 * relationship names for fields of parent records, and for dates and date-times a
 * `{ value }`, a `{ literal }` such as `THIS_FISCAL_QUARTER` or a `{ range }`. Every
 * value is checked against the field's type and written as a SOQL literal, so no text
 * of the request reaches the query unescaped.
 */
import { escapeSoqlText } from '../../../sync-worker/src/salesforce';
import type { FieldInfo, ObjectInfo, ObjectInfoSource } from '../object-info';
import { EnumValue, GraphqlQueryError, type InputObject, type InputValue } from './ast';

const OPERATORS: Readonly<Record<string, string>> = {
    eq: '=',
    ne: '!=',
    lt: '<',
    lte: '<=',
    gt: '>',
    gte: '>=',
    like: 'LIKE',
    in: 'IN',
    nin: 'NOT IN',
    includes: 'INCLUDES',
    excludes: 'EXCLUDES'
};
const LIST_OPERATORS = new Set(['in', 'nin', 'includes', 'excludes']);
const NUMBER_TYPES = new Set(['int', 'long', 'double', 'currency', 'percent']);
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:?\d{2})$/;
const DATE_LITERAL = /^[A-Z][A-Z0-9_]*$/;
const RANGE_UNIT =
    /^(last|next)_n_(days|weeks|months|quarters|years|fiscal_quarters|fiscal_years)$/;

/** Location of a problem in the request, for the `path` of the GraphQL error. */
type Path = readonly string[];

function isList(value: InputValue): value is readonly InputValue[] {
    return Array.isArray(value);
}

export function isInputObject(value: InputValue | undefined): value is InputObject {
    return (
        typeof value === 'object' &&
        value !== null &&
        !Array.isArray(value) &&
        !(value instanceof EnumValue)
    );
}

function fail(message: string, path: Path): never {
    throw new GraphqlQueryError(message, path);
}

function describeValue(value: InputValue): string {
    return value instanceof EnumValue ? value.name : JSON.stringify(value);
}

/** `{ literal: TODAY }` or `{ range: { last_n_days: 3 } }` as a SOQL date literal. */
function relativeDate(value: InputObject, path: Path): string | null {
    const literal = value.literal;
    if (literal !== undefined) {
        const name = literal instanceof EnumValue ? literal.name : literal;
        if (typeof name !== 'string' || !DATE_LITERAL.test(name)) {
            fail(`${describeValue(literal)} is not a date literal such as TODAY.`, path);
        }
        return name;
    }
    const range = value.range;
    if (range !== undefined) {
        const entries = isInputObject(range) ? Object.entries(range) : [];
        const [unit, count] = entries[0] ?? [];
        if (
            entries.length !== 1 ||
            unit === undefined ||
            !RANGE_UNIT.test(unit) ||
            typeof count !== 'number' ||
            !Number.isInteger(count) ||
            count < 0
        ) {
            fail(
                'A range must name one unit with a whole count, such as { last_n_days: 3 }.',
                path
            );
        }
        return `${unit.toUpperCase()}:${count}`;
    }
    return null;
}

function dateLiteral(field: FieldInfo, value: InputValue, path: Path): string {
    const inner = isInputObject(value) ? value : null;
    if (inner !== null) {
        const relative = relativeDate(inner, path);
        if (relative !== null) {
            return relative;
        }
    }
    const text = inner === null ? value : inner.value;
    if (field.type === 'date' && typeof text === 'string' && DATE_ONLY.test(text)) {
        return text;
    }
    if (field.type === 'datetime' && typeof text === 'string' && DATE_TIME.test(text)) {
        const time = Date.parse(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
        if (!Number.isNaN(time)) {
            return new Date(time).toISOString();
        }
    }
    const expected = field.type === 'date' ? 'YYYY-MM-DD' : 'an ISO 8601 date-time with a zone';
    return fail(
        `${describeValue(value)} is not a valid value for the ${field.type} field ${field.name}; expected ${expected}, a { literal } or a { range }.`,
        path
    );
}

/** Writes one value for `field` as a SOQL literal. */
function literalFor(field: FieldInfo, value: InputValue, path: Path): string {
    if (value === null) {
        return 'null';
    }
    if (field.type === 'date' || field.type === 'datetime') {
        return dateLiteral(field, value, path);
    }
    if (field.type === 'boolean') {
        if (typeof value !== 'boolean') {
            fail(
                `The boolean field ${field.name} needs true or false, not ${describeValue(value)}.`,
                path
            );
        }
        return value ? 'TRUE' : 'FALSE';
    }
    if (NUMBER_TYPES.has(field.type)) {
        if (typeof value !== 'number' || !Number.isFinite(value)) {
            fail(
                `The number field ${field.name} needs a number, not ${describeValue(value)}.`,
                path
            );
        }
        return String(value);
    }
    if (typeof value !== 'string') {
        fail(`The field ${field.name} needs a string, not ${describeValue(value)}.`, path);
    }
    return `'${escapeSoqlText(value)}'`;
}

function comparison(column: string, field: FieldInfo, operators: InputValue, path: Path): string {
    if (!isInputObject(operators)) {
        fail(
            `The filter of ${field.name} must be an object of operators such as { eq: ... }.`,
            path
        );
    }
    const parts = Object.entries(operators).map(([operator, value]) => {
        const soqlOperator = OPERATORS[operator];
        const operatorPath = [...path, operator];
        if (soqlOperator === undefined) {
            fail(
                `The operator ${operator} is not supported; use one of ${Object.keys(OPERATORS).join(', ')}.`,
                operatorPath
            );
        }
        if (!LIST_OPERATORS.has(operator)) {
            return `${column} ${soqlOperator} ${literalFor(field, value, operatorPath)}`;
        }
        if (!isList(value) || value.length === 0) {
            fail(`The operator ${operator} needs a non-empty list.`, operatorPath);
        }
        const items = value.map((item) => literalFor(field, item, operatorPath));
        return `${column} ${soqlOperator} (${items.join(', ')})`;
    });
    if (parts.length === 0) {
        fail(`The filter of ${field.name} names no operator.`, path);
    }
    return parts.length === 1 ? (parts[0] ?? '') : `(${parts.join(' AND ')})`;
}

/** The scope a filter or ordering is read in: an object, reached through `prefix`. */
export interface ClauseScope {
    readonly info: ObjectInfo;
    /** Relationship path before field names, such as `Account.` or empty. */
    readonly prefix: string;
    readonly infos: ObjectInfoSource;
}

/**
 * Returns the scope of the object a lookup field points to. A polymorphic lookup such as
 * Owner reads User when it is a target, else its first target.
 */
export async function parentScope(scope: ClauseScope, field: FieldInfo): Promise<ClauseScope> {
    const target = field.referenceTo?.includes('User') ? 'User' : field.referenceTo?.[0];
    if (target === undefined || typeof field.relationshipName !== 'string') {
        throw new GraphqlQueryError(`${field.name} is not a relationship.`);
    }
    return {
        info: await scope.infos.get(target),
        prefix: `${scope.prefix}${field.relationshipName}.`,
        infos: scope.infos
    };
}

async function combined(
    items: InputValue,
    joiner: 'AND' | 'OR',
    scope: ClauseScope,
    path: Path
): Promise<string | null> {
    const list = isList(items) ? items : [items];
    const parts: string[] = [];
    for (const [index, item] of list.entries()) {
        const part = await whereCondition(item, scope, [...path, String(index)]);
        if (part !== null) {
            parts.push(part);
        }
    }
    if (parts.length === 0) {
        return null;
    }
    return parts.length === 1 ? (parts[0] ?? null) : `(${parts.join(` ${joiner} `)})`;
}

/** Translates a `where` filter; returns null for an empty one. */
export async function whereCondition(
    filter: InputValue,
    scope: ClauseScope,
    path: Path
): Promise<string | null> {
    if (!isInputObject(filter)) {
        return fail('A filter must be an object.', path);
    }
    const parts: string[] = [];
    for (const [key, value] of Object.entries(filter)) {
        const keyPath = [...path, key];
        let part: string | null;
        if (key === 'and' || key === 'or') {
            part = await combined(value, key === 'and' ? 'AND' : 'OR', scope, keyPath);
        } else if (key === 'not') {
            const inner = await whereCondition(value, scope, keyPath);
            part = inner === null ? null : `(NOT ${inner})`;
        } else {
            part = await fieldCondition(key, value, scope, keyPath);
        }
        if (part !== null) {
            parts.push(part);
        }
    }
    if (parts.length === 0) {
        return null;
    }
    return parts.length === 1 ? (parts[0] ?? null) : `(${parts.join(' AND ')})`;
}

async function fieldCondition(
    key: string,
    value: InputValue,
    scope: ClauseScope,
    path: Path
): Promise<string | null> {
    const field = scope.info.field(key);
    if (field !== undefined) {
        return comparison(`${scope.prefix}${field.name}`, field, value, path);
    }
    const lookup = scope.info.relationship(key);
    if (lookup !== undefined) {
        return whereCondition(value, await parentScope(scope, lookup), path);
    }
    return fail(`${scope.info.name} has no field or relationship named ${key}.`, path);
}

function enumName(
    value: InputValue | undefined,
    allowed: readonly string[],
    path: Path
): string | null {
    if (value === undefined || value === null) {
        return null;
    }
    const name = value instanceof EnumValue ? value.name : value;
    if (typeof name !== 'string' || !allowed.includes(name)) {
        fail(`${describeValue(value)} is not one of ${allowed.join(', ')}.`, path);
    }
    return name;
}

/** Translates an `orderBy` argument into the items of a SOQL ORDER BY clause. */
export async function orderItems(
    order: InputValue,
    scope: ClauseScope,
    path: Path
): Promise<string[]> {
    if (!isInputObject(order)) {
        return fail('orderBy must be an object such as { Name: { order: ASC } }.', path);
    }
    const items: string[] = [];
    for (const [key, value] of Object.entries(order)) {
        const keyPath = [...path, key];
        const field = scope.info.field(key);
        if (field === undefined) {
            const lookup = scope.info.relationship(key);
            if (lookup === undefined) {
                fail(`${scope.info.name} has no field or relationship named ${key}.`, keyPath);
            }
            items.push(...(await orderItems(value, await parentScope(scope, lookup), keyPath)));
            continue;
        }
        if (!isInputObject(value)) {
            fail(`The ordering of ${key} must be an object such as { order: DESC }.`, keyPath);
        }
        const direction = enumName(value.order, ['ASC', 'DESC'], [...keyPath, 'order']);
        const nulls = enumName(value.nulls, ['FIRST', 'LAST'], [...keyPath, 'nulls']);
        items.push(
            [`${scope.prefix}${field.name}`, direction, nulls === null ? null : `NULLS ${nulls}`]
                .filter((part) => part !== null)
                .join(' ')
        );
    }
    return items;
}
