/**
 * The SLA report: what the worker's last cycle left in the org, read back through SOQL.
 * Every count is of records as they are now. Rates by month come from the worker's
 * scorecards, which cover the current month and the months the probation rule reads.
 */

/** Records of one object at one lifecycle stage; `stage` null means the worker set none. */
export interface StageCount {
    readonly object: 'Lead' | 'Contact' | 'Account';
    readonly stage: string | null;
    readonly count: number;
}

/** Unconverted leads by routing decision and source tier. */
export interface RoutingCount {
    readonly decision: string | null;
    readonly sourceTier: string | null;
    readonly count: number;
}

/** Open clocks (status Open or Warning) by status and type. */
export interface ClockCount {
    readonly status: string;
    readonly type: string | null;
    readonly count: number;
}

/** Breaches by escalation level and action. */
export interface BreachCount {
    readonly level: number | null;
    readonly action: string | null;
    readonly count: number;
}

/** Figures of one month from the scorecards. Rates are percentages, null with nothing due. */
export interface MonthRates {
    /** `YYYY-MM`. */
    readonly period: string;
    /** Response clocks of reps that fell due in the month, and how many breached. */
    readonly responseClocksDue: number;
    readonly responseBreaches: number;
    readonly breachRate: number | null;
    /** Leads handed to Sales in the month, and how many Sales rejected. */
    readonly handoffs: number;
    readonly rejections: number;
    readonly rejectionRate: number | null;
}

/** Accounts whose best open opportunity is at one MEDDPICC completeness range. */
export interface CompletenessCount {
    /** Label of the range, such as `100%` or `1-49%`; `not set` when the worker wrote none. */
    readonly range: string;
    readonly count: number;
}

/** One user in a team, with the work they hold. */
export interface TeamMember {
    readonly id: string;
    readonly name: string;
    readonly slaTeam: string | null;
    readonly openOpportunities: number;
    readonly openClocks: number;
    readonly breaches: number;
}

/** The active reps of one manager (`User.ManagerId`); `managerId` null groups owners without one. */
export interface Team {
    readonly managerId: string | null;
    readonly managerName: string;
    readonly members: TeamMember[];
}

/** One of the most urgent open clocks. */
export interface UrgentClock {
    readonly name: string;
    readonly type: string | null;
    readonly status: string;
    /** ISO datetime. */
    readonly dueAt: string | null;
    /** The responsible user, or the responsible team when a queue owns the record. */
    readonly responsible: string;
    /** The lead, contact or account the clock is about. */
    readonly record: string;
    readonly reason: string | null;
}

/** The whole report. */
export interface SlaReport {
    /** The org it was read from: a data folder or an instance URL. */
    readonly source: string;
    /** ISO datetime the report was made, which "overdue" is measured against. */
    readonly generatedAt: string;
    /** Latest `Last_Evaluated_At__c` of any lead, or null when the worker evaluated none. */
    readonly lastEvaluatedAt: string | null;
    readonly lifecycle: StageCount[];
    readonly routing: RoutingCount[];
    readonly openClocks: ClockCount[];
    readonly breaches: BreachCount[];
    readonly months: MonthRates[];
    readonly meddpicc: CompletenessCount[];
    readonly teams: Team[];
    readonly urgentClocks: UrgentClock[];
}
