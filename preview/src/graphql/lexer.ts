/**
 * Splits a GraphQL document into tokens: punctuators, names, numbers, strings and block
 * strings. Commas, white space and comments are skipped, because GraphQL gives them no
 * meaning.
 */
import { GraphqlQueryError } from './ast';

export type TokenKind = 'punctuator' | 'name' | 'int' | 'float' | 'string' | 'end';

export interface Token {
    readonly kind: TokenKind;
    readonly text: string;
    readonly line: number;
    readonly column: number;
}

const PUNCTUATORS = new Set(['!', '$', '&', '(', ')', ':', '=', '@', '[', ']', '{', '|', '}']);
const NAME = /[_A-Za-z][_0-9A-Za-z]*/y;
const NUMBER = /-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;
const IGNORED = /(?:[\s,\uFEFF]|#[^\n\r]*)+/y;
const ESCAPES: Readonly<Record<string, string>> = {
    '"': '"',
    '\\': '\\',
    '/': '/',
    b: '\b',
    f: '\f',
    n: '\n',
    r: '\r',
    t: '\t'
};

/** Position of an offset as 1-based line and column. */
function positionOf(source: string, offset: number): { line: number; column: number } {
    const before = source.slice(0, offset);
    const line = before.split('\n').length;
    return { line, column: offset - before.lastIndexOf('\n') };
}

function syntaxError(source: string, offset: number, message: string): GraphqlQueryError {
    const position = positionOf(source, offset);
    return new GraphqlQueryError(`Syntax error: ${message}`, [], [position]);
}

/** Reads a quoted string starting at `start` (the opening quote); returns value and end. */
function readString(source: string, start: number): { value: string; end: number } {
    let value = '';
    let index = start + 1;
    while (index < source.length) {
        const character = source.charAt(index);
        if (character === '"') {
            return { value, end: index + 1 };
        }
        if (character === '\n' || character === '\r') {
            break;
        }
        if (character !== '\\') {
            value += character;
            index += 1;
            continue;
        }
        const escaped = source.charAt(index + 1);
        if (escaped === 'u') {
            const hex = source.slice(index + 2, index + 6);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
                throw syntaxError(source, index, `invalid Unicode escape \\u${hex}.`);
            }
            value += String.fromCharCode(parseInt(hex, 16));
            index += 6;
            continue;
        }
        const replacement = ESCAPES[escaped];
        if (replacement === undefined) {
            throw syntaxError(source, index, `invalid escape \\${escaped}.`);
        }
        value += replacement;
        index += 2;
    }
    throw syntaxError(source, start, 'unterminated string.');
}

/** Reads a `"""` block string and removes its common indentation. */
function readBlockString(source: string, start: number): { value: string; end: number } {
    const close = source.indexOf('"""', start + 3);
    if (close < 0) {
        throw syntaxError(source, start, 'unterminated block string.');
    }
    const lines = source
        .slice(start + 3, close)
        .replaceAll('\\"""', '"""')
        .split(/\r\n|\n|\r/);
    const indents = lines
        .slice(1)
        .filter((line) => line.trim() !== '')
        .map((line) => line.length - line.trimStart().length);
    const common = indents.length === 0 ? 0 : Math.min(...indents);
    const trimmed = lines.map((line, index) => (index === 0 ? line : line.slice(common)));
    while (trimmed.length > 0 && (trimmed[0] ?? '').trim() === '') {
        trimmed.shift();
    }
    while (trimmed.length > 0 && (trimmed[trimmed.length - 1] ?? '').trim() === '') {
        trimmed.pop();
    }
    return { value: trimmed.join('\n'), end: close + 3 };
}

function matchAt(pattern: RegExp, source: string, offset: number): string | null {
    pattern.lastIndex = offset;
    const match = pattern.exec(source);
    return match === null ? null : match[0];
}

/** Returns the tokens of `source`, ending with an `end` token. */
export function tokenize(source: string): Token[] {
    const tokens: Token[] = [];
    let offset = 0;
    const push = (kind: TokenKind, text: string, at: number): void => {
        tokens.push({ kind, text, ...positionOf(source, at) });
    };
    for (;;) {
        offset += matchAt(IGNORED, source, offset)?.length ?? 0;
        if (offset >= source.length) {
            push('end', '', offset);
            return tokens;
        }
        const character = source.charAt(offset);
        if (source.startsWith('...', offset)) {
            throw syntaxError(source, offset, 'fragments are not supported by the preview.');
        }
        if (PUNCTUATORS.has(character)) {
            push('punctuator', character, offset);
            offset += 1;
            continue;
        }
        if (character === '"') {
            const read = source.startsWith('"""', offset)
                ? readBlockString(source, offset)
                : readString(source, offset);
            push('string', read.value, offset);
            offset = read.end;
            continue;
        }
        const name = matchAt(NAME, source, offset);
        if (name !== null) {
            push('name', name, offset);
            offset += name.length;
            continue;
        }
        const number = matchAt(NUMBER, source, offset);
        if (number !== null) {
            push(/[.eE]/.test(number) ? 'float' : 'int', number, offset);
            offset += number.length;
            continue;
        }
        throw syntaxError(source, offset, `unexpected character ${JSON.stringify(character)}.`);
    }
}
