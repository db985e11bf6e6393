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
    private readonly contact: GrowableColumn<Int32Array>;
    private readonly account: GrowableColumn<Int32Array>;
    private readonly type: GrowableColumn<Uint16Array>;
    private readonly occurredAt: GrowableColumn<Float64Array>;
    private readonly weight: GrowableColumn<Float64Array>;

    constructor(expectedCount = 1024) {
        this.lead = new GrowableColumn((size) => new Int32Array(size), expectedCount);
        this.contact = new GrowableColumn((size) => new Int32Array(size), expectedCount);
        this.account = new GrowableColumn((size) => new Int32Array(size), expectedCount);
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
        return {
            length: this.length,
            refs: this.refs,
            lead: this.lead.trimmed(this.length),
            contact: this.contact.trimmed(this.length),
            account: this.account.trimmed(this.length),
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
            this.refs.push(id);
            this.refIndex.set(id, index);
        }
        return index;
    }

    private typeOf(type: string): number {
        let index = this.typeIndex.get(type);
        if (index === undefined) {
            index = this.types.length;
            this.types.push(type);
            this.typeIndex.set(type, index);
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
