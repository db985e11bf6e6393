/**
 * Comparing the decisions of two replays. Routes and handoffs are compared per person
 * or account, as the sequence made in the window. Breaches are compared per clock, with
 * the route kind left out of the clock's key, so that the breach of a lead's Sales route
 * pairs with the breach of the SDR route the other policy chose. Escalations (any
 * action beyond a reminder) are compared per breach, and reviews per key.
 */
import { isReassignedClock } from './decisions';
import {
    DECISION_CATEGORIES,
    type BreachDecision,
    type CategoryTotals,
    type DecisionCategory,
    type DecisionLog,
    type DecisionSide,
    type Difference,
    type HandoffDecision,
    type ReviewDecision,
    type RouteDecision
} from './types';

const HOUR_MS = 3_600_000;

/** Ordinal order of two texts, as the keys of differences sort. */
function compareText(left: string, right: string): number {
    if (left === right) {
        return 0;
    }
    return left < right ? -1 : 1;
}

/** Display name and object of a record Id, for the subjects of differences. */
export type NameLookup = (id: string) => { readonly object: string; readonly name: string };

/** Hours between two times; a missing time counts as the end of the replay. */
function hoursBetween(
    first: Date | null | undefined,
    second: Date | null | undefined,
    end: Date
): number {
    const a = (first ?? end).getTime();
    const b = (second ?? end).getTime();
    return Math.abs(a - b) / HOUR_MS;
}

function rounded(hours: number): number {
    return Math.round(hours * 100) / 100;
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
    const groups = new Map<string, T[]>();
    for (const item of items) {
        const key = keyOf(item);
        const group = groups.get(key);
        if (group === undefined) {
            groups.set(key, [item]);
        } else {
            group.push(item);
        }
    }
    return groups;
}

function changeOf(current: unknown, given: unknown): Difference['change'] {
    if (current === undefined || current === null) {
        return 'added';
    }
    return given === undefined || given === null ? 'removed' : 'changed';
}

/** Index of the first position where two sequences differ by `signature`, or -1. */
function firstDifference<T>(
    a: readonly T[],
    b: readonly T[],
    signature: (item: T) => string
): number {
    for (let index = 0; index < Math.max(a.length, b.length); index++) {
        const left = a[index];
        const right = b[index];
        if (left === undefined || right === undefined || signature(left) !== signature(right)) {
            return index;
        }
    }
    return -1;
}

/** Compares routes person by person. */
function compareRoutes(
    current: DecisionLog,
    given: DecisionLog,
    names: NameLookup,
    end: Date
): Difference[] {
    const signature = (route: RouteDecision): string =>
        `${route.decision}|${route.trigger.toISOString()}`;
    const side = (route: RouteDecision | undefined): DecisionSide | null =>
        route === undefined
            ? null
            : {
                  summary: `${route.decision}${route.dueAt === null ? '' : `, due ${route.dueAt.toISOString()}`}`,
                  at: route.decidedAt,
                  reason: route.reason
              };
    const byCurrent = groupBy(current.routes, (route) => route.personId);
    const byGiven = groupBy(given.routes, (route) => route.personId);
    const differences: Difference[] = [];
    for (const personId of new Set([...byCurrent.keys(), ...byGiven.keys()])) {
        const a = byCurrent.get(personId) ?? [];
        const b = byGiven.get(personId) ?? [];
        const index = firstDifference(a, b, signature);
        if (index < 0) {
            continue;
        }
        const left = a[index];
        const right = b[index];
        differences.push({
            category: 'route',
            change: changeOf(left, right),
            key: `route:${personId}`,
            subject: { id: personId, ...names(personId) },
            current: side(left),
            given: side(right),
            impactHours: rounded(
                Math.max(
                    hoursBetween(left?.dueAt, right?.dueAt, end),
                    hoursBetween(left?.decidedAt, right?.decidedAt, end)
                )
            )
        });
    }
    return differences;
}

