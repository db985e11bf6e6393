import type {
    Account,
    BusinessHours,
    Campaign,
    CampaignMember,
    Contact,
    EngagementSignal,
    Event,
    Group,
    GroupMember,
    Holiday,
    Lead,
    Opportunity,
    Organization,
    SlaBreach,
    SlaClock,
    SlaReview,
    SlaScorecard,
    Task,
    User
} from '../schema/records';

/**
 * Engagement signals in columns: one typed-array slot per signal instead of one object,
 * so ten million signals take about 300 MB. Record Ids are stored once in `refs` and
 * referenced by index (-1 for an empty lookup).
 */
export interface SignalColumns {
    readonly length: number;
    /** Distinct Lead, Contact and Account Ids the signals point at. */
    readonly refs: readonly string[];
    readonly lead: Int32Array;
    readonly contact: Int32Array;
    readonly account: Int32Array;
    /** Distinct `Type__c` values; `type` holds indexes into it. */
    readonly types: readonly string[];
    readonly type: Uint16Array;
    /** `Occurred_At__c` in epoch milliseconds. */
    readonly occurredAt: Float64Array;
    /** `Weight__c`, NaN when the record leaves the type's weight in force. */
    readonly weight: Float64Array;
}

/**
 * The org records one evaluation reads. The worker fills it with every record it read
 * plus the context each changed record needs (its account's people, their signals in
 * the scoring window, activities, open opportunities, owners and managers, and the
 * clocks, breaches and reviews of the current and previous months). Records that are
 * not in the snapshot are neither read nor written.
 */
export interface OrgSnapshot {
    readonly leads: readonly Lead[];
    readonly contacts: readonly Contact[];
    readonly accounts: readonly Account[];
    readonly opportunities: readonly Opportunity[];
    readonly tasks: readonly Task[];
    readonly events: readonly Event[];
    readonly users: readonly User[];
    readonly groups: readonly Group[];
    readonly groupMembers: readonly GroupMember[];
    readonly campaigns: readonly Campaign[];
    readonly campaignMembers: readonly CampaignMember[];
    /** Signal records, or the same data in columns for large orgs. */
    readonly signals: readonly EngagementSignal[] | SignalColumns;
    readonly clocks: readonly SlaClock[];
    readonly breaches: readonly SlaBreach[];
    readonly reviews: readonly SlaReview[];
    readonly scorecards: readonly SlaScorecard[];
    readonly businessHours: readonly BusinessHours[];
    readonly holidays: readonly Holiday[];
    readonly organization: Organization | null;
}

/** Returns a snapshot with no records, for building one up in tests and tools. */
export function emptySnapshot(): OrgSnapshot {
    return {
        leads: [],
        contacts: [],
        accounts: [],
        opportunities: [],
        tasks: [],
        events: [],
        users: [],
        groups: [],
        groupMembers: [],
        campaigns: [],
        campaignMembers: [],
        signals: [],
        clocks: [],
        breaches: [],
        reviews: [],
        scorecards: [],
        businessHours: [],
        holidays: [],
        organization: null
    };
}

export function isSignalColumns(
    signals: readonly EngagementSignal[] | SignalColumns
): signals is SignalColumns {
    return !Array.isArray(signals);
}

/** Minimal signal fields the columns keep. */
export type SignalFields = Pick<
    EngagementSignal,
    'Lead__c' | 'Contact__c' | 'Account__c' | 'Type__c' | 'Occurred_At__c' | 'Weight__c'
>;

/**
 * Returns a copy of `text` that contains only its own characters, in one piece. V8
 * (Node.js 22) makes a substring of 13 or more characters a view into the string it was
 * cut from. So an Id cut from a line of a CSV file keeps the whole line, or the whole
 * buffer it was read in, in memory for as long as the Id lives. A JSON round trip is the
 * cheapest exact copy we found that V8 does not turn into such a view again.
 */
export function ownString(text: string): string {
    return JSON.parse(JSON.stringify(text)) as string;
}

/** Growable typed array; doubles its capacity when full. */
class GrowableColumn<T extends Int32Array | Uint16Array | Float64Array> {
    private data: T;
    constructor(
        private readonly allocate: (size: number) => T,
        capacity: number
    ) {
        this.data = allocate(Math.max(16, capacity));
    }
    set(index: number, value: number): void {
        if (index >= this.data.length) {
            const bigger = this.allocate(this.data.length * 2);
            bigger.set(this.data);
            this.data = bigger;
        }
        this.data[index] = value;
    }
    trimmed(length: number): T {
        return this.data.subarray(0, length) as T;
    }
}

