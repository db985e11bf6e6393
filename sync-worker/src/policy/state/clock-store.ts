import type { SlaClock } from '../../schema/records';
import type { KeyedUpsert, Problem } from '../plan';
import { compareOrdinal, joinReasons } from '../text';
import { isOpenStatus } from '../values';
import { sameValue } from './record-changes';
import type { Workload } from './workload';

/** The fields of a clock the engine reads and writes. */
export type ClockState = Omit<
    SlaClock,
    | 'Id'
    | 'Name'
    | 'CreatedDate'
    | 'LastModifiedDate'
    | 'LastModifiedById'
    | 'SystemModstamp'
    | 'IsDeleted'
> & { Clock_Key__c: string };

type ClockField = keyof ClockState;

/** Fields that never change after a clock starts, so it never runs backwards. */
const FIXED_FIELDS: readonly ClockField[] = [
    'Clock_Key__c',
    'Type__c',
    'Trigger_At__c',
    'Started_At__c',
    'Due_At__c',
    'Warning_At__c',
    'Policy_Version__c',
    'Business_Hours_Id__c'
];

const WRITTEN_FIELDS: readonly ClockField[] = [
    'Clock_Key__c',
    'Type__c',
    'Lead__c',
    'Contact__c',
    'Account__c',
    'Responsible_User__c',
    'Responsible_Team__c',
    'Trigger_At__c',
    'Started_At__c',
    'Due_At__c',
    'Warning_At__c',
    'Completed_At__c',
    'Status__c',
    'Business_Hours_Id__c',
    'Policy_Version__c',
    'Reason__c'
];

/** Open clocks take any change; breached ones only their late completion; the rest none. */
function isChangeAllowed(state: ClockState, patch: Partial<ClockState>): boolean {
    if (isOpenStatus(state.Status__c)) {
        return true;
    }
    if (state.Status__c !== 'Breached' || state.Completed_At__c !== null) {
        return false;
    }
    return Object.keys(patch).every((field) => field === 'Completed_At__c');
}

interface Entry {
    /** Record Id of a clock read from the org; null for a clock this evaluation starts. */
    readonly id: string | null;
    readonly original: ClockState | null;
    state: ClockState;
    reasons: string[] | null;
}

function stateOf(clock: SlaClock, key: string): ClockState {
    const state: Record<string, unknown> = {};
    for (const field of WRITTEN_FIELDS) {
        state[field] = clock[field];
    }
    state.Clock_Key__c = key;
    return state as ClockState;
}

const NO_CLOCKS: readonly ClockState[] = [];

/**
 * Returns the clocks an evaluation keeps, in snapshot order: those with a
 * `Clock_Key__c`, and only the first clock of each key. Reports the others in `problems`.
 */
export function usableClocks(
    clocks: readonly SlaClock[],
    problems: Problem[]
): { clock: SlaClock; key: string }[] {
    const seen = new Set<string>();
    const usable: { clock: SlaClock; key: string }[] = [];
    for (const clock of clocks) {
        const key = clock.Clock_Key__c;
        if (key === null || key.trim() === '') {
            problems.push({
                object: 'SLA_Clock__c',
                id: clock.Id,
                reason: 'Skipped: the clock has no Clock_Key__c'
            });
        } else if (seen.has(key)) {
            problems.push({
                object: 'SLA_Clock__c',
                id: clock.Id,
                reason: `Skipped: Clock_Key__c ${key} is used twice`
            });
        } else {
            seen.add(key);
            usable.push({ clock, key });
        }
    }
    return usable;
}

/** Counts a clock into its responsible user's workload: open or not, and its start. */
function countClock(
    workload: Workload,
    clock: Pick<SlaClock, 'Responsible_User__c' | 'Status__c' | 'Started_At__c'>
): void {
    if (clock.Responsible_User__c !== null) {
        const open = isOpenStatus(clock.Status__c) ? 1 : 0;
        workload.change(clock.Responsible_User__c, open, clock.Started_At__c?.getTime());
    }
}

/** Counts every usable clock of the org into `workload`, once per evaluation. */
export function seedWorkload(clocks: readonly SlaClock[], workload: Workload): void {
    for (const { clock } of usableClocks(clocks, [])) {
        countClock(workload, clock);
    }
}

/**
 * Every SLA clock of the snapshot plus those the evaluation starts, by `Clock_Key__c`.
 * A clock that is Met, Breached or Cancelled never changes again, and its start, due
 * and warning times are fixed once written: updates that would change them are ignored.
 */
export class ClockStore {
    private readonly entries = new Map<string, Entry>();
    private readonly byRecord = new Map<string, Entry[]>();

