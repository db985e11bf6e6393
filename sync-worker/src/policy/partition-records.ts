import { isSignalColumns, type OrgSnapshot, type SignalColumns } from './snapshot';

/**
 * Indexes of a record list sorted by chunk: `order` contains the indexes of chunk 0, then
 * chunk 1, and so on, each in list order; chunk `c` is `order[start[c]]` up to
 * `order[start[c + 1]]`. Keeping list order matters: the engine sums signal weights in
 * the order it reads them, and floating-point sums depend on that order.
 */
export interface Grouping {
    readonly order: Int32Array;
    readonly start: Int32Array;
}

/** Sorts `count` items into `chunkCount` chunks by a counting sort. */
export function groupBy(
    count: number,
    chunkOfItem: (item: number) => number,
    chunkCount: number
): Grouping {
    const start = new Int32Array(chunkCount + 1);
    for (let item = 0; item < count; item++) {
        const chunk = chunkOfItem(item);
        start[chunk + 1] = (start[chunk + 1] ?? 0) + 1;
    }
    for (let chunk = 0; chunk < chunkCount; chunk++) {
        start[chunk + 1] = (start[chunk + 1] ?? 0) + (start[chunk] ?? 0);
    }
    const next = start.slice(0, chunkCount);
    const order = new Int32Array(count);
    for (let item = 0; item < count; item++) {
        const chunk = chunkOfItem(item);
        const at = next[chunk] ?? 0;
        order[at] = item;
        next[chunk] = at + 1;
    }
    return { order, start };
}

/** Indexes of one chunk's items, in list order. */
function itemsOf(grouping: Grouping, chunk: number): Int32Array {
    return grouping.order.subarray(grouping.start[chunk] ?? 0, grouping.start[chunk + 1] ?? 0);
}

function pick<T>(records: readonly T[], grouping: Grouping, chunk: number): T[] {
    return Array.from(itemsOf(grouping, chunk), (at) => records[at] as T);
}

/** Each partitioned record list of a snapshot, grouped by chunk. */
export interface GroupedRecords {
    readonly leads: Grouping;
    readonly contacts: Grouping;
    readonly accounts: Grouping;
    readonly opportunities: Grouping;
    readonly tasks: Grouping;
    readonly events: Grouping;
    readonly campaignMembers: Grouping;
    readonly clocks: Grouping;
    /** Signal records, or the rows of signal columns. */
    readonly signals: Grouping;
}

/**
 * Copies the given rows of signal columns, in order, with the Ids they name renumbered
 * into a list of the chunk's own. `scratch` has one slot per Id of `columns`, all -1,
 * and is left that way.
 */
export function gatherColumns(
    columns: SignalColumns,
    rows: Int32Array,
    scratch: Int32Array
): SignalColumns {
    const refs: string[] = [];
    const globals: number[] = [];
    const local = (ref: number): number => {
        if (ref < 0) {
            return -1;
        }
        let found = scratch[ref] ?? -1;
        if (found < 0) {
            found = refs.length;
            scratch[ref] = found;
            refs.push(columns.refs[ref] ?? '');
            globals.push(ref);
        }
        return found;
    };
    const length = rows.length;
    const gathered = {
        length,
        refs,
        lead: new Int32Array(length),
        contact: new Int32Array(length),
        account: new Int32Array(length),
        types: columns.types,
        type: new Uint16Array(length),
        occurredAt: new Float64Array(length),
        weight: new Float64Array(length)
    };
    rows.forEach((row, at) => {
        gathered.lead[at] = local(columns.lead[row] ?? -1);
        gathered.contact[at] = local(columns.contact[row] ?? -1);
        gathered.account[at] = local(columns.account[row] ?? -1);
        gathered.type[at] = columns.type[row] ?? 0;
        gathered.occurredAt[at] = columns.occurredAt[row] ?? Number.NaN;
        gathered.weight[at] = columns.weight[row] ?? Number.NaN;
    });
    for (const ref of globals) {
        scratch[ref] = -1;
    }
    return gathered;
}

/** Builds chunk snapshots from a grouped snapshot. */
export class GroupSnapshots {
    /** One slot per Id of the signal columns, for `gatherColumns`; made on first use. */
    private scratch: Int32Array | null = null;

    constructor(
        private readonly snapshot: OrgSnapshot,
        private readonly grouped: GroupedRecords
    ) {}

    /**
     * The records of one chunk with the org-wide ones every chunk reads: users, queues,
     * campaigns, business hours, holidays and the organization. Breaches, reviews and
     * scorecards stay out because the org's ledger keeps them for every chunk.
     */
    snapshotOf(chunk: number): OrgSnapshot {
        const { snapshot, grouped } = this;
        return {
            leads: pick(snapshot.leads, grouped.leads, chunk),
            contacts: pick(snapshot.contacts, grouped.contacts, chunk),
            accounts: pick(snapshot.accounts, grouped.accounts, chunk),
            opportunities: pick(snapshot.opportunities, grouped.opportunities, chunk),
            tasks: pick(snapshot.tasks, grouped.tasks, chunk),
            events: pick(snapshot.events, grouped.events, chunk),
            users: snapshot.users,
            groups: snapshot.groups,
            groupMembers: snapshot.groupMembers,
            campaigns: snapshot.campaigns,
            campaignMembers: pick(snapshot.campaignMembers, grouped.campaignMembers, chunk),
            signals: this.signalsOf(chunk),
            clocks: pick(snapshot.clocks, grouped.clocks, chunk),
            breaches: [],
            reviews: [],
            scorecards: [],
            businessHours: snapshot.businessHours,
            holidays: snapshot.holidays,
            organization: snapshot.organization
        };
    }

    private signalsOf(chunk: number): OrgSnapshot['signals'] {
        const { signals } = this.snapshot;
        if (!isSignalColumns(signals)) {
            return pick(signals, this.grouped.signals, chunk);
        }
        this.scratch ??= new Int32Array(signals.refs.length).fill(-1);
        return gatherColumns(signals, itemsOf(this.grouped.signals, chunk), this.scratch);
    }
}
