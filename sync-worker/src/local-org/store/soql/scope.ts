/**
 * Field paths of one query level resolved to SQL: each parent relationship becomes a
 * LEFT JOIN (one per target object when the relationship is polymorphic), and each
 * field becomes a column expression over those joins.
 */
import { field as buildField } from '../../../schema/field-builders';
import type { FieldDefinition, ObjectDefinition } from '../../../schema/types';
import { quote } from '../database';
import { SalesforceError } from '../errors';
import type { StoreContext } from '../store-context';

/** One joined parent relationship, such as `Owner` or `Account.Owner`. */
export interface JoinNode {
    /** Lower-case path from the query object, such as `account.owner`. */
    key: string;
    /** Relationship name as written in the query. */
    name: string;
    /** Reference field on the child side. */
    reference: FieldDefinition;
    /** One joined table per object the reference may point to. */
    targets: { object: ObjectDefinition; alias: string }[];
    parent: JoinNode | null;
}

/** A field path resolved to a SQL expression. */
export interface ResolvedPath {
    sql: string;
    field: FieldDefinition;
    /** The join the field belongs to; null for a field of the query object. */
    node: JoinNode | null;
}

/** Pseudo field `Type` of a polymorphic parent: the object name, or the group type of a queue. */
const POLYMORPHIC_TYPE = buildField('Type', 'string', { length: 40 });

function invalidField(message: string): SalesforceError {
    return new SalesforceError('INVALID_FIELD', message);
}

/**
 * The tables of one query level: the queried object under `{aliasPrefix}0` and a join
 * per parent relationship the query uses, created as field paths are resolved.
 */
export class QueryScope {
    /** SQL alias of the queried object's table. */
    public readonly alias: string;
    private readonly joins = new Map<string, JoinNode>();
    private readonly joinOrder: JoinNode[] = [];
    private aliasCounter = 0;

    public constructor(
        private readonly context: StoreContext,
        public readonly object: ObjectDefinition,
        private readonly aliasPrefix: string,
        private readonly objectAlias?: string
    ) {
        this.alias = `${aliasPrefix}0`;
    }

    /** SQL of the FROM clause with every join the resolved paths needed. */
    public fromClause(): string {
        const parts = [`${quote(this.object.name)} ${this.alias}`];
        for (const node of this.joinOrder) {
            const childColumn = this.referenceColumn(node);
            for (const target of node.targets) {
                parts.push(
                    `LEFT JOIN ${quote(target.object.name)} ${target.alias} ON ${target.alias}."Id" = ${childColumn}`
                );
            }
        }
        return parts.join(' ');
    }

    /** Column expression of the reference field a join starts from. */
    private referenceColumn(node: JoinNode): string {
        if (node.parent === null) {
            return `${this.alias}.${quote(node.reference.name)}`;
        }
        return this.columnOf(node.parent, node.reference.name).sql;
    }

    /** Strips a leading object name or alias (`Lead.Email`, `l.Email`). */
    private stripPrefix(parts: string[]): string[] {
        const [first, ...rest] = parts;
        if (rest.length === 0 || first === undefined) {
            return parts;
        }
        const lower = first.toLowerCase();
        const isPrefix =
            lower === this.objectAlias?.toLowerCase() || lower === this.object.name.toLowerCase();
        return isPrefix && !this.findReference(this.object, first) ? rest : parts;
    }

    private findReference(
        object: ObjectDefinition,
        relationshipName: string
    ): FieldDefinition | undefined {
        const lower = relationshipName.toLowerCase();
        return [...object.fields.values()].find(
            (candidate) =>
                candidate.type === 'reference' &&
                candidate.relationshipName?.toLowerCase() === lower
        );
    }

    private nextAlias(): string {
        this.aliasCounter += 1;
        return `${this.aliasPrefix}${this.aliasCounter}`;
    }

