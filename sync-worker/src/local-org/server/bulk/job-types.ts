/** Types and helpers shared by Bulk API 2.0 query and ingest jobs. */
import type { ColumnDelimiter, LineEnding } from './csv';

/** Job states, as `state` in job info reports them. */
export type JobState =
    'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';

/** Ingest operations. `hardDelete` deletes like `delete` here, because the store has no recycle bin bypass. */
export type IngestOperation = 'insert' | 'update' | 'upsert' | 'delete' | 'hardDelete';

/** Fields every job info carries. */
export interface JobInfoBase {
    id: string;
    operation: string;
    object: string;
    createdById: string;
    createdDate: string;
    systemModstamp: string;
    state: JobState;
    concurrencyMode: 'Parallel';
    contentType: 'CSV';
    apiVersion: number;
    lineEnding: LineEnding;
    columnDelimiter: ColumnDelimiter;
}

/** Settings common to both job kinds when they are created. */
export interface JobSettings {
    id: string;
    object: string;
    createdById: string;
    apiVersion: string;
    lineEnding: LineEnding;
    columnDelimiter: ColumnDelimiter;
    now: () => Date;
}

/** Formats a datetime the way the REST API does: `2027-03-01T10:00:00.000+0000`. */
export function restDateTime(date: Date): string {
    return date.toISOString().replace('Z', '+0000');
}

/** True for the states in which a job no longer changes. */
export function isFinished(state: JobState): boolean {
    return state === 'JobComplete' || state === 'Failed' || state === 'Aborted';
}
