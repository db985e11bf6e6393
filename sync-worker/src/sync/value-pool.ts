/**
 * Shares the values that repeat across the mirror's records, so that a large org fits in
 * the worker's memory. Each record parsed from a read contains its own copy of every value:
 * the same lead Id in each of the lead's signals, the same picklist value in thousands
 * of rows, three equal timestamps in one record. Pooled, each distinct value is held
 * once. The values keep their content, so nothing that reads the mirror can tell.
 *
 * The pool keeps every value until the mirror is reloaded. Between reloads it holds each
 * Id that a record pointed at once, at most about as many as the org has records that
 * others point at (people, accounts, users, clocks), and a few thousand texts per field.
 */
import type { StoredRecord } from './mirror';

/** Shape of an 18-character record Id, the form every read returns. */
const RECORD_ID = /^[0-9A-Za-z]{18}$/;

/** Max distinct values of a pooled text field. Past it, the field's values stay as read. */
const MAX_DISTINCT_TEXTS = 1_024;

/** Max length of a pooled text, because longer ones are descriptions and rarely repeat. */
const MAX_POOLED_LENGTH = 80;

export class ValuePool {
    /** Each Id that a record points at, mapped to its shared copy. */
    private readonly ids = new Map<string, string>();
    /** Distinct texts per object and field, or null once a field has too many to pool. */
    private readonly texts = new Map<string, Map<string, Map<string, string> | null>>();

    /**
     * Replaces, in place, the values of a freshly parsed record with their pooled
     * copies. The record's own Id joins no pool: most records are pointed at by none.
     */
    public share(object: string, record: StoredRecord): void {
        const values = record as Record<string, unknown>;
        let fields = this.texts.get(object);
        if (fields === undefined) {
            fields = new Map();
            this.texts.set(object, fields);
        }
        let previousDate: Date | null = null;
        for (const field in values) {
            const value = values[field];
            if (typeof value === 'string') {
                if (field !== 'Id') {
                    values[field] = this.shareText(fields, field, value);
                }
            } else if (value instanceof Date) {
                // Created, modified and stamped times are often the same instant.
                if (previousDate !== null && previousDate.getTime() === value.getTime()) {
                    values[field] = previousDate;
                } else {
                    previousDate = value;
                }
            }
        }
    }

    /** Empties the pool, for a reload of the mirror. */
    public clear(): void {
        this.ids.clear();
        this.texts.clear();
    }

    private shareText(
        fields: Map<string, Map<string, string> | null>,
        field: string,
        value: string
    ): string {
        if (RECORD_ID.test(value)) {
            const shared = this.ids.get(value);
            if (shared !== undefined) {
                return shared;
            }
            this.ids.set(value, value);
            return value;
        }
        if (value.length > MAX_POOLED_LENGTH) {
            return value;
        }
        let pool = fields.get(field);
        if (pool === null) {
            return value;
        }
        if (pool === undefined) {
            pool = new Map();
            fields.set(field, pool);
        }
        const shared = pool.get(value);
        if (shared !== undefined) {
            return shared;
        }
        if (pool.size >= MAX_DISTINCT_TEXTS) {
            // A field with this many values is a name or an address, so pooling would only add memory.
            fields.set(field, null);
            return value;
        }
        pool.set(value, value);
        return value;
    }
}
