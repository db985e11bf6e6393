/**
 * Parsing SOQL with soql-parser-js and rejecting, with `MALFORMED_QUERY` naming the
 * part, every clause the local org does not translate.
 */
import { parseQuery, type FieldType, type Query, type Subquery } from 'soql-parser-js';
import { SalesforceError } from '../errors';

/** Throws `MALFORMED_QUERY` saying which part of the query is not supported. */
export function unsupported(part: string): never {
    throw new SalesforceError(
        'MALFORMED_QUERY',
        `The local org does not support ${part} in SOQL queries.`
    );
}

/** Throws `MALFORMED_QUERY` for a query that Salesforce rejects too. */
export function malformed(message: string): never {
    throw new SalesforceError('MALFORMED_QUERY', message);
}

/** Aggregate functions the store translates. */
export const AGGREGATE_FUNCTIONS = new Set(['COUNT', 'COUNT_DISTINCT', 'SUM', 'AVG', 'MIN', 'MAX']);

function checkField(field: FieldType, isSubquery: boolean): void {
    switch (field.type) {
        case 'FieldTypeof':
            unsupported('TYPEOF');
            break;
        case 'FieldFunctionExpression': {
            const name = field.functionName.toUpperCase();
            if (!AGGREGATE_FUNCTIONS.has(name)) {
                unsupported(`the function ${field.functionName}()`);
            }
            if (field.parameters.some((parameter) => typeof parameter !== 'string')) {
                unsupported(`nested functions in ${field.rawValue ?? name}`);
            }
            break;
        }
        case 'FieldSubquery':
            if (isSubquery) {
                unsupported('nested child subqueries');
            }
            checkClauses(field.subquery, true);
            break;
        default:
            if (/^FIELDS\(/i.test(field.field)) {
                unsupported(field.field);
            }
    }
}

function checkClauses(query: Query | Subquery, isSubquery: boolean): void {
    if (query.usingScope !== undefined) {
        unsupported('USING SCOPE');
    }
    if (query.withDataCategory !== undefined) {
        unsupported('WITH DATA CATEGORY');
    }
    if (query.withSecurityEnforced === true || query.withAccessLevel !== undefined) {
        unsupported('WITH SECURITY_ENFORCED, USER_MODE and SYSTEM_MODE');
    }
    if (query.for !== undefined) {
        unsupported(`FOR ${query.for}`);
    }
    if (query.update !== undefined) {
        unsupported(`UPDATE ${query.update}`);
    }
    const groupBy =
        query.groupBy === undefined
            ? []
            : Array.isArray(query.groupBy)
              ? query.groupBy
              : [query.groupBy];
    for (const clause of groupBy) {
        if ('fn' in clause) {
            unsupported(`GROUP BY ${clause.fn.rawValue ?? clause.fn.functionName ?? 'function'}`);
        }
    }
    for (const field of query.fields ?? []) {
        checkField(field, isSubquery);
    }
}

/**
 * Parses a query. Throws `MALFORMED_QUERY` for a syntax error (with the parser's
 * message) or for a clause the store does not support.
 */
export function parseSoql(soql: string): Query {
    let query: Query;
    try {
        query = parseQuery(soql);
    } catch (error) {
        const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
        throw new SalesforceError('MALFORMED_QUERY', `Could not parse the query: ${reason ?? ''}`);
    }
    if (query.sObject === undefined) {
        throw new SalesforceError('MALFORMED_QUERY', 'The query has no FROM clause.');
    }
    checkClauses(query, false);
    return query;
}
