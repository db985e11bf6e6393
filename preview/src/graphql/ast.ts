/**
 * Syntax tree of the GraphQL documents the preview adapter reads: operations, fields
 * with arguments and selection sets, and input values. Fragments and directives are
 * rejected by the parser, because the components' queries use neither.
 */

/** An input value as written in the document. */
export type ValueNode =
    | { readonly kind: 'Variable'; readonly name: string }
    | { readonly kind: 'Int' | 'Float'; readonly value: number }
    | { readonly kind: 'String'; readonly value: string }
    | { readonly kind: 'Boolean'; readonly value: boolean }
    | { readonly kind: 'Null' }
    | { readonly kind: 'Enum'; readonly value: string }
    | { readonly kind: 'List'; readonly values: readonly ValueNode[] }
    | { readonly kind: 'Object'; readonly fields: readonly ArgumentNode[] };

/** A name and value pair: an argument, or a field of an input object. */
export interface ArgumentNode {
    readonly name: string;
    readonly value: ValueNode;
}

/** A selected field; `selections` is null for a leaf. */
export interface FieldNode {
    readonly alias: string | null;
    readonly name: string;
    readonly arguments: readonly ArgumentNode[];
    readonly selections: readonly FieldNode[] | null;
    /** 1-based line of the field name, for error locations. */
    readonly line: number;
    readonly column: number;
}

export interface VariableDefinition {
    readonly name: string;
    /** The type as written, such as `ID` or `[String!]!`. */
    readonly type: string;
    readonly defaultValue: ValueNode | null;
}

export interface OperationNode {
    readonly operation: 'query' | 'mutation' | 'subscription';
    readonly name: string | null;
    readonly variables: readonly VariableDefinition[];
    readonly selections: readonly FieldNode[];
}

/** A value with its variables replaced; enum values keep their kind apart from strings. */
export type InputValue =
    null | boolean | number | string | EnumValue | readonly InputValue[] | InputObject;

export interface InputObject {
    readonly [name: string]: InputValue;
}

/** An enum value such as `DESC` or `THIS_FISCAL_QUARTER`. */
export class EnumValue {
    constructor(readonly name: string) {}
}

/** A document the adapter cannot read or run, with the GraphQL error it becomes. */
export class GraphqlQueryError extends Error {
    override readonly name = 'GraphqlQueryError';
    readonly code = 'PREVIEW_GRAPHQL_INVALID';

    constructor(
        message: string,
        readonly path: readonly string[] = [],
        readonly locations: readonly { line: number; column: number }[] = []
    ) {
        super(message);
    }
}
