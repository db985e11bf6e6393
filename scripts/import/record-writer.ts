/**
 * Writes imported rows into the local org's store: one insert per new record, and
 * nothing for a record an earlier run loaded. A record the store rejects becomes a
 * rejected row (file, line, the store's error), and the import goes on.
 */
import {
    isSalesforceError,
    type OrgStore,
    type RecordInput,
    type WriteContext
} from '../../sync-worker/src/local-org/store';
import type { IdMap } from './id-map';
import type { ImportLog } from './issues';

/** The file and line of a row, which its problems name. */
export interface RowOrigin {
    readonly file: string;
    readonly line: number;
}

/** Outcome of `load`: the record's local Id and whether this run created it. */
export interface LoadOutcome {
    readonly id: string;
    readonly created: boolean;
}

function describeFailure(error: unknown): string {
    if (isSalesforceError(error)) {
        return `${error.errorCode}: ${error.message}`;
    }
    throw error;
}

/** Inserts and updates records of one import run, counting them per object. */
export class RecordWriter {
    public constructor(
        public readonly store: OrgStore,
        public readonly ids: IdMap,
        public readonly log: ImportLog,
        private readonly context: WriteContext
    ) {}

    /** Counts one row as read. */
    public read(objectName: string): void {
        this.log.tally(objectName).read += 1;
    }

    /** Counts a row as rejected and records why. */
    public reject(objectName: string, origin: RowOrigin, reason: string): void {
        this.log.tally(objectName).rejected += 1;
        this.log.reject(origin.file, origin.line, reason);
    }

    /** Returns the local Id of a record an earlier run loaded, counting it as existing. */
    public existing(objectName: string, key: string): string | undefined {
        const id = this.ids.live(this.store, objectName, key);
        if (id !== undefined) {
            this.log.tally(objectName).existing += 1;
        }
        return id;
    }

    /**
     * Inserts the record of `key` unless an earlier run loaded it. Returns null when the
     * store rejects it (the row is then reported); other errors propagate.
     */
    public load(
        objectName: string,
        key: string,
        input: RecordInput,
        origin: RowOrigin,
        recordId?: string
    ): LoadOutcome | null {
        const known = this.existing(objectName, key);
        if (known !== undefined) {
            return { id: known, created: false };
        }
        const id = this.insert(objectName, input, origin, recordId);
        if (id === null) {
            return null;
        }
        this.ids.set(key, id);
        return { id, created: true };
    }

    /**
     * Inserts without a key, for records the import creates itself, or with the Id the
     * record had in its source (`recordId`). Null when rejected.
     */
    public insert(
        objectName: string,
        input: RecordInput,
        origin: RowOrigin,
        recordId?: string
    ): string | null {
        try {
            const context = recordId === undefined ? this.context : { ...this.context, recordId };
            const id = this.store.insert(objectName, input, context);
            this.log.tally(objectName).loaded += 1;
            return id;
        } catch (error) {
            this.reject(objectName, origin, describeFailure(error));
            return null;
        }
    }

    /** Updates fields of a loaded record; a refusal is reported as a problem of the row. */
    public update(objectName: string, id: string, input: RecordInput, origin: RowOrigin): boolean {
        try {
            this.store.update(objectName, id, input, this.context);
            return true;
        } catch (error) {
            this.log.reject(origin.file, origin.line, describeFailure(error));
            return false;
        }
    }
}
