/**
 * Parses GraphQL query documents into the syntax tree of `ast.ts` by recursive descent
 * over the grammar of the GraphQL specification (October 2021), without fragments and
 * directives, and resolves input values against the request's variables.
 */
import {
    EnumValue,
    GraphqlQueryError,
    type ArgumentNode,
    type FieldNode,
    type InputValue,
    type OperationNode,
    type ValueNode,
    type VariableDefinition
} from './ast';
import { tokenize, type Token } from './lexer';

class Parser {
    private index = 0;

    constructor(private readonly tokens: readonly Token[]) {}

    private peek(): Token {
        // tokenize() always ends the list with an `end` token, which is never consumed.
        return this.tokens[this.index] ?? this.tokens[this.tokens.length - 1] ?? endToken();
    }

    private fail(message: string, token = this.peek()): never {
        const found = token.kind === 'end' ? 'the end of the document' : `"${token.text}"`;
        throw new GraphqlQueryError(`Syntax error: ${message}, found ${found}.`, [], [token]);
    }

    private isPunctuator(text: string): boolean {
        const token = this.peek();
        return token.kind === 'punctuator' && token.text === text;
    }

    private skipPunctuator(text: string): boolean {
        if (!this.isPunctuator(text)) {
            return false;
        }
        this.index += 1;
        return true;
    }

    private expectPunctuator(text: string): void {
        if (!this.skipPunctuator(text)) {
            this.fail(`expected "${text}"`);
        }
    }

    private expectName(): Token {
        const token = this.peek();
        if (token.kind !== 'name') {
            this.fail('expected a name');
        }
        this.index += 1;
        return token;
    }

    parseDocument(): OperationNode[] {
        const operations: OperationNode[] = [];
        while (this.peek().kind !== 'end') {
            operations.push(this.parseOperation());
        }
        if (operations.length === 0) {
            this.fail('expected an operation');
        }
        return operations;
    }

    private parseOperation(): OperationNode {
        if (this.isPunctuator('{')) {
            return { operation: 'query', name: null, variables: [], selections: this.parseSet() };
        }
        const keyword = this.expectName();
        if (
            keyword.text !== 'query' &&
            keyword.text !== 'mutation' &&
            keyword.text !== 'subscription'
        ) {
            this.fail('expected "query", "mutation", "subscription" or "{"', keyword);
        }
        const name = this.peek().kind === 'name' ? this.expectName().text : null;
        const variables = this.isPunctuator('(') ? this.parseVariableDefinitions() : [];
        this.rejectDirectives();
        return { operation: keyword.text, name, variables, selections: this.parseSet() };
    }

    private parseVariableDefinitions(): VariableDefinition[] {
        this.expectPunctuator('(');
        const definitions: VariableDefinition[] = [];
        do {
            this.expectPunctuator('$');
            const name = this.expectName().text;
            this.expectPunctuator(':');
            const type = this.parseType();
            const defaultValue = this.skipPunctuator('=') ? this.parseValue(true) : null;
            definitions.push({ name, type, defaultValue });
        } while (!this.skipPunctuator(')'));
        return definitions;
    }

    private parseType(): string {
        let type: string;
        if (this.skipPunctuator('[')) {
            type = `[${this.parseType()}]`;
            this.expectPunctuator(']');
        } else {
            type = this.expectName().text;
        }
        return this.skipPunctuator('!') ? `${type}!` : type;
    }

    private rejectDirectives(): void {
        if (this.isPunctuator('@')) {
            this.fail('directives are not supported by the preview');
        }
    }

    private parseSet(): FieldNode[] {
        this.expectPunctuator('{');
        const fields: FieldNode[] = [];
        do {
            fields.push(this.parseField());
        } while (!this.skipPunctuator('}'));
        return fields;
    }

    private parseField(): FieldNode {
        const first = this.expectName();
        let alias: string | null = null;
        let nameToken = first;
        if (this.skipPunctuator(':')) {
            alias = first.text;
            nameToken = this.expectName();
        }
        const args = this.isPunctuator('(') ? this.parseArguments(false) : [];
        this.rejectDirectives();
        return {
            alias,
            name: nameToken.text,
            arguments: args,
            selections: this.isPunctuator('{') ? this.parseSet() : null,
            line: nameToken.line,
            column: nameToken.column
        };
    }

