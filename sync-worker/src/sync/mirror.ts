/**
 * The worker's copy of the org records the policy reads. The first cycle fills it from
 * the org, every later cycle applies the changes it polls, and successful writes are
 * applied at once, so the copy equals the org as far as the worker can know. Nothing
 * in it outlives the process: a new process reads the org again, which is how a worker
 * on a new machine resumes.
 */
import { RECORD_SCHEMAS, type SObjectRecord } from '../schema/records';
import { expectUpdate, isEcho, type Expectation, type RecordValues } from './echo';
import type { Problem, SignalColumns } from '../policy';
import { MIRRORED_OBJECTS, type MirroredObject } from './objects';
import { SignalStore } from './signal-store';
import { ValuePool } from './value-pool';

/** A mirrored record of any object. */
export type StoredRecord = RecordValues & { readonly Id: string };

/** Effect of applying one polled record. */
export type ReadOutcome =
    /** Not in the mirror before. */
    | 'new'
    /** Another version of a mirrored record. */
    | 'changed'
    /** The version the mirror has already (re-read in the overlap window). */
    | 'same'
    /** The worker's own write coming back. */
    | 'echo'
    /** Deleted in the org; removed from the mirror. */
    | 'deleted';

/** External ID field of each object the worker upserts. */
export const KEY_FIELDS = {
    SLA_Clock__c: 'Clock_Key__c',
    SLA_Breach__c: 'Breach_Key__c',
    SLA_Review__c: 'Review_Key__c',
    SLA_Scorecard__c: 'Scorecard_Key__c'
} as const;

export type KeyedObject = keyof typeof KEY_FIELDS;

/**
 * Lookups of the SLA records that the org clears when the record they point to is
 * deleted (force-app gives them `deleteConstraint` SetNull). Signals and activities
 * that point at a deleted record need no clearing: the engine finds no record for the
 * Id and ignores the reference.
 */
const CLEARED_ON_DELETE = {
    SLA_Clock__c: ['Lead__c', 'Contact__c', 'Account__c'],
    SLA_Breach__c: ['Lead__c', 'Account__c', 'SLA_Clock__c'],
    SLA_Review__c: ['Lead__c']
} as const satisfies Partial<Record<MirroredObject, readonly string[]>>;

function isKeyedObject(object: MirroredObject): object is KeyedObject {
    return Object.hasOwn(KEY_FIELDS, object);
}

/** The object whose records the mirror keeps in columns (see `SignalStore`). */
const SIGNALS = 'Engagement_Signal__c';

function stampOf(record: RecordValues): number | null {
    const stamp = record.SystemModstamp;
    return stamp instanceof Date ? stamp.getTime() : null;
}

/**
 * In-memory copy of the mirrored objects, with the expectations of the worker's writes.
 * Engagement signals live in columns, so `list` and `get` return them with only the
 * fields the engine reads (see `SignalStore`).
 */
export class OrgMirror {
    private readonly tables = new Map<MirroredObject, Map<string, StoredRecord>>();
    private readonly signals = new SignalStore();
    private readonly keys = new Map<KeyedObject, Map<string, string>>();
    private readonly expectations = new Map<string, Expectation>();
    private readonly pool = new ValuePool();

    public constructor() {
        for (const object of MIRRORED_OBJECTS) {
            if (object !== SIGNALS) {
                this.tables.set(object, new Map());
            }
        }
        for (const object of Object.keys(KEY_FIELDS) as KeyedObject[]) {
            this.keys.set(object, new Map());
        }
    }

    /** Records of one object. */
    public list<N extends MirroredObject>(object: N): SObjectRecord<N>[] {
        if (object === SIGNALS) {
            return this.signals.list() as SObjectRecord<N>[];
        }
        // Every record of the table was parsed with this object's schema before it was stored.
        return [...this.table(object).values()] as unknown as SObjectRecord<N>[];
    }

    public get<N extends MirroredObject>(object: N, id: string): SObjectRecord<N> | undefined {
        if (object === SIGNALS) {
            return this.signals.get(id) as SObjectRecord<N> | undefined;
        }
        return this.table(object).get(id) as unknown as SObjectRecord<N> | undefined;
    }

    public count(object: MirroredObject): number {
        return object === SIGNALS ? this.signals.size : this.table(object).size;
    }

    /** Returns the scorable signals in the engine's columns (see `SignalStore.columns`). */
    public signalColumns(): SignalColumns {
        return this.signals.columns();
    }

    /** Returns a copy of the scorable signals of some people and accounts, in columns. */
    public signalColumnsConcerning(
        people: ReadonlySet<string>,
        accounts: ReadonlySet<string>
    ): SignalColumns {
        return this.signals.columnsConcerning(people, accounts);
    }

    /**
     * Problems of the signals the engine cannot score, which the columns leave out:
     * all of them, or those concerning some people and accounts.
     */
    public signalProblems(people?: ReadonlySet<string>, accounts?: ReadonlySet<string>): Problem[] {
        return this.signals.problems(people, accounts);
    }

    /** Id of the record whose external ID is `key`, when the mirror has it. */
    public idOfKey(object: KeyedObject, key: string): string | undefined {
        return this.keys.get(object)?.get(key);
    }

    /**
     * Stores a record read from the org, replacing any older version. The record's values
     * are swapped in place for shared copies of equal values (see `ValuePool`).
     */
    public put(object: MirroredObject, record: StoredRecord): void {
        if (object === SIGNALS) {
            // Parsed with the signal schema before it was stored, as every mirrored record.
            this.signals.put(record as unknown as SObjectRecord<typeof SIGNALS>);
            return;
        }
        this.pool.share(object, record);
        this.table(object).set(record.Id, record);
        if (isKeyedObject(object)) {
            const key = record[KEY_FIELDS[object]];
            if (typeof key === 'string' && key !== '') {
                this.keys.get(object)?.set(key, record.Id);
            }
        }
    }

