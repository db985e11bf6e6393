import { DateTime, IANAZone } from 'luxon';
import {
    addBusinessMillis,
    businessMillisBetween,
    calendarMonthOf,
    calendarMonthRange,
    fiscalQuarterOf,
    type BusinessCalendar,
    type FiscalQuarter
} from './business-time';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** An SLA window: hours run in business time, days in calendar time. */
export interface Window {
    readonly amount: number;
    readonly unit: 'hours' | 'days';
}

/** Clock types whose windows are business hours; the others are calendar days. */
const HOUR_CLOCK_TYPES: ReadonlySet<string> = new Set([
    'Response',
    'Re-engagement',
    'Dispute Review',
    'Dispute Follow Up'
]);

export function isHoursClockType(type: string | null): boolean {
    return type !== null && HOUR_CLOCK_TYPES.has(type);
}

/**
 * Time arithmetic of one evaluation: business-hour and calendar-day windows, calendar
 * months and fiscal quarters in the org's time zone. Month and quarter ranges are
 * cached, because scorecards and breach levels ask for them once per clock.
 */
export class TimeFrames {
    private readonly quarters: FiscalQuarter[] = [];
    /** The zone as a luxon object: luxon re-validates a zone name on every use. */
    private readonly zone: IANAZone;
    private readonly months: { label: string; start: number; end: number }[] = [];

    constructor(
        readonly calendar: BusinessCalendar,
        readonly fiscalYearStartMonth: number,
        readonly usesStartDateAsFiscalYearName: boolean
    ) {
        this.zone = IANAZone.create(calendar.timeZone);
    }

    get timeZone(): string {
        return this.calendar.timeZone;
    }

    /** End of a window that starts at `start`. */
    windowEnd(start: Date, window: Window): Date {
        if (window.unit === 'hours') {
            return addBusinessMillis(start, window.amount * HOUR_MS, this.calendar);
        }
        return this.addDays(start, window.amount);
    }

    /** Returns the instant `percent` of the window after its start, in the window's own time. */
    windowPoint(start: Date, due: Date, unit: Window['unit'], percent: number): Date {
        if (unit === 'hours') {
            const total = businessMillisBetween(start, due, this.calendar);
            return addBusinessMillis(start, (total * percent) / 100, this.calendar);
        }
        return new Date(start.getTime() + ((due.getTime() - start.getTime()) * percent) / 100);
    }

    /** Length of an existing clock's window, in its own unit's milliseconds. */
    windowMillis(start: Date, due: Date, unit: Window['unit']): number {
        return unit === 'hours'
            ? businessMillisBetween(start, due, this.calendar)
            : due.getTime() - start.getTime();
    }

    /** Starts a window of the same length as an existing one at a new start. */
    sameWindowFrom(start: Date, millis: number, unit: Window['unit']): Date {
        return unit === 'hours'
            ? addBusinessMillis(start, millis, this.calendar)
            : new Date(start.getTime() + millis);
    }

    /** Adds calendar days, keeping the local time of day across a DST change. */
    addDays(date: Date, days: number): Date {
        if (this.zone.name === 'UTC' || this.zone.name === 'Etc/UTC') {
            return new Date(date.getTime() + days * DAY_MS);
        }
        return DateTime.fromMillis(date.getTime(), { zone: this.zone }).plus({ days }).toJSDate();
    }

    /** Local midnight at the end of the day that contains `date`. */
    endOfDay(date: Date): Date {
        return DateTime.fromMillis(date.getTime(), { zone: this.zone })
            .startOf('day')
            .plus({ days: 1 })
            .toJSDate();
    }

    /** Local calendar date (`YYYY-MM-DD`) of an instant, for Task.ActivityDate. */
    localDate(date: Date): string {
        return (
            DateTime.fromJSDate(date, { zone: this.timeZone }).toISODate() ??
            date.toISOString().slice(0, 10)
        );
    }

    /** Local midnight of a `YYYY-MM-DD` date. */
    startOfDate(day: string): Date {
        return DateTime.fromISO(day, { zone: this.zone }).startOf('day').toJSDate();
    }

    /** Fiscal quarter that contains the instant. */
    quarterOf(date: Date): FiscalQuarter {
        const time = date.getTime();
        const cached = this.quarters.find(
            (quarter) => quarter.start.getTime() <= time && time < quarter.end.getTime()
        );
        if (cached !== undefined) {
            return cached;
        }
        const quarter = fiscalQuarterOf(date, this.fiscalYearStartMonth, this.timeZone, {
            usesStartDateAsFiscalYearName: this.usesStartDateAsFiscalYearName
        });
        this.quarters.push(quarter);
        return quarter;
    }

    /** Calendar month (`2027-03`) that contains the instant. */
    monthOf(time: number): string {
        for (const month of this.months) {
            if (month.start <= time && time < month.end) {
                return month.label;
            }
        }
        const label = calendarMonthOf(new Date(time), this.timeZone);
        this.monthRange(label);
        return label;
    }

    /** Bounds of a calendar month in epoch ms, end exclusive. */
    monthRange(label: string): { start: number; end: number } {
        const cached = this.months.find((month) => month.label === label);
        if (cached !== undefined) {
            return cached;
        }
        const range = calendarMonthRange(label, this.timeZone);
        const month = { label, start: range.start.getTime(), end: range.end.getTime() };
        this.months.push(month);
        return month;
    }
}