    private parseArguments(constant: boolean): ArgumentNode[] {
        this.expectPunctuator('(');
        const args: ArgumentNode[] = [];
        do {
            const name = this.expectName().text;
            this.expectPunctuator(':');
            args.push({ name, value: this.parseValue(constant) });
        } while (!this.skipPunctuator(')'));
        return args;
    }

    private parseValue(constant: boolean): ValueNode {
        const token = this.peek();
        if (token.kind === 'punctuator') {
            return this.parseCompositeValue(token, constant);
        }
        this.index += 1;
        switch (token.kind) {
            case 'int':
                return { kind: 'Int', value: Number(token.text) };
            case 'float':
                return { kind: 'Float', value: Number(token.text) };
            case 'string':
                return { kind: 'String', value: token.text };
            case 'name':
                if (token.text === 'true' || token.text === 'false') {
                    return { kind: 'Boolean', value: token.text === 'true' };
                }
                return token.text === 'null'
                    ? { kind: 'Null' }
                    : { kind: 'Enum', value: token.text };
            default:
                return this.fail('expected a value', token);
        }
    }

    private parseCompositeValue(token: Token, constant: boolean): ValueNode {
        if (token.text === '$' && !constant) {
            this.index += 1;
            return { kind: 'Variable', name: this.expectName().text };
        }
        if (this.skipPunctuator('[')) {
            const values: ValueNode[] = [];
            while (!this.skipPunctuator(']')) {
                values.push(this.parseValue(constant));
            }
            return { kind: 'List', values };
        }
        if (this.skipPunctuator('{')) {
            const fields: ArgumentNode[] = [];
            while (!this.skipPunctuator('}')) {
                const name = this.expectName().text;
                this.expectPunctuator(':');
                fields.push({ name, value: this.parseValue(constant) });
            }
            return { kind: 'Object', fields };
        }
        return this.fail('expected a value', token);
    }
}

function endToken(): Token {
    return { kind: 'end', text: '', line: 1, column: 1 };
}

/** Parses a document and returns the operation named `operationName`, or its only one. */
export function parseOperation(source: string, operationName: string | null): OperationNode {
    const operations = new Parser(tokenize(source)).parseDocument();
    if (operationName !== null) {
        const named = operations.find((operation) => operation.name === operationName);
        if (named === undefined) {
            throw new GraphqlQueryError(`The document has no operation named ${operationName}.`);
        }
        return named;
    }
    const [only] = operations;
    if (only === undefined || operations.length > 1) {
        throw new GraphqlQueryError(
            'The document has several operations; the request must name one in operationName.'
        );
    }
    return only;
}

/** Parses a document like `parseOperation` and rejects mutations and subscriptions. */
export function parseQuery(source: string, operationName: string | null): OperationNode {
    const operation = parseOperation(source, operationName);
    if (operation.operation !== 'query') {
        throw new GraphqlQueryError(
            `The preview supports queries only, not a ${operation.operation}.`
        );
    }
    return operation;
}

/**
 * Replaces variables in `value` with their values. A variable the request leaves out
 * takes its default, or null: the components pass every variable they declare.
 */
export function resolveValue(
    value: ValueNode,
    variables: Readonly<Record<string, InputValue>>
): InputValue {
    switch (value.kind) {
        case 'Variable':
            return variables[value.name] ?? null;
        case 'Int':
        case 'Float':
        case 'String':
        case 'Boolean':
            return value.value;
        case 'Null':
            return null;
        case 'Enum':
            return new EnumValue(value.value);
        case 'List':
            return value.values.map((item) => resolveValue(item, variables));
        case 'Object': {
            const object: Record<string, InputValue> = {};
            for (const field of value.fields) {
                object[field.name] = resolveValue(field.value, variables);
            }
            return object;
        }
    }
}

/** Variable values of a request, with the defaults of the operation filled in. */
export function variableValues(
    operation: OperationNode,
    given: Readonly<Record<string, InputValue>>
): Record<string, InputValue> {
    const values: Record<string, InputValue> = {};
    for (const definition of operation.variables) {
        const provided = given[definition.name];
        if (provided !== undefined) {
            values[definition.name] = provided;
        } else if (definition.defaultValue !== null) {
            values[definition.name] = resolveValue(definition.defaultValue, {});
        } else if (definition.type.endsWith('!')) {
            throw new GraphqlQueryError(
                `The variable $${definition.name} of type ${definition.type} is required but was not given.`
            );
        }
    }
    return values;
}