/** Compares handoffs lead by lead and account by account. */
function compareHandoffs(
    current: DecisionLog,
    given: DecisionLog,
    names: NameLookup,
    end: Date
): Difference[] {
    const keyOf = (handoff: HandoffDecision): string => `${handoff.object}:${handoff.subjectId}`;
    const side = (handoff: HandoffDecision | undefined): DecisionSide | null =>
        handoff === undefined
            ? null
            : {
                  summary: `${handoff.object === 'Lead' ? 'Lead handed to Sales or an SDR' : 'Account handed to Sales'} at ${handoff.at.toISOString()}`,
                  at: handoff.at,
                  reason: handoff.reason
              };
    const byCurrent = groupBy(current.handoffs, keyOf);
    const byGiven = groupBy(given.handoffs, keyOf);
    const differences: Difference[] = [];
    for (const key of new Set([...byCurrent.keys(), ...byGiven.keys()])) {
        const a = byCurrent.get(key) ?? [];
        const b = byGiven.get(key) ?? [];
        const index = firstDifference(a, b, (handoff) => handoff.at.toISOString());
        if (index < 0) {
            continue;
        }
        const left = a[index];
        const right = b[index];
        const subjectId = (left ?? right)?.subjectId ?? '';
        differences.push({
            category: 'handoff',
            change: changeOf(left, right),
            key: `handoff:${key}`,
            subject: { id: subjectId, ...names(subjectId) },
            current: side(left),
            given: side(right),
            impactHours: rounded(hoursBetween(left?.at, right?.at, end))
        });
    }
    return differences;
}

function breachSide(breach: BreachDecision | undefined): DecisionSide | null {
    if (breach === undefined) {
        return null;
    }
    const overdue = breach.overdueHours.toFixed(1);
    const clock = breach.clockReason === '' ? '' : ` (clock: ${breach.clockReason})`;
    return {
        summary: `${breach.clockType} clock${isReassignedClock(breach.clockKey) ? ' (reassigned)' : ''} breached at ${breach.breachedAt.toISOString()}, overdue ${overdue} h`,
        at: breach.breachedAt,
        reason: `${breach.breachReason}${clock}`
    };
}

/** True when both policies breached the clock, of the same type, at the same time. */
function isSameBreach(left?: BreachDecision, right?: BreachDecision): boolean {
    if (left === undefined || right === undefined) {
        return false;
    }
    return (
        left.breachedAt.getTime() === right.breachedAt.getTime() &&
        left.clockType === right.clockType
    );
}

/** Compares breaches clock by clock. */
function compareBreaches(
    current: ReadonlyMap<string, BreachDecision>,
    given: ReadonlyMap<string, BreachDecision>,
    names: NameLookup
): Difference[] {
    const differences: Difference[] = [];
    for (const key of new Set([...current.keys(), ...given.keys()])) {
        const left = current.get(key);
        const right = given.get(key);
        if (isSameBreach(left, right)) {
            continue;
        }
        const change = changeOf(left, right);
        const subjectId = (left ?? right)?.subjectId ?? '';
        // A breach both policies make moves by the time between them; another lasts its overdue time.
        const impact =
            left !== undefined && right !== undefined
                ? Math.abs(left.breachedAt.getTime() - right.breachedAt.getTime()) / HOUR_MS
                : ((left ?? right)?.overdueHours ?? 0);
        differences.push({
            category: 'breach',
            change,
            key: `breach:${key}`,
            subject: { id: subjectId, ...names(subjectId) },
            current: breachSide(left),
            given: breachSide(right),
            impactHours: rounded(impact)
        });
    }
    return differences;
}

/** Tells whether a breach escalated: its action goes beyond a reminder. */
function isEscalated(breach: BreachDecision | undefined): breach is BreachDecision {
    return breach !== undefined && breach.action !== 'Reminder';
}

/** Compares escalations breach by breach. */
function compareEscalations(
    current: ReadonlyMap<string, BreachDecision>,
    given: ReadonlyMap<string, BreachDecision>,
    names: NameLookup
): Difference[] {
    const signature = (breach: BreachDecision | undefined): string | null =>
        isEscalated(breach)
            ? `${breach.action}|${breach.level}|${breach.reassignedTo ?? ''}`
            : null;
    const side = (breach: BreachDecision | undefined): DecisionSide | null => {
        if (!isEscalated(breach)) {
            return null;
        }
        const target = breach.reassignedTo === null ? '' : ` to ${names(breach.reassignedTo).name}`;
        return {
            summary: `${breach.action}${target} at breach ${breach.level} of the quarter`,
            at: breach.breachedAt,
            reason: breach.escalationReason
        };
    };
    const differences: Difference[] = [];
    for (const key of new Set([...current.keys(), ...given.keys()])) {
        const left = current.get(key);
        const right = given.get(key);
        if (signature(left) === signature(right)) {
            continue;
        }
        const subjectId = (left ?? right)?.subjectId ?? '';
        differences.push({
            category: 'escalation',
            change: changeOf(signature(left), signature(right)),
            key: `escalation:${key}`,
            subject: { id: subjectId, ...names(subjectId) },
            current: side(left),
            given: side(right),
            impactHours: rounded(Math.max(left?.overdueHours ?? 0, right?.overdueHours ?? 0))
        });
    }
    return differences;
}

