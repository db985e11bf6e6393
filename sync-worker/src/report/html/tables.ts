/**
 * The data table under each chart: the figures the chart draws, for print, for screen
 * readers and for anyone who wants the numbers.
 */
import type {
    ChartData,
    DueBucketCount,
    FunnelStep,
    ResponseWindow,
    TeamMonthRate
} from '../chart-types';
import { percentile } from '../response-times';
import type { MonthRates } from '../types';
import { hoursText } from './clock-specs';
import { escapeHtml } from './escape';
import { monthLabel } from './rate-specs';

/** A cell: text, or a number that is right-aligned. */
type Cell = string | number;

const COUNT_FORMAT = new Intl.NumberFormat('en-US');

function cellHtml(cell: Cell): string {
    return typeof cell === 'number'
        ? `<td class="num">${COUNT_FORMAT.format(cell)}</td>`
        : `<td>${escapeHtml(cell)}</td>`;
}

/** Returns a table whose header row contains `headers`, one per column. */
export function htmlTable(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
    const head = headers.map((header) => `<th scope="col">${escapeHtml(header)}</th>`).join('');
    const body = rows.map((row) => `<tr>${row.map(cellHtml).join('')}</tr>`).join('\n');
    return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

function rateText(rate: number | null): string {
    return rate === null ? 'none due' : `${rate}%`;
}

function optionalHours(hours: number | null): string {
    return hours === null ? '-' : hoursText(hours);
}

export function teamRateTable(rates: readonly TeamMonthRate[], currentPeriod: string): string {
    return htmlTable(
        ['Month', 'Team (manager)', 'Response clocks due', 'Breached', 'Breach rate', 'Flagged'],
        rates.map((rate) => [
            monthLabel(rate.period, currentPeriod),
            rate.team,
            rate.clocksDue,
            rate.breaches,
            rateText(rate.breachRate),
            rate.flagged ? 'yes' : 'no'
        ])
    );
}

export function rejectionTable(
    months: readonly MonthRates[],
    data: Pick<ChartData, 'thresholds' | 'currentPeriod'>
): string {
    const limit = data.thresholds.rejectionRatePercent;
    return htmlTable(
        ['Month', 'Hand-offs', 'Rejected', 'Rejection rate', `Above ${limit}%`],
        months.map((month) => [
            monthLabel(month.period, data.currentPeriod),
            month.handoffs,
            month.rejections,
            month.rejectionRate === null ? 'no hand-offs' : `${month.rejectionRate}%`,
            month.rejectionRate !== null && month.rejectionRate > limit ? 'yes' : 'no'
        ])
    );
}

export function responseTable(windows: readonly ResponseWindow[]): string {
    return htmlTable(
        [
            'Clock type',
            'Window',
            'Met',
            'Answered late',
            'Not answered',
            'Median',
            '90th percentile',
            'Slowest'
        ],
        windows.map((group) => [
            group.clockType,
            hoursText(group.windowHours),
            group.met,
            group.late,
            group.unanswered,
            optionalHours(percentile(group.responseHours, 50)),
            optionalHours(percentile(group.responseHours, 90)),
            optionalHours(group.responseHours[group.responseHours.length - 1] ?? null)
        ])
    );
}

export function funnelTable(steps: readonly FunnelStep[]): string {
    const stages = [...new Set(steps.map((step) => step.stage))];
    const find = (object: FunnelStep['object'], stage: string): FunnelStep | undefined =>
        steps.find((step) => step.object === object && step.stage === stage);
    return htmlTable(
        [
            'Stage',
            'Leads at stage',
            'Leads reached',
            'Contacts at stage',
            'Contacts reached',
            'Accounts at stage',
            'Accounts reached'
        ],
        stages.map((stage) => [
            stage,
            ...(['Lead', 'Contact', 'Account'] as const).flatMap((object) => [
                find(object, stage)?.atStage ?? 0,
                find(object, stage)?.reached ?? 0
            ])
        ])
    );
}

export function dueTable(counts: readonly DueBucketCount[]): string {
    return htmlTable(
        ['Due', 'Clock type', 'Open clocks'],
        counts.map((entry) => [entry.bucket, entry.clockType, entry.count])
    );
}
