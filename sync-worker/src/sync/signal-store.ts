/**
 * The mirror's engagement signals, kept in typed columns instead of one object per
 * record. Signals outnumber every other object (ten per lead in the benchmark's org), and
 * as objects they took most of the worker's memory. The store keeps what the engine
 * reads (the lookups, type, time and weight) and `SystemModstamp`, which distinguishes a
 * re-read version from a changed one. Every other field of a signal is dropped when it
 * is stored.
 *
 * Slots keep the order in which signals arrived, as a `Map` keeps its keys, except that
 * a signal the engine could not score joins the end once a new version makes it scorable.
 */
import { gatherColumns } from '../policy/partition-records';
import { unusableSignalReason } from '../policy/signals';
import type { Problem, SignalColumns } from '../policy';
import type { EngagementSignal } from '../schema/records';

/** Type indexes are 16-bit in the engine's columns. */
const MAX_TYPES = 0x1_0000;

/** Slot capacity of a new store; the columns grow by half when full. */
const INITIAL_CAPACITY = 1_024;

/** A signal kept as a record because the columns cannot take it, with its problem if any. */
interface Irregular {
    readonly record: EngagementSignal;
    readonly reason: string | null;
}

/** Returns the position of `value` in `list`, appending it first when it is new. */
function indexIn(index: Map<string, number>, list: string[], value: string): number {
    let position = index.get(value);
    if (position === undefined) {
        position = list.length;
        list.push(value);
        index.set(value, position);
    }
    return position;
}

function dateOf(ms: number): Date | null {
    return Number.isNaN(ms) ? null : new Date(ms);
}

export class SignalStore {
    /** Id of each slot; undefined for a slot whose signal was removed. */
    private ids: (string | undefined)[] = [];
    private readonly slots = new Map<string, number>();
    private readonly refIndex = new Map<string, number>();
    private readonly refs: string[] = [];
    private readonly typeIndex = new Map<string, number>();
    private readonly types: string[] = [];
    private lead = new Int32Array(INITIAL_CAPACITY);
    private contact = new Int32Array(INITIAL_CAPACITY);
    private account = new Int32Array(INITIAL_CAPACITY);
    private type = new Uint16Array(INITIAL_CAPACITY);
    private occurredAt = new Float64Array(INITIAL_CAPACITY);
    private weight = new Float64Array(INITIAL_CAPACITY);
    private stamp = new Float64Array(INITIAL_CAPACITY);
    /** Slots in use, removed ones included. */
    private used = 0;
    private removedSlots = 0;
    /** Deleted signals and signals the engine cannot score, as records. */
    private readonly irregular = new Map<string, Irregular>();

    /** Signals held, in columns or as records. */
    public get size(): number {
        return this.slots.size + this.irregular.size;
    }

    public has(id: string): boolean {
        return this.slots.has(id) || this.irregular.has(id);
    }

    /** `SystemModstamp` of a held signal in epoch milliseconds; null when unknown or not held. */
    public stampOf(id: string): number | null {
        const irregular = this.irregular.get(id);
        if (irregular !== undefined) {
            return irregular.record.SystemModstamp?.getTime() ?? null;
        }
        const slot = this.slots.get(id);
        const stamp = slot === undefined ? Number.NaN : (this.stamp[slot] ?? Number.NaN);
        return Number.isNaN(stamp) ? null : stamp;
    }

    /** Stores a signal, replacing any version held under its Id. */
    public put(record: EngagementSignal): void {
        const reason = record.IsDeleted ? null : unusableSignalReason(record);
        const typeName = record.Type__c ?? '';
        const typeFull = !this.typeIndex.has(typeName) && this.types.length >= MAX_TYPES;
        if (record.IsDeleted || reason !== null || typeFull) {
            this.removeSlot(record.Id);
            this.compactWhenSparse();
            this.irregular.set(record.Id, {
                record,
                reason: typeFull
                    ? `Skipped: more than ${MAX_TYPES} distinct Type__c values`
                    : reason
            });
            return;
        }

        this.irregular.delete(record.Id);
        let slot = this.slots.get(record.Id);
        if (slot === undefined) {
            slot = this.used;
            this.ensureCapacity(slot + 1);
            this.used += 1;
            this.ids[slot] = record.Id;
            this.slots.set(record.Id, slot);
        }

        this.lead[slot] = this.refOf(record.Lead__c);
        this.contact[slot] = this.refOf(record.Contact__c);
        this.account[slot] = this.refOf(record.Account__c);
        this.type[slot] = this.typeOf(typeName);
        this.occurredAt[slot] = record.Occurred_At__c?.getTime() ?? Number.NaN;
        this.weight[slot] = record.Weight__c ?? Number.NaN;
        this.stamp[slot] = record.SystemModstamp?.getTime() ?? Number.NaN;
    }

