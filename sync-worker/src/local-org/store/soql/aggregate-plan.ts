/**
 * Aggregate queries: GROUP BY with COUNT, COUNT_DISTINCT, SUM, AVG, MIN and MAX,
 * aliases (`expr0`, `expr1`, ... when unaliased), HAVING and ORDER BY on groups or
 * aggregates. Results are `AggregateResult` records.
 */
import type { FieldFunctionExpression, FunctionExp, Query } from 'soql-parser-js';
import { field as buildField } from '../../../schema/field-builders';
import type { FieldDefinition } from '../../../schema/types';
import { SalesforceError } from '../errors';
import type { StoreContext } from '../store-context';
import type { SObjectRecord } from '../types';
import { fromStorage } from '../values';
import { AliasAllocator, whereFragment } from './clauses';
import { translateConditions, type Operand, type SqlFragment } from './conditions';
import { orderTerm } from './order-key';
import { isLongTextArea } from './literals';
import { AGGREGATE_FUNCTIONS, malformed, unsupported } from './parse';
import { QueryScope } from './scope';
import { buildTree, type Leaf } from './where-tree';

/** One output column of an aggregate query. */
interface OutputColumn {
    key: string;
    alias: string;
    sql: string;
    field: FieldDefinition;
}

/** Plan of an aggregate query: one SQL statement and how to render its rows. */
export interface AggregatePlan {
    sql: string;
    params: SqlFragment['params'];
    columns: OutputColumn[];
}

const NUMERIC = new Set(['int', 'double', 'currency', 'percent']);

function asArray<T>(value: T | T[] | undefined): T[] {
    if (value === undefined) {
        return [];
    }
    return Array.isArray(value) ? value : [value];
}

/** Translates an aggregate function call to SQL and the type of its result. */
function aggregateOperand(
    scope: QueryScope,
    functionName: string,
    parameters: (string | FunctionExp)[]
): Operand {
    const name = functionName.toUpperCase();
    const [parameter] = parameters;
    if (
        !AGGREGATE_FUNCTIONS.has(name) ||
        typeof parameter !== 'string' ||
        parameters.length !== 1
    ) {
        return unsupported(
            `the aggregate ${functionName}(${parameters.length === 0 ? '' : '...'})`
        );
    }
    const resolved = scope.resolve(parameter);
    if ((name === 'SUM' || name === 'AVG') && !NUMERIC.has(resolved.field.type)) {
        throw new SalesforceError(
            'MALFORMED_QUERY',
            `field ${parameter} does not support aggregate operator ${name}`
        );
    }
    switch (name) {
        case 'COUNT':
            return { sql: `COUNT(${resolved.sql})`, field: buildField('count', 'int') };
        case 'COUNT_DISTINCT':
            return { sql: `COUNT(DISTINCT ${resolved.sql})`, field: buildField('count', 'int') };
        case 'SUM':
        case 'AVG':
            return {
                sql: `${name}(${resolved.sql})`,
                field: buildField(name.toLowerCase(), 'double')
            };
        default:
            return { sql: `${name}(${resolved.sql})`, field: resolved.field };
    }
}

function groupKey(path: string): string {
    return path.toLowerCase();
}

/** Resolves a GROUP BY field; Salesforce cannot group by datetime or long text area fields. */
function groupOperand(scope: QueryScope, path: string): Operand {
    const operand = scope.resolve(path);
    if (operand.field.type === 'datetime') {
        malformed(`The datetime field ${path} cannot be grouped in GROUP BY.`);
    }
    if (isLongTextArea(operand.field)) {
        malformed(`The long text area field ${path} cannot be grouped in GROUP BY.`);
    }
    return operand;
}

class AggregateBuilder {
    public readonly columns: OutputColumn[] = [];
    private readonly groups = new Map<string, Operand>();
    private expressionCount = 0;

    public constructor(
        private readonly scope: QueryScope,
        query: Query
    ) {
        for (const clause of asArray(query.groupBy)) {
            if ('field' in clause) {
                this.groups.set(groupKey(clause.field), groupOperand(scope, clause.field));
            }
        }
    }

    public groupSql(): string[] {
        return [...this.groups.values()].map((group) => group.sql);
    }

