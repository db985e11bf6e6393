/**
 * The Bulk API 2.0 jobs of a running local org, and the background processing that
 * moves them from `UploadComplete` to `JobComplete` in small steps on the event loop
 * (`setImmediate`), so clients poll job state as they would against Salesforce.
 */
import { buildId } from '../../../schema/ids';
import { describeError, getLogger } from '../../../logging';
import type { OrgStore } from '../../store';
import { ApiError } from '../errors';
import { IngestJob, type IngestJobSettings } from './ingest-job';
import { JobFiles } from './job-files';
import { isFinished } from './job-types';
import { QueryJob, type QueryJobSettings } from './query-job';

const logger = getLogger('local-org.bulk');

/** Rows an ingest job processes per step. */
export const INGEST_CHUNK_ROWS = 2_000;

/** Daily Bulk API 2.0 query jobs, as `DailyBulkV2QueryJobs.Max` reports it. */
export const DAILY_BULK_QUERY_JOBS = 10_000;

/** Options of `BulkJobs`. */
export interface BulkJobsOptions {
    store: OrgStore;
    /** Data folder of the org; result files go to a temporary folder when absent. */
    dataDir: string | undefined;
    now: () => Date;
    /** Records per result page when a results call gives no `maxRecords`. */
    resultsPageSize: number;
}

type Job = IngestJob | QueryJob;

/** Registry and scheduler of Bulk API 2.0 jobs. */
export class BulkJobs {
    public readonly files: JobFiles;
    public readonly resultsPageSize: number;
    private readonly store: OrgStore;
    private readonly now: () => Date;
    private readonly ingestJobs = new Map<string, IngestJob>();
    private readonly queryJobs = new Map<string, QueryJob>();
    private readonly queue: Job[] = [];
    private scheduled = false;
    private closed = false;
    private counter = Date.now();
    private queryJobsCreated = 0;

    public constructor(options: BulkJobsOptions) {
        this.store = options.store;
        this.now = options.now;
        this.resultsPageSize = options.resultsPageSize;
        this.files = new JobFiles(options.dataDir);
    }

    /** Creates an ingest job in state `Open`. */
    public createIngest(
        settings: Omit<IngestJobSettings, 'id' | 'store' | 'files' | 'now'>
    ): IngestJob {
        const job = new IngestJob({
            ...settings,
            id: this.nextId(),
            store: this.store,
            files: this.files,
            now: this.now
        });
        this.ingestJobs.set(job.id, job);
        return job;
    }

    /** Creates a query job, runs its first page and queues the rest. */
    public createQuery(
        settings: Omit<QueryJobSettings, 'id' | 'store' | 'files' | 'now'>,
        columns: string[]
    ): QueryJob {
        const job = new QueryJob(
            { ...settings, id: this.nextId(), store: this.store, files: this.files, now: this.now },
            columns
        );
        this.queryJobs.set(job.id, job);
        this.queryJobsCreated += 1;
        this.enqueue(job);
        return job;
    }

    /** Returns an ingest job or raises 404 `NOT_FOUND`. */
    public ingest(id: string): IngestJob {
        return this.ingestJobs.get(id) ?? notFound(id);
    }

    /** Returns a query job or raises 404 `NOT_FOUND`. */
    public query(id: string): QueryJob {
        return this.queryJobs.get(id) ?? notFound(id);
    }

    /** Lists every ingest job, oldest first. */
    public listIngest(): IngestJob[] {
        return [...this.ingestJobs.values()];
    }

    /** Lists every query job, oldest first. */
    public listQuery(): QueryJob[] {
        return [...this.queryJobs.values()];
    }

    /** Deletes a job and its files. */
    public remove(id: string): void {
        const job = this.ingestJobs.get(id) ?? this.queryJobs.get(id);
        if (job === undefined) {
            notFound(id);
        }
        this.ingestJobs.delete(id);
        this.queryJobs.delete(id);
        const index = this.queue.indexOf(job);
        if (index >= 0) {
            this.queue.splice(index, 1);
        }
        this.files.remove(id);
    }

    /** Queues a job for background processing. */
    public enqueue(job: Job): void {
        if (!this.queue.includes(job)) {
            this.queue.push(job);
        }
        this.pump();
    }

    /** `DailyBulkV2QueryJobs` of the limits resource. */
    public queryJobLimits(): { Max: number; Remaining: number } {
        return {
            Max: DAILY_BULK_QUERY_JOBS,
            Remaining: Math.max(0, DAILY_BULK_QUERY_JOBS - this.queryJobsCreated)
        };
    }

    /** Stops processing and deletes every job file. */
    public close(): void {
        this.closed = true;
        this.queue.length = 0;
        this.files.removeAll();
    }

    private pump(): void {
        if (this.scheduled || this.closed || this.queue.length === 0) {
            return;
        }
        this.scheduled = true;
        setImmediate(() => {
            this.scheduled = false;
            this.step();
            this.pump();
        });
    }

    /** Runs one step of the job at the head of the queue, then moves it to the back. */
    private step(): void {
        const job = this.queue.shift();
        if (job === undefined || this.closed || isFinished(job.state)) {
            return;
        }
        let more: boolean;
        try {
            more =
                job instanceof IngestJob ? job.processChunk(INGEST_CHUNK_ROWS) : job.processChunk();
        } catch (error) {
            logger.error('A Bulk API job failed with an internal error; it stays failed.', {
                jobId: job.id,
                error: describeError(error)
            });
            job.state = 'Failed';
            more = false;
        }
        if (more && job.state === 'InProgress') {
            this.queue.push(job);
        } else {
            logger.debug('Bulk job finished', { jobId: job.id, state: job.state });
        }
    }

    private nextId(): string {
        this.counter += 1;
        return buildId('750', 'LO', this.counter);
    }
}

function notFound(id: string): never {
    throw new ApiError(404, 'NOT_FOUND', `The requested resource does not exist: job ${id}`);
}
