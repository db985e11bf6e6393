import type { Policy } from '../config/policy-schema';
import type { EngagementSignal } from '../schema/records';
import type { Problem } from './plan';
import { isSignalColumns, signalColumnsOf, type OrgSnapshot, type SignalColumns } from './snapshot';
import type { SnapshotIndex } from './snapshot-index';
import type { TimeFrames } from './time-frames';

/**
 * Reading signals: engagement signal columns and campaign responses, each resolved to
 * the person it belongs to (a converted lead's signals count for its contact) and
 * handed to a visitor, so that scoring never builds an object per signal.
 */

/** Per-type lookups, so the hot loop reads arrays instead of objects. */
interface TypeTable {
    readonly weight: Float64Array;
    readonly content: Uint8Array;
    readonly meeting: Uint8Array;
}

function typeTable(types: readonly string[], policy: Policy): TypeTable {
    const content = new Set(policy.contentSignalTypes);
    const meeting = new Set(policy.meetingSignalTypes);
    return {
        weight: Float64Array.from(types, (type) => policy.signalWeights[type] ?? 0),
        content: Uint8Array.from(types, (type) => (content.has(type) ? 1 : 0)),
        meeting: Uint8Array.from(types, (type) => (meeting.has(type) ? 1 : 0))
    };
}

/**
 * Returns why the engine cannot score a signal record, or null when it can. A deleted
 * record is not scored either, but it is no problem to report.
 */
export function unusableSignalReason(signal: EngagementSignal): string | null {
    if (signal.Occurred_At__c === null) {
        return 'Skipped: Occurred_At__c is empty';
    }
    if (signal.Lead__c === null && signal.Contact__c === null && signal.Account__c === null) {
        return 'Skipped: the signal names no lead, contact or account';
    }
    if (signal.Weight__c !== null && signal.Weight__c < 0) {
        // Weights are points added to intent, never negative in the policy; a negative
        // one would silently cancel other signals of the person.
        return `Skipped: Weight__c ${signal.Weight__c} is negative`;
    }
    return null;
}

/** Converts signal records to columns, reporting the ones that cannot be scored as problems. */
export function signalColumnsFrom(snapshot: OrgSnapshot, problems: Problem[]): SignalColumns {
    if (isSignalColumns(snapshot.signals)) {
        return snapshot.signals;
    }
    const usable: EngagementSignal[] = [];
    for (const signal of snapshot.signals) {
        if (signal.IsDeleted) {
            continue;
        }
        const reason = unusableSignalReason(signal);
        if (reason === null) {
            usable.push(signal);
        } else {
            problems.push({ object: 'Engagement_Signal__c', id: signal.Id, reason });
        }
    }
    return signalColumnsOf(usable);
}

/** Person index of each Id a signal references; converted leads count for their contact. */
function personOfRefs(refs: readonly string[], index: SnapshotIndex): Int32Array {
    const result = new Int32Array(refs.length).fill(-1);
    refs.forEach((id, at) => {
        let person = index.personIndex.get(id);
        if (person === undefined) {
            const converted = index.leads.get(id)?.ConvertedContactId ?? null;
            person = converted === null ? undefined : index.personIndex.get(converted);
        }
        result[at] = person ?? -1;
    });
    return result;
}

/** Receives one signal of a person: time (epoch ms), weight and whether it is content or a meeting. */
export type PersonSignalVisitor = (
    person: number,
    time: number,
    weight: number,
    content: number,
    meeting: number
) => void;

/** Sources of signals: the columns and the campaign responses, with their people resolved once. */
export interface SignalSource {
    readonly columns: SignalColumns;
    readonly personOfRef: Int32Array;
    readonly types: TypeTable;
}

export function signalSourceOf(
    columns: SignalColumns,
    index: SnapshotIndex,
    policy: Policy
): SignalSource {
    return {
        columns,
        personOfRef: personOfRefs(columns.refs, index),
        types: typeTable(columns.types, policy)
    };
}

