/**
 * WHERE and HAVING conditions translated to SQL. Each condition yields a positive
 * form that is false (or NULL) for a null field, and a negated form that treats null
 * as "not equal", matching SOQL where `Field != 'x'` also returns records with a null
 * Field. NOT has already been pushed down to the conditions (see where-tree).
 */
import type { SQLInputValue } from 'node:sqlite';
import type { Query, ValueQueryCondition } from 'soql-parser-js';
import type { FieldDefinition } from '../../../schema/types';
import type { StoredValue } from '../store-context';
import { resolveDateLiteral } from './date-literals';
import { isCaseInsensitiveText, isTextField, literalValue, unquote } from './literals';
import { unsupported } from './parse';
import type { BoolTree, Leaf } from './where-tree';
import type { OrgSettings } from '../store-context';
import { SalesforceError } from '../errors';

/** SQL text with its positional parameters. */
export interface SqlFragment {
    sql: string;
    params: SQLInputValue[];
}

/** The left side of a condition, resolved by the caller (a field path, or an aggregate in HAVING). */
export interface Operand {
    sql: string;
    field: FieldDefinition;
}

/** Callbacks that give the translator access to the query it belongs to. */
export interface ConditionEnvironment {
    resolveOperand(leaf: Leaf): Operand;
    /** Translates a semi-join subquery selecting one Id or reference column. */
    semiJoin(query: Query): SqlFragment;
    now: Date;
    settings: OrgSettings;
}

const COMPARISON = new Set(['=', '!=', '<', '<=', '>', '>=']);

function collate(field: FieldDefinition): string {
    return isCaseInsensitiveText(field) ? ' COLLATE NOCASE' : '';
}

/** Wraps a positive form into its negation; null fields count as "not matching". */
function negated(expression: string, positive: string): string {
    return `(${expression} IS NULL OR NOT (${positive}))`;
}

function asArray<T>(value: T | T[] | undefined): T[] {
    if (value === undefined) {
        return [];
    }
    return Array.isArray(value) ? value : [value];
}

class LeafTranslator {
    public readonly params: SQLInputValue[] = [];

    public constructor(private readonly environment: ConditionEnvironment) {}

    public translate(leaf: Leaf, isNegated: boolean): string {
        const operand = this.environment.resolveOperand(leaf);
        const operator = leaf.operator.toUpperCase();
        if ('valueQuery' in leaf) {
            return this.semiJoin(operand, leaf.valueQuery, operator, isNegated);
        }
        if (operator === 'INCLUDES' || operator === 'EXCLUDES') {
            return unsupported(operator);
        }
        const literalTypes = asArray(leaf.literalType);
        if (literalTypes.some((type) => type === 'DATE_LITERAL' || type === 'DATE_N_LITERAL')) {
            return this.dateLiteral(operand, leaf, operator, isNegated);
        }
        if (operator === 'IN' || operator === 'NOT IN') {
            const values = asArray(leaf.value).map((raw, index) =>
                literalValue(operand.field, raw, literalTypes[index] ?? literalTypes[0])
            );
            return this.inList(operand, values, operator === 'NOT IN' ? !isNegated : isNegated);
        }
        const raw = asArray(leaf.value)[0] ?? '';
        if (operator === 'LIKE') {
            return this.like(operand, raw, literalTypes[0] === 'STRING', isNegated);
        }
        if (!COMPARISON.has(operator)) {
            return unsupported(`the operator ${operator}`);
        }
        return this.comparison(
            operand,
            operator,
            literalValue(operand.field, raw, literalTypes[0]),
            isNegated
        );
    }

    private bind(value: SQLInputValue): string {
        this.params.push(value);
        return '?';
    }

    private comparison(
        operand: Operand,
        operator: string,
        value: StoredValue,
        isNegated: boolean
    ): string {
        const { sql } = operand;
        if (value === null) {
            if (operator !== '=' && operator !== '!=') {
                throw new SalesforceError(
                    'MALFORMED_QUERY',
                    `null can only be compared with = or !=, not ${operator}`
                );
            }
            const isNull = (operator === '=') !== isNegated;
            return `${sql} IS ${isNull ? '' : 'NOT '}NULL`;
        }
        const sqlOperator = operator === '!=' ? '=' : operator;
        const positive = `${sql} ${sqlOperator} ${this.bind(value)}${collate(operand.field)}`;
        const wantsNegation = (operator === '!=') !== isNegated;
        return wantsNegation ? negated(sql, positive) : positive;
    }