    /** Returns the join for one more relationship step, creating it on first use. */
    private join(parent: JoinNode | null, relationshipName: string, path: string): JoinNode {
        const key =
            parent === null
                ? relationshipName.toLowerCase()
                : `${parent.key}.${relationshipName.toLowerCase()}`;
        const existing = this.joins.get(key);
        if (existing) {
            return existing;
        }

        if (parent !== null && parent.targets.length > 1) {
            throw invalidField(
                `Didn't understand relationship '${relationshipName}' in field path '${path}'. A polymorphic relationship cannot be followed further.`
            );
        }
        const fromObject = parent === null ? this.object : parent.targets[0]?.object;
        const reference = fromObject ? this.findReference(fromObject, relationshipName) : undefined;
        if (!fromObject || !reference) {
            throw invalidField(
                `Didn't understand relationship '${relationshipName}' in field path '${path}'. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name.`
            );
        }

        const targets = (reference.referenceTo ?? []).map((name) => ({
            object: this.context.objectOf(name),
            alias: this.nextAlias()
        }));
        const node: JoinNode = {
            key,
            name: reference.relationshipName ?? relationshipName,
            reference,
            targets,
            parent
        };
        this.joins.set(key, node);
        this.joinOrder.push(node);
        return node;
    }

    /** Column expression of a field on a joined parent; COALESCE over polymorphic targets. */
    public columnOf(node: JoinNode, fieldName: string): ResolvedPath {
        const lower = fieldName.toLowerCase();
        if (node.targets.length > 1 && lower === 'type') {
            const cases = node.targets.map(({ object, alias }) =>
                object.name === 'Group'
                    ? `WHEN ${alias}."Id" IS NOT NULL THEN ${alias}."Type"`
                    : `WHEN ${alias}."Id" IS NOT NULL THEN '${object.name}'`
            );
            return { sql: `(CASE ${cases.join(' ')} END)`, field: POLYMORPHIC_TYPE, node };
        }
        const matches = node.targets.filter(({ object }) => object.fields.has(lower));
        const first = matches[0];
        const definition = first?.object.fields.get(lower);
        if (!first || !definition) {
            const names = node.targets.map(({ object }) => object.name).join(', ');
            throw invalidField(`No such column '${fieldName}' on entity '${names}'.`);
        }
        const columns = matches.map(
            ({ alias, object }) => `${alias}.${quote(object.fields.get(lower)?.name ?? fieldName)}`
        );
        const sql = columns.length === 1 ? (columns[0] ?? '') : `COALESCE(${columns.join(', ')})`;
        return { sql, field: definition, node };
    }

    /** Expression of the Id of a joined parent (null when the lookup is empty). */
    public idOf(node: JoinNode): string {
        return this.columnOf(node, 'Id').sql;
    }

    /**
     * Resolves a dotted field path (`Email`, `Owner.Name`, `Account.Owner.Manager.Email`).
     * Throws `INVALID_FIELD` for an unknown field or relationship.
     */
    public resolve(path: string): ResolvedPath {
        const parts = this.stripPrefix(path.split('.'));
        const fieldName = parts.pop() ?? '';
        let node: JoinNode | null = null;
        for (const relationship of parts) {
            node = this.join(node, relationship, path);
        }
        if (node !== null) {
            return this.columnOf(node, fieldName);
        }
        const definition = this.object.fields.get(fieldName.toLowerCase());
        if (!definition) {
            throw invalidField(
                `No such column '${fieldName}' on entity '${this.object.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name.`
            );
        }
        return { sql: `${this.alias}.${quote(definition.name)}`, field: definition, node: null };
    }

    /** Resolves the join node of a relationship path such as `Account.Owner`, creating its joins. */
    public resolveNode(relationships: string[], path: string): JoinNode {
        let node: JoinNode | null = null;
        for (const relationship of this.stripPrefix([...relationships, '']).slice(0, -1)) {
            node = this.join(node, relationship, path);
        }
        if (node === null) {
            throw invalidField(`Expected a relationship in '${path}'.`);
        }
        return node;
    }
}
