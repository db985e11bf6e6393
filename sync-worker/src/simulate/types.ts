/**
 * The decisions a replay records under one policy, and the comparison of two replays
 * that `lead-sla simulate` prints. Times are ISO 8601 text in the JSON output.
 */

/** A routing decision: a route clock started (response or nurture), or a hold for approval. */
export interface RouteDecision {
    readonly personId: string;
    /** `Sales 1h`, `Sales 4h`, `SDR 24h`, `Nurture` or `Awaiting Approval`. */
    readonly decision: string;
    /** The event that caused the route (creation, rise in intent, approval). */
    readonly trigger: Date;
    readonly decidedAt: Date;
    /** Due time of the route clock; null for a hold. */
    readonly dueAt: Date | null;
    readonly reason: string;
}

/** A handoff: a lead's first Sales or SDR response clock, or an account handed to Sales. */
export interface HandoffDecision {
    readonly subjectId: string;
    readonly object: 'Lead' | 'Account';
    readonly at: Date;
    readonly reason: string;
}

/** A breached clock and the escalation it caused. */
export interface BreachDecision {
    readonly key: string;
    readonly clockKey: string;
    /** The clock key without the route kind, so breaches of the same route under two policies pair up. */
    readonly pairKey: string;
    readonly subjectId: string;
    readonly clockType: string;
    readonly breachedAt: Date;
    /** `Reminder`, `Manager Notified`, `Reassigned`, `Recycled` or `Reverted To Marketing`. */
    readonly action: string;
    readonly level: number;
    readonly responsibleUserId: string | null;
    readonly reassignedTo: string | null;
    /** Reasons of the breach, of the clock when it started, and of the escalation. */
    readonly breachReason: string;
    readonly clockReason: string;
    readonly escalationReason: string;
    /** Hours the clock stayed overdue within the replay: until its late completion or the end. */
    readonly overdueHours: number;
}

/** A review the policy opened: rep breach, team remediation, marketing probation, dispute decision. */
export interface ReviewDecision {
    readonly key: string;
    readonly type: string;
    readonly subjectId: string | null;
    readonly period: string | null;
    readonly startsAt: Date;
    readonly reason: string;
}

/** Everything one replay decided within its window. */
export interface DecisionLog {
    readonly routes: readonly RouteDecision[];
    readonly handoffs: readonly HandoffDecision[];
    readonly breaches: readonly BreachDecision[];
    readonly reviews: readonly ReviewDecision[];
    /** Evaluations run, and how many of them covered the whole org. */
    readonly evaluations: number;
    readonly fullEvaluations: number;
}

export const DECISION_CATEGORIES = ['route', 'handoff', 'breach', 'escalation', 'review'] as const;
export type DecisionCategory = (typeof DECISION_CATEGORIES)[number];

/** One side of a difference: what the policy decided, in words, and the engine's reason. */
export interface DecisionSide {
    readonly summary: string;
    readonly at: Date;
    readonly reason: string;
}

/**
 * A decision that differs between the two policies. `added`: only the given policy makes
 * it; `removed`: only the current one does; `changed`: both, differently.
 */
export interface Difference {
    readonly category: DecisionCategory;
    readonly change: 'added' | 'removed' | 'changed';
    readonly key: string;
    readonly subject: { readonly id: string; readonly object: string; readonly name: string };
    readonly current: DecisionSide | null;
    readonly given: DecisionSide | null;
    /** Size of the difference in hours (see docs/simulate.md); the largest are listed first. */
    readonly impactHours: number;
}

/** Counts of one category under each policy and of its differences. */
export interface CategoryTotals {
    readonly current: number;
    readonly given: number;
    readonly added: number;
    readonly removed: number;
    readonly changed: number;
}

/** A policy field whose value differs between the two policies. */
export interface PolicyChange {
    readonly field: string;
    readonly current: unknown;
    readonly given: unknown;
}

/** The result of `lead-sla simulate`. */
export interface SimulationResult {
    readonly org: string;
    readonly from: Date;
    readonly to: Date;
    readonly currentPolicy: { readonly source: string; readonly version: string };
    readonly givenPolicy: {
        readonly source: string;
        readonly version: string;
        readonly changes: readonly PolicyChange[];
    };
    /** Changes in the history within the window. */
    readonly events: number;
    /** Minutes between two cycles of the simulated worker. */
    readonly cycleMinutes: number;
    readonly invalidRecords: number;
    readonly replays: {
        readonly current: { readonly evaluations: number; readonly fullEvaluations: number };
        readonly given: { readonly evaluations: number; readonly fullEvaluations: number };
    };
    readonly totals: Readonly<Record<DecisionCategory, CategoryTotals>>;
    /** Every difference, largest first. */
    readonly differences: readonly Difference[];
}
