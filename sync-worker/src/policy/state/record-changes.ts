import type {
    OwnerChange,
    RecordUpdate,
    UpdatableObject,
    UpdatableRecords,
    WritableFields
} from '../plan';
import { joinReasons } from '../text';

/** A value a field may hold. */
export type FieldValue = string | number | boolean | Date | null;

/** Compares field values the way Salesforce stores them: dates by instant, null equals missing. */
export function sameValue(a: unknown, b: unknown): boolean {
    if (a instanceof Date && b instanceof Date) {
        return a.getTime() === b.getTime();
    }
    return a === b || ((a === null || a === undefined) && (b === null || b === undefined));
}

type Writable<N extends UpdatableObject> = keyof WritableFields<N> & string;

/**
 * Pending changes of one record. The plan's update reuses the `fields` object, so a
 * million changed records are not copied at the end.
 */
interface Pending<N extends UpdatableObject> {
    readonly record: UpdatableRecords[N];
    readonly fields: Record<string, FieldValue>;
    count: number;
    reasons: string[] | null;
}

/** Reason of an update that recomputed facts but made no decision. */
const RECOMPUTED = 'Scores, counts and stage recomputed from the latest records';

/**
 * The desired field values of existing records of one object, kept as changes against
 * the snapshot. Setting a field back to its snapshot value removes the change, so the
 * plan contains only real differences.
 */
export class RecordChanges<N extends UpdatableObject> {
    private readonly pending = new Map<string, Pending<N>>();

    constructor(readonly object: N) {}

    /** Returns the desired value of a field: the pending change, else the snapshot value. */
    get<K extends keyof UpdatableRecords[N] & string>(
        record: UpdatableRecords[N],
        field: K
    ): UpdatableRecords[N][K] {
        const entry = this.pending.get(record.Id);
        if (entry !== undefined && Object.hasOwn(entry.fields, field)) {
            return entry.fields[field] as UpdatableRecords[N][K];
        }
        return record[field];
    }

    /**
     * Sets the desired value of a field. `reason` explains a decision; facts that are
     * only recomputed (scores, counts) need none.
     */
    set<K extends Writable<N>>(
        record: UpdatableRecords[N],
        field: K,
        value: WritableFields<N>[K] & FieldValue,
        reason?: string
    ): void {
        const original: unknown = record[field as keyof UpdatableRecords[N]];
        let entry = this.pending.get(record.Id);
        const hasChange = entry !== undefined && Object.hasOwn(entry.fields, field);
        if (sameValue(original, value)) {
            if (entry !== undefined && hasChange) {
                // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- field names are data here
                delete entry.fields[field];
                entry.count -= 1;
            }
            return;
        }
        if (entry === undefined) {
            entry = { record, fields: {}, count: 0, reasons: null };
            this.pending.set(record.Id, entry);
        }
        const previous = hasChange ? entry.fields[field] : original;
        if (!hasChange) {
            entry.count += 1;
        }
        entry.fields[field] = value;
        if (reason !== undefined && !sameValue(previous, value)) {
            (entry.reasons ??= []).push(reason);
        }
    }

    /** Calls `visit` with the Id of every record that has pending changes. */
    forEachChanged(visit: (id: string) => void): void {
        for (const [id, entry] of this.pending) {
            if (entry.count > 0) {
                visit(id);
            }
        }
    }

    /** Returns the plan's updates for this object, in the order records were first changed. */
    updates(): RecordUpdate[] {
        const updates: RecordUpdate[] = [];
        for (const [id, entry] of this.pending) {
            if (entry.count === 0) {
                continue;
            }
            const reason = entry.reasons === null ? RECOMPUTED : joinReasons(entry.reasons);
            updates.push({
                object: this.object,
                id,
                fields: entry.fields as WritableFields<N>,
                reason
            });
        }
        return updates;
    }
}

interface OwnedRecord {
    readonly Id: string;
    readonly OwnerId: string | null;
}

/** Desired owners of persons and accounts. */
export class OwnerChanges {
    private readonly changes = new Map<string, OwnerChange>();

    ownerOf(record: OwnedRecord): string | null {
        return this.changes.get(record.Id)?.toOwnerId ?? record.OwnerId;
    }

    /** Assigns a new owner; assigning the snapshot owner again drops the change. */
    assign(
        object: OwnerChange['object'],
        record: OwnedRecord,
        toOwnerId: string,
        reason: string
    ): void {
        if (record.OwnerId === toOwnerId) {
            this.changes.delete(record.Id);
            return;
        }
        this.changes.set(record.Id, {
            object,
            id: record.Id,
            fromOwnerId: record.OwnerId,
            toOwnerId,
            reason: joinReasons([reason])
        });
    }

    isChanged(id: string): boolean {
        return this.changes.has(id);
    }

    list(): OwnerChange[] {
        return [...this.changes.values()];
    }
}
