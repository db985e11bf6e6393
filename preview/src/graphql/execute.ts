/**
 * Runs a GraphQL API request against the org: parses the document, plans one SOQL query
 * per object connection, runs them through jsforce and shapes the rows as the GraphQL
 * API's `uiapi` response (`edges` of `node`s with `{ value, displayValue }` fields).
 * A connection that fails becomes null with an error for its path, and the others are
 * still answered, as GraphQL servers do.
 */
import type { Connection } from 'jsforce';
import { z } from 'zod';
import { getLogger } from '../../../sync-worker/src/logging';
import { uiFieldValue } from '../field-values';
import type { ObjectInfoSource } from '../object-info';
import { GraphqlQueryError, type InputValue } from './ast';
import { parseQuery, variableValues } from './parser';
import { planOperation, type ConnectionPlan, type NodeEntry } from './plan';

const logger = getLogger('preview.graphql');

const queryResultSchema = z.object({
    totalSize: z.number(),
    records: z.array(z.record(z.string(), z.unknown()))
});

/** A GraphQL request as the wire adapter sends it. */
export interface GraphqlRequest {
    query: string;
    variables: Readonly<Record<string, InputValue>>;
    operationName: string | null;
}

/** An entry of the response's `errors`. */
export interface GraphqlError {
    message: string;
    path?: string[];
    locations?: { line: number; column: number }[];
}

export interface GraphqlResponse {
    data: Record<string, unknown> | null;
    errors: GraphqlError[];
}

function errorOf(error: unknown, fallbackPath: readonly string[]): GraphqlError {
    if (error instanceof GraphqlQueryError) {
        const path = error.path.length > 0 ? error.path : fallbackPath;
        return {
            message: error.message,
            ...(path.length > 0 ? { path: [...path] } : {}),
            ...(error.locations.length > 0 ? { locations: [...error.locations] } : {})
        };
    }
    const message = error instanceof Error ? error.message : String(error);
    return { message, ...(fallbackPath.length > 0 ? { path: [...fallbackPath] } : {}) };
}

function shapeNode(
    record: Record<string, unknown>,
    entries: readonly NodeEntry[]
): Record<string, unknown> {
    const node: Record<string, unknown> = {};
    for (const entry of entries) {
        switch (entry.kind) {
            case 'scalar':
                node[entry.key] = record[entry.column] ?? null;
                break;
            case 'constant':
                node[entry.key] = entry.value;
                break;
            case 'field': {
                const value = uiFieldValue(entry.field, record[entry.column]);
                const shaped: Record<string, unknown> = {};
                for (const { key, part } of entry.parts) {
                    shaped[key] = value[part];
                }
                node[entry.key] = shaped;
                break;
            }
            case 'parent': {
                const parent = record[entry.relationshipName];
                node[entry.key] =
                    typeof parent === 'object' && parent !== null
                        ? shapeNode(parent as Record<string, unknown>, entry.entries)
                        : null;
                break;
            }
        }
    }
    return node;
}

async function runQuery(
    conn: Connection,
    soql: string
): Promise<z.infer<typeof queryResultSchema>> {
    logger.debug('Running a query for the preview', { soql });
    return queryResultSchema.parse(await conn.query(soql));
}

async function runConnection(
    conn: Connection,
    plan: ConnectionPlan
): Promise<Record<string, unknown>> {
    const [rows, count] = await Promise.all([
        runQuery(conn, plan.soql),
        plan.countSoql === null ? null : runQuery(conn, plan.countSoql)
    ]);
    const result: Record<string, unknown> = {};
    for (const entry of plan.entries) {
        switch (entry.kind) {
            case 'edges':
                result[entry.key] = rows.records.map((record) => ({
                    [entry.nodeKey]: shapeNode(record, entry.entries)
                }));
                break;
            case 'totalCount':
                result[entry.key] = count?.totalSize ?? null;
                break;
            case 'constant':
                result[entry.key] = entry.value;
                break;
        }
    }
    return result;
}

/** Executes one request. Only an invalid document fails the whole request (`data: null`). */
export async function executeGraphql(
    conn: Connection,
    infos: ObjectInfoSource,
    request: GraphqlRequest
): Promise<GraphqlResponse> {
    let plan;
    try {
        const operation = parseQuery(request.query, request.operationName);
        const variables = variableValues(operation, request.variables);
        plan = await planOperation(operation.selections, infos, variables);
    } catch (error) {
        if (error instanceof GraphqlQueryError) {
            return { data: null, errors: [errorOf(error, [])] };
        }
        throw error;
    }
    const errors: GraphqlError[] = [];
    const connections: Record<string, unknown> = {};
    const answers = await Promise.all(
        plan.connections.map(async (connection) => {
            const path = [plan.uiapiKey, plan.queryKey, connection.key];
            if ('error' in connection) {
                return { key: connection.key, value: null, error: errorOf(connection.error, path) };
            }
            try {
                return { key: connection.key, value: await runConnection(conn, connection) };
            } catch (error) {
                logger.warn(
                    `A query of ${request.operationName ?? 'an unnamed operation'} failed; the component shows the error.`,
                    {
                        path: path.join('.'),
                        error: error instanceof Error ? error.message : String(error)
                    }
                );
                return { key: connection.key, value: null, error: errorOf(error, path) };
            }
        })
    );
    // Keys keep the order of the document, whatever order the queries finished in.
    for (const answer of answers) {
        connections[answer.key] = answer.value;
        if (answer.error !== undefined) {
            errors.push(answer.error);
        }
    }
    return { data: { [plan.uiapiKey]: { [plan.queryKey]: connections } }, errors };
}
