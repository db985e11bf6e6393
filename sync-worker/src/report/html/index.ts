/**
 * The SLA report as one self-contained HTML page with five charts, each with a caption
 * that names its source and a table of its figures.
 */
import type { ChartData } from '../chart-types';
import { HOUR_WINDOW_CLOCK_TYPES } from '../response-times';
import type { SlaReport } from '../types';
import { dueSpec, funnelSpec, responseSpec } from './clock-specs';
import type { TopLevelSpec } from './libraries';
import { pageHtml, type Figure } from './page';
import { rejectionSpec, teamBreachSpec } from './rate-specs';
import { chartLibraries, renderSvg } from './svg';
import { dueTable, funnelTable, rejectionTable, responseTable, teamRateTable } from './tables';

/** A figure before rendering: its spec instead of its SVG. */
interface FigurePlan extends Omit<Figure, 'svg'> {
    /** Null when there is nothing to draw. */
    readonly spec: TopLevelSpec | null;
}

function breachFigure(data: ChartData): FigurePlan {
    const { thresholds } = data;
    const drawn = data.teamRates.some((rate) => rate.breachRate !== null);
    return {
        id: 'team-breach-rate',
        title: 'Breach rate by team and month',
        caption: `From the worker's Team scorecards (SLA_Scorecard__c, scope Team): for the reps of each manager, the response clocks that fell due in the month (Due_At__c in the month in ${data.timeZone}, status Met or Breached) and how many breached. These are the figures the Team Remediation rule compares with its threshold of ${thresholds.teamBreachRatePercent}% with at least ${thresholds.teamMinClocksDue} clocks due. The worker keeps the current month and the ${thresholds.probationConsecutiveMonths} before it up to date, so a month appears once the worker has evaluated it. Teams differ in colour, point shape and line dash.`,
        emptyText: 'No Team scorecard has a response clock due yet.',
        spec: drawn ? teamBreachSpec(data.teamRates, thresholds, data.currentPeriod) : null,
        table: drawn ? teamRateTable(data.teamRates, data.currentPeriod) : null
    };
}

function rejectionFigure(report: SlaReport, data: ChartData): FigurePlan {
    const { thresholds } = data;
    const drawn = report.months.some((month) => month.rejectionRate !== null);
    return {
        id: 'rejection-rate',
        title: 'Rejection rate by month against the probation threshold',
        caption: `From the worker's Marketing scorecard (SLA_Scorecard__c, scope Marketing): the leads handed to Sales or an SDR in the month (their first Sales or SDR response clock started) that Sales has rejected since, disputes overturned excepted, over the leads handed off in that month. Above ${thresholds.rejectionRatePercent}% in each of the last ${thresholds.probationConsecutiveMonths} complete months opens a Marketing Probation review; the dashed rule is that threshold.`,
        emptyText: 'No Marketing scorecard has a hand-off yet.',
        spec: drawn ? rejectionSpec(report.months, thresholds, data.currentPeriod) : null,
        table: drawn ? rejectionTable(report.months, data) : null
    };
}

function responseFigure(data: ChartData): FigurePlan {
    const drawn = data.responseWindows.length > 0;
    return {
        id: 'response-times',
        title: 'Response time distribution against each window',
        caption: `From the resolved SLA clocks with hour windows (${HOUR_WINDOW_CLOCK_TYPES.join(', ')}; status Met or Breached): business hours from Started_At__c to Completed_At__c, the first action, in ${data.businessHours}. Clocks are grouped by type and by window, the business hours from Started_At__c to Due_At__c. The dashed rule is the window, so bars left of it met it. A breached clock with no action recorded counts as not answered and has no bar.`,
        emptyText: 'No hour-window clock is met or breached yet.',
        spec: drawn ? responseSpec(data.responseWindows) : null,
        table: drawn ? responseTable(data.responseWindows) : null
    };
}

function funnelFigure(data: ChartData): FigurePlan {
    const drawn = data.funnel.some((step) => step.reached > 0);
    return {
        id: 'lifecycle-funnel',
        title: 'Funnel by lifecycle stage',
        caption:
            'From Lifecycle_Stage__c of the unconverted leads, the contacts and the accounts as they are now. Stages only move forward, so the records at a stage or a later one are those that reached it: the light bar and its number. The dark bar and the number in brackets are the records at the stage now. Records without a stage are left out.',
        emptyText: 'No lead, contact or account has a lifecycle stage yet.',
        spec: drawn ? funnelSpec(data.funnel) : null,
        table: drawn ? funnelTable(data.funnel) : null
    };
}

function dueFigure(report: SlaReport, data: ChartData): FigurePlan {
    const drawn = data.dueBuckets.length > 0;
    return {
        id: 'open-clocks-by-due-time',
        title: 'Open clocks by due time',
        caption: `From the SLA clocks with status Open or Warning, by Due_At__c against the report's time (${report.generatedAt}), in elapsed hours; "today" ends at midnight in ${data.timeZone}. An overdue clock breaches at the worker's next evaluation. Each panel is one due-time bucket with its total, and each bar one clock type with its count.`,
        emptyText: 'No clock is open.',
        spec: drawn ? dueSpec(data.dueBuckets) : null,
        table: drawn ? dueTable(data.dueBuckets) : null
    };
}

/** Renders the page; the charts are drawn one after another. */
export async function renderHtmlReport(report: SlaReport, data: ChartData): Promise<string> {
    const plans = [
        breachFigure(data),
        rejectionFigure(report, data),
        responseFigure(data),
        funnelFigure(data),
        dueFigure(report, data)
    ];
    const figures: Figure[] = [];
    for (const { spec, ...plan } of plans) {
        figures.push({ ...plan, svg: spec === null ? null : await renderSvg(spec, plan.title) });
    }
    const facts = {
        report,
        timeZone: data.timeZone,
        businessHours: data.businessHours,
        policy: `${data.thresholds.source}, policy version ${data.thresholds.policyVersion}`,
        libraries: await chartLibraries()
    };
    return pageHtml(facts, figures);
}
