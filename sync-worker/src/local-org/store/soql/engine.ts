/**
 * SOQL execution: plans a parsed query, snapshots the matching rows in a cursor, and
 * serves pages of rendered records with their parents and child subqueries.
 */
import type { Query } from 'soql-parser-js';
import { getLogger } from '../../../logging';
import { DEFAULT_BATCH_SIZE, MAX_STORE_BATCH_SIZE } from '../limits';
import { SalesforceError } from '../errors';
import type { StoreContext } from '../store-context';
import type { QueryOptions, QueryResult, SObjectRecord } from '../types';
import { planAggregateQuery, runAggregate } from './aggregate-plan';
import { CursorStore, type Cursor } from './cursors';
import { parseSoql } from './parse';
import { planRecordQuery, type ChildPlan, type RecordPlan } from './record-plan';
import { renderShape, type ShapeRow } from './record-shape';

const log = getLogger('local-org.store');

/** Groups an aggregate query may return without LIMIT, as Salesforce caps them. */
export const MAX_AGGREGATE_GROUPS = 2_000;

function isAggregate(query: Query): boolean {
    const hasGroupBy =
        query.groupBy !== undefined && (!Array.isArray(query.groupBy) || query.groupBy.length > 0);
    const hasAggregateCall = (query.fields ?? []).some(
        (field) => field.type === 'FieldFunctionExpression' && field.parameters.length > 0
    );
    return hasGroupBy || hasAggregateCall;
}

function batchSizeOf(options: QueryOptions): number {
    const requested = options.batchSize ?? DEFAULT_BATCH_SIZE;
    return Math.min(MAX_STORE_BATCH_SIZE, Math.max(1, Math.floor(requested)));
}

export class SoqlEngine {
    private readonly cursors: CursorStore;

    public constructor(
        private readonly context: StoreContext,
        queryLocatorTtlMs: number
    ) {
        this.cursors = new CursorStore(queryLocatorTtlMs, () => context.now().getTime());
    }

    /** Runs a query and returns its first page. */
    public query(soql: string, options: QueryOptions): QueryResult {
        const query = parseSoql(soql);
        const includeDeleted = options.includeDeleted === true;
        const batchSize = batchSizeOf(options);
        const apiVersion = options.apiVersion ?? this.context.apiVersion;
        if (isAggregate(query)) {
            const records = runAggregate(
                this.context,
                planAggregateQuery(this.context, query, includeDeleted)
            );
            if (records.length > MAX_AGGREGATE_GROUPS && query.limit === undefined) {
                // NOTE: the SOQL reference states that GROUP BY results cannot use queryMore and that more than
                // 2,000 groups need narrower filters. The error code and message here are unverified.
                throw new SalesforceError(
                    'MALFORMED_QUERY',
                    'Aggregate query does not support queryMore(), use LIMIT to restrict the results to a single batch'
                );
            }
            // Salesforce returns every group of an aggregate query in one response, whatever the batch size.
            const cursor = this.cursors.open(
                { kind: 'records', records },
                records.length,
                Math.max(1, records.length)
            );
            return this.page(cursor, 0, apiVersion);
        }
        const plan = planRecordQuery(this.context, query, includeDeleted);
        const rowIds = this.snapshot(plan);
        log.debug('Query planned', { object: plan.object.name, rows: rowIds.length });
        if (plan.isCount) {
            return { totalSize: rowIds.length, done: true, records: [] };
        }
        const cursor = this.cursors.open({ kind: 'rows', plan, rowIds }, rowIds.length, batchSize);
        return this.page(cursor, 0, apiVersion);
    }

    /**
     * Returns SQLite's query plan (EXPLAIN QUERY PLAN details) of the statement that
     * selects the matching rows, to check that a selective query uses an index.
     */
    public explain(soql: string): string[] {
        const query = parseSoql(soql);
        const { sql, params } = isAggregate(query)
            ? planAggregateQuery(this.context, query, false)
            : planRecordQuery(this.context, query, false).snapshot;
        return this.context.db
            .all(`EXPLAIN QUERY PLAN ${sql}`, params)
            .map((row) => String(row.detail));
    }

    /** Returns the page at a locator. Throws `INVALID_QUERY_LOCATOR` for an unknown or expired one. */
    public queryMore(locator: string, apiVersion: string | undefined): QueryResult {
        const { cursor, position } = this.cursors.resolve(locator);
        return this.page(cursor, position, apiVersion ?? this.context.apiVersion);
    }

    /** Row ids of the matching rows in result order. */
    private snapshot(plan: RecordPlan): number[] {
        const statement = this.context.db.prepare(plan.snapshot.sql);
        statement.setReturnArrays(true);
        const rowIds: number[] = [];
        for (const row of statement.iterate(...plan.snapshot.params) as Iterable<unknown[]>) {
            rowIds.push(Number(row[0]));
        }
        return rowIds;
    }

    private page(cursor: Cursor, position: number, apiVersion: string): QueryResult {
        const end = Math.min(cursor.totalSize, position + cursor.batchSize);
        const records =
            cursor.source.kind === 'records'
                ? cursor.source.records.slice(position, end)
                : this.fetchRecords(
                      cursor.source.plan,
                      cursor.source.rowIds.slice(position, end),
                      apiVersion
                  );
        const done = end >= cursor.totalSize;
        return {
            totalSize: cursor.totalSize,
            done,
            records,
            ...(done ? {} : { nextRecordsCursor: this.cursors.locator(cursor, end) })
        };
    }

    /** Fetches and renders the rows of one page, in snapshot order. */
    private fetchRecords(plan: RecordPlan, rowIds: number[], apiVersion: string): SObjectRecord[] {
        if (rowIds.length === 0) {
            return [];
        }
        const rows = this.context.db.all(plan.pageSql, [JSON.stringify(rowIds)]);
        const byRowId = new Map(rows.map((row) => [Number(row.row_id), row]));
        const ordered = rowIds
            .map((rowId) => byRowId.get(rowId))
            .filter((row): row is ShapeRow => row !== undefined);
        const parentIds = ordered.map((row) => String(row[plan.shape.root.idColumn]));
        const childResults = plan.children.map((child) => ({
            child,
            byParent: this.fetchChildren(child, parentIds, apiVersion)
        }));
        return ordered.flatMap((row) => {
            const id = String(row[plan.shape.root.idColumn]);
            const children = new Map<string, unknown>();
            for (const { child, byParent } of childResults) {
                const records = byParent.get(id);
                children.set(
                    child.key,
                    records ? { totalSize: records.length, done: true, records } : null
                );
            }
            const options = {
                context: this.context,
                objectName: plan.object.name,
                apiVersion,
                children
            };
            const record = renderShape(plan.shape.root, row, options);
            return record ? [record] : [];
        });
    }

    /** Runs a child subquery for a page of parents and groups the rendered children by parent Id. */
    private fetchChildren(
        child: ChildPlan,
        parentIds: string[],
        apiVersion: string
    ): Map<string, SObjectRecord[]> {
        const byParent = new Map<string, SObjectRecord[]>();
        const rows = this.context.db.all(child.sql, [JSON.stringify(parentIds), ...child.params]);
        for (const row of rows) {
            const parentId = String(row.parent_id);
            const rendered = renderShape(child.shape.root, row, {
                context: this.context,
                objectName: child.object.name,
                apiVersion
            });
            if (rendered) {
                const list = byParent.get(parentId) ?? [];
                list.push(rendered);
                byParent.set(parentId, list);
            }
        }
        return byParent;
    }
}