    /**
     * Keeps the usable clocks of the snapshot (see `usableClocks`). Their open clocks are
     * not counted into `workload` here: `seedWorkload` counts every clock of the org once,
     * also when the org is evaluated in account groups with one store per group.
     */
    constructor(
        clocks: readonly SlaClock[],
        problems: Problem[],
        private readonly workload: Workload
    ) {
        for (const { clock, key } of usableClocks(clocks, problems)) {
            const state = stateOf(clock, key);
            this.add({ id: clock.Id, original: state, state, reasons: null }, false);
        }
    }

    get(key: string): ClockState | undefined {
        return this.entries.get(key)?.state;
    }

    /** Record Id of a clock read from the org, null for a new one. */
    idOf(key: string): string | null {
        return this.entries.get(key)?.id ?? null;
    }

    /** Clocks of a lead, contact or account, oldest first by start time, then by key. */
    forRecord(recordId: string): readonly ClockState[] {
        const entries = this.byRecord.get(recordId);
        if (entries === undefined) {
            return NO_CLOCKS;
        }
        const [only] = entries;
        if (entries.length === 1 && only !== undefined) {
            return [only.state];
        }
        return entries
            .map((entry) => entry.state)
            .sort(
                (a, b) =>
                    (a.Started_At__c?.getTime() ?? 0) - (b.Started_At__c?.getTime() ?? 0) ||
                    compareOrdinal(a.Clock_Key__c, b.Clock_Key__c)
            );
    }

    *all(): IterableIterator<ClockState> {
        for (const entry of this.entries.values()) {
            yield entry.state;
        }
    }

    /** Starts a clock unless one with its key exists; returns the clock with that key. */
    create(state: ClockState, reason: string): ClockState {
        const existing = this.entries.get(state.Clock_Key__c);
        if (existing !== undefined) {
            return existing.state;
        }
        this.add({ id: null, original: null, state, reasons: [reason] }, true);
        return state;
    }

    /**
     * Changes a clock. Returns false, changing nothing, when the clock is closed (a
     * breached clock only takes the `Completed_At__c` of the late action) or the change
     * would move a fixed field.
     */
    update(key: string, patch: Partial<ClockState>, reason: string): boolean {
        const entry = this.entries.get(key);
        if (entry === undefined || !isChangeAllowed(entry.state, patch)) {
            return false;
        }
        const original = entry.original;
        if (
            original !== null &&
            FIXED_FIELDS.some(
                (field) => field in patch && !sameValue(patch[field], original[field])
            )
        ) {
            return false;
        }
        if (entry.state === original) {
            entry.state = { ...original };
        }
        this.count(entry.state, -1);
        Object.assign(entry.state, patch);
        this.count(entry.state, 1);
        (entry.reasons ??= []).push(reason);
        return true;
    }

    /**
     * Returns the plan's clock upserts: a new clock with all its fields (its state object,
     * not a copy), a changed clock with its changed fields.
     */
    upserts(): KeyedUpsert<SlaClock>[] {
        const upserts: KeyedUpsert<SlaClock>[] = [];
        for (const entry of this.entries.values()) {
            const key = entry.state.Clock_Key__c;
            const reason = joinReasons(entry.reasons ?? []);
            if (entry.original === null) {
                upserts.push({ key, isNew: true, fields: entry.state, reason });
                continue;
            }
            const fields = this.changedFields(entry.original, entry.state);
            if (fields !== null) {
                upserts.push({ key, isNew: false, fields, reason });
            }
        }
        return upserts;
    }

    private changedFields(original: ClockState, state: ClockState): Partial<SlaClock> | null {
        const fields: Record<string, unknown> = {};
        let changed = false;
        for (const field of WRITTEN_FIELDS) {
            if (!sameValue(state[field], original[field])) {
                fields[field] = state[field];
                changed = true;
            }
        }
        return changed ? fields : null;
    }

    private add(entry: Entry, countLoad: boolean): void {
        const { state } = entry;
        this.entries.set(state.Clock_Key__c, entry);
        for (const recordId of [state.Lead__c, state.Contact__c, state.Account__c]) {
            if (recordId !== null) {
                const list = this.byRecord.get(recordId);
                if (list === undefined) {
                    this.byRecord.set(recordId, [entry]);
                } else {
                    list.push(entry);
                }
            }
        }
        if (countLoad) {
            countClock(this.workload, state);
        }
    }

    private count(state: ClockState, delta: number): void {
        const user = state.Responsible_User__c;
        if (user !== null && isOpenStatus(state.Status__c)) {
            this.workload.change(user, delta);
        }
    }
}
