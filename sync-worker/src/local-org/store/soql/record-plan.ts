/**
 * Plans of record queries (not aggregates): the SQL that snapshots the matching row
 * ids in order, and the SQL that fetches one page of those rows with the selected
 * fields, parents and child subqueries.
 */
import type { FieldSubquery, Query, Subquery } from 'soql-parser-js';
import type { ChildRelationship, ObjectDefinition } from '../../../schema/types';
import { SalesforceError } from '../errors';
import type { StoreContext } from '../store-context';
import { AliasAllocator, orderByTerms, whereFragment } from './clauses';
import type { SqlFragment } from './conditions';
import { malformed, unsupported } from './parse';
import { ShapeBuilder, selectList } from './record-shape';
import { QueryScope } from './scope';

/** A child subquery, run once per page for the page's parent Ids. */
export interface ChildPlan {
    key: string;
    relationship: ChildRelationship;
    object: ObjectDefinition;
    shape: ShapeBuilder;
    /** SQL with one parameter (a JSON array of parent Ids) before `where.params`. */
    sql: string;
    params: SqlFragment['params'];
}

/** Plan of a record query. */
export interface RecordPlan {
    object: ObjectDefinition;
    shape: ShapeBuilder;
    /** Selects `rowid` of matching rows in result order, LIMIT and OFFSET applied. */
    snapshot: SqlFragment;
    /** Fetches the selected columns of rows whose rowid is in a JSON array (one parameter). */
    pageSql: string;
    children: ChildPlan[];
    /** True for `SELECT COUNT() FROM ...`: only the count is returned. */
    isCount: boolean;
}

function addFields(shape: ShapeBuilder, fields: Query['fields']): FieldSubquery[] {
    const subqueries: FieldSubquery[] = [];
    for (const field of fields ?? []) {
        if (field.type === 'FieldSubquery') {
            subqueries.push(field);
            shape.addChild(field.subquery.relationshipName);
        } else if (field.type === 'Field' || field.type === 'FieldRelationship') {
            if ('alias' in field && field.alias !== undefined) {
                unsupported(`the alias ${field.alias} outside an aggregate query`);
            }
            const path =
                field.type === 'Field'
                    ? field.field
                    : [...field.relationships, field.field].join('.');
            shape.addField(path);
        } else {
            unsupported(`${field.type} in this position`);
        }
    }
    return subqueries;
}

function limitClause(limit: number | undefined, offset: number | undefined): string {
    if (offset !== undefined && offset > 2000) {
        throw new SalesforceError(
            'NUMBER_OUTSIDE_VALID_RANGE',
            'Maximum SOQL offset allowed is 2000'
        );
    }
    if (limit === undefined && offset === undefined) {
        return '';
    }
    return ` LIMIT ${limit ?? -1} OFFSET ${offset ?? 0}`;
}

function childPlan(
    context: StoreContext,
    parent: ObjectDefinition,
    subquery: Subquery,
    includeDeleted: boolean,
    allocator: AliasAllocator
): ChildPlan {
    const relationship = parent.childRelationships.get(subquery.relationshipName.toLowerCase());
    if (!relationship) {
        throw new SalesforceError(
            'INVALID_TYPE',
            `Didn't understand relationship '${subquery.relationshipName}' in FROM part of query call.`
        );
    }
    const object = context.objectOf(relationship.childSObject);
    const scope = new QueryScope(context, object, allocator.next('k'));
    const shape = new ShapeBuilder(scope);
    addFields(shape, subquery.fields);
    const where = whereFragment(context, scope, subquery.where, includeDeleted, allocator);
    const foreignKey = `${scope.alias}."${relationship.field}"`;
    const order = [...orderByTerms(scope, subquery.orderBy), `${scope.alias}.rowid`].join(', ');
    const limit = subquery.limit === undefined ? '' : ` WHERE child_rank <= ${subquery.limit}`;
    const inner =
        `SELECT ${selectList(shape.columns)}, ${foreignKey} AS parent_id, ` +
        `ROW_NUMBER() OVER (PARTITION BY ${foreignKey} ORDER BY ${order}) AS child_rank ` +
        `FROM ${scope.fromClause()} WHERE ${foreignKey} IN (SELECT value FROM json_each(?)) AND ${where.sql}`;
    return {
        key: subquery.relationshipName,
        relationship,
        object,
        shape,
        sql: `SELECT * FROM (${inner})${limit} ORDER BY child_rank`,
        params: where.params
    };
}

/** Plans a record query. Throws `MALFORMED_QUERY`, `INVALID_FIELD` or `INVALID_TYPE`. */
export function planRecordQuery(
    context: StoreContext,
    query: Query,
    includeDeleted: boolean
): RecordPlan {
    const object = context.objectOf(query.sObject ?? '');
    const allocator = new AliasAllocator();
    const scope = new QueryScope(context, object, 't', query.sObjectAlias);
    const shape = new ShapeBuilder(scope);
    const [first] = query.fields ?? [];
    const isCount = first?.type === 'FieldFunctionExpression' && first.parameters.length === 0;
    const selectsCountAll = (query.fields ?? []).some(
        (field) => field.type === 'FieldFunctionExpression' && field.parameters.length === 0
    );
    if (selectsCountAll && (query.fields ?? []).length > 1) {
        malformed('COUNT() must be the only field in the SELECT list.');
    }
    if (isCount && query.orderBy !== undefined) {
        malformed('COUNT() cannot be used with ORDER BY.');
    }
    const subqueries = isCount ? [] : addFields(shape, query.fields);
    const where = whereFragment(context, scope, query.where, includeDeleted, allocator);
    const order = orderByTerms(scope, query.orderBy);
    const children = subqueries.map((field) =>
        childPlan(context, object, field.subquery, includeDeleted, allocator)
    );
    const from = scope.fromClause();
    const orderClause =
        order.length > 0 ? ` ORDER BY ${[...order, `${scope.alias}.rowid`].join(', ')}` : '';
    return {
        object,
        shape,
        snapshot: {
            sql: `SELECT ${scope.alias}.rowid AS row_id FROM ${from} WHERE ${where.sql}${orderClause}${limitClause(query.limit, query.offset)}`,
            params: where.params
        },
        pageSql: `SELECT ${selectList(shape.columns)}, ${scope.alias}.rowid AS row_id FROM ${from} WHERE ${scope.alias}.rowid IN (SELECT value FROM json_each(?))`,
        children,
        isCount
    };
}
