/**
 * Open clocks by how soon they fall due, measured in elapsed time from the report's
 * `now`; "today" ends at midnight in the org's time zone.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { HOUR_MS } from '../policy/time-frames';
import { sfDateTime } from '../schema/records';
import { DUE_BUCKETS, type DueBucket, type DueBucketCount } from './chart-types';
import { OPEN_CLOCK_FILTER, parseRows } from './sections';
import type { ReportSource } from './source';

const OPEN_CLOCKS_SOQL = `SELECT Type__c, Due_At__c FROM SLA_Clock__c WHERE ${OPEN_CLOCK_FILTER}`;

const NO_TYPE = '(no type)';

const openClockRow = z.object({
    Type__c: z
        .string()
        .nullable()
        .optional()
        .transform((value) => value ?? NO_TYPE),
    Due_At__c: sfDateTime.nullable().optional()
});

/** Returns the bucket of a clock due at `due`, seen at `now`; `endOfToday` is the next local midnight. */
export function dueBucketOf(due: Date | null, now: Date, endOfToday: Date): DueBucket {
    if (due === null) {
        return 'No due time';
    }
    const left = due.getTime() - now.getTime();
    if (left < 0) {
        return 'Overdue';
    }
    if (left < HOUR_MS) {
        return 'Due within 1 hour';
    }
    if (left < 4 * HOUR_MS) {
        return 'Due in 1 to 4 hours';
    }
    return due.getTime() < endOfToday.getTime() ? 'Due later today' : 'Due tomorrow or later';
}

/** Returns the next midnight after `now` in `timeZone`. */
export function endOfDayIn(now: Date, timeZone: string): Date {
    return DateTime.fromJSDate(now, { zone: timeZone }).startOf('day').plus({ days: 1 }).toJSDate();
}

/** Counts clocks by bucket and type, buckets in urgency order and types by name. */
export function countByBucket(
    clocks: readonly { clockType: string; due: Date | null }[],
    now: Date,
    timeZone: string
): DueBucketCount[] {
    const endOfToday = endOfDayIn(now, timeZone);
    const counts = new Map<string, DueBucketCount>();
    for (const clock of clocks) {
        const bucket = dueBucketOf(clock.due, now, endOfToday);
        const key = `${bucket}|${clock.clockType}`;
        const count = counts.get(key)?.count ?? 0;
        counts.set(key, { bucket, clockType: clock.clockType, count: count + 1 });
    }
    return [...counts.values()].sort(
        (left, right) =>
            DUE_BUCKETS.indexOf(left.bucket) - DUE_BUCKETS.indexOf(right.bucket) ||
            left.clockType.localeCompare(right.clockType)
    );
}

/** Reads the open clocks (status Open or Warning) and counts them by due-time bucket. */
export async function openClocksByDue(
    source: ReportSource,
    now: Date,
    timeZone: string
): Promise<DueBucketCount[]> {
    const rows = parseRows(openClockRow, await source.records(OPEN_CLOCKS_SOQL), OPEN_CLOCKS_SOQL);
    const clocks = rows.map((row) => ({ clockType: row.Type__c, due: row.Due_At__c ?? null }));
    return countByBucket(clocks, now, timeZone);
}
