/**
 * SOQL over REST: `query` and `queryAll` with paging through `query/{locator}`. Pages
 * hold 2,000 records (the org's `queryPageSize`) unless the `Sforce-Query-Options:
 * batchSize=N` header requests 200 to 2,000, and `nextRecordsUrl` has the Salesforce shape
 * `/services/data/vNN.0/query/01gXXXXXXXXXXXXXXX-2000`.
 */
import { clampRestBatchSize, type QueryResult, type SObjectRecord } from '../../store';
import { jsonResponse, type ApiRequest, type ApiResponse } from '../api-types';
import { versionPrefix, type RouteContext } from '../context';
import { ApiError } from '../errors';
import type { RouteParams, Router } from '../router';

/** A query result as the REST API returns it. */
export interface RestQueryResult {
    totalSize: number;
    done: boolean;
    nextRecordsUrl?: string;
    records: SObjectRecord[];
}

/** Reads `batchSize` from `Sforce-Query-Options`, such as `batchSize=500`. */
export function requestedBatchSize(request: ApiRequest): number | undefined {
    const header = request.headers['sforce-query-options'];
    const match = header === undefined ? null : /batchSize\s*=\s*(\d+)/i.exec(header);
    return match?.[1] === undefined ? undefined : Number(match[1]);
}

function isQueryResult(value: unknown): value is QueryResult {
    return (
        typeof value === 'object' &&
        value !== null &&
        'records' in value &&
        'totalSize' in value &&
        'done' in value
    );
}

/**
 * Converts a store result to the REST shape, turning every locator (of the page and of
 * child subqueries inside its records) into a `nextRecordsUrl`.
 */
export function toRestQueryResult(result: QueryResult, urlBase: string): RestQueryResult {
    const records = result.records.map((record) => {
        const converted: SObjectRecord = { attributes: record.attributes };
        for (const [key, value] of Object.entries(record)) {
            if (key !== 'attributes') {
                converted[key] = isQueryResult(value) ? toRestQueryResult(value, urlBase) : value;
            }
        }
        return converted;
    });
    // Salesforce lists nextRecordsUrl before records; the literal keeps that JSON order.
    const cursor = result.nextRecordsCursor;
    return {
        totalSize: result.totalSize,
        done: result.done,
        ...(cursor === undefined ? {} : { nextRecordsUrl: `${urlBase}/${cursor}` }),
        records
    };
}

function runQuery(
    request: ApiRequest,
    context: RouteContext,
    includeDeleted: boolean
): ApiResponse {
    const soql = request.query.get('q');
    if (soql === null || soql.trim() === '') {
        throw new ApiError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
    }
    const result = context.store.query(soql, {
        includeDeleted,
        batchSize: clampRestBatchSize(requestedBatchSize(request) ?? context.queryPageSize),
        apiVersion: context.apiVersion
    });
    const resource = includeDeleted ? 'queryAll' : 'query';
    return jsonResponse(200, toRestQueryResult(result, `${versionPrefix(context)}/${resource}`));
}

function nextPage(resource: 'query' | 'queryAll') {
    return (_request: ApiRequest, params: RouteParams, context: RouteContext): ApiResponse => {
        const locator = params.locator ?? '';
        const result = context.store.queryMore(locator, { apiVersion: context.apiVersion });
        return jsonResponse(
            200,
            toRestQueryResult(result, `${versionPrefix(context)}/${resource}`)
        );
    };
}

/** Adds the query routes. */
export function addQueryRoutes(router: Router<RouteContext>): void {
    router
        .add('GET', '/services/data/:version/query', (request, _params, context) =>
            runQuery(request, context, false)
        )
        .add('GET', '/services/data/:version/queryAll', (request, _params, context) =>
            runQuery(request, context, true)
        )
        .add('GET', '/services/data/:version/query/:locator', nextPage('query'))
        .add('GET', '/services/data/:version/queryAll/:locator', nextPage('queryAll'));
}
