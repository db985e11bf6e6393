/**
 * Result files of Bulk API 2.0 jobs, written to disk as a job runs. A million-row job
 * then stays out of memory, and a client can read a page again after a dropped
 * connection.
 */
import {
    appendFileSync,
    closeSync,
    existsSync,
    mkdirSync,
    mkdtempSync,
    openSync,
    readFileSync,
    readSync,
    rmSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A folder of job files. Jobs live in memory, so the folder is emptied at start. */
export class JobFiles {
    public readonly folder: string;

    /** Uses `dataDir/bulk-jobs` when a data folder is set, else a new temporary folder. */
    public constructor(dataDir: string | undefined) {
        if (dataDir === undefined) {
            this.folder = mkdtempSync(join(tmpdir(), 'local-org-bulk-'));
        } else {
            this.folder = join(dataDir, 'bulk-jobs');
            rmSync(this.folder, { recursive: true, force: true });
            mkdirSync(this.folder, { recursive: true });
        }
    }

    /** Path of a job's file, such as `7505e000001AbCdAAK.results.csv`. */
    public pathOf(jobId: string, kind: string): string {
        return join(this.folder, `${jobId}.${kind}.csv`);
    }

    /** Appends text to a job file, creating it when needed. */
    public append(path: string, text: string): void {
        appendFileSync(path, text, 'utf8');
    }

    /** Reads a whole file as UTF-8, or returns `undefined` when it does not exist. */
    public readAll(path: string): string | undefined {
        return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    }

    /** Reads bytes `start` to `end` (exclusive) of a file as UTF-8. */
    public readRange(path: string, start: number, end: number): string {
        const length = end - start;
        if (length <= 0) {
            return '';
        }
        const buffer = Buffer.alloc(length);
        const descriptor = openSync(path, 'r');
        try {
            let read = 0;
            while (read < length) {
                const count = readSync(descriptor, buffer, read, length - read, start + read);
                if (count === 0) {
                    break;
                }
                read += count;
            }
            return buffer.subarray(0, read).toString('utf8');
        } finally {
            closeSync(descriptor);
        }
    }

    /** Deletes a job's files. */
    public remove(jobId: string): void {
        for (const kind of ['results', 'success', 'failure', 'unprocessed']) {
            rmSync(this.pathOf(jobId, kind), { force: true });
        }
    }

    /** Deletes the folder and everything in it. */
    public removeAll(): void {
        rmSync(this.folder, { recursive: true, force: true });
    }
}
