/**
 * Watches the local org's store for the worker's write-back of new leads. A lead counts
 * as routed once both its routing decision (with its new owner) and its response clock
 * are in the org. Its latency runs from the lead's `CreatedDate` to the later of the
 * lead's `SystemModstamp` and the clock's `CreatedDate`, so it is measured in the org's
 * own timestamps whatever the polling interval. Reads go to SQLite in this process and
 * cost no API call. Each routed lead is then checked against the engine evaluating that
 * lead alone at the worker's evaluation time (the clock's `Started_At__c`).
 */
import type { Policy } from '../../sync-worker/src/config/policy-schema';
import type { OrgStore } from '../../sync-worker/src/local-org/store';
import { emptySnapshot, evaluate, type Evaluation } from '../../sync-worker/src/policy';
import type { EngagementSignal, Lead, SlaClock } from '../../sync-worker/src/schema/records';
import { readRecordsWhereIn, type SetupRecords } from './backfill-store';

/** A created lead waiting for its write-back, with the records as created. */
export interface WatchedLead {
    readonly id: string;
    readonly profile: string;
    readonly expectedDecision: string;
    readonly created: Lead;
    readonly signals: readonly EngagementSignal[];
}

/** A lead whose write-back was seen. */
export interface RoutedLead {
    readonly id: string;
    readonly profile: string;
    readonly latencyMs: number;
    /** Differences from the expected route and from the engine alone; empty when it matches. */
    readonly mismatches: readonly string[];
}

/** Lead fields the routing decides, compared with the engine alone. */
const ROUTED_FIELDS = [
    'Routing_Decision__c',
    'Intent_Score__c',
    'Engagement_Count__c',
    'Lifecycle_Stage__c',
    'Source_Tier__c',
    'SLA_Due_At__c'
] as const;

const CLOCK_FIELDS = ['Type__c', 'Status__c', 'Due_At__c', 'Responsible_Team__c'] as const;

function comparable(value: unknown): string {
    return JSON.stringify(value instanceof Date ? value.toISOString() : (value ?? null));
}

function teamOf(setup: SetupRecords, ownerId: string | null): string {
    const user = setup.users.find((candidate) => candidate.Id === ownerId);
    return user === undefined ? `owner ${ownerId ?? 'none'}` : (user.SLA_Team__c ?? 'no team');
}

/** Compares the lead fields the routing decides with the engine's evaluation of the lead alone. */
function compareLeadFields(watched: WatchedLead, lead: Lead, alone: Evaluation): string[] {
    const update = alone.updates.find((entry) => entry.id === watched.id);
    const decided: Record<string, unknown> = { ...(update?.fields ?? {}) };
    const mismatches: string[] = [];
    for (const field of ROUTED_FIELDS) {
        const expected = comparable(field in decided ? decided[field] : watched.created[field]);
        if (comparable(lead[field]) !== expected) {
            mismatches.push(
                `${watched.id} ${field}: written ${comparable(lead[field])}, engine alone ${expected}`
            );
        }
    }
    return mismatches;
}

function compareOwnerTeam(
    setup: SetupRecords,
    watched: WatchedLead,
    lead: Lead,
    alone: Evaluation
): string[] {
    const owner = alone.ownerChanges.find((entry) => entry.id === watched.id);
    const expected = teamOf(setup, owner?.toOwnerId ?? watched.created.OwnerId);
    const written = teamOf(setup, lead.OwnerId);
    return written === expected
        ? []
        : [`${watched.id} owner team: written ${written}, engine alone ${expected}`];
}

function compareClock(watched: WatchedLead, clock: SlaClock, alone: Evaluation): string[] {
    const mismatches: string[] = [];
    const expectedClock = alone.clocks.find((entry) => entry.fields.Lead__c === watched.id);
    if (expectedClock?.key !== clock.Clock_Key__c) {
        mismatches.push(
            `${watched.id} clock key: written ${comparable(clock.Clock_Key__c)}, engine alone ${comparable(expectedClock?.key)}`
        );
    }
    for (const field of CLOCK_FIELDS) {
        const expected = comparable(expectedClock?.fields[field]);
        if (comparable(clock[field]) !== expected) {
            mismatches.push(
                `${watched.id} clock ${field}: written ${comparable(clock[field])}, engine alone ${expected}`
            );
        }
    }
    return mismatches;
}

