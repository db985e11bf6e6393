/**
 * The select list of a record query as a tree: fields of the queried object, nested
 * parent records (each with a hidden Id column, so an empty lookup renders as null),
 * and child subqueries. Renders SQL rows into REST records in the SELECT order.
 */
import type { SQLOutputValue } from 'node:sqlite';
import type { FieldDefinition } from '../../../schema/types';
import { SalesforceError } from '../errors';
import { keyPrefixOf } from '../../../schema/ids';
import type { StoreContext } from '../store-context';
import type { SObjectRecord } from '../types';
import { fromStorage } from '../values';
import type { JoinNode, QueryScope } from './scope';

/** A selected SQL column. */
export interface SelectColumn {
    alias: string;
    sql: string;
}

type ShapeEntry =
    | { kind: 'field'; key: string; column: string; field: FieldDefinition }
    | { kind: 'parent'; key: string; shape: RecordShape }
    | { kind: 'child'; key: string };

/** One record level: the queried object or a joined parent. */
export interface RecordShape {
    node: JoinNode | null;
    idColumn: string;
    entries: ShapeEntry[];
}

/** Builds the shape and its columns while the select list is read. */
export class ShapeBuilder {
    public readonly columns: SelectColumn[] = [];
    public readonly root: RecordShape;
    private readonly shapes = new Map<string, RecordShape>();
    private readonly seen = new Set<string>();

    public constructor(private readonly scope: QueryScope) {
        this.root = { node: null, idColumn: this.addColumn(`${scope.alias}."Id"`), entries: [] };
    }

    private addColumn(sql: string): string {
        const alias = `c${this.columns.length}`;
        this.columns.push({ alias, sql });
        return alias;
    }

    /** Returns the shape of a joined parent, adding it to its own parent's entries on first use. */
    private shapeOf(node: JoinNode | null): RecordShape {
        if (node === null) {
            return this.root;
        }
        const existing = this.shapes.get(node.key);
        if (existing) {
            return existing;
        }
        const parentShape = this.shapeOf(node.parent);
        const shape: RecordShape = {
            node,
            idColumn: this.addColumn(this.scope.idOf(node)),
            entries: []
        };
        parentShape.entries.push({ kind: 'parent', key: node.name, shape });
        this.shapes.set(node.key, shape);
        return shape;
    }

    /** Adds a selected field path such as `Name` or `Account.Owner.Email`. */
    public addField(path: string): void {
        const lower = path.toLowerCase();
        if (this.seen.has(lower)) {
            throw new SalesforceError('MALFORMED_QUERY', `duplicate field selected: ${path}`);
        }
        this.seen.add(lower);
        const resolved = this.scope.resolve(path);
        const shape = this.shapeOf(resolved.node);
        shape.entries.push({
            kind: 'field',
            key: resolved.field.name,
            column: this.addColumn(resolved.sql),
            field: resolved.field
        });
    }

    /** Reserves the position of a child subquery in the root record. */
    public addChild(relationshipName: string): void {
        this.root.entries.push({ kind: 'child', key: relationshipName });
    }
}

/** Row values by column alias. */
export type ShapeRow = Record<string, SQLOutputValue>;

/** Attributes of a rendered record. Polymorphic parents have type `Name`, as in Salesforce. */
function attributes(
    context: StoreContext,
    shape: RecordShape,
    id: string,
    objectName: string,
    apiVersion: string
): SObjectRecord['attributes'] {
    const isPolymorphic = (shape.node?.targets.length ?? 0) > 1;
    const actual = isPolymorphic
        ? (context.objectByPrefix(keyPrefixOf(id))?.name ?? objectName)
        : objectName;
    // NOTE: Salesforce reports polymorphic parents (Owner on Lead, Who, What) with type "Name" and the real object in the URL.
    return {
        type: isPolymorphic ? 'Name' : actual,
        url: `/services/data/v${apiVersion}/sobjects/${actual}/${id}`
    };
}

/** Options of rendering: the API version and the rendered child results by entry key. */
export interface RenderOptions {
    context: StoreContext;
    objectName: string;
    apiVersion: string;
    children?: Map<string, unknown>;
}

/** Renders one level of a row; returns null for a parent whose lookup is empty. */
export function renderShape(
    shape: RecordShape,
    row: ShapeRow,
    options: RenderOptions
): SObjectRecord | null {
    const id = row[shape.idColumn];
    if (typeof id !== 'string') {
        return null;
    }
    const objectName = shape.node?.targets[0]?.object.name ?? options.objectName;
    const record: SObjectRecord = {
        attributes: attributes(options.context, shape, id, objectName, options.apiVersion)
    };
    for (const entry of shape.entries) {
        if (entry.kind === 'field') {
            record[entry.key] = fromStorage(entry.field, row[entry.column] ?? null);
        } else if (entry.kind === 'parent') {
            record[entry.key] = renderShape(entry.shape, row, { ...options, children: undefined });
        } else {
            record[entry.key] = options.children?.get(entry.key) ?? null;
        }
    }
    return record;
}

/** SQL select list of the columns. */
export function selectList(columns: SelectColumn[]): string {
    return columns.map((column) => `${column.sql} AS ${column.alias}`).join(', ');
}
