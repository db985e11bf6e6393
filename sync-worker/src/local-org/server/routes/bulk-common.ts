/** Request parts shared by the Bulk API 2.0 ingest and query routes. */
import { z } from 'zod';
import { jsonResponse, type ApiResponse } from '../api-types';
import {
    COLUMN_DELIMITERS,
    LINE_ENDINGS,
    type ColumnDelimiter,
    type LineEnding
} from '../bulk/csv';
import type { IngestJobInfo } from '../bulk/ingest-job';
import type { QueryJobInfo } from '../bulk/query-job';
import { ApiError } from '../errors';

/** Optional format settings of a job-create body. */
export const formatSchema = z.object({
    columnDelimiter: z
        .enum(Object.keys(COLUMN_DELIMITERS) as [ColumnDelimiter, ...ColumnDelimiter[]])
        .optional(),
    lineEnding: z.enum(Object.keys(LINE_ENDINGS) as [LineEnding, ...LineEnding[]]).optional(),
    contentType: z.literal('CSV').optional()
});

/** Body of a job state change: `PATCH jobs/.../{id}`. */
export const stateChangeSchema = z.object({ state: z.enum(['UploadComplete', 'Aborted']) });

/** Body of a job list, as `GET jobs/ingest` and `GET jobs/query` return it. */
export function jobList(records: (IngestJobInfo | QueryJobInfo)[]): ApiResponse {
    return jsonResponse(200, { done: true, records, nextRecordsUrl: null });
}

/** Builds the error for a request that the job's current state does not allow. */
export function invalidJobState(message: string): ApiError {
    // NOTE: the Salesforce docs do not give the code for a request in the wrong job
    // state. Check it by uploading twice to one job in a real org.
    return new ApiError(409, 'INVALIDJOBSTATE', message);
}
