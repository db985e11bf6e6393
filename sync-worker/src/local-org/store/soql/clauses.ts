/**
 * WHERE and ORDER BY of one query level (the main query, a child subquery or a
 * semi-join), translated over that level's scope.
 */
import type { OrderByClause, Query, WhereClause } from 'soql-parser-js';
import { quote } from '../database';
import type { StoreContext } from '../store-context';
import { translateConditions, type ConditionEnvironment, type SqlFragment } from './conditions';
import { isLongTextArea } from './literals';
import { orderTerm } from './order-key';
import { malformed, unsupported } from './parse';
import { QueryScope } from './scope';
import { buildTree, containsSemiJoin, hasSemiJoinUnderOr, type Leaf } from './where-tree';

/** Hands out alias prefixes so that nested scopes never clash (`s1`, `s2`, `k1`, ...). */
export class AliasAllocator {
    private count = 0;

    public next(letter: string): string {
        this.count += 1;
        return `${letter}${this.count}_`;
    }
}

function asArray<T>(value: T | T[] | undefined): T[] {
    if (value === undefined) {
        return [];
    }
    return Array.isArray(value) ? value : [value];
}

/** Translates a semi-join `Field IN (SELECT RefField FROM Object WHERE ...)`. */
function semiJoin(context: StoreContext, query: Query, allocator: AliasAllocator): SqlFragment {
    if (query.sObject === undefined) {
        return unsupported('a subquery without FROM');
    }
    const [selected, ...others] = query.fields ?? [];
    if (!selected || others.length > 0 || selected.type !== 'Field') {
        return unsupported('a semi-join that does not select exactly one field');
    }
    if (query.orderBy !== undefined || query.limit !== undefined || query.groupBy !== undefined) {
        return unsupported('ORDER BY, LIMIT or GROUP BY in a semi-join');
    }
    const scope = new QueryScope(
        context,
        context.objectOf(query.sObject),
        allocator.next('s'),
        query.sObjectAlias
    );
    const column = scope.resolve(selected.field);
    if (column.field.type !== 'id' && column.field.type !== 'reference') {
        return unsupported(
            `a semi-join selecting ${selected.field}, which is not an Id or lookup field`
        );
    }
    if (query.where !== undefined && containsSemiJoin(buildTree(query.where))) {
        return malformed('A semi-join cannot contain another semi-join in its WHERE clause.');
    }
    const where = whereFragment(context, scope, query.where, false, allocator);
    return {
        sql: `SELECT ${column.sql} FROM ${scope.fromClause()} WHERE ${column.sql} IS NOT NULL AND ${where.sql}`,
        params: where.params
    };
}

function environment(
    context: StoreContext,
    scope: QueryScope,
    allocator: AliasAllocator
): ConditionEnvironment {
    return {
        resolveOperand(leaf: Leaf) {
            if ('fn' in leaf) {
                return unsupported(
                    `the function ${leaf.fn.rawValue ?? leaf.fn.functionName ?? ''} in WHERE`
                );
            }
            const operand = scope.resolve(leaf.field);
            if (isLongTextArea(operand.field)) {
                malformed(`The long text area field ${leaf.field} cannot be filtered in WHERE.`);
            }
            return operand;
        },
        semiJoin: (query) => semiJoin(context, query, allocator),
        now: context.now(),
        settings: context.orgSettings()
    };
}

/**
 * WHERE of one level: live records only (unless `includeDeleted`), and the query's
 * conditions. Call before `scope.fromClause()`, which needs the joins it adds.
 */
export function whereFragment(
    context: StoreContext,
    scope: QueryScope,
    where: WhereClause | undefined,
    includeDeleted: boolean,
    allocator: AliasAllocator
): SqlFragment {
    const parts: string[] = [includeDeleted ? '1 = 1' : `${scope.alias}."IsDeleted" = 0`];
    const params: SqlFragment['params'] = [];
    if (where !== undefined) {
        const tree = buildTree(where);
        if (hasSemiJoinUnderOr(tree)) {
            malformed(
                'A semi-join or anti-join (IN or NOT IN a subquery) cannot be used under OR.'
            );
        }
        const translated = translateConditions(tree, environment(context, scope, allocator));
        parts.push(translated.sql);
        params.push(...translated.params);
    }
    return { sql: parts.join(' AND '), params };
}

/**
 * ORDER BY terms of one level, with SOQL's defaults (see `orderTerm`). The row id is
 * appended so that equal keys keep a stable order across pages.
 */
export function orderByTerms(
    scope: QueryScope,
    orderBy: OrderByClause | OrderByClause[] | undefined
): string[] {
    const terms = asArray(orderBy).map((clause) => {
        if (!('field' in clause)) {
            return unsupported(
                `ORDER BY ${clause.fn.rawValue ?? clause.fn.functionName ?? 'function'} outside an aggregate query`
            );
        }
        const resolved = scope.resolve(clause.field);
        return orderTerm(resolved.sql, resolved.field, clause.order, clause.nulls);
    });
    return terms;
}

/** Quoted column of the query object's scope. */
export function rootColumn(scope: QueryScope, fieldName: string): string {
    return `${scope.alias}.${quote(fieldName)}`;
}
