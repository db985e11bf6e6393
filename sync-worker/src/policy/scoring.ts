import type { Policy } from '../config/policy-schema';
import type { OrgSnapshot } from './snapshot';
import type { SnapshotIndex } from './snapshot-index';
import {
    visitCampaignResponses,
    visitColumns,
    type PersonSignalVisitor,
    type SignalSource
} from './signals';
import type { TimeFrames } from './time-frames';
import { DAY_MS } from './time-frames';

/**
 * Scores of every person, one slot per person index: the stored (rounded) intent score,
 * the engagement count, meetings in the engagement window and signal times.
 */
export interface PeopleFacts {
    /** Account of each person: a contact's AccountId, a lead's matched account. */
    readonly accountOf: (string | null)[];
    readonly score: Float64Array;
    readonly engagement: Int32Array;
    readonly meetings: Int32Array;
    /** Newest and oldest signal, epoch ms, NaN without signals. Future signals are ignored. */
    readonly lastSignal: Float64Array;
    readonly firstSignal: Float64Array;
}

/** Buying-committee figures per account. */
export interface AccountFacts {
    readonly people: Map<string, number[]>;
    readonly active: Map<string, number[]>;
    readonly committeeIntent: Map<string, number>;
    /** Oldest and newest signal of the account or its people, epoch ms. */
    readonly firstTouch: Map<string, number>;
    readonly lastSignal: Map<string, number>;
}

/** Accumulators of the single pass over all signals. */
class Accumulator {
    readonly intent: Float64Array;
    readonly engagement: Int32Array;
    readonly meetings: Int32Array;
    readonly lastSignal: Float64Array;
    readonly firstSignal: Float64Array;
    readonly accountFirst = new Map<string, number>();
    readonly accountLast = new Map<string, number>();
    private readonly decay: number;
    private readonly scoringWindow: number;
    private readonly engagementWindow: number;

    constructor(
        count: number,
        policy: Policy,
        private readonly nowMs: number
    ) {
        this.intent = new Float64Array(count);
        this.engagement = new Int32Array(count);
        this.meetings = new Int32Array(count);
        this.lastSignal = new Float64Array(count).fill(Number.NaN);
        this.firstSignal = new Float64Array(count).fill(Number.NaN);
        this.decay = Math.LN2 / (policy.intentHalfLifeDays * DAY_MS);
        this.scoringWindow = policy.scoringWindowDays * DAY_MS;
        this.engagementWindow = policy.engagementWindowDays * DAY_MS;
    }

    /** Adds one signal of a person; its weight halves every half-life of age. */
    addPersonSignal(
        person: number,
        time: number,
        weight: number,
        content: number,
        meeting: number
    ): void {
        const age = this.nowMs - time;
        if (!(age >= 0)) {
            return;
        }
        const last = this.lastSignal[person] ?? Number.NaN;
        if (!(time <= last)) {
            this.lastSignal[person] = time;
        }
        const first = this.firstSignal[person] ?? Number.NaN;
        if (!(time >= first)) {
            this.firstSignal[person] = time;
        }
        if (age <= this.scoringWindow) {
            this.intent[person] = (this.intent[person] ?? 0) + weight * Math.exp(-this.decay * age);
        }
        if (age <= this.engagementWindow) {
            this.engagement[person] = (this.engagement[person] ?? 0) + content;
            this.meetings[person] = (this.meetings[person] ?? 0) + meeting;
        }
    }

    addAccountSignal(accountId: string, time: number): void {
        if (!(time <= this.nowMs)) {
            return;
        }
        const first = this.accountFirst.get(accountId);
        if (first === undefined || time < first) {
            this.accountFirst.set(accountId, time);
        }
        const last = this.accountLast.get(accountId);
        if (last === undefined || time > last) {
            this.accountLast.set(accountId, time);
        }
    }
}

