import {
    businessMsIntoYear,
    lastIndexAtOrBefore,
    type BusinessCalendar,
    type YearTable
} from './calendar';
import { BusinessTimeError } from './errors';

/** Consecutive years without any business time after which a search gives up. */
const MAX_EMPTY_YEARS = 5;
const HOUR_MS = 3_600_000;

function instantOf(date: Date): number {
    const instant = date.getTime();
    if (Number.isNaN(instant)) {
        throw new BusinessTimeError('OUT_OF_RANGE', 'The date is invalid');
    }
    return instant;
}

function noBusinessTime(from: number): BusinessTimeError {
    return new BusinessTimeError(
        'NO_BUSINESS_TIME',
        `No business time in the ${MAX_EMPTY_YEARS} years around ${new Date(from).toISOString()}; check the holidays`
    );
}

/**
 * Returns the first index whose value is at least `value`, or above it when `strict`
 * (values ascending); the length when there is none.
 */
function firstIndexFrom(values: readonly number[], value: number, strict: boolean): number {
    let low = 0;
    let high = values.length;
    while (low < high) {
        const middle = (low + high) >>> 1;
        const candidate = values[middle] ?? Infinity;
        if (candidate < value || (strict && candidate === value)) {
            low = middle + 1;
        } else {
            high = middle;
        }
    }
    return low;
}

/** Returns the instant `offset` business milliseconds into the table's year (0 < offset ≤ total). */
function instantAtForward(table: YearTable, offset: number): number {
    const index = firstIndexFrom(table.totalAfter, offset, false);
    return (table.starts[index] ?? 0) + offset - (table.totalBefore[index] ?? 0);
}

/**
 * Returns the instant `offset` business milliseconds into the year (0 ≤ offset < total).
 * At a boundary between two open ranges it returns the later range's opening.
 */
function instantAtBackward(table: YearTable, offset: number): number {
    const index = firstIndexFrom(table.totalAfter, offset, true);
    return (table.starts[index] ?? 0) + offset - (table.totalBefore[index] ?? 0);
}

/**
 * Tells whether the instant is in business time. Intervals are half-open, so the
 * closing instant (17:00 of a 09:00 to 17:00 day) is outside, like Salesforce's
 * `BusinessHours.isWithin`.
 */
export function isWithinBusinessHours(date: Date, calendar: BusinessCalendar): boolean {
    const instant = instantOf(date);
    if (calendar.isAlwaysOpen) {
        return true;
    }
    const table = calendar.tableAt(instant);
    const index = lastIndexAtOrBefore(table.starts, instant);
    return index >= 0 && instant < (table.ends[index] ?? -Infinity);
}

/**
 * Returns the date itself when it is in business time, otherwise the next opening, like
 * Salesforce's `BusinessHours.nextStartDate`.
 */
export function nextBusinessStart(date: Date, calendar: BusinessCalendar): Date {
    const instant = instantOf(date);
    if (calendar.isAlwaysOpen || isWithinBusinessHours(date, calendar)) {
        return new Date(instant);
    }
    let table = calendar.tableAt(instant);
    let index = lastIndexAtOrBefore(table.starts, instant) + 1;
    for (let emptyYears = 0; emptyYears <= MAX_EMPTY_YEARS;) {
        const start = table.starts[index];
        if (start !== undefined) {
            return new Date(start);
        }
        emptyYears = table.totalMs === 0 ? emptyYears + 1 : 0;
        table = calendar.table(table.year + 1);
        index = 0;
    }
    throw noBusinessTime(instant);
}

/**
 * Adds business time to a date, like Salesforce's `BusinessHours.add`: only business
 * time counts, and a start outside business hours begins counting at the next opening.
 * A window that runs out exactly at closing time ends at the closing instant (Monday
 * 16:00 plus 1 hour with a 17:00 close is Monday 17:00). A zero window returns
 * `nextBusinessStart(start)`. A negative window counts backwards and lands on an
 * opening rather than the previous closing (Tuesday 10:00 minus 1 hour is Tuesday 09:00).
 */
export function addBusinessMillis(start: Date, millis: number, calendar: BusinessCalendar): Date {
    const instant = instantOf(start);
    if (!Number.isFinite(millis)) {
        throw new BusinessTimeError(
            'OUT_OF_RANGE',
            `${millis} is not a finite number of milliseconds`
        );
    }
    if (calendar.isAlwaysOpen) {
        return new Date(instant + millis);
    }
    if (millis === 0) {
        return nextBusinessStart(start, calendar);
    }
    let table = calendar.tableAt(instant);
    let offset = businessMsIntoYear(table, instant) + millis;
    let emptyYears = 0;
    while (offset > table.totalMs) {
        offset -= table.totalMs;
        table = calendar.table(table.year + 1);
        emptyYears = table.totalMs === 0 ? emptyYears + 1 : 0;
        if (emptyYears > MAX_EMPTY_YEARS) {
            throw noBusinessTime(instant);
        }
    }
    while (offset < 0) {
        table = calendar.table(table.year - 1);
        offset += table.totalMs;
        emptyYears = table.totalMs === 0 ? emptyYears + 1 : 0;
        if (emptyYears > MAX_EMPTY_YEARS) {
            throw noBusinessTime(instant);
        }
    }
    const result = millis > 0 ? instantAtForward(table, offset) : instantAtBackward(table, offset);
    return new Date(result);
}

/** Adds business hours (fractions allowed); see `addBusinessMillis`. */
export function addBusinessHours(start: Date, hours: number, calendar: BusinessCalendar): Date {
    return addBusinessMillis(start, hours * HOUR_MS, calendar);
}

/**
 * Returns the business milliseconds between two dates, like Salesforce's
 * `BusinessHours.diff`. It is negative when `end` is before `start`.
 */
export function businessMillisBetween(start: Date, end: Date, calendar: BusinessCalendar): number {
    const from = instantOf(start);
    const to = instantOf(end);
    if (calendar.isAlwaysOpen) {
        return to - from;
    }
    if (to < from) {
        return -businessMillisBetween(end, start, calendar);
    }
    const first = calendar.tableAt(from);
    const last = calendar.tableAt(to);
    if (first.year === last.year) {
        return businessMsIntoYear(last, to) - businessMsIntoYear(first, from);
    }
    let total = first.totalMs - businessMsIntoYear(first, from);
    for (let year = first.year + 1; year < last.year; year += 1) {
        total += calendar.table(year).totalMs;
    }
    return total + businessMsIntoYear(last, to);
}