/** Visits every signal column; signals without a person go to `onAccount`. */
export function visitColumns(
    source: SignalSource,
    onPerson: PersonSignalVisitor,
    onAccount?: (accountId: string, time: number) => void
): void {
    const { columns, personOfRef: people, types } = source;
    const { contact, lead, account, type, occurredAt, weight } = columns;
    for (let at = 0; at < columns.length; at++) {
        const time = occurredAt[at] ?? Number.NaN;
        if (Number.isNaN(time)) {
            continue;
        }
        const typeIndex = type[at] ?? 0;
        const contactRef = contact[at] ?? -1;
        const leadRef = lead[at] ?? -1;
        let person = contactRef >= 0 ? (people[contactRef] ?? -1) : -1;
        if (person < 0 && leadRef >= 0) {
            person = people[leadRef] ?? -1;
        }
        if (person >= 0) {
            const override = weight[at] ?? Number.NaN;
            const signalWeight = Number.isNaN(override) ? (types.weight[typeIndex] ?? 0) : override;
            onPerson(
                person,
                time,
                signalWeight,
                types.content[typeIndex] ?? 0,
                types.meeting[typeIndex] ?? 0
            );
            continue;
        }
        const accountRef = account[at] ?? -1;
        const accountId = accountRef >= 0 ? columns.refs[accountRef] : undefined;
        if (accountId !== undefined && onAccount !== undefined) {
            onAccount(accountId, time);
        }
    }
}

/** Campaign responses count as signals of the type their campaign's type maps to. */
export function visitCampaignResponses(
    snapshot: OrgSnapshot,
    index: SnapshotIndex,
    policy: Policy,
    time: TimeFrames,
    onPerson: PersonSignalVisitor
): void {
    const content = new Set(policy.contentSignalTypes);
    const meeting = new Set(policy.meetingSignalTypes);
    for (const member of snapshot.campaignMembers) {
        if (!member.HasResponded || member.IsDeleted) {
            continue;
        }
        const personId = member.ContactId ?? member.LeadId;
        const person = personId === null ? -1 : (personOfRefs([personId], index)[0] ?? -1);
        const respondedAt =
            member.FirstRespondedDate !== null
                ? time.startOfDate(member.FirstRespondedDate)
                : member.CreatedDate;
        if (person < 0 || respondedAt === null) {
            continue;
        }
        const campaignType = index.campaigns.get(member.CampaignId ?? '')?.Type ?? null;
        const signalType =
            campaignType === null ? undefined : policy.campaignSignalTypes[campaignType];
        const weight =
            signalType === undefined
                ? policy.campaignResponseDefaultWeight
                : (policy.signalWeights[signalType] ?? 0);
        const isContent = signalType !== undefined && content.has(signalType) ? 1 : 0;
        const isMeeting = signalType !== undefined && meeting.has(signalType) ? 1 : 0;
        onPerson(person, respondedAt.getTime(), weight, isContent, isMeeting);
    }
}

/** Sorted signal times (epoch ms, not after now) of the wanted people, for questions about the past. */
export function signalTimesOf(
    snapshot: OrgSnapshot,
    source: SignalSource,
    index: SnapshotIndex,
    policy: Policy,
    time: TimeFrames,
    wanted: ReadonlySet<number>,
    nowMs: number
): Map<number, number[]> {
    const times = new Map<number, number[]>();
    const onPerson: PersonSignalVisitor = (person, at) => {
        if (!wanted.has(person) || at > nowMs) {
            return;
        }
        const list = times.get(person);
        if (list === undefined) {
            times.set(person, [at]);
        } else {
            list.push(at);
        }
    };
    visitColumns(source, onPerson);
    visitCampaignResponses(snapshot, index, policy, time, onPerson);
    for (const list of times.values()) {
        list.sort((a, b) => a - b);
    }
    return times;
}