/** Rounds the decayed sum to the stored intent score: capped, then the larger of it and the external score. */
export function storedIntent(sum: number, external: number | null, cap: number): number {
    const fromSignals = Math.min(cap, Math.max(0, sum));
    const best = Math.max(fromSignals, external ?? 0);
    return Math.round(Math.min(100, Math.max(0, best)));
}

/** Scores every person in one pass over the signals and campaign responses. */
export function scorePeople(
    snapshot: OrgSnapshot,
    source: SignalSource,
    index: SnapshotIndex,
    accountOf: (string | null)[],
    policy: Policy,
    time: TimeFrames,
    nowMs: number
): { people: PeopleFacts; accountFirst: Map<string, number>; accountLast: Map<string, number> } {
    const count = index.people.length;
    const sums = new Accumulator(count, policy, nowMs);
    const onPerson: PersonSignalVisitor = (person, at, weight, content, meeting) => {
        sums.addPersonSignal(person, at, weight, content, meeting);
    };
    visitColumns(source, onPerson, (accountId, at) => {
        sums.addAccountSignal(accountId, at);
    });
    visitCampaignResponses(snapshot, index, policy, time, onPerson);
    const score = new Float64Array(count);
    for (const person of index.people) {
        const sum = sums.intent[person.index] ?? 0;
        score[person.index] = storedIntent(
            sum,
            person.record.External_Intent_Score__c,
            policy.intentCap
        );
    }
    const people: PeopleFacts = {
        accountOf,
        score,
        engagement: sums.engagement,
        meetings: sums.meetings,
        lastSignal: sums.lastSignal,
        firstSignal: sums.firstSignal
    };
    return { people, accountFirst: sums.accountFirst, accountLast: sums.accountLast };
}

/** True when the person has a signal in the active window. */
export function isActive(
    people: PeopleFacts,
    person: number,
    policy: Policy,
    nowMs: number
): boolean {
    const last = people.lastSignal[person] ?? Number.NaN;
    return last >= nowMs - policy.activeWindowDays * DAY_MS;
}

/** Mean of the top N scores, counting missing people as 0, rounded like a stored score. */
export function committeeIntentOf(scores: readonly number[], topN: number): number {
    const top = [...scores].sort((a, b) => b - a).slice(0, topN);
    const sum = top.reduce((total, value) => total + value, 0);
    return Math.round(sum / topN);
}

/** Groups people by account and computes each committee: its active people and intent. */
export function aggregateAccounts(
    people: PeopleFacts,
    accountFirst: Map<string, number>,
    accountLast: Map<string, number>,
    policy: Policy,
    nowMs: number
): AccountFacts {
    const facts: AccountFacts = {
        people: new Map(),
        active: new Map(),
        committeeIntent: new Map(),
        firstTouch: new Map(accountFirst),
        lastSignal: new Map(accountLast)
    };
    people.accountOf.forEach((accountId, person) => {
        if (accountId === null) {
            return;
        }
        pushTo(facts.people, accountId, person);
        if (isActive(people, person, policy, nowMs)) {
            pushTo(facts.active, accountId, person);
        }
        const first = people.firstSignal[person] ?? Number.NaN;
        if (!Number.isNaN(first) && !(first >= (facts.firstTouch.get(accountId) ?? Infinity))) {
            facts.firstTouch.set(accountId, first);
        }
        const last = people.lastSignal[person] ?? Number.NaN;
        if (!Number.isNaN(last) && !(last <= (facts.lastSignal.get(accountId) ?? -Infinity))) {
            facts.lastSignal.set(accountId, last);
        }
    });
    for (const [accountId, active] of facts.active) {
        const scores = active.map((person) => people.score[person] ?? 0);
        facts.committeeIntent.set(accountId, committeeIntentOf(scores, policy.committeeTopN));
    }
    return facts;
}

function pushTo(map: Map<string, number[]>, key: string, value: number): void {
    const list = map.get(key);
    if (list === undefined) {
        map.set(key, [value]);
    } else {
        list.push(value);
    }
}
