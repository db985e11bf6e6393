/**
 * Boolean trees of WHERE and HAVING clauses. soql-parser-js returns a right-leaning
 * chain of conditions with parenthesis counts, so this module rebuilds the tree with
 * SOQL's rules: NOT binds tightest, and AND and OR may not be mixed at one level
 * without parentheses. It also pushes NOT down to
 * the conditions, so that the SQL never negates an expression that may be NULL.
 */
import type {
    HavingClause,
    ValueCondition,
    ValueFunctionCondition,
    ValueQueryCondition,
    ValueWithDateLiteralCondition,
    ValueWithDateNLiteralCondition,
    WhereClause
} from 'soql-parser-js';
import { SalesforceError } from '../errors';

/** A leaf condition as the parser gives it. */
export type Leaf =
    | ValueCondition
    | ValueWithDateLiteralCondition
    | ValueWithDateNLiteralCondition
    | ValueFunctionCondition
    | ValueQueryCondition;

/** A boolean expression over leaf conditions, with negation only on leaves. */
export type BoolTree =
    | { kind: 'leaf'; condition: Leaf; negated: boolean }
    | { kind: 'and' | 'or'; children: BoolTree[] };

type Token =
    | { kind: 'open' }
    | { kind: 'close' }
    | { kind: 'op'; op: 'AND' | 'OR' | 'NOT' }
    | { kind: 'leaf'; condition: Leaf };

type Chain = WhereClause | HavingClause;

function isLeaf(value: unknown): value is Leaf {
    return typeof value === 'object' && value !== null && ('field' in value || 'fn' in value);
}

function repeat(count: number | undefined, token: Token): Token[] {
    return Array.from({ length: count ?? 0 }, () => token);
}

/** Flattens the parser's chain into tokens: parentheses, operators and conditions. */
function tokenize(chain: Chain): Token[] {
    const tokens: Token[] = [];
    let node: Chain | undefined = chain;
    while (node) {
        const left: unknown = node.left;
        if (isLeaf(left)) {
            tokens.push(...repeat(left.openParen, { kind: 'open' }));
            tokens.push({ kind: 'leaf', condition: left });
            tokens.push(...repeat(left.closeParen, { kind: 'close' }));
        } else if (typeof left === 'object' && left !== null && 'openParen' in left) {
            tokens.push(...repeat((left as { openParen?: number }).openParen, { kind: 'open' }));
        }
        const operator = 'operator' in node ? node.operator : undefined;
        if (operator !== undefined) {
            tokens.push({ kind: 'op', op: operator });
        }
        node = 'right' in node ? node.right : undefined;
    }
    return tokens;
}

class TreeParser {
    private position = 0;

    public constructor(private readonly tokens: Token[]) {}

    public parse(): BoolTree {
        const tree = this.parseOr();
        if (this.position !== this.tokens.length) {
            throw new SalesforceError(
                'MALFORMED_QUERY',
                'Unbalanced parentheses or operators in the WHERE clause.'
            );
        }
        return tree;
    }

    private peekOp(op: 'AND' | 'OR' | 'NOT'): boolean {
        const token = this.tokens[this.position];
        return token?.kind === 'op' && token.op === op;
    }

    private parseOr(): BoolTree {
        const first = this.parseAnd();
        const children = [first.tree];
        let hasAnd = first.combined;
        while (this.peekOp('OR')) {
            this.position += 1;
            const next = this.parseAnd();
            hasAnd ||= next.combined;
            children.push(next.tree);
        }
        if (hasAnd && children.length > 1) {
            // Salesforce gives AND and OR no precedence: a level that mixes them needs parentheses.
            throw new SalesforceError(
                'MALFORMED_QUERY',
                'A condition mixes AND and OR without parentheses; add parentheses to group them.'
            );
        }
        return children.length === 1 && children[0] ? children[0] : { kind: 'or', children };
    }

    /** Parses conditions joined by AND; `combined` is true when there were several. */
    private parseAnd(): { tree: BoolTree; combined: boolean } {
        const children = [this.parseNot()];
        while (this.peekOp('AND')) {
            this.position += 1;
            children.push(this.parseNot());
        }
        if (children.length === 1 && children[0]) {
            return { tree: children[0], combined: false };
        }
        return { tree: { kind: 'and', children }, combined: true };
    }

    private parseNot(): BoolTree {
        if (this.peekOp('NOT')) {
            this.position += 1;
            return negate(this.parseNot());
        }
        const token = this.tokens[this.position];
        this.position += 1;
        if (token?.kind === 'leaf') {
            return { kind: 'leaf', condition: token.condition, negated: false };
        }
        if (token?.kind === 'open') {
            const inner = this.parseOr();
            if (this.tokens[this.position]?.kind !== 'close') {
                throw new SalesforceError(
                    'MALFORMED_QUERY',
                    'Missing closing parenthesis in the WHERE clause.'
                );
            }
            this.position += 1;
            return inner;
        }
        throw new SalesforceError('MALFORMED_QUERY', 'Expected a condition in the WHERE clause.');
    }
}

/** Negates a tree by De Morgan's laws, so that only leaves carry negation. */
export function negate(tree: BoolTree): BoolTree {
    if (tree.kind === 'leaf') {
        return { ...tree, negated: !tree.negated };
    }
    return { kind: tree.kind === 'and' ? 'or' : 'and', children: tree.children.map(negate) };
}

/** True when the tree has a semi-join or anti-join (`IN (SELECT ...)`) leaf. */
export function containsSemiJoin(tree: BoolTree): boolean {
    if (tree.kind === 'leaf') {
        return 'valueQuery' in tree.condition;
    }
    return tree.children.some(containsSemiJoin);
}

/** True when a semi-join or anti-join sits under an OR, which Salesforce rejects. */
export function hasSemiJoinUnderOr(tree: BoolTree): boolean {
    if (tree.kind === 'leaf') {
        return false;
    }
    if (tree.kind === 'or') {
        return containsSemiJoin(tree);
    }
    return tree.children.some(hasSemiJoinUnderOr);
}

/** Builds the boolean tree of a WHERE or HAVING clause. */
export function buildTree(chain: Chain): BoolTree {
    return new TreeParser(tokenize(chain)).parse();
}
