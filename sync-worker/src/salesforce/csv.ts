/**
 * Parsing of Bulk API 2.0 query results: RFC 4180 CSV with one delimiter, LF or CRLF
 * line endings and quoted fields, through csv-parse. jsforce's own `parseCSV` accepts
 * any of six delimiters at once, so an unquoted `;` or `|` inside a value would split it.
 */
import { CsvError, parse, type Options } from 'csv-parse/sync';

/** A CSV text that does not follow RFC 4180, or whose rows do not match the header. */
export class CsvFormatError extends Error {
    public constructor(message: string, options?: ErrorOptions) {
        super(message, options);
        this.name = 'CsvFormatError';
    }
}

function parseOrThrow<T>(text: string, options: Options): T[] {
    try {
        const rows: unknown = parse(text, { ...options, bom: true });
        return rows as T[];
    } catch (error) {
        if (error instanceof CsvError) {
            throw new CsvFormatError(`Invalid CSV: ${error.message}`, { cause: error });
        }
        throw error;
    }
}

/** Splits CSV text into rows of fields. A final line break does not start a row. */
export function parseCsvRows(text: string, delimiter = ','): string[][] {
    return parseOrThrow<string[]>(text, { delimiter, relax_column_count: true });
}

/**
 * Parses CSV with a header row into records keyed by column name. Every value is a
 * string; an empty field is `''` (Bulk API 2.0 writes null as an empty field).
 */
export function parseCsvRecords(text: string, delimiter = ','): Record<string, string>[] {
    return parseOrThrow<Record<string, string>>(text, { delimiter, columns: true });
}
