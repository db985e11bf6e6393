import { IANAZone } from 'luxon';
import { dayNumberOf, weekdayOf } from './civil-date';
import { BusinessTimeError } from './errors';
import { compileHoliday, type CompiledHoliday } from './holidays';
import type { BusinessHoursRecord, HolidayRecord } from './records';
import { isOpenAllWeek, readBusinessHours, type WeeklySchedule } from './schedule';
import { ZoneOffsets } from './zone-offsets';

const DAY_MS = 86_400_000;
const FIRST_YEAR = 1900;
const LAST_YEAR = 2999;

/**
 * Business time of one local calendar year: the open intervals as epoch milliseconds,
 * sorted and disjoint (adjacent intervals merged), with running totals so that an add
 * or a diff is a binary search instead of a walk over days.
 */
export interface YearTable {
    readonly year: number;
    /** Local midnight of January 1 and of the next January 1, as instants. */
    readonly fromMs: number;
    readonly toMs: number;
    readonly starts: readonly number[];
    readonly ends: readonly number[];
    /** Business milliseconds of this year before interval i, and up to its end. */
    readonly totalBefore: readonly number[];
    readonly totalAfter: readonly number[];
    readonly totalMs: number;
}

/** Returns the largest index whose value is at most `value`, or -1. */
export function lastIndexAtOrBefore(values: readonly number[], value: number): number {
    let low = 0;
    let high = values.length - 1;
    let found = -1;
    while (low <= high) {
        const middle = (low + high) >>> 1;
        if ((values[middle] ?? Infinity) <= value) {
            found = middle;
            low = middle + 1;
        } else {
            high = middle - 1;
        }
    }
    return found;
}

function subtractRange(ranges: [number, number][], from: number, to: number): [number, number][] {
    const result: [number, number][] = [];
    for (const [start, end] of ranges) {
        if (to <= start || from >= end) {
            result.push([start, end]);
            continue;
        }
        if (from > start) {
            result.push([start, from]);
        }
        if (to < end) {
            result.push([to, end]);
        }
    }
    return result;
}

/**
 * The business hours and holidays of an org, ready for SLA arithmetic. Build it once
 * with `createBusinessCalendar` and share it: year tables are computed on first use
 * and cached, so repeated calls cost a few binary searches.
 */
export class BusinessCalendar {
    /** Time zone of the business hours (a Salesforce TimeZoneSidKey, an IANA id). */
    readonly timeZone: string;
    /** True for 24 x 7 calendars, where business time equals elapsed time. */
    readonly isAlwaysOpen: boolean;
    /** Id of the BusinessHours record, or null for the 24 x 7 fallback. */
    readonly businessHoursId: string | null;
    private readonly schedule: WeeklySchedule;
    private readonly holidays: readonly CompiledHoliday[];
    private readonly zone: IANAZone;
    private readonly years = new Map<number, YearTable>();

    constructor(
        timeZone: string,
        schedule: WeeklySchedule,
        holidays: readonly CompiledHoliday[],
        businessHoursId: string | null = null
    ) {
        if (!IANAZone.isValidZone(timeZone)) {
            throw new BusinessTimeError(
                'INVALID_TIME_ZONE',
                `${JSON.stringify(timeZone)} is not a known time zone; expected an IANA id such as America/New_York`
            );
        }
        if (schedule.length !== 7 || schedule.every((day) => day === null)) {
            throw new BusinessTimeError(
                'NO_BUSINESS_TIME',
                'The business hours are closed on every day of the week; open at least one day'
            );
        }
        this.timeZone = timeZone;
        this.businessHoursId = businessHoursId;
        this.zone = IANAZone.create(timeZone);
        this.schedule = schedule;
        this.holidays = holidays;
        this.isAlwaysOpen = holidays.length === 0 && isOpenAllWeek(schedule);
    }

    /** Returns the year table that contains the instant; for this folder's arithmetic. */
    tableAt(instantMs: number): YearTable {
        if (!Number.isFinite(instantMs)) {
            throw new BusinessTimeError('OUT_OF_RANGE', 'The date is invalid');
        }
        // The local year differs from the UTC year only within 14 hours of New Year.
        const utcYear = new Date(instantMs).getUTCFullYear();
        const table = this.table(utcYear);
        if (instantMs < table.fromMs) {
            return this.table(utcYear - 1);
        }
        if (instantMs >= table.toMs) {
            return this.table(utcYear + 1);
        }
        return table;
    }