    /**
     * Returns a held signal as a record. A signal kept in columns comes back with the
     * fields the store keeps, the others null, and an empty `Type__c` for a missing one.
     */
    public get(id: string): EngagementSignal | undefined {
        const irregular = this.irregular.get(id);
        if (irregular !== undefined) {
            return irregular.record;
        }
        const slot = this.slots.get(id);
        return slot === undefined ? undefined : this.recordAt(slot, id);
    }

    /** Returns every held signal as a record (see `get`), in slot order, then the irregular ones. */
    public list(): EngagementSignal[] {
        const records: EngagementSignal[] = [];
        for (let slot = 0; slot < this.used; slot++) {
            const id = this.ids[slot];
            if (id !== undefined) {
                records.push(this.recordAt(slot, id));
            }
        }
        for (const { record } of this.irregular.values()) {
            records.push(record);
        }
        return records;
    }

    /** Removes a signal; returns the removed version as a record. */
    public remove(id: string): EngagementSignal | undefined {
        const removed = this.get(id);
        this.irregular.delete(id);
        this.removeSlot(id);
        this.compactWhenSparse();
        return removed;
    }

    /** Drops the signals that occurred before `cutoff`; returns how many were dropped. */
    public pruneBefore(cutoff: Date): number {
        const limit = cutoff.getTime();
        let dropped = 0;
        for (let slot = 0; slot < this.used; slot++) {
            const id = this.ids[slot];
            if (id !== undefined && (this.occurredAt[slot] ?? limit) < limit) {
                this.removeSlot(id);
                dropped += 1;
            }
        }
        for (const [id, { record }] of this.irregular) {
            const occurred = record.Occurred_At__c;
            if (occurred !== null && occurred.getTime() < limit) {
                this.irregular.delete(id);
                dropped += 1;
            }
        }
        this.compactWhenSparse();
        return dropped;
    }

    public clear(): void {
        this.ids = [];
        this.slots.clear();
        this.refIndex.clear();
        this.refs.length = 0;
        this.typeIndex.clear();
        this.types.length = 0;
        this.used = 0;
        this.removedSlots = 0;
        this.irregular.clear();
    }

    /**
     * Returns every scorable signal in the engine's columns. The columns are views of the
     * store's own arrays, valid until the store next changes, so the caller evaluates
     * them before it applies the next read.
     */
    public columns(): SignalColumns {
        this.compact();
        const length = this.used;
        return {
            length,
            refs: this.refs,
            lead: this.lead.subarray(0, length),
            contact: this.contact.subarray(0, length),
            account: this.account.subarray(0, length),
            types: this.types,
            type: this.type.subarray(0, length),
            occurredAt: this.occurredAt.subarray(0, length),
            weight: this.weight.subarray(0, length)
        };
    }

    /**
     * Returns, as a copy in new columns, the scorable signals of some people and
     * accounts: those whose lead or contact is among `people` or whose account is
     * among `accounts`.
     */
    public columnsConcerning(
        people: ReadonlySet<string>,
        accounts: ReadonlySet<string>
    ): SignalColumns {
        const columns = this.columns();
        const personRef = this.refFlags(people);
        const accountRef = this.refFlags(accounts);
        const picked: number[] = [];
        for (let row = 0; row < columns.length; row++) {
            if (
                personRef[columns.lead[row] ?? -1] === 1 ||
                personRef[columns.contact[row] ?? -1] === 1 ||
                accountRef[columns.account[row] ?? -1] === 1
            ) {
                picked.push(row);
            }
        }
        const scratch = new Int32Array(this.refs.length).fill(-1);
        return gatherColumns(columns, Int32Array.from(picked), scratch);
    }