    private inList(operand: Operand, values: StoredValue[], isNegated: boolean): string {
        const { sql } = operand;
        const present = values.filter((value): value is string | number => value !== null);
        const hasNull = present.length !== values.length;
        const list = present.map((value) => this.bind(value)).join(', ');
        const inClause = present.length > 0 ? `${sql}${collate(operand.field)} IN (${list})` : '0';
        if (!isNegated) {
            return hasNull ? `(${inClause} OR ${sql} IS NULL)` : inClause;
        }
        return hasNull ? `(${sql} IS NOT NULL AND NOT (${inClause}))` : negated(sql, inClause);
    }

    private like(operand: Operand, raw: string, isString: boolean, isNegated: boolean): string {
        if (!isTextField(operand.field) || !isString) {
            throw new SalesforceError(
                'INVALID_QUERY_FILTER_OPERATOR',
                `invalid operator on field '${operand.field.name}': LIKE`
            );
        }
        const positive = `${operand.sql} LIKE ${this.bind(unquote(raw, true))} ESCAPE '\\'`;
        return isNegated ? negated(operand.sql, positive) : positive;
    }

    private dateLiteral(
        operand: Operand,
        leaf: Exclude<Leaf, ValueQueryCondition>,
        operator: string,
        isNegated: boolean
    ): string {
        const type = operand.field.type;
        if (type !== 'date' && type !== 'datetime') {
            throw new SalesforceError(
                'INVALID_QUERY_FILTER_OPERATOR',
                `value of filter criterion for field '${operand.field.name}' must be of type ${type}`
            );
        }
        const variables = 'dateLiteralVariable' in leaf ? asArray(leaf.dateLiteralVariable) : [];
        const ranges = asArray(leaf.value).map((value, index) => {
            const [name = '', suffix] = value.split(':');
            // soql-parser-js leaves out `dateLiteralVariable` when n is 0, so read n from the text.
            // NOTE: LAST_N_DAYS:0 is taken as today only; its meaning in Salesforce is unverified.
            const n = variables[index] ?? (suffix === undefined ? undefined : Number(suffix));
            return resolveDateLiteral(
                name,
                n,
                type,
                this.environment.now,
                this.environment.settings
            );
        });
        const { sql } = operand;
        const [first] = ranges;
        let positive: string;
        let wantsNegation = isNegated;
        if (operator === 'IN' || operator === 'NOT IN' || operator === '=' || operator === '!=') {
            // Placeholders are bound in the order they appear in the SQL text.
            const inRange = ranges.map(
                (range) =>
                    `(${sql} >= ${this.bind(range.start)} AND ${sql} < ${this.bind(range.end)})`
            );
            positive = `(${inRange.join(' OR ')})`;
            wantsNegation = (operator === 'NOT IN' || operator === '!=') !== isNegated;
        } else if (first && (operator === '<' || operator === '>=')) {
            positive = `${sql} ${operator} ${this.bind(first.start)}`;
        } else if (first && (operator === '<=' || operator === '>')) {
            positive = `${sql} ${operator === '<=' ? '<' : '>='} ${this.bind(first.end)}`;
        } else {
            return unsupported(`the operator ${operator} with date literals`);
        }
        return wantsNegation ? negated(sql, positive) : positive;
    }

    private semiJoin(operand: Operand, query: Query, operator: string, isNegated: boolean): string {
        if (operator !== 'IN' && operator !== 'NOT IN') {
            return unsupported(`the operator ${operator} with a subquery`);
        }
        const inner = this.environment.semiJoin(query);
        this.params.push(...inner.params);
        const positive = `${operand.sql} IN (${inner.sql})`;
        return (operator === 'NOT IN') !== isNegated ? negated(operand.sql, positive) : positive;
    }
}

function translateTree(tree: BoolTree, translator: LeafTranslator): string {
    if (tree.kind === 'leaf') {
        return translator.translate(tree.condition, tree.negated);
    }
    const joiner = tree.kind === 'and' ? ' AND ' : ' OR ';
    return `(${tree.children.map((child) => translateTree(child, translator)).join(joiner)})`;
}

/** Translates a condition tree to SQL with its parameters in order. */
export function translateConditions(
    tree: BoolTree,
    environment: ConditionEnvironment
): SqlFragment {
    const translator = new LeafTranslator(environment);
    const sql = translateTree(tree, translator);
    return { sql, params: translator.params };
}