    /** Returns the table of a local calendar year, building it on first use; for this folder's arithmetic. */
    table(year: number): YearTable {
        const cached = this.years.get(year);
        if (cached) {
            return cached;
        }
        if (year < FIRST_YEAR || year > LAST_YEAR) {
            throw new BusinessTimeError(
                'OUT_OF_RANGE',
                `The year ${year} is outside the supported range ${FIRST_YEAR} to ${LAST_YEAR}`
            );
        }
        const built = this.buildYear(year);
        this.years.set(year, built);
        return built;
    }

    private openRangesOf(dayNumber: number): [number, number][] {
        const hours = this.schedule[weekdayOf(dayNumber)];
        if (!hours) {
            return [];
        }
        let ranges: [number, number][] = [[hours.startMs, hours.endMs]];
        for (const holiday of this.holidays) {
            if (ranges.length > 0 && holiday.occursOn(dayNumber)) {
                ranges = subtractRange(ranges, holiday.closedFromMs, holiday.closedToMs);
            }
        }
        return ranges;
    }

    private buildYear(year: number): YearTable {
        const firstDay = dayNumberOf(year, 1, 1);
        const endDay = dayNumberOf(year + 1, 1, 1);
        // Two days of margin cover every UTC offset (at most 14 hours) at both ends.
        const offsets = new ZoneOffsets(this.zone, (firstDay - 2) * DAY_MS, (endDay + 2) * DAY_MS);
        const instantOf = (dayNumber: number, msOfDay: number): number =>
            offsets.instantOfWallClock(dayNumber * DAY_MS + msOfDay);

        const starts: number[] = [];
        const ends: number[] = [];
        for (let day = firstDay; day < endDay; day += 1) {
            for (const [fromMs, toMs] of this.openRangesOf(day)) {
                appendInterval(starts, ends, instantOf(day, fromMs), instantOf(day, toMs));
            }
        }

        const { totalBefore, totalAfter, totalMs } = runningTotals(starts, ends);
        return {
            year,
            fromMs: instantOf(firstDay, 0),
            toMs: instantOf(endDay, 0),
            starts,
            ends,
            totalBefore,
            totalAfter,
            totalMs
        };
    }
}

/** Appends an open interval, merged with the previous one when they touch (midnight of a 24-hour day). */
function appendInterval(starts: number[], ends: number[], start: number, end: number): void {
    if (end <= start) {
        // A range inside a skipped DST hour has no real time.
        return;
    }
    const last = ends.length - 1;
    if (last >= 0 && ends[last] === start) {
        ends[last] = end;
    } else {
        starts.push(start);
        ends.push(end);
    }
}

function runningTotals(
    starts: readonly number[],
    ends: readonly number[]
): { totalBefore: number[]; totalAfter: number[]; totalMs: number } {
    const totalBefore: number[] = [];
    const totalAfter: number[] = [];
    let running = 0;
    starts.forEach((start, index) => {
        totalBefore.push(running);
        running += (ends[index] ?? start) - start;
        totalAfter.push(running);
    });
    return { totalBefore, totalAfter, totalMs: running };
}

/** Business milliseconds from the start of the table's year up to the instant. */
export function businessMsIntoYear(table: YearTable, instantMs: number): number {
    const index = lastIndexAtOrBefore(table.starts, instantMs);
    if (index < 0) {
        return 0;
    }
    const start = table.starts[index] ?? instantMs;
    const end = table.ends[index] ?? instantMs;
    return (table.totalBefore[index] ?? 0) + Math.min(instantMs, end) - start;
}

/**
 * Builds the calendar of a BusinessHours record and the holidays attached to it. With
 * no business hours the calendar is open 24 x 7 in `fallbackTimeZone`, and holidays
 * are ignored because Salesforce applies holidays only through business hours.
 * Throws `BusinessTimeError` (`INVALID_RECORD`, `INVALID_TIME_ZONE`, `NO_BUSINESS_TIME`).
 */
export function createBusinessCalendar(
    businessHours: BusinessHoursRecord | null | undefined,
    holidays: readonly HolidayRecord[] = [],
    fallbackTimeZone = 'UTC'
): BusinessCalendar {
    if (!businessHours) {
        return alwaysOpenCalendar(fallbackTimeZone);
    }
    const { timeZone, schedule } = readBusinessHours(businessHours);
    return new BusinessCalendar(
        timeZone,
        schedule,
        holidays.map(compileHoliday),
        businessHours.Id ?? null
    );
}

const ALL_DAY = { startMs: 0, endMs: DAY_MS };

/** Returns a 24 x 7 calendar: business time equals elapsed time. */
export function alwaysOpenCalendar(timeZone = 'UTC'): BusinessCalendar {
    return new BusinessCalendar(
        timeZone,
        Array.from({ length: 7 }, () => ALL_DAY),
        []
    );
}
