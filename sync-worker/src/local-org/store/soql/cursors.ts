/**
 * Query locators: a query's matching row ids (or its aggregate rows) kept in memory
 * so that later pages come from the same result set, as Salesforce cursors do. A
 * locator expires after a period without use. Cursors stay open after their last page
 * so that a client retrying a failed request gets the same page again.
 */
import { randomInt } from 'node:crypto';
import { caseSafeSuffix, toBase62 } from '../../../schema/ids';
import { SalesforceError } from '../errors';
import type { SObjectRecord } from '../types';
import type { RecordPlan } from './record-plan';

/** Result set behind a locator: row ids of a record query, or rendered aggregate rows. */
export type CursorSource =
    | { kind: 'rows'; plan: RecordPlan; rowIds: number[] }
    | { kind: 'records'; records: SObjectRecord[] };

export interface Cursor {
    id: string;
    source: CursorSource;
    totalSize: number;
    batchSize: number;
    expiresAt: number;
}

/**
 * Open cursors kept at most; the least recently used is dropped first.
 * NOTE: Salesforce limits open cursors per user (documented as 10 for some APIs); 50 is generous.
 */
const MAX_OPEN_CURSORS = 50;

const LOCATOR = /^(01g[0-9A-Za-z]{15})-(\d+)$/;

export class CursorStore {
    private readonly cursors = new Map<string, Cursor>();
    private counter = randomInt(1_000_000);

    public constructor(
        private readonly ttlMs: number,
        private readonly now: () => number
    ) {}

    /** Opens a cursor and returns it; its first page starts at position 0. */
    public open(source: CursorSource, totalSize: number, batchSize: number): Cursor {
        this.counter += 1;
        const body = `01g${toBase62(this.counter, 12)}`;
        const cursor: Cursor = {
            id: body + caseSafeSuffix(body),
            source,
            totalSize,
            batchSize,
            expiresAt: this.now() + this.ttlMs
        };
        this.cursors.set(cursor.id, cursor);
        while (this.cursors.size > MAX_OPEN_CURSORS) {
            const oldest = this.cursors.keys().next().value;
            if (oldest === undefined) {
                break;
            }
            this.cursors.delete(oldest);
        }
        return cursor;
    }

    /** Locator text of a position in a cursor: `{cursorId}-{position}`. */
    public locator(cursor: Cursor, position: number): string {
        return `${cursor.id}-${position}`;
    }

    /**
     * Returns the cursor and position of a locator, refreshing its expiry. Throws
     * `INVALID_QUERY_LOCATOR` when the locator is malformed, unknown or expired.
     */
    public resolve(locator: string): { cursor: Cursor; position: number } {
        const match = LOCATOR.exec(locator);
        const cursor = match?.[1] === undefined ? undefined : this.cursors.get(match[1]);
        if (!match || !cursor || cursor.expiresAt <= this.now()) {
            if (cursor) {
                this.cursors.delete(cursor.id);
            }
            throw new SalesforceError('INVALID_QUERY_LOCATOR', 'invalid query locator');
        }
        // Re-insert to mark it as most recently used.
        this.cursors.delete(cursor.id);
        cursor.expiresAt = this.now() + this.ttlMs;
        this.cursors.set(cursor.id, cursor);
        return { cursor, position: Number(match[2]) };
    }
}
