/**
 * A Bulk API 2.0 ingest job: one CSV upload, then asynchronous processing in chunks
 * that write successful and failed rows to result files. An empty cell leaves a field
 * unset (insert) or unchanged (update), and `#N/A` sets it to null, as Salesforce does.
 */
import { isSalesforceError, type OrgStore, type RecordInput, type WriteContext } from '../../store';
import { DuplicateKeys } from '../duplicate-keys';
import { COLUMN_DELIMITERS, CsvReader, CsvSyntaxError, LINE_ENDINGS, csvRow } from './csv';
import type { JobFiles } from './job-files';
import {
    restDateTime,
    type IngestOperation,
    type JobInfoBase,
    type JobSettings,
    type JobState
} from './job-types';

/** Cell text that clears a field. */
export const NULL_MARKER = '#N/A';

/** Job info of an ingest job, as `GET jobs/ingest/{id}` returns it. */
export interface IngestJobInfo extends JobInfoBase {
    operation: IngestOperation;
    externalIdFieldName?: string;
    jobType: 'V2Ingest';
    contentUrl: string;
    numberRecordsProcessed: number;
    numberRecordsFailed: number;
    retries: number;
    totalProcessingTime: number;
    apiActiveProcessingTime: number;
    apexProcessingTime: number;
    errorMessage?: string;
}

/** Settings of a new ingest job. */
export interface IngestJobSettings extends JobSettings {
    operation: IngestOperation;
    externalIdFieldName?: string;
    store: OrgStore;
    files: JobFiles;
}

/** Thrown for a problem that fails the whole job, like Salesforce's `InvalidBatch`. */
class InvalidBatchError extends Error {}

/** One ingest job and its processing state. */
export class IngestJob {
    public state: JobState = 'Open';
    private readonly settings: IngestJobSettings;
    private readonly createdDate: Date;
    private modstamp: Date;
    private reader: CsvReader | undefined;
    private csv = '';
    private duplicates: DuplicateKeys | undefined;
    private header: string[] = [];
    private processed = 0;
    private failed = 0;
    private processingMs = 0;
    private errorMessage: string | undefined;

    public constructor(settings: IngestJobSettings) {
        this.settings = settings;
        this.createdDate = settings.now();
        this.modstamp = this.createdDate;
    }

    public get id(): string {
        return this.settings.id;
    }

    /** Takes the job's CSV data. Only an open job takes data, and only once. */
    public upload(csv: string): void {
        this.reader = new CsvReader(csv, COLUMN_DELIMITERS[this.settings.columnDelimiter]);
        this.csv = csv;
        this.touch();
    }

    /** True when data was uploaded. */
    public get hasData(): boolean {
        return this.reader !== undefined;
    }

    /** Moves the job to a new state. */
    public setState(state: JobState): void {
        this.state = state;
        if (state === 'Aborted') {
            this.writeUnprocessed();
        }
        this.touch();
    }

    /**
     * Processes up to `maxRows` rows in one store transaction. Returns true while rows
     * remain. A job without valid data fails, with the reason in `errorMessage`.
     */
    public processChunk(maxRows: number): boolean {
        const started = Date.now();
        try {
            if (this.state === 'UploadComplete') {
                this.start();
            }
            const more = this.runRows(maxRows);
            if (!more) {
                this.state = 'JobComplete';
            }
            return more;
        } catch (error) {
            if (!(error instanceof InvalidBatchError || error instanceof CsvSyntaxError)) {
                throw error;
            }
            this.state = 'Failed';
            this.errorMessage = `InvalidBatch : ${error.message}`;
            return false;
        } finally {
            this.processingMs += Date.now() - started;
            this.touch();
        }
    }

    /** Job info in the REST shape. */
    public info(): IngestJobInfo {
        const { settings } = this;
        const info: IngestJobInfo = {
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
            jobType: 'V2Ingest',
            contentUrl: `services/data/v${settings.apiVersion}/jobs/ingest/${settings.id}/batches`,
            lineEnding: settings.lineEnding,
            columnDelimiter: settings.columnDelimiter,
            numberRecordsProcessed: this.processed,
            numberRecordsFailed: this.failed,
            retries: 0,
            totalProcessingTime: this.processingMs,
            apiActiveProcessingTime: this.processingMs,
            apexProcessingTime: 0
        };
        if (settings.externalIdFieldName !== undefined) {
            info.externalIdFieldName = settings.externalIdFieldName;
        }
        if (this.errorMessage !== undefined) {
            info.errorMessage = this.errorMessage;
        }
        return info;
    }

    /** Text of a result file: `success`, `failure` or `unprocessed`; header only when empty. */
    public resultFile(kind: 'success' | 'failure' | 'unprocessed'): string {
        const content = this.settings.files.readAll(this.settings.files.pathOf(this.id, kind));
        if (content !== undefined) {
            return content;
        }
        const prefix =
            kind === 'success'
                ? ['sf__Id', 'sf__Created']
                : kind === 'failure'
                  ? ['sf__Id', 'sf__Error']
                  : [];
        return this.row([...prefix, ...this.header]);
    }