    /**
     * Returns the problems of the held signals the engine cannot score, as the engine
     * reports them for signal records. With `people` and `accounts`, only those of the
     * signals that concern them (see `columnsConcerning`).
     */
    public problems(people?: ReadonlySet<string>, accounts?: ReadonlySet<string>): Problem[] {
        const problems: Problem[] = [];
        for (const [id, { record, reason }] of this.irregular) {
            if (reason === null) {
                continue;
            }
            const concerned =
                people === undefined ||
                (record.Lead__c !== null && people.has(record.Lead__c)) ||
                (record.Contact__c !== null && people.has(record.Contact__c)) ||
                (record.Account__c !== null && accounts?.has(record.Account__c) === true);
            if (concerned) {
                problems.push({ object: 'Engagement_Signal__c', id, reason });
            }
        }
        return problems;
    }

    private recordAt(slot: number, id: string): EngagementSignal {
        const refAt = (ref: number | undefined): string | null =>
            ref === undefined || ref < 0 ? null : (this.refs[ref] ?? null);
        const weight = this.weight[slot] ?? Number.NaN;
        return {
            Id: id,
            CreatedDate: null,
            LastModifiedDate: null,
            LastModifiedById: null,
            SystemModstamp: dateOf(this.stamp[slot] ?? Number.NaN),
            IsDeleted: false,
            Name: null,
            Lead__c: refAt(this.lead[slot]),
            Contact__c: refAt(this.contact[slot]),
            Account__c: refAt(this.account[slot]),
            Type__c: this.types[this.type[slot] ?? 0] ?? '',
            Occurred_At__c: dateOf(this.occurredAt[slot] ?? Number.NaN),
            Source_System__c: null,
            Weight__c: Number.isNaN(weight) ? null : weight,
            External_Id__c: null
        };
    }

    /** Flags, by ref index, the refs whose Id is in `ids`. */
    private refFlags(ids: ReadonlySet<string>): Uint8Array {
        const flags = new Uint8Array(this.refs.length);
        for (const id of ids) {
            const ref = this.refIndex.get(id);
            if (ref !== undefined) {
                flags[ref] = 1;
            }
        }
        return flags;
    }

    private removeSlot(id: string): void {
        const slot = this.slots.get(id);
        if (slot === undefined) {
            return;
        }
        this.slots.delete(id);
        this.ids[slot] = undefined;
        this.removedSlots += 1;
    }

    /** Closes the gaps once half the slots are empty, so that removals cannot grow the store. */
    private compactWhenSparse(): void {
        if (this.removedSlots * 2 > this.used) {
            this.compact();
        }
    }

    /** Moves the held signals over the removed slots, keeping their order. */
    private compact(): void {
        if (this.removedSlots === 0) {
            return;
        }
        const columns = [
            this.lead,
            this.contact,
            this.account,
            this.type,
            this.occurredAt,
            this.weight,
            this.stamp
        ];
        let next = 0;
        for (let slot = 0; slot < this.used; slot++) {
            const id = this.ids[slot];
            if (id === undefined) {
                continue;
            }
            if (next !== slot) {
                this.ids[next] = id;
                this.slots.set(id, next);
                for (const column of columns) {
                    column[next] = column[slot] ?? 0;
                }
            }
            next += 1;
        }
        this.ids.length = next;
        this.used = next;
        this.removedSlots = 0;
    }

    private ensureCapacity(needed: number): void {
        if (needed <= this.lead.length) {
            return;
        }
        const capacity = Math.max(needed, Math.ceil(this.lead.length * 1.5));
        const grown = <T extends Int32Array | Uint16Array | Float64Array>(
            column: T,
            allocate: (size: number) => T
        ): T => {
            const bigger = allocate(capacity);
            bigger.set(column);
            return bigger;
        };
        this.lead = grown(this.lead, (size) => new Int32Array(size));
        this.contact = grown(this.contact, (size) => new Int32Array(size));
        this.account = grown(this.account, (size) => new Int32Array(size));
        this.type = grown(this.type, (size) => new Uint16Array(size));
        this.occurredAt = grown(this.occurredAt, (size) => new Float64Array(size));
        this.weight = grown(this.weight, (size) => new Float64Array(size));
        this.stamp = grown(this.stamp, (size) => new Float64Array(size));
    }

    private refOf(id: string | null): number {
        return id === null ? -1 : indexIn(this.refIndex, this.refs, id);
    }

    private typeOf(type: string): number {
        return indexIn(this.typeIndex, this.types, type);
    }
}
