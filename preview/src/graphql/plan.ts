/**
 * Plans the SOQL queries for a GraphQL API document of the `uiapi` shape:
 * `uiapi { query { <Object>(where, orderBy, first) { edges { node { ... } } totalCount } } }`.
 * Each object connection becomes one SOQL query (and one `COUNT()` query when it asks
 * for `totalCount`). Node selections name fields (`Status__c { value displayValue }`),
 * `Id`, and parent relationships (`Responsible_User__r { Name { value } }`).
 */
import type { ObjectInfo, ObjectInfoSource, FieldInfo } from '../object-info';
import { GraphqlQueryError, type FieldNode, type InputValue } from './ast';
import { resolveValue } from './parser';
import { orderItems, parentScope, whereCondition, type ClauseScope } from './soql-clauses';

/** Records a connection returns when the query gives no `first`: 10, as in the GraphQL API. */
export const DEFAULT_FIRST = 10;
/** Largest `first` accepted: 2,000, the largest batch in the GraphQL API's pagination guide. */
export const MAX_FIRST = 2000;

/** Result entry of one selection of a record node. */
export type NodeEntry =
    | { readonly kind: 'scalar'; readonly key: string; readonly column: string }
    | { readonly kind: 'constant'; readonly key: string; readonly value: string }
    | {
          readonly kind: 'field';
          readonly key: string;
          readonly field: FieldInfo;
          readonly column: string;
          readonly parts: readonly { key: string; part: 'value' | 'displayValue' }[];
      }
    | {
          readonly kind: 'parent';
          readonly key: string;
          readonly relationshipName: string;
          readonly entries: readonly NodeEntry[];
      };

/** Result entry of one selection of a connection. */
export type ConnectionEntry =
    | {
          readonly kind: 'edges';
          readonly key: string;
          readonly nodeKey: string;
          readonly entries: readonly NodeEntry[];
      }
    | { readonly kind: 'totalCount'; readonly key: string }
    | { readonly kind: 'constant'; readonly key: string; readonly value: string };

/** One object connection under `uiapi.query`, with its SOQL. */
export interface ConnectionPlan {
    readonly key: string;
    readonly path: readonly string[];
    readonly soql: string;
    readonly countSoql: string | null;
    readonly entries: readonly ConnectionEntry[];
}

type Variables = Readonly<Record<string, InputValue>>;

const KEYS_OF_SCALAR_FIELDS = new Set(['Id']);
const ARGUMENTS = new Set(['where', 'orderBy', 'first']);

function keyOf(node: FieldNode): string {
    return node.alias ?? node.name;
}

function located(node: FieldNode, message: string, path: readonly string[]): GraphqlQueryError {
    return new GraphqlQueryError(message, path, [{ line: node.line, column: node.column }]);
}

function fieldParts(
    node: FieldNode,
    path: readonly string[]
): { key: string; part: 'value' | 'displayValue' }[] {
    if (node.selections === null) {
        throw located(
            node,
            `Select value or displayValue of ${node.name}: ${node.name} { value }.`,
            path
        );
    }
    return node.selections.map((part) => {
        if (part.name !== 'value' && part.name !== 'displayValue') {
            throw located(
                part,
                `The preview reads value and displayValue of a field, not ${part.name}.`,
                [...path, keyOf(part)]
            );
        }
        return { key: keyOf(part), part: part.name };
    });
}

/** Plans the selections of a record node of `scope.info`, adding SOQL columns to `columns`. */
async function planNode(
    selections: readonly FieldNode[],
    scope: ClauseScope,
    columns: Set<string>,
    path: readonly string[]
): Promise<NodeEntry[]> {
    const entries: NodeEntry[] = [];
    for (const node of selections) {
        const key = keyOf(node);
        const nodePath = [...path, key];
        if (node.name === '__typename' || node.name === 'ApiName') {
            entries.push({ kind: 'constant', key, value: scope.info.name });
            continue;
        }
        if (KEYS_OF_SCALAR_FIELDS.has(node.name)) {
            columns.add(`${scope.prefix}Id`);
            entries.push({ kind: 'scalar', key, column: 'Id' });
            continue;
        }
        const field = scope.info.field(node.name);
        if (field !== undefined) {
            columns.add(`${scope.prefix}${field.name}`);
            const parts = fieldParts(node, nodePath);
            entries.push({ kind: 'field', key, field, column: field.name, parts });
            continue;
        }
        const lookup = scope.info.relationship(node.name);
        if (lookup === undefined || typeof lookup.relationshipName !== 'string') {
            throw located(
                node,
                `${scope.info.name} has no field or parent relationship named ${node.name}; child relationships are not supported by the preview.`,
                nodePath
            );
        }
        if (node.selections === null) {
            throw located(node, `Select the fields of the parent record ${node.name}.`, nodePath);
        }
        const parent = await parentScope(scope, lookup);
        entries.push({
            kind: 'parent',
            key,
            relationshipName: lookup.relationshipName,
            entries: await planNode(node.selections, parent, columns, nodePath)
        });
    }
    return entries;
}