    /** Removes a record; returns the removed copy. */
    public remove(object: MirroredObject, id: string): StoredRecord | undefined {
        if (object === SIGNALS) {
            this.expectations.delete(id);
            return this.signals.remove(id);
        }
        const table = this.table(object);
        const removed = table.get(id);
        table.delete(id);
        this.expectations.delete(id);
        if (removed !== undefined && isKeyedObject(object)) {
            const key = removed[KEY_FIELDS[object]];
            if (typeof key === 'string') {
                this.keys.get(object)?.delete(key);
            }
        }
        return removed;
    }

    /**
     * Applies a polled record: deletions leave the mirror, a version already held is
     * skipped (the overlap window re-reads records), and an echo of the worker's own
     * write is stored without counting as a change.
     */
    public applyRead(
        object: MirroredObject,
        record: StoredRecord,
        integrationUserId: string | null
    ): ReadOutcome {
        const wasHeld = this.has(object, record.Id);
        if (record.IsDeleted === true) {
            if (!wasHeld) {
                return 'same';
            }
            this.remove(object, record.Id);
            return 'deleted';
        }
        const heldStamp = wasHeld ? this.stampOfHeld(object, record.Id) : null;
        if (heldStamp !== null && heldStamp === stampOf(record)) {
            return 'same';
        }
        const expected = this.expectations.get(record.Id);
        this.expectations.delete(record.Id);
        this.put(object, record);
        if (expected !== undefined && isEcho(record, expected, integrationUserId)) {
            return 'echo';
        }
        return wasHeld ? 'changed' : 'new';
    }

    /**
     * Applies a successful write. An update merges the written fields into the held
     * copy; a new record is stored with the fields written, and the org's full version
     * arrives with the next poll. Either way the next poll's copy is expected to be an echo.
     */
    public applyWrite(object: MirroredObject, id: string, fields: RecordValues): void {
        const held = this.get(object, id) as StoredRecord | undefined;
        const pending = this.expectations.get(id);
        // A record written twice in one cycle (inserted, then moved on) keeps one expectation.
        this.expectations.set(
            id,
            pending === undefined
                ? expectUpdate(held, fields)
                : { fields: { ...pending.fields, ...expectUpdate(undefined, fields).fields } }
        );
        // The org assigns a new SystemModstamp; clearing it makes the next read count.
        const merged = { ...(held ?? {}), ...fields, Id: id, SystemModstamp: null };
        // Parsing fills the fields a new record was written without with null, as a read would.
        const parsed = RECORD_SCHEMAS[object].safeParse(merged);
        this.put(object, parsed.success ? { ...parsed.data, Id: id } : merged);
    }

    /**
     * Clears the SLA records' lookups to records deleted in the org, as the org did when
     * it deleted them. Without this, a copy read before the deletion would keep naming a
     * deleted lead until its object's next poll, and writes naming it would fail.
     * Returns how many records changed.
     */
    public clearReferencesTo(deletedIds: ReadonlySet<string>): number {
        if (deletedIds.size === 0) {
            return 0;
        }
        let changed = 0;
        for (const [object, fields] of Object.entries(CLEARED_ON_DELETE)) {
            const table = this.table(object as MirroredObject);
            for (const record of table.values()) {
                const cleared = fields.filter((field) => {
                    const value = record[field];
                    return typeof value === 'string' && deletedIds.has(value);
                });
                if (cleared.length > 0) {
                    const nulls = Object.fromEntries(cleared.map((field) => [field, null]));
                    table.set(record.Id, { ...record, ...nulls });
                    changed += 1;
                }
            }
        }
        return changed;
    }

    /** Drops records older than `cutoff` by `field`; returns how many were dropped. */
    public pruneBefore(object: MirroredObject, field: string, cutoff: Date): number {
        if (object === SIGNALS && field === 'Occurred_At__c') {
            return this.signals.pruneBefore(cutoff);
        }
        let dropped = 0;
        for (const record of this.list(object) as unknown as StoredRecord[]) {
            const value = record[field];
            if (value instanceof Date && value.getTime() < cutoff.getTime()) {
                this.remove(object, record.Id);
                dropped += 1;
            }
        }
        return dropped;
    }

    /** Forgets every record of one object, for a read that starts over. */
    public clearObject(object: MirroredObject): void {
        if (object === SIGNALS) {
            for (const { Id } of this.signals.list()) {
                this.expectations.delete(Id);
            }
            this.signals.clear();
            return;
        }
        for (const id of [...this.table(object).keys()]) {
            this.remove(object, id);
        }
    }

    /** Forgets every record, for a reload from the org. */
    public clear(): void {
        for (const table of this.tables.values()) {
            table.clear();
        }
        for (const keys of this.keys.values()) {
            keys.clear();
        }
        this.signals.clear();
        this.expectations.clear();
        this.pool.clear();
    }

    private has(object: MirroredObject, id: string): boolean {
        return object === SIGNALS ? this.signals.has(id) : this.table(object).has(id);
    }

    private stampOfHeld(object: MirroredObject, id: string): number | null {
        if (object === SIGNALS) {
            return this.signals.stampOf(id);
        }
        const held = this.table(object).get(id);
        return held === undefined ? null : stampOf(held);
    }

    private table(object: MirroredObject): Map<string, StoredRecord> {
        const table = this.tables.get(object);
        if (table === undefined) {
            throw new Error(`${object} is not a mirrored object.`);
        }
        return table;
    }
}
