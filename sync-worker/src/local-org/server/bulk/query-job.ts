/**
 * A Bulk API 2.0 query job. The SOQL runs when the job is created (so invalid SOQL
 * fails the create call), then pages are written to a CSV result file in the
 * background. Result pages are byte ranges of that file, addressed by an opaque
 * locator, so any page can be read again.
 */
import { parseQuery, type FieldType } from 'soql-parser-js';
import type { OrgStore, QueryResult, SObjectRecord } from '../../store';
import { ApiError } from '../errors';
import { COLUMN_DELIMITERS, LINE_ENDINGS, csvRow } from './csv';
import type { JobFiles } from './job-files';
import { restDateTime, type JobInfoBase, type JobSettings, type JobState } from './job-types';

/** Records fetched from the store per processing step. */
export const QUERY_FETCH_SIZE = 10_000;

/** Job info of a query job, as `GET jobs/query/{id}` returns it. */
export interface QueryJobInfo extends JobInfoBase {
    operation: 'query' | 'queryAll';
    jobType: 'V2Query';
    numberRecordsProcessed: number;
    retries: number;
    totalProcessingTime: number;
    errorMessage?: string;
}

/** Settings of a new query job. */
export interface QueryJobSettings extends JobSettings {
    operation: 'query' | 'queryAll';
    soql: string;
    store: OrgStore;
    files: JobFiles;
}

/** One page of results. */
export interface ResultPage {
    csv: string;
    records: number;
    /** Locator of the next page, or `null` after the last page. */
    nextLocator: string | null;
}

function unsupported(detail: string): ApiError {
    return new ApiError(400, 'INVALIDJOB', `Bulk API 2.0 queries do not support ${detail}.`);
}

/**
 * Column names of the result file, in SELECT order: fields and parent paths such as
 * `Owner.Name`. Child subqueries, aggregates, TYPEOF and GROUP BY raise 400, because
 * Bulk API 2.0 rejects them too.
 */
export function resultColumns(soql: string): { object: string; columns: string[] } {
    let parsed;
    try {
        parsed = parseQuery(soql);
    } catch (error) {
        throw new ApiError(
            400,
            'MALFORMED_QUERY',
            error instanceof Error ? error.message : String(error)
        );
    }
    if (parsed.groupBy !== undefined) {
        throw unsupported('GROUP BY');
    }
    const columns = (parsed.fields ?? []).map((field: FieldType) => {
        switch (field.type) {
            case 'Field':
                return field.field;
            case 'FieldRelationship':
                return [...field.relationships, field.field].join('.');
            case 'FieldSubquery':
                return unsupportedColumn('child subqueries');
            case 'FieldTypeof':
                return unsupportedColumn('TYPEOF');
            case 'FieldFunctionExpression':
                return unsupportedColumn(`the function ${field.functionName}()`);
        }
    });
    return { object: parsed.sObject ?? '', columns };
}

function unsupportedColumn(detail: string): never {
    throw unsupported(detail);
}

/** Reads a field or a parent path from a record, matching names case-insensitively. */
function valueAt(record: SObjectRecord, path: string): unknown {
    let current: unknown = record;
    for (const name of path.split('.')) {
        if (typeof current !== 'object' || current === null) {
            return null;
        }
        const fields = current as Record<string, unknown>;
        if (name in fields) {
            current = fields[name];
            continue;
        }
        const lowered = name.toLowerCase();
        const entry = Object.entries(fields).find(([key]) => key.toLowerCase() === lowered);
        current = entry?.[1];
    }
    return current;
}

/** Writes a value as Bulk API CSV text: datetimes end in `Z`, null is empty. */
function cellText(value: unknown): string {
    if (value === null || value === undefined) {
        return '';
    }
    if (typeof value === 'string') {
        return /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/.test(value)
            ? value.replace('+0000', 'Z')
            : value;
    }
    if (typeof value === 'number' || typeof value === 'boolean') {
        return String(value);
    }
    return JSON.stringify(value);
}

/** Encodes a record offset as a locator; the text is opaque to clients. */
function toLocator(offset: number): string {
    return Buffer.from(String(offset)).toString('base64url');
}

function fromLocator(locator: string): number | undefined {
    const offset = Number(Buffer.from(locator, 'base64url').toString('utf8'));
    return Number.isInteger(offset) && offset >= 0 ? offset : undefined;
}