/**
 * A column of Id indexes that most orgs leave empty (signals rarely name a contact or an
 * account): it takes no memory until the first set slot, and -1 fills every other slot.
 */
class SparseIdColumn {
    private data: GrowableColumn<Int32Array> | null = null;

    constructor(private readonly capacity: number) {}

    set(index: number, value: number): void {
        if (value < 0 && this.data === null) {
            return;
        }
        this.data ??= new GrowableColumn(
            (size) => new Int32Array(size).fill(-1),
            Math.max(this.capacity, index + 1)
        );
        this.data.set(index, value);
    }

    /** Returns the first `length` slots, or null when no slot was ever set. */
    trimmed(length: number): Int32Array | null {
        return this.data?.trimmed(length) ?? null;
    }
}

/**
 * Builds `SignalColumns` one signal at a time, so a reader can stream millions of
 * records into them without holding the records.
 */
export class SignalColumnsBuilder {
    private length = 0;
    private readonly refIndex = new Map<string, number>();
    private readonly refs: string[] = [];
    private readonly typeIndex = new Map<string, number>();
    private readonly types: string[] = [];
    private readonly lead: GrowableColumn<Int32Array>;
    private readonly contact: SparseIdColumn;
    private readonly account: SparseIdColumn;
    private readonly type: GrowableColumn<Uint16Array>;
    private readonly occurredAt: GrowableColumn<Float64Array>;
    private readonly weight: GrowableColumn<Float64Array>;

    constructor(expectedCount = 1024) {
        this.lead = new GrowableColumn((size) => new Int32Array(size), expectedCount);
        this.contact = new SparseIdColumn(expectedCount);
        this.account = new SparseIdColumn(expectedCount);
        this.type = new GrowableColumn((size) => new Uint16Array(size), expectedCount);
        this.occurredAt = new GrowableColumn((size) => new Float64Array(size), expectedCount);
        this.weight = new GrowableColumn((size) => new Float64Array(size), expectedCount);
    }

    add(signal: SignalFields): void {
        const index = this.length;
        this.lead.set(index, this.ref(signal.Lead__c));
        this.contact.set(index, this.ref(signal.Contact__c));
        this.account.set(index, this.ref(signal.Account__c));
        this.type.set(index, this.typeOf(signal.Type__c ?? ''));
        this.occurredAt.set(index, signal.Occurred_At__c?.getTime() ?? Number.NaN);
        this.weight.set(index, signal.Weight__c ?? Number.NaN);
        this.length = index + 1;
    }

    build(): SignalColumns {
        const contact = this.contact.trimmed(this.length);
        const account = this.account.trimmed(this.length);
        // Columns never set share one array of -1: nothing writes to the columns.
        const none =
            contact === null || account === null
                ? new Int32Array(this.length).fill(-1)
                : new Int32Array(0);
        return {
            length: this.length,
            refs: this.refs,
            lead: this.lead.trimmed(this.length),
            contact: contact ?? none,
            account: account ?? none,
            types: this.types,
            type: this.type.trimmed(this.length),
            occurredAt: this.occurredAt.trimmed(this.length),
            weight: this.weight.trimmed(this.length)
        };
    }

    private ref(id: string | null): number {
        if (id === null) {
            return -1;
        }
        let index = this.refIndex.get(id);
        if (index === undefined) {
            index = this.refs.length;
            const own = ownString(id);
            this.refs.push(own);
            this.refIndex.set(own, index);
        }
        return index;
    }

    private typeOf(type: string): number {
        let index = this.typeIndex.get(type);
        if (index === undefined) {
            index = this.types.length;
            const own = ownString(type);
            this.types.push(own);
            this.typeIndex.set(own, index);
        }
        return index;
    }
}

/** Converts signal records to columns. */
export function signalColumnsOf(signals: readonly SignalFields[]): SignalColumns {
    const builder = new SignalColumnsBuilder(signals.length);
    for (const signal of signals) {
        builder.add(signal);
    }
    return builder.build();
}
