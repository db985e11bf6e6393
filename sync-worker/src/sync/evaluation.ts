/**
 * The evaluation step: which records the cycle evaluates (the whole mirror, or the
 * seeded people and accounts with their context), the engine call, and the plan of
 * writes that follows from it.
 */
import type { Policy } from '../config/policy-schema';
import { getLogger } from '../logging';
import {
    evaluate,
    evaluateInChunks,
    mergeEvaluations,
    type Evaluation,
    type OrgSnapshot,
    type Problem
} from '../policy';
import { expandFocus } from './context';
import type { OrgMirror } from './mirror';
import { Seeds } from './seeds';
import { focusedSnapshot, followUpAccounts, fullSnapshot } from './snapshot';
import { planWrites, type WritePlan } from './write-plan';

const logger = getLogger('sync.evaluate');

/** Scope and decisions of one evaluation. */
export interface EvaluationStep {
    readonly full: boolean;
    readonly focus: { readonly people: number; readonly accounts: number };
    readonly evaluation: Evaluation;
    readonly plan: WritePlan;
}

/** Error raised when the engine throws; the cycle fails and writes nothing. */
export class EvaluationError extends Error {
    public constructor(cause: unknown) {
        const reason = cause instanceof Error ? cause.message : String(cause);
        super(`The policy evaluation failed, so nothing was written: ${reason}`, { cause });
        this.name = 'EvaluationError';
    }
}

/** Local date (`YYYY-MM-DD`) of `at` in `timeZone`, falling back to UTC for an unknown zone. */
export function localDate(at: Date, timeZone: string): string {
    try {
        return new Intl.DateTimeFormat('en-CA', {
            timeZone,
            year: 'numeric',
            month: '2-digit',
            day: '2-digit'
        }).format(at);
    } catch {
        return at.toISOString().slice(0, 10);
    }
}

/** Returns the org's time zone: the default business hours', else the organization's, else UTC. */
export function orgTimeZone(mirror: OrgMirror): string {
    const hours = mirror
        .list('BusinessHours')
        .find((record) => record.IsDefault && record.IsActive);
    return hours?.TimeZoneSidKey ?? mirror.list('Organization')[0]?.TimeZoneSidKey ?? 'UTC';
}

interface Scope {
    readonly snapshot: OrgSnapshot;
    readonly full: boolean;
    readonly focus: { readonly people: number; readonly accounts: number };
    /** Signals of the scope that the engine cannot score, which the snapshot's columns leave out. */
    readonly signalProblems: readonly Problem[];
}

/** Chooses the records to evaluate: the seeds with their context, or the whole mirror. */
function scopeOf(mirror: OrgMirror, seeds: Seeds, policy: Policy, now: Date, full: boolean): Scope {
    if (!full) {
        const scope = new Seeds();
        scope.merge(seeds);
        followUpAccounts(mirror).forEach((id) => scope.accounts.add(id));
        const expanded = expandFocus(mirror, scope, policy.freeMailDomains);
        if (expanded !== null) {
            const people = new Set([...expanded.leadIds, ...expanded.contactIds]);
            return {
                snapshot: focusedSnapshot(mirror, expanded, now, policy.buyingCycleLookbackDays),
                full: false,
                focus: { people: people.size, accounts: expanded.accountIds.size },
                signalProblems: mirror.signalProblems(people, expanded.accountIds)
            };
        }
        logger.info(
            'The changed records reach too far through shared domains; evaluating the whole org.'
        );
    }
    const snapshot = fullSnapshot(mirror);
    return {
        snapshot,
        full: true,
        focus: {
            people: snapshot.leads.length + snapshot.contacts.length,
            accounts: snapshot.accounts.length
        },
        signalProblems: mirror.signalProblems()
    };
}

/**
 * Evaluates the whole mirror in account groups, so that the engine keeps one group's
 * indexes at a time instead of the whole org's. An org within one group (20,000 people
 * and accounts) gets exactly the plan of one whole evaluation. In a larger one, two
 * choices follow the order of the groups instead of one org-wide order: which rep a
 * workload pick chooses, and the level of a rep's breaches in the same evaluation. The
 * parts are merged because the cycle journals and writes one plan.
 */
function evaluateWhole(snapshot: OrgSnapshot, policy: Policy, now: Date): Evaluation {
    const parts = [...evaluateInChunks(snapshot, policy, now)];
    logger.debug(`evaluated in parts=${parts.length}`);
    return mergeEvaluations(parts);
}

/**
 * Evaluates the whole mirror (`full`) or the seeds with their context, and plans the
 * writes. A focus that cannot be closed falls back to the whole mirror.
 */
export function evaluateStep(
    mirror: OrgMirror,
    seeds: Seeds,
    policy: Policy,
    now: Date,
    full: boolean
): EvaluationStep {
    const scope = scopeOf(mirror, seeds, policy, now, full);
    let evaluation: Evaluation;
    try {
        evaluation = scope.full
            ? evaluateWhole(scope.snapshot, policy, now)
            : evaluate(scope.snapshot, policy, now);
    } catch (error) {
        throw new EvaluationError(error);
    }
    if (scope.signalProblems.length > 0) {
        evaluation = {
            ...evaluation,
            problems: [...scope.signalProblems, ...evaluation.problems]
        };
    }
    const plan = planWrites(
        evaluation,
        mirror,
        { writeScorecards: scope.full },
        localDate(now, orgTimeZone(mirror))
    );
    return { full: scope.full, focus: scope.focus, evaluation, plan };
}