    private start(): void {
        this.state = 'InProgress';
        const header = this.reader?.next();
        if (header === undefined) {
            throw new InvalidBatchError('The upload has no header row.');
        }
        this.header = header.map((name) => name.trim());
        this.checkHeader();
        this.duplicates = this.findDuplicateKeys();
        this.writeLine('success', ['sf__Id', 'sf__Created', ...this.header]);
        this.writeLine('failure', ['sf__Id', 'sf__Error', ...this.header]);
    }

    private checkHeader(): void {
        const definition = this.settings.store.getObject(this.settings.object);
        for (const name of this.header) {
            if (!definition.fields.has(name.toLowerCase())) {
                throw new InvalidBatchError(`Field name not found : ${name}`);
            }
        }
        const required = this.keyColumn();
        if (
            required !== undefined &&
            !this.header.some((name) => name.toLowerCase() === required.toLowerCase())
        ) {
            throw new InvalidBatchError(`Field name not found : ${required}`);
        }
    }

    /** Reads every row's external ID once, because a repeated value fails all of its rows. */
    private findDuplicateKeys(): DuplicateKeys | undefined {
        const field = this.settings.externalIdFieldName;
        if (this.settings.operation !== 'upsert' || field === undefined) {
            return undefined;
        }
        const column = this.header.findIndex((name) => name.toLowerCase() === field.toLowerCase());
        const reader = new CsvReader(this.csv, COLUMN_DELIMITERS[this.settings.columnDelimiter]);
        reader.next();
        const values: string[] = [];
        for (let row = reader.next(); row !== undefined; row = reader.next()) {
            values.push(row[column] ?? '');
        }
        return new DuplicateKeys(this.settings.store, this.settings.object, field, values);
    }

    /** Column every row must have: Id for update and delete, the external ID for upsert. */
    private keyColumn(): string | undefined {
        switch (this.settings.operation) {
            case 'insert':
                return undefined;
            case 'upsert':
                return this.settings.externalIdFieldName;
            default:
                return 'Id';
        }
    }

    private runRows(maxRows: number): boolean {
        const reader = this.reader;
        if (reader === undefined) {
            throw new InvalidBatchError('No data was uploaded for this job.');
        }
        const success: string[] = [];
        const failure: string[] = [];
        this.settings.store.transaction(() => {
            for (let count = 0; count < maxRows; count += 1) {
                const row = reader.next();
                if (row === undefined) {
                    break;
                }
                this.runRow(row, success, failure);
            }
        });
        this.settings.files.append(
            this.settings.files.pathOf(this.id, 'success'),
            success.join('')
        );
        this.settings.files.append(
            this.settings.files.pathOf(this.id, 'failure'),
            failure.join('')
        );
        return !reader.done;
    }

    private runRow(row: string[], success: string[], failure: string[]): void {
        const fields: RecordInput = {};
        let key: string | undefined;
        const keyColumn = this.keyColumn()?.toLowerCase();
        for (const [index, name] of this.header.entries()) {
            const cell = row[index] ?? '';
            if (name.toLowerCase() === keyColumn) {
                key = cell;
            } else if (cell === NULL_MARKER) {
                fields[name] = null;
            } else if (cell !== '') {
                fields[name] = cell;
            }
        }
        this.processed += 1;
        try {
            const { id, created } = this.apply(fields, key);
            success.push(this.row([id, String(created), ...row]));
        } catch (error) {
            if (!isSalesforceError(error)) {
                throw error;
            }
            this.failed += 1;
            const detail = `${error.errorCode}:${error.message}:${error.fields.join(',')} --`;
            const failedId =
                this.settings.operation === 'insert' || this.settings.operation === 'upsert'
                    ? ''
                    : (key ?? '');
            failure.push(this.row([failedId, detail, ...row]));
        }
    }

    private apply(fields: RecordInput, key: string | undefined): { id: string; created: boolean } {
        const { store, object, operation, externalIdFieldName } = this.settings;
        const context: WriteContext = {
            userId: this.settings.createdById,
            allowAuditFields: true,
            valueFormat: 'csv'
        };
        switch (operation) {
            case 'insert':
                return { id: store.insert(object, fields, context), created: true };
            case 'update':
                store.update(object, key ?? '', fields, context);
                return { id: key ?? '', created: false };
            case 'upsert':
                this.duplicates?.check(externalIdFieldName ?? 'Id', key ?? '');
                return store.upsert(
                    object,
                    externalIdFieldName ?? 'Id',
                    key ?? '',
                    fields,
                    context
                );
            case 'delete':
            case 'hardDelete':
                store.delete(object, key ?? '', context);
                return { id: key ?? '', created: false };
        }
    }

    private writeUnprocessed(): void {
        const rest = this.reader?.rest() ?? '';
        const header = this.header.length > 0 ? this.row(this.header) : '';
        this.settings.files.append(
            this.settings.files.pathOf(this.id, 'unprocessed'),
            header + rest
        );
    }

    private writeLine(kind: string, values: string[]): void {
        this.settings.files.append(this.settings.files.pathOf(this.id, kind), this.row(values));
    }

    private row(values: string[]): string {
        return csvRow(
            values,
            COLUMN_DELIMITERS[this.settings.columnDelimiter],
            LINE_ENDINGS[this.settings.lineEnding]
        );
    }

    private touch(): void {
        this.modstamp = this.settings.now();
    }
}
