/**
 * The figures behind the charts of the HTML report. The monthly rejection rates come
 * from `SlaReport.months`; everything else the charts need is here.
 */
import type { StageCount } from './types';

/** Breach rate of one team (the reps of one manager) in one month, from its Team scorecard. */
export interface TeamMonthRate {
    /** `YYYY-MM` in the org's time zone. */
    readonly period: string;
    readonly managerId: string;
    /** The manager's name, or the Id when the manager is not readable. */
    readonly team: string;
    /** Response clocks of the team's reps that fell due in the month (status Met or Breached). */
    readonly clocksDue: number;
    readonly breaches: number;
    /** Percent with two decimals; null when no clock fell due. */
    readonly breachRate: number | null;
    /** The worker flagged the month: above the team threshold with enough clocks due. */
    readonly flagged: boolean;
}

/** The policy figures the charts draw as rule lines. */
export interface ChartThresholds {
    /** Origin of the thresholds: the custom metadata record or a policy file. */
    readonly source: string;
    readonly policyVersion: string;
    /** A team above this breach rate (percent) gets a Team Remediation review... */
    readonly teamBreachRatePercent: number;
    /** ...when at least this many response clocks fell due in the month. */
    readonly teamMinClocksDue: number;
    /** Marketing above this rejection rate (percent)... */
    readonly rejectionRatePercent: number;
    /** ...in this many complete months in a row goes on probation. */
    readonly probationConsecutiveMonths: number;
}

/** One bar of a response time histogram: responses in [start, end) business hours. */
export interface ResponseBin {
    readonly start: number;
    readonly end: number;
    /** True for the last bin, which also contains every later response. */
    readonly overflow: boolean;
    readonly inTime: number;
    readonly late: number;
}

/**
 * Resolved clocks of one type whose window has one length: how fast the responsible
 * user acted, in business hours after the clock started.
 */
export interface ResponseWindow {
    readonly clockType: string;
    /** Business hours from the clock's start to its due time, rounded to 0.01. */
    readonly windowHours: number;
    /** Met clocks: acted on at or before the due time. */
    readonly met: number;
    /** Breached clocks acted on after the due time. */
    readonly late: number;
    /** Breached clocks with no action recorded. */
    readonly unanswered: number;
    /** Business hours to the first action of the met and late clocks, ascending. */
    readonly responseHours: readonly number[];
    readonly bins: readonly ResponseBin[];
}

/** Buckets of open clocks by due time, most urgent first. */
export const DUE_BUCKETS = [
    'Overdue',
    'Due within 1 hour',
    'Due in 1 to 4 hours',
    'Due later today',
    'Due tomorrow or later',
    'No due time'
] as const;

export type DueBucket = (typeof DUE_BUCKETS)[number];

/** Open clocks of one type in one due-time bucket. */
export interface DueBucketCount {
    readonly bucket: DueBucket;
    readonly clockType: string;
    readonly count: number;
}

/** One step of the lifecycle funnel for one object. */
export interface FunnelStep {
    readonly object: StageCount['object'];
    readonly stage: string;
    /** Records at this stage now. */
    readonly atStage: number;
    /** Records at this stage or a later one, which stages only reach by passing this one. */
    readonly reached: number;
}

/** Everything the charts draw besides the text report's own figures. */
export interface ChartData {
    /** IANA zone that "today" and the months are counted in. */
    readonly timeZone: string;
    /** `YYYY-MM` of the report's time in that zone: the month still in progress. */
    readonly currentPeriod: string;
    /** The business hours the response times are measured in, in words. */
    readonly businessHours: string;
    readonly thresholds: ChartThresholds;
    readonly teamRates: readonly TeamMonthRate[];
    readonly responseWindows: readonly ResponseWindow[];
    readonly dueBuckets: readonly DueBucketCount[];
    readonly funnel: readonly FunnelStep[];
}
