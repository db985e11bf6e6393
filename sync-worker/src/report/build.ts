/**
 * Builds the SLA report from an org, one section after another (each section is a few
 * SOQL queries, so a live org spends about 20 API calls on a report).
 */
import {
    breachCounts,
    completenessCounts,
    lastEvaluatedAt,
    lifecycleCounts,
    monthRates,
    openClockCounts,
    routingCounts
} from './sections';
import type { ReportSource } from './source';
import { teams, urgentClocks } from './teams';
import type { SlaReport } from './types';

/** Reads the report from `source`; `now` is the time overdue clocks are measured against. */
export async function buildReport(
    source: ReportSource,
    now: Date = new Date()
): Promise<SlaReport> {
    return {
        source: source.description,
        generatedAt: now.toISOString(),
        lastEvaluatedAt: await lastEvaluatedAt(source),
        lifecycle: await lifecycleCounts(source),
        routing: await routingCounts(source),
        openClocks: await openClockCounts(source),
        breaches: await breachCounts(source),
        months: await monthRates(source),
        meddpicc: await completenessCounts(source),
        teams: await teams(source),
        urgentClocks: await urgentClocks(source)
    };
}
