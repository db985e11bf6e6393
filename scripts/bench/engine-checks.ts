/**
 * Self-checks of the engine benchmark, on a sample of leads spread over the org. The
 * decisions of the evaluation in account groups must equal those of evaluating each
 * lead's account alone. The intent score must equal one computed by hand from the
 * rule's own words.
 */
import { DEFAULT_POLICY } from '../../sync-worker/src/config/policy-schema';
import { evaluate } from '../../sync-worker/src/policy/evaluate';
import type { Evaluation } from '../../sync-worker/src/policy/plan';
import {
    emptySnapshot,
    isSignalColumns,
    type OrgSnapshot,
    type SignalColumns
} from '../../sync-worker/src/policy/snapshot';
import {
    EngagementSignalSchema,
    type EngagementSignal,
    type Lead
} from '../../sync-worker/src/schema/records';
import { benchId, leadEmail, type BenchSizes } from './engine-data';
import type { ReadOrg } from './engine-read';

const DAY_MS = 86_400_000;

/** Lead fields the checks compare: the per-account decisions of the engine. */
export const COMPARED = [
    'Intent_Score__c',
    'Engagement_Count__c',
    'Matched_Account__c',
    'Lifecycle_Stage__c',
    'Routing_Decision__c',
    'SLA_Due_At__c'
] as const;

/** Indexes of the sampled leads, spread over the whole range. */
export function sampleIndexes(sizes: BenchSizes, sample: number): number[] {
    const count = Math.min(sample, sizes.leads);
    return Array.from({ length: count }, (_, at) =>
        Math.floor((at * sizes.leads) / Math.max(1, count))
    );
}

/** Leads that share the sampled lead's account (by the generator's email rule), including itself. */
function accountMates(index: number, sizes: BenchSizes): number[] {
    const email = leadEmail(index, sizes.accounts);
    if (email === null || email.endsWith('@gmail.com')) {
        return [index];
    }
    const mates: number[] = [];
    for (let other = index % sizes.accounts; other < sizes.leads; other += sizes.accounts) {
        const mail = leadEmail(other, sizes.accounts);
        if (mail !== null && !mail.endsWith('@gmail.com')) {
            mates.push(other);
        }
    }
    return mates;
}

/** Signal records of the wanted leads, rebuilt from the columns. */
function signalsOf(
    columns: SignalColumns,
    wanted: ReadonlySet<string>
): Map<string, EngagementSignal[]> {
    const found = new Map<string, EngagementSignal[]>();
    for (let at = 0; at < columns.length; at++) {
        const leadId = columns.refs[columns.lead[at] ?? -1];
        if (leadId === undefined || !wanted.has(leadId)) {
            continue;
        }
        const weight = columns.weight[at] ?? Number.NaN;
        const signal = EngagementSignalSchema.parse({
            Id: benchId('a0S', at),
            Lead__c: leadId,
            Type__c: columns.types[columns.type[at] ?? 0],
            Occurred_At__c: new Date(columns.occurredAt[at] ?? 0),
            Weight__c: Number.isNaN(weight) ? null : weight
        });
        found.set(leadId, [...(found.get(leadId) ?? []), signal]);
    }
    return found;
}

/** Intent score by the rule's own words, written independently of the engine. */
function handIntent(signals: readonly EngagementSignal[], now: Date): number {
    let sum = 0;
    for (const signal of signals) {
        const age = now.getTime() - (signal.Occurred_At__c?.getTime() ?? 0);
        if (age < 0 || age > DEFAULT_POLICY.scoringWindowDays * DAY_MS) {
            continue;
        }
        const weight = signal.Weight__c ?? DEFAULT_POLICY.signalWeights[signal.Type__c ?? ''] ?? 0;
        sum += weight * 0.5 ** (age / (DEFAULT_POLICY.intentHalfLifeDays * DAY_MS));
    }
    return Math.round(Math.min(100, sum));
}

/** Changed fields of the wanted records in one plan. */
export function fieldsById(
    evaluation: Evaluation,
    ids: ReadonlySet<string>
): Map<string, Record<string, unknown>> {
    const found = new Map<string, Record<string, unknown>>();
    for (const update of evaluation.updates) {
        if (ids.has(update.id)) {
            found.set(update.id, update.fields);
        }
    }
    return found;
}

/** Mismatches of the sampled leads, one line each. */
export interface SampleResult {
    readonly alone: string[];
    readonly byHand: string[];
}

/**
 * Evaluates each sampled lead's account alone and compares its decisions with
 * `grouped`, the fields that the evaluation in groups wrote for the sampled leads. Also
 * recomputes the intent score by hand.
 */
export function checkSample(
    org: ReadOrg,
    grouped: ReadonlyMap<string, Record<string, unknown>>,
    sizes: BenchSizes,
    sample: readonly number[],
    now: Date
): SampleResult {
    if (!isSignalColumns(org.snapshot.signals)) {
        throw new Error('The benchmark reads signals into columns.');
    }
    const groups = sample.map((index) => accountMates(index, sizes));
    const wanted = new Set(groups.flat().map((index) => benchId('00Q', index)));
    const signals = signalsOf(org.snapshot.signals, wanted);
    const result: SampleResult = { alone: [], byHand: [] };
    sample.forEach((index, at) => {
        const id = benchId('00Q', index);
        const mates = (groups[at] ?? [])
            .map((mate) => org.leads[mate])
            .filter((lead): lead is Lead => lead !== undefined);
        const account =
            mates.length > 1 || leadEmail(index, sizes.accounts)?.includes('@acct') === true
                ? org.accounts[index % sizes.accounts]
                : undefined;
        const small: OrgSnapshot = {
            ...emptySnapshot(),
            users: org.users,
            groups: org.snapshot.groups,
            accounts: account === undefined ? [] : [account],
            leads: mates,
            signals: mates.flatMap((lead) => signals.get(lead.Id) ?? [])
        };
        const alone = fieldsById(evaluate(small, DEFAULT_POLICY, now), new Set([id])).get(id) ?? {};
        const inGroups = grouped.get(id) ?? {};
        for (const field of COMPARED) {
            if (JSON.stringify(inGroups[field]) !== JSON.stringify(alone[field])) {
                result.alone.push(
                    `${id} ${field}: in groups ${JSON.stringify(inGroups[field])}, alone ${JSON.stringify(alone[field])}`
                );
            }
        }
        const byHand = handIntent(signals.get(id) ?? [], now);
        if ((inGroups.Intent_Score__c ?? 0) !== byHand) {
            result.byHand.push(
                `${id} Intent_Score__c: engine ${JSON.stringify(inGroups.Intent_Score__c)}, by hand ${byHand}`
            );
        }
    });
    return result;
}
