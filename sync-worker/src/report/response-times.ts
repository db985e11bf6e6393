/**
 * Time to first response of the resolved hour-window clocks, in business hours, against
 * each clock's window. A met clock's `Completed_At__c` is the action that met it. A
 * breached clock's is a late action, or empty when no action was recorded. Cancelled
 * clocks and the calendar-day clocks (nurture, committee, follow-up) measure no response.
 */
import { z } from 'zod';
import { businessMillisBetween } from '../policy/business-time';
import { HOUR_MS } from '../policy/time-frames';
import { composeSoql } from '../salesforce/soql';
import { sfDateTime } from '../schema/records';
import type { ResponseBin, ResponseWindow } from './chart-types';
import type { OrgCalendars } from './org-calendar';
import { parseRows } from './sections';
import type { ReportSource } from './source';

/** Clock types whose windows run in business hours, in the order the charts show them. */
export const HOUR_WINDOW_CLOCK_TYPES = [
    'Response',
    'Re-engagement',
    'Dispute Review',
    'Dispute Follow Up'
] as const;

const RESOLVED_CLOCKS_SOQL = composeSoql({
    object: 'SLA_Clock__c',
    fields: [
        'Type__c',
        'Status__c',
        'Started_At__c',
        'Due_At__c',
        'Completed_At__c',
        'Business_Hours_Id__c'
    ],
    where: [
        { field: 'Type__c', operator: 'IN', value: { texts: HOUR_WINDOW_CLOCK_TYPES } },
        { field: 'Status__c', operator: 'IN', value: { texts: ['Met', 'Breached'] } }
    ]
});

/** Histogram bars per window: four per window length, up to twice the window. */
const BINS_PER_WINDOW = 4;
const WINDOWS_SHOWN = 2;

const instant = sfDateTime.nullable().optional();

const clockRow = z.object({
    Type__c: z.string(),
    Status__c: z.enum(['Met', 'Breached']),
    Started_At__c: instant,
    Due_At__c: instant,
    Completed_At__c: instant,
    Business_Hours_Id__c: z
        .string()
        .nullable()
        .optional()
        .transform((value) => value ?? null)
});

/** One resolved clock measured in business hours. */
export interface MeasuredClock {
    readonly clockType: string;
    readonly windowHours: number;
    readonly status: 'Met' | 'Breached';
    /** Business hours from the start to the first action; null when none was recorded. */
    readonly responseHours: number | null;
}

function roundHours(millis: number): number {
    return Math.round((millis * 100) / HOUR_MS) / 100;
}

/** Returns the histogram of response times for a window of `windowHours`. */
export function responseBins(
    samples: readonly { hours: number; inTime: boolean }[],
    windowHours: number
): ResponseBin[] {
    const width = Math.max(windowHours, 0.04) / BINS_PER_WINDOW;
    const regular = BINS_PER_WINDOW * WINDOWS_SHOWN;
    const bins = Array.from({ length: regular + 1 }, (_, index) => ({
        start: roundHours(index * width * HOUR_MS),
        end: roundHours((index + 1) * width * HOUR_MS),
        overflow: index === regular,
        inTime: 0,
        late: 0
    }));
    for (const sample of samples) {
        const index = Math.min(Math.floor(sample.hours / width), regular);
        const bin = bins[Math.max(index, 0)];
        if (bin !== undefined) {
            bin.inTime += sample.inTime ? 1 : 0;
            bin.late += sample.inTime ? 0 : 1;
        }
    }
    return bins;
}

/** Groups measured clocks by type and window length, in chart order. */
export function groupByWindow(clocks: readonly MeasuredClock[]): ResponseWindow[] {
    const groups = new Map<
        string,
        { clockType: string; windowHours: number; members: MeasuredClock[] }
    >();
    for (const clock of clocks) {
        const key = `${clock.clockType}|${clock.windowHours}`;
        const group = groups.get(key) ?? {
            clockType: clock.clockType,
            windowHours: clock.windowHours,
            members: []
        };
        group.members.push(clock);
        groups.set(key, group);
    }
    const typeRank = (type: string): number => {
        const rank = (HOUR_WINDOW_CLOCK_TYPES as readonly string[]).indexOf(type);
        return rank < 0 ? HOUR_WINDOW_CLOCK_TYPES.length : rank;
    };
    const windows = [...groups.values()].map(({ clockType, windowHours, members }) => {
        const samples = members.flatMap((clock) =>
            clock.responseHours === null
                ? []
                : [{ hours: clock.responseHours, inTime: clock.status === 'Met' }]
        );
        return {
            clockType,
            windowHours,
            met: members.filter((clock) => clock.status === 'Met').length,
            late: members.filter(
                (clock) => clock.status === 'Breached' && clock.responseHours !== null
            ).length,
            unanswered: members.filter(
                (clock) => clock.status === 'Breached' && clock.responseHours === null
            ).length,
            responseHours: samples.map((sample) => sample.hours).sort((a, b) => a - b),
            bins: responseBins(samples, windowHours)
        };
    });
    return windows.sort(
        (left, right) =>
            typeRank(left.clockType) - typeRank(right.clockType) ||
            left.clockType.localeCompare(right.clockType) ||
            left.windowHours - right.windowHours
    );
}

/**
 * Returns the value at percentile `percent` (0-100) of ascending `values` by the
 * nearest-rank method, or null for no values.
 */
export function percentile(values: readonly number[], percent: number): number | null {
    if (values.length === 0) {
        return null;
    }
    const rank = Math.max(1, Math.ceil((percent / 100) * values.length));
    return values[Math.min(rank, values.length) - 1] ?? null;
}

/** Reads the resolved hour-window clocks and measures each in its own business hours. */
export async function responseWindows(
    source: ReportSource,
    calendars: OrgCalendars
): Promise<ResponseWindow[]> {
    // NOTE: a live org returns at most MAX_LIVE_ROWS rows per query (source.ts), so an org
    // with more resolved hour-window clocks is measured on the first ones returned.
    const rows = parseRows(
        clockRow,
        await source.records(RESOLVED_CLOCKS_SOQL),
        RESOLVED_CLOCKS_SOQL
    );
    const measured: MeasuredClock[] = [];
    for (const row of rows) {
        const started = row.Started_At__c ?? null;
        const due = row.Due_At__c ?? null;
        // The worker sets both on every clock it starts; a clock without them has no window.
        if (started === null || due === null) {
            continue;
        }
        const calendar = calendars.calendarOf(row.Business_Hours_Id__c);
        const completed = row.Completed_At__c ?? null;
        measured.push({
            clockType: row.Type__c,
            windowHours: roundHours(businessMillisBetween(started, due, calendar)),
            status: row.Status__c,
            responseHours:
                completed === null
                    ? null
                    : roundHours(Math.max(0, businessMillisBetween(started, completed, calendar)))
        });
    }
    return groupByWindow(measured);
}