/** Compares reviews by key. */
function compareReviews(
    current: DecisionLog,
    given: DecisionLog,
    names: NameLookup,
    end: Date
): Difference[] {
    const side = (review: ReviewDecision | undefined): DecisionSide | null =>
        review === undefined
            ? null
            : {
                  summary: `${review.type}${review.period === null ? '' : ` for ${review.period}`} opened at ${review.startsAt.toISOString()}`,
                  at: review.startsAt,
                  reason: review.reason
              };
    const byCurrent = new Map(current.reviews.map((review) => [review.key, review]));
    const byGiven = new Map(given.reviews.map((review) => [review.key, review]));
    const differences: Difference[] = [];
    for (const key of new Set([...byCurrent.keys(), ...byGiven.keys()])) {
        const left = byCurrent.get(key);
        const right = byGiven.get(key);
        if (left !== undefined && right !== undefined) {
            continue;
        }
        const review = left ?? right;
        const subjectId = review?.subjectId ?? null;
        differences.push({
            category: 'review',
            change: changeOf(left, right),
            key: `review:${key}`,
            subject:
                subjectId === null
                    ? { id: '', object: 'Organization', name: 'the org' }
                    : { id: subjectId, ...names(subjectId) },
            current: side(left),
            given: side(right),
            impactHours: rounded(hoursBetween(review?.startsAt, end, end))
        });
    }
    return differences;
}

/** Counts of each category under both policies and of its differences. */
function totalsOf(
    current: DecisionLog,
    given: DecisionLog,
    differences: readonly Difference[]
): Record<DecisionCategory, CategoryTotals> {
    const counts = (log: DecisionLog): Record<DecisionCategory, number> => ({
        route: log.routes.length,
        handoff: log.handoffs.length,
        breach: log.breaches.length,
        escalation: log.breaches.filter(isEscalated).length,
        review: log.reviews.length
    });
    const a = counts(current);
    const b = counts(given);
    const totals = {} as Record<DecisionCategory, CategoryTotals>;
    for (const category of DECISION_CATEGORIES) {
        const of = (change: Difference['change']): number =>
            differences.filter((entry) => entry.category === category && entry.change === change)
                .length;
        totals[category] = {
            current: a[category],
            given: b[category],
            added: of('added'),
            removed: of('removed'),
            changed: of('changed')
        };
    }
    return totals;
}

/**
 * Compares two replays and returns every difference, largest first (ties in category
 * order, then by key), with the totals of each category. `end` is the end of the window.
 */
export function compareLogs(
    current: DecisionLog,
    given: DecisionLog,
    names: NameLookup,
    end: Date
): { differences: Difference[]; totals: Record<DecisionCategory, CategoryTotals> } {
    const breachesOf = (log: DecisionLog): Map<string, BreachDecision> =>
        new Map(log.breaches.map((breach) => [breach.pairKey, breach]));
    const currentBreaches = breachesOf(current);
    const givenBreaches = breachesOf(given);
    const differences = [
        ...compareRoutes(current, given, names, end),
        ...compareHandoffs(current, given, names, end),
        ...compareBreaches(currentBreaches, givenBreaches, names),
        ...compareEscalations(currentBreaches, givenBreaches, names),
        ...compareReviews(current, given, names, end)
    ].sort(
        (a, b) =>
            b.impactHours - a.impactHours ||
            DECISION_CATEGORIES.indexOf(a.category) - DECISION_CATEGORIES.indexOf(b.category) ||
            compareText(a.key, b.key)
    );
    return { differences, totals: totalsOf(current, given, differences) };
}