    public addSelected(field: NonNullable<Query['fields']>[number]): void {
        if (field.type === 'FieldFunctionExpression') {
            this.addFunction(field);
            return;
        }
        if (field.type !== 'Field' && field.type !== 'FieldRelationship') {
            unsupported(`${field.type} in an aggregate query`);
        }
        const path =
            field.type === 'Field' ? field.field : [...field.relationships, field.field].join('.');
        const group = this.groups.get(groupKey(path));
        if (!group) {
            throw new SalesforceError(
                'MALFORMED_QUERY',
                `Field must be grouped or aggregated: ${path}`
            );
        }
        const alias =
            'alias' in field && typeof field.alias === 'string' ? field.alias : group.field.name;
        this.pushColumn({
            key: alias,
            alias: `g${this.columns.length}`,
            sql: group.sql,
            field: group.field
        });
    }

    /** Adds an output column; Salesforce rejects two columns with the same alias. */
    private pushColumn(column: OutputColumn): void {
        const lowerKey = column.key.toLowerCase();
        if (this.columns.some((existing) => existing.key.toLowerCase() === lowerKey)) {
            throw new SalesforceError('MALFORMED_QUERY', `duplicate alias: ${column.key}`);
        }
        this.columns.push(column);
    }

    private addFunction(field: FieldFunctionExpression): void {
        const operand = aggregateOperand(this.scope, field.functionName, field.parameters);
        let key = field.alias;
        if (key === undefined) {
            key = `expr${this.expressionCount}`;
            this.expressionCount += 1;
        }
        this.pushColumn({
            key,
            alias: `g${this.columns.length}`,
            sql: operand.sql,
            field: operand.field
        });
    }

    /** Operand of a HAVING or ORDER BY term: an aggregate call or a grouped field. */
    public operand(leaf: { field?: string; fn?: FunctionExp }): Operand {
        if (leaf.fn) {
            return aggregateOperand(
                this.scope,
                leaf.fn.functionName ?? '',
                leaf.fn.parameters ?? []
            );
        }
        const group = this.groups.get(groupKey(leaf.field ?? ''));
        if (!group) {
            throw new SalesforceError(
                'MALFORMED_QUERY',
                `Field must be grouped or aggregated: ${leaf.field ?? ''}`
            );
        }
        return group;
    }
}

function havingFragment(
    context: StoreContext,
    builder: AggregateBuilder,
    query: Query
): SqlFragment | null {
    if (query.having === undefined) {
        return null;
    }
    return translateConditions(buildTree(query.having), {
        resolveOperand: (leaf: Leaf) => builder.operand(leaf),
        semiJoin: () => unsupported('a subquery in HAVING'),
        now: context.now(),
        settings: context.orgSettings()
    });
}

function orderTerms(builder: AggregateBuilder, query: Query): string[] {
    return asArray(query.orderBy).map((clause) => {
        const operand = builder.operand(
            'fn' in clause ? { fn: clause.fn } : { field: clause.field }
        );
        return orderTerm(operand.sql, operand.field, clause.order, clause.nulls);
    });
}

/** Plans an aggregate query. */
export function planAggregateQuery(
    context: StoreContext,
    query: Query,
    includeDeleted: boolean
): AggregatePlan {
    const object = context.objectOf(query.sObject ?? '');
    const scope = new QueryScope(context, object, 't', query.sObjectAlias);
    const builder = new AggregateBuilder(scope, query);
    for (const field of query.fields ?? []) {
        builder.addSelected(field);
    }
    const where = whereFragment(context, scope, query.where, includeDeleted, new AliasAllocator());
    const having = havingFragment(context, builder, query);
    const order = orderTerms(builder, query);
    const groups = builder.groupSql();
    const select = builder.columns.map((column) => `${column.sql} AS ${column.alias}`).join(', ');
    const parts = [`SELECT ${select} FROM ${scope.fromClause()} WHERE ${where.sql}`];
    if (groups.length > 0) {
        parts.push(`GROUP BY ${groups.join(', ')}`);
    }
    if (having) {
        parts.push(`HAVING ${having.sql}`);
    }
    if (order.length > 0) {
        parts.push(`ORDER BY ${order.join(', ')}`);
    }
    if (query.limit !== undefined || query.offset !== undefined) {
        parts.push(`LIMIT ${query.limit ?? -1} OFFSET ${query.offset ?? 0}`);
    }
    return {
        sql: parts.join(' '),
        params: [...where.params, ...(having?.params ?? [])],
        columns: builder.columns
    };
}

/** Runs an aggregate plan and renders its rows as `AggregateResult` records. */
export function runAggregate(context: StoreContext, plan: AggregatePlan): SObjectRecord[] {
    return context.db.all(plan.sql, plan.params).map((row) => {
        const record: SObjectRecord = { attributes: { type: 'AggregateResult' } };
        for (const column of plan.columns) {
            record[column.key] = fromStorage(column.field, row[column.alias] ?? null);
        }
        return record;
    });
}