function planEdges(edges: FieldNode, path: readonly string[]): FieldNode {
    const [node, ...rest] = edges.selections ?? [];
    if (node === undefined || rest.length > 0 || node.name !== 'node' || node.selections === null) {
        throw located(
            edges,
            'Select edges { node { ... } }; the preview does not return cursors.',
            path
        );
    }
    return node;
}

function firstOf(value: InputValue | undefined, node: FieldNode, path: readonly string[]): number {
    if (value === undefined || value === null) {
        return DEFAULT_FIRST;
    }
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_FIRST) {
        throw located(node, `first must be a whole number from 1 to ${MAX_FIRST}.`, [
            ...path,
            'first'
        ]);
    }
    return value;
}

/** Plans one object connection, such as `SLA_Clock__c(where: ...) { edges { node { ... } } }`. */
async function planConnection(
    node: FieldNode,
    infos: ObjectInfoSource,
    variables: Variables,
    path: readonly string[]
): Promise<ConnectionPlan> {
    let info: ObjectInfo;
    try {
        info = await infos.get(node.name);
    } catch (error) {
        throw located(node, error instanceof Error ? error.message : String(error), path);
    }
    const scope: ClauseScope = { info, prefix: '', infos };
    const args = new Map(
        node.arguments.map((argument) => [argument.name, resolveValue(argument.value, variables)])
    );
    for (const name of args.keys()) {
        if (!ARGUMENTS.has(name)) {
            throw located(
                node,
                `The argument ${name} is not supported by the preview; it reads where, orderBy and first.`,
                [...path, name]
            );
        }
    }
    const where = args.has('where')
        ? await whereCondition(args.get('where') ?? null, scope, [...path, 'where'])
        : null;
    const order = args.has('orderBy')
        ? await orderItems(args.get('orderBy') ?? null, scope, [...path, 'orderBy'])
        : [];
    const first = firstOf(args.get('first'), node, path);

    const columns = new Set<string>(['Id']);
    const entries: ConnectionEntry[] = [];
    let wantsCount = false;
    for (const selection of node.selections ?? []) {
        const key = keyOf(selection);
        const selectionPath = [...path, key];
        if (selection.name === 'edges') {
            const nodeField = planEdges(selection, selectionPath);
            const nodeEntries = await planNode(nodeField.selections ?? [], scope, columns, [
                ...selectionPath,
                keyOf(nodeField)
            ]);
            entries.push({ kind: 'edges', key, nodeKey: keyOf(nodeField), entries: nodeEntries });
        } else if (selection.name === 'totalCount') {
            wantsCount = true;
            entries.push({ kind: 'totalCount', key });
        } else if (selection.name === '__typename') {
            entries.push({ kind: 'constant', key, value: `${info.name}Connection` });
        } else {
            throw located(
                selection,
                `The preview returns edges and totalCount of a connection, not ${selection.name}.`,
                selectionPath
            );
        }
    }
    const whereClause = where === null ? '' : ` WHERE ${where}`;
    const orderClause = order.length === 0 ? '' : ` ORDER BY ${order.join(', ')}`;
    return {
        key: keyOf(node),
        path,
        soql: `SELECT ${[...columns].join(', ')} FROM ${info.name}${whereClause}${orderClause} LIMIT ${first}`,
        countSoql: wantsCount ? `SELECT COUNT() FROM ${info.name}${whereClause}` : null,
        entries
    };
}

/** Finds the single child `name` of a wrapper field (`uiapi`, `query`). */
function wrapped(
    selections: readonly FieldNode[],
    name: string,
    path: readonly string[]
): FieldNode {
    for (const node of selections) {
        if (node.name !== name) {
            throw located(
                node,
                `The preview answers uiapi { query { ... } } only, not ${node.name}.`,
                [...path, keyOf(node)]
            );
        }
    }
    const [only, ...rest] = selections;
    if (only === undefined || rest.length > 0 || only.selections === null) {
        throw new GraphqlQueryError(`Select ${name} { ... } once.`, path);
    }
    return only;
}

/** The plan of a whole operation: the response keys of `uiapi` and `query`, and each connection. */
export interface OperationPlan {
    readonly uiapiKey: string;
    readonly queryKey: string;
    /** A connection whose planning failed is a GraphQL error for its path, not for the whole. */
    readonly connections: readonly (ConnectionPlan | { key: string; error: GraphqlQueryError })[];
}

export async function planOperation(
    selections: readonly FieldNode[],
    infos: ObjectInfoSource,
    variables: Variables
): Promise<OperationPlan> {
    const uiapi = wrapped(selections, 'uiapi', []);
    const uiapiKey = keyOf(uiapi);
    const query = wrapped(uiapi.selections ?? [], 'query', [uiapiKey]);
    const queryKey = keyOf(query);
    const connections = await Promise.all(
        (query.selections ?? []).map(async (node) => {
            const path = [uiapiKey, queryKey, keyOf(node)];
            try {
                return await planConnection(node, infos, variables, path);
            } catch (error) {
                if (error instanceof GraphqlQueryError) {
                    return { key: keyOf(node), error };
                }
                throw error;
            }
        })
    );
    return { uiapiKey, queryKey, connections };
}
