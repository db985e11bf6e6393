import type { Policy } from '../config/policy-schema';
import { closeOrgPart, evaluateGroup, openOrgPart } from './evaluate';
import { OrgLedger } from './ledger';
import { partitionOrg } from './partition';
import type { Evaluation, EvaluationStats } from './plan';
import type { OrgSnapshot } from './snapshot';

/** People and accounts per account group unless the caller chooses otherwise. */
export const DEFAULT_GROUP_SIZE = 20_000;

/** Options of `evaluateInChunks`. */
export interface ChunkOptions {
    /** About how many people and accounts one part evaluates; a larger component stays whole. */
    readonly maxGroupSize?: number;
}

/**
 * Evaluates the org in account groups (see `partitionOrg`) and yields the plan part by
 * part. The caller can write or count each part before the next is computed, so no
 * more than one group's plan is kept at a time. The first part contains the marketing
 * probation review and the problems with org-wide records. The last contains the
 * scorecards with the team reviews they open.
 *
 * Every decision that the rules take per account (scores, matching, stages, routing
 * decisions, clock keys, windows and due times) is the same as in one `evaluate` of the
 * whole snapshot. The groups share one ledger, so workload, breach counts per rep and
 * reviews carry from one group to the next. But two choices depend on the order of work
 * across accounts, and they follow the order of the groups instead of one org-wide
 * order: which rep of a team a workload pick chooses, and the level of a rep's breaches
 * that fall in the same evaluation. Applying the merged plan and evaluating the whole
 * org at the same time finds nothing more to write.
 */
export function* evaluateInChunks(
    snapshot: OrgSnapshot,
    policy: Policy,
    now: Date,
    options: ChunkOptions = {}
): Generator<Evaluation, void, undefined> {
    const partition = partitionOrg(
        snapshot,
        policy.freeMailDomains,
        options.maxGroupSize ?? DEFAULT_GROUP_SIZE
    );
    const ledger = new OrgLedger(snapshot, policy, now);
    yield openOrgPart(snapshot, ledger);
    for (let chunk = 0; chunk < partition.chunkCount; chunk++) {
        yield evaluateGroup(partition.snapshotOf(chunk), ledger);
    }
    yield closeOrgPart(snapshot, ledger);
}

function addStats(total: EvaluationStats, part: EvaluationStats): EvaluationStats {
    return {
        people: total.people + part.people,
        accounts: total.accounts + part.accounts,
        signals: total.signals + part.signals,
        routed: total.routed + part.routed,
        clocksStarted: total.clocksStarted + part.clocksStarted,
        clocksClosed: total.clocksClosed + part.clocksClosed,
        breaches: total.breaches + part.breaches
    };
}

/** Joins the parts of an evaluation into one plan, parts in order. */
export function mergeEvaluations(parts: Iterable<Evaluation>): Evaluation {
    const all = [...parts];
    const first = all[0];
    if (first === undefined) {
        throw new Error('Cannot merge an evaluation of no parts.');
    }
    return {
        now: first.now,
        policyVersion: first.policyVersion,
        updates: all.flatMap((part) => part.updates),
        ownerChanges: all.flatMap((part) => part.ownerChanges),
        clocks: all.flatMap((part) => part.clocks),
        breaches: all.flatMap((part) => part.breaches),
        reviews: all.flatMap((part) => part.reviews),
        scorecards: all.flatMap((part) => part.scorecards),
        tasks: all.flatMap((part) => part.tasks),
        notifications: all.flatMap((part) => part.notifications),
        problems: all.flatMap((part) => part.problems),
        stats: all.slice(1).reduce((total, part) => addStats(total, part.stats), first.stats)
    };
}
