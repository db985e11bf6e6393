/**
 * CSV as Bulk API 2.0 reads and writes it (RFC 4180): fields separated by the job's
 * column delimiter, quoted when they contain the delimiter, a quote or a line break,
 * with `""` for a quote inside a quoted field. Result files quote every non-empty
 * field, as Salesforce's result files do.
 */

/** Column delimiters a job may name, with their characters. */
export const COLUMN_DELIMITERS = {
    COMMA: ',',
    TAB: '\t',
    SEMICOLON: ';',
    PIPE: '|',
    CARET: '^',
    BACKQUOTE: '`'
} as const;

export type ColumnDelimiter = keyof typeof COLUMN_DELIMITERS;

/** Line endings a job may name. */
export const LINE_ENDINGS = { LF: '\n', CRLF: '\r\n' } as const;

export type LineEnding = keyof typeof LINE_ENDINGS;

/** A CSV syntax error, with the 1-based line where it was found. */
export class CsvSyntaxError extends Error {
    public readonly line: number;

    public constructor(message: string, line: number) {
        super(`${message} (line ${line})`);
        this.name = 'CsvSyntaxError';
        this.line = line;
    }
}

/**
 * Reads rows one at a time from CSV text, so a large upload is processed in chunks
 * without holding every row in memory. Accepts LF and CRLF line endings.
 */
export class CsvReader {
    private readonly text: string;
    private readonly delimiter: string;
    private position = 0;
    private line = 1;

    public constructor(text: string, delimiter: string) {
        // A byte-order mark is not part of the first header name.
        this.text = text.startsWith('\uFEFF') ? text.slice(1) : text;
        this.delimiter = delimiter;
    }

    /** True when every row has been read. */
    public get done(): boolean {
        return this.position >= this.text.length;
    }

    /** Returns the next row, or `undefined` at the end. Blank lines are skipped. */
    public next(): string[] | undefined {
        while (!this.done) {
            const row = this.readRow();
            if (!(row.length === 1 && row[0] === '')) {
                return row;
            }
        }
        return undefined;
    }

    /** Returns the unread rest of the text, for the unprocessed-records file. */
    public rest(): string {
        return this.text.slice(this.position);
    }

    private readRow(): string[] {
        const fields: string[] = [];
        for (;;) {
            const field =
                this.text.charAt(this.position) === '"' ? this.readQuoted() : this.readPlain();
            fields.push(field);
            const character = this.text.charAt(this.position);
            if (character === this.delimiter) {
                this.position += 1;
                continue;
            }
            if (!this.skipLineEnd() && !this.done) {
                throw new CsvSyntaxError('Unexpected text after a closing quote', this.line);
            }
            return fields;
        }
    }

    /** Reads an unquoted field up to the next delimiter or line end, in one slice. */
    private readPlain(): string {
        const { text, delimiter } = this;
        const start = this.position;
        let end = start;
        while (end < text.length) {
            const character = text.charAt(end);
            if (
                character === delimiter ||
                character === '\n' ||
                (character === '\r' && text.charAt(end + 1) === '\n')
            ) {
                break;
            }
            end += 1;
        }
        this.position = end;
        return text.slice(start, end);
    }

    /** Reads a quoted field; `""` inside it is one quote and line breaks are kept. */
    private readQuoted(): string {
        const { text } = this;
        let field = '';
        let start = this.position + 1;
        for (;;) {
            const quote = text.indexOf('"', start);
            if (quote < 0) {
                throw new CsvSyntaxError('Unterminated quoted field', this.line);
            }
            const part = text.slice(start, quote);
            this.line += part.split('\n').length - 1;
            field += part;
            if (text.charAt(quote + 1) === '"') {
                field += '"';
                start = quote + 2;
                continue;
            }
            this.position = quote + 1;
            return field;
        }
    }

    /** Moves past LF or CRLF at the end of a row; returns false when there is none. */
    private skipLineEnd(): boolean {
        const { text } = this;
        if (text.charAt(this.position) === '\r' && text.charAt(this.position + 1) === '\n') {
            this.position += 2;
        } else if (text.charAt(this.position) === '\n') {
            this.position += 1;
        } else {
            return false;
        }
        this.line += 1;
        return true;
    }
}

/** Writes one field: empty text stays empty, anything else is quoted. */
export function csvField(value: string): string {
    return value === '' ? '' : `"${value.replaceAll('"', '""')}"`;
}

/** Writes one row with its line ending. */
export function csvRow(values: readonly string[], delimiter: string, lineEnding: string): string {
    return values.map(csvField).join(delimiter) + lineEnding;
}
