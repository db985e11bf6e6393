/**
 * Reading one CSV file of an export through csv-parse: a UTF-8 byte-order mark, LF or
 * CRLF line endings, quoted fields with commas, quotes and line breaks. Each row keeps
 * the line on which it starts, so that every problem can name file and line.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { CsvError, parse, type InfoRecord, type Options } from 'csv-parse/sync';
import type { ImportIssue } from './issues';

/** One data row: its values in header order and the line on which it starts (1-based). */
export interface CsvRow {
    readonly line: number;
    readonly values: readonly string[];
}

/** A parsed CSV file: header, rows with the same number of fields, and rows set aside. */
export interface CsvTable {
    /** File name without folder, as problems name it. */
    readonly file: string;
    readonly header: readonly string[];
    readonly rows: readonly CsvRow[];
    /** Rows that could not be read (CSV syntax, wrong number of fields), with their line. */
    readonly issues: readonly ImportIssue[];
}

/** Byte offsets of every `\n` in the file, to turn a byte offset into a line number. */
function newlineOffsets(bytes: Buffer): number[] {
    const offsets: number[] = [];
    for (let index = bytes.indexOf(10); index !== -1; index = bytes.indexOf(10, index + 1)) {
        offsets.push(index);
    }
    return offsets;
}

/** Number of entries of the sorted `offsets` below `limit`. */
function countBelow(offsets: readonly number[], limit: number): number {
    let low = 0;
    let high = offsets.length;
    while (low < high) {
        const middle = (low + high) >>> 1;
        if ((offsets[middle] ?? Infinity) < limit) {
            low = middle + 1;
        } else {
            high = middle;
        }
    }
    return low;
}

/** Line breaks inside the values of a record (quoted fields may hold them). */
function innerLineBreaks(record: readonly string[]): number {
    return record.reduce((sum, value) => sum + value.split('\n').length - 1, 0);
}

/**
 * Returns the line on which a record starts. csv-parse reports the byte offset just
 * past the record's line break (or the end of the file), so the record ends on the line
 * of the byte before it. It starts as many lines earlier as its values hold line breaks.
 */
function startLine(
    offsets: readonly number[],
    endOffset: number,
    record: readonly string[]
): number {
    const endLine = countBelow(offsets, endOffset - 1) + 1;
    return endLine - innerLineBreaks(record);
}

/** Options of every parse: a byte-order mark, LF, CRLF or both, and blank lines skipped. */
function parseOptions(onRecord: (record: string[], context: InfoRecord) => string[]): Options {
    return {
        bom: true,
        relax_column_count: true,
        skip_empty_lines: true,
        record_delimiter: ['\r\n', '\n'],
        on_record: onRecord
    };
}

/** Records of a parse that may stop at a syntax error, with their start lines in the whole file. */
interface ChunkResult {
    readonly records: { record: string[]; line: number }[];
    /** The syntax error that stopped the parse, and the line of the record it broke. */
    readonly error: { line: number; message: string } | null;
}

/**
 * Parses `bytes` from the byte `base`, which starts line `lineBase + 1`, until the end
 * or the first syntax error. Records read before the error are kept.
 */
function parseChunk(
    bytes: Buffer,
    offsets: readonly number[],
    base: number,
    lineBase: number
): ChunkResult {
    const records: { record: string[]; line: number }[] = [];
    let lastEnd = lineBase;
    try {
        parse(
            bytes.subarray(base),
            parseOptions((record, context) => {
                const line = startLine(offsets, context.bytes + base, record);
                records.push({ record, line });
                lastEnd = line + innerLineBreaks(record);
                return record;
            })
        );
        return { records, error: null };
    } catch (error) {
        if (!(error instanceof CsvError)) {
            throw error;
        }
        // csv-parse counts lines from the start of the chunk, so its line number is dropped.
        const message = error.message.replace(/ at line \d+/, '');
        return { records, error: { line: lastEnd + 1, message } };
    }
}

/**
 * Parses CSV text (as bytes, so that line numbers follow byte offsets). A syntax error,
 * such as a stray quote, costs the record it breaks: parsing resumes on the next line.
 */
export function parseCsv(file: string, bytes: Buffer): CsvTable {
    const issues: ImportIssue[] = [];
    const offsets = newlineOffsets(bytes);
    const records: { record: string[]; line: number }[] = [];
    let base = 0;
    let lineBase = 0;
    for (;;) {
        const chunk = parseChunk(bytes, offsets, base, lineBase);
        records.push(...chunk.records);
        if (chunk.error === null) {
            break;
        }
        issues.push({
            file,
            line: chunk.error.line,
            reason: `invalid CSV: ${chunk.error.message}`
        });
        const next = offsets[chunk.error.line - 1];
        if (next === undefined) {
            break;
        }
        base = next + 1;
        lineBase = chunk.error.line;
    }
    const [first, ...rest] = records;
    if (first === undefined) {
        return {
            file,
            header: [],
            rows: [],
            issues: [...issues, { file, line: 1, reason: 'no header' }]
        };
    }
    const header = first.record.map((name) => name.trim());
    const rows: CsvRow[] = [];
    for (const entry of rest) {
        if (entry.record.length !== header.length) {
            issues.push({
                file,
                line: entry.line,
                reason: `has ${entry.record.length} fields but the header has ${header.length}`
            });
            continue;
        }
        rows.push({ line: entry.line, values: entry.record });
    }
    issues.sort((left, right) => left.line - right.line);
    return { file, header, rows, issues };
}

/** Reads and parses one CSV file. */
export function readCsvFile(path: string): CsvTable {
    return parseCsv(basename(path), readFileSync(path));
}

/** Builds `{column: value}` of one row, for importers that address columns by name. */
export function rowObject(table: CsvTable, row: CsvRow): Record<string, string> {
    const values: Record<string, string> = {};
    table.header.forEach((name, index) => {
        values[name] = row.values[index] ?? '';
    });
    return values;
}
