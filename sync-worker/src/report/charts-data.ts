/**
 * Reads the figures of the HTML report's charts from an org (about 10 SOQL queries on
 * top of the text report's).
 */
import { calendarMonthOf } from '../policy/business-time';
import type { ChartData } from './chart-types';
import { openClocksByDue } from './due-buckets';
import { funnelSteps } from './funnel';
import { readOrgCalendars } from './org-calendar';
import { readThresholds } from './policy-thresholds';
import { responseWindows } from './response-times';
import type { ReportSource } from './source';
import { teamMonthRates } from './team-rates';
import type { SlaReport } from './types';

/** Options of `buildChartData`. */
export interface ChartDataOptions {
    /** Policy file whose thresholds the charts draw; null reads the org's custom metadata. */
    readonly policyFile: string | null;
}

/**
 * Reads the chart figures. `report` is the text report read from the same source at
 * the same `now`: its lifecycle counts make the funnel.
 */
export async function buildChartData(
    source: ReportSource,
    report: SlaReport,
    options: ChartDataOptions
): Promise<ChartData> {
    const now = new Date(report.generatedAt);
    const calendars = await readOrgCalendars(source);
    return {
        timeZone: calendars.timeZone,
        currentPeriod: calendarMonthOf(now, calendars.timeZone),
        businessHours: calendars.description,
        thresholds: await readThresholds(source, options.policyFile),
        teamRates: await teamMonthRates(source),
        responseWindows: await responseWindows(source, calendars),
        dueBuckets: await openClocksByDue(source, now, calendars.timeZone),
        funnel: funnelSteps(report.lifecycle)
    };
}