/** One query job and its result file. */
export class QueryJob {
    public state: JobState = 'UploadComplete';
    private readonly settings: QueryJobSettings;
    private readonly columns: string[];
    private readonly createdDate: Date;
    private modstamp: Date;
    private pending: QueryResult | undefined;
    /** Byte offset of each record in the result file, plus the end of the last one. */
    private readonly offsets: number[] = [0];
    private processingMs = 0;
    private errorMessage: string | undefined;

    /** Creates the job and runs the query's first page; store errors propagate. */
    public constructor(settings: QueryJobSettings, columns: string[]) {
        this.settings = settings;
        this.columns = columns;
        this.createdDate = settings.now();
        this.modstamp = this.createdDate;
        this.pending = settings.store.query(settings.soql, {
            includeDeleted: settings.operation === 'queryAll',
            batchSize: QUERY_FETCH_SIZE,
            apiVersion: settings.apiVersion
        });
        settings.files.append(this.path, '');
    }

    public get id(): string {
        return this.settings.id;
    }

    /** Records written so far. */
    public get recordCount(): number {
        return this.offsets.length - 1;
    }

    /** Writes the pending page and fetches the next one. Returns true while pages remain. */
    public processChunk(): boolean {
        const started = Date.now();
        this.state = 'InProgress';
        try {
            const page = this.pending;
            if (page !== undefined) {
                this.writePage(page.records);
                this.pending =
                    page.nextRecordsCursor === undefined
                        ? undefined
                        : this.settings.store.queryMore(page.nextRecordsCursor, {
                              apiVersion: this.settings.apiVersion
                          });
            }
        } catch (error) {
            this.state = 'Failed';
            this.errorMessage = error instanceof Error ? error.message : String(error);
            return false;
        } finally {
            this.processingMs += Date.now() - started;
            this.modstamp = this.settings.now();
        }
        if (this.pending === undefined) {
            this.state = 'JobComplete';
            return false;
        }
        return true;
    }

    /** Aborts the job; the result file stays as far as it was written. */
    public abort(): void {
        this.state = 'Aborted';
        this.pending = undefined;
        this.modstamp = this.settings.now();
    }

    /**
     * Reads a page of at most `maxRecords` records starting at `locator` (the first
     * page when absent). Raises 400 `INVALIDLOCATOR` for a locator past the end.
     */
    public readPage(locator: string | undefined, maxRecords: number): ResultPage {
        const start = locator === undefined ? 0 : fromLocator(locator);
        if (start === undefined || start > this.recordCount) {
            throw new ApiError(400, 'INVALIDLOCATOR', `Invalid locator: ${locator ?? ''}`);
        }
        const end = Math.min(this.recordCount, start + maxRecords);
        const header = this.row(this.columns);
        const body = this.settings.files.readRange(
            this.path,
            this.offsets[start] ?? 0,
            this.offsets[end] ?? 0
        );
        return {
            csv: header + body,
            records: end - start,
            nextLocator: end < this.recordCount ? toLocator(end) : null
        };
    }

    /** Job info in the REST shape. */
    public info(): QueryJobInfo {
        const { settings } = this;
        const info: QueryJobInfo = {
            id: settings.id,
            operation: settings.operation,
            object: settings.object,
            createdById: settings.createdById,
            createdDate: restDateTime(this.createdDate),
            systemModstamp: restDateTime(this.modstamp),
            state: this.state,
            concurrencyMode: 'Parallel',
            contentType: 'CSV',
            apiVersion: Number(settings.apiVersion),
            jobType: 'V2Query',
            lineEnding: settings.lineEnding,
            columnDelimiter: settings.columnDelimiter,
            numberRecordsProcessed: this.recordCount,
            retries: 0,
            totalProcessingTime: this.processingMs
        };
        if (this.errorMessage !== undefined) {
            info.errorMessage = this.errorMessage;
        }
        return info;
    }

    private get path(): string {
        return this.settings.files.pathOf(this.id, 'results');
    }

    private writePage(records: SObjectRecord[]): void {
        const lines: string[] = [];
        let offset = this.offsets[this.offsets.length - 1] ?? 0;
        for (const record of records) {
            const line = this.row(this.columns.map((column) => cellText(valueAt(record, column))));
            lines.push(line);
            offset += Buffer.byteLength(line, 'utf8');
            this.offsets.push(offset);
        }
        this.settings.files.append(this.path, lines.join(''));
    }

    private row(values: string[]): string {
        return csvRow(
            values,
            COLUMN_DELIMITERS[this.settings.columnDelimiter],
            LINE_ENDINGS[this.settings.lineEnding]
        );
    }
}