/** Compares the written route with the profile's and with the engine evaluating the lead alone. */
function checkRoute(
    setup: SetupRecords,
    policy: Policy,
    watched: WatchedLead,
    lead: Lead,
    clock: SlaClock
): string[] {
    const mismatches: string[] = [];
    if (lead.Routing_Decision__c !== watched.expectedDecision) {
        mismatches.push(
            `${watched.id} (${watched.profile}) routed ${comparable(lead.Routing_Decision__c)}, expected ${watched.expectedDecision}`
        );
    }
    const now = clock.Started_At__c;
    if (now === null) {
        return [...mismatches, `${watched.id}: the clock has no Started_At__c`];
    }
    const alone = evaluate(
        { ...emptySnapshot(), ...setup, leads: [watched.created], signals: watched.signals },
        policy,
        now
    );
    return [
        ...mismatches,
        ...compareLeadFields(watched, lead, alone),
        ...compareOwnerTeam(setup, watched, lead, alone),
        ...compareClock(watched, clock, alone)
    ];
}

/** Polls the store for the leads it is given and reports each one once it is routed. */
export class WriteBackWatcher {
    private readonly pending = new Map<string, WatchedLead>();
    private readonly routed: RoutedLead[] = [];
    private timer: NodeJS.Timeout | null = null;

    public constructor(
        private readonly store: OrgStore,
        private readonly setup: SetupRecords,
        private readonly policy: Policy,
        private readonly pollMs: number
    ) {}

    public start(): void {
        this.timer = setInterval(() => {
            this.poll();
        }, this.pollMs);
    }

    public stop(): void {
        if (this.timer !== null) {
            clearInterval(this.timer);
            this.timer = null;
        }
    }

    /** Reads a new lead and its signals as created, and watches it. */
    public watch(id: string, profile: string, expectedDecision: string): void {
        const [created] = readRecordsWhereIn(this.store, 'Lead', 'Id', [id]);
        if (created === undefined) {
            throw new Error(`Lead ${id} was created but is not in the store.`);
        }
        const signals = readRecordsWhereIn(this.store, 'Engagement_Signal__c', 'Lead__c', [id]);
        this.pending.set(id, { id, profile, expectedDecision, created, signals });
    }

    public get waiting(): number {
        return this.pending.size;
    }

    public results(): readonly RoutedLead[] {
        return this.routed;
    }

    private poll(): void {
        if (this.pending.size === 0) {
            return;
        }
        const ids = [...this.pending.keys()];
        const clocks = new Map(
            readRecordsWhereIn(this.store, 'SLA_Clock__c', 'Lead__c', ids).map((clock) => [
                clock.Lead__c,
                clock
            ])
        );
        const leads = readRecordsWhereIn(this.store, 'Lead', 'Id', ids);
        for (const lead of leads) {
            const clock = clocks.get(lead.Id);
            const watched = this.pending.get(lead.Id);
            if (clock === undefined || lead.Routing_Decision__c === null || watched === undefined) {
                continue;
            }
            this.pending.delete(lead.Id);
            this.routed.push(this.describe(watched, lead, clock));
        }
    }

    private describe(watched: WatchedLead, lead: Lead, clock: SlaClock): RoutedLead {
        const createdAt = watched.created.CreatedDate?.getTime() ?? Number.NaN;
        const writtenAt = Math.max(
            lead.SystemModstamp?.getTime() ?? Number.NaN,
            clock.CreatedDate?.getTime() ?? Number.NaN
        );
        const mismatches =
            watched.created.Routing_Decision__c === null
                ? checkRoute(this.setup, this.policy, watched, lead, clock)
                : [`${watched.id} was routed before its creation could be read; not comparable`];
        return {
            id: watched.id,
            profile: watched.profile,
            latencyMs: writtenAt - createdAt,
            mismatches
        };
    }
}
