import { DateTime, IANAZone } from 'luxon';
import { BusinessTimeError } from './errors';

/** A fiscal quarter of Salesforce's standard fiscal year, with instants in the org's time zone. */
export interface FiscalQuarter {
    /** `2027-Q1`: the fiscal year's name and the quarter number. */
    readonly label: string;
    readonly fiscalYear: number;
    /** 1 to 4. */
    readonly quarter: number;
    /** Local midnight of the quarter's first day. */
    readonly start: Date;
    /** Local midnight of the next quarter's first day (exclusive end). */
    readonly end: Date;
}

export interface FiscalYearOptions {
    /**
     * `Organization.UsesStartDateAsFiscalYearName`: true names a fiscal year by the
     * calendar year in which it starts, false (the default) by the year in which it ends.
     * With a January start both readings give the same name.
     */
    readonly usesStartDateAsFiscalYearName?: boolean;
}

function zoneOf(timeZone: string): IANAZone {
    if (!IANAZone.isValidZone(timeZone)) {
        throw new BusinessTimeError(
            'INVALID_TIME_ZONE',
            `${JSON.stringify(timeZone)} is not a known time zone; expected an IANA id such as America/New_York`
        );
    }
    return IANAZone.create(timeZone);
}

function localOf(date: Date, timeZone: string): DateTime {
    const local = DateTime.fromJSDate(date, { zone: zoneOf(timeZone) });
    if (!local.isValid) {
        throw new BusinessTimeError('OUT_OF_RANGE', 'The date is invalid');
    }
    return local;
}

function checkStartMonth(fiscalYearStartMonth: number): void {
    if (
        !Number.isInteger(fiscalYearStartMonth) ||
        fiscalYearStartMonth < 1 ||
        fiscalYearStartMonth > 12
    ) {
        throw new BusinessTimeError(
            'OUT_OF_RANGE',
            `Fiscal year start month ${fiscalYearStartMonth} is invalid; expected a whole number from 1 to 12`
        );
    }
}

/**
 * Returns the fiscal quarter that contains the date, for a standard fiscal year that
 * starts on the first day of `fiscalYearStartMonth` (`Organization.FiscalYearStartMonth`,
 * 1 = January) in the org's time zone.
 * NOTE: orgs with custom fiscal years (FiscalYearSettings with IsStandardYear false) have
 * periods of their own; this function ignores them.
 */
export function fiscalQuarterOf(
    date: Date,
    fiscalYearStartMonth: number,
    timeZone: string,
    options: FiscalYearOptions = {}
): FiscalQuarter {
    checkStartMonth(fiscalYearStartMonth);
    const local = localOf(date, timeZone);
    const monthsIntoYear = (local.month - fiscalYearStartMonth + 12) % 12;
    const quarter = Math.floor(monthsIntoYear / 3) + 1;
    const startYear = local.month >= fiscalYearStartMonth ? local.year : local.year - 1;
    const endsInNextYear = fiscalYearStartMonth !== 1;
    const fiscalYear =
        options.usesStartDateAsFiscalYearName === true || !endsInNextYear
            ? startYear
            : startYear + 1;
    const yearStart = DateTime.fromObject(
        { year: startYear, month: fiscalYearStartMonth, day: 1 },
        { zone: local.zone }
    );
    const start = yearStart.plus({ months: (quarter - 1) * 3 });
    const end = start.plus({ months: 3 });
    return {
        label: `${fiscalYear}-Q${quarter}`,
        fiscalYear,
        quarter,
        start: start.toJSDate(),
        end: end.toJSDate()
    };
}

/** Returns local midnight of the first day of the fiscal quarter after the date's (the next QBR). */
export function nextFiscalQuarterStart(
    date: Date,
    fiscalYearStartMonth: number,
    timeZone: string
): Date {
    return fiscalQuarterOf(date, fiscalYearStartMonth, timeZone).end;
}

/** Returns the calendar month of the date in the time zone, as `2027-03`. */
export function calendarMonthOf(date: Date, timeZone: string): string {
    return localOf(date, timeZone).toFormat('yyyy-MM');
}

/** Returns the instants that bound a calendar month (`2027-03`): local midnight of its first day and of the next month's. */
export function calendarMonthRange(month: string, timeZone: string): { start: Date; end: Date } {
    const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
    if (!match) {
        throw new BusinessTimeError(
            'OUT_OF_RANGE',
            `${JSON.stringify(month)} is not a month such as 2027-03`
        );
    }
    const start = DateTime.fromObject(
        { year: Number(match[1]), month: Number(match[2]), day: 1 },
        { zone: zoneOf(timeZone) }
    );
    return { start: start.toJSDate(), end: start.plus({ months: 1 }).toJSDate() };
}

/** Returns the month `count` months after (or before, when negative) a month label. */
export function shiftCalendarMonth(month: string, count: number): string {
    const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
    if (!match || !Number.isInteger(count)) {
        throw new BusinessTimeError(
            'OUT_OF_RANGE',
            `Cannot shift ${JSON.stringify(month)} by ${count} months`
        );
    }
    const index = Number(match[1]) * 12 + Number(match[2]) - 1 + count;
    const year = Math.floor(index / 12);
    return `${String(year).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * Adds calendar days in the time zone: the local time of day stays the same across a
 * DST change, so 7 days after Monday 09:00 is the next Monday 09:00 even when that
 * week is 167 or 169 hours long. Day windows of the policy use it.
 */
export function addCalendarDays(date: Date, days: number, timeZone: string): Date {
    if (!Number.isFinite(days)) {
        throw new BusinessTimeError('OUT_OF_RANGE', `${days} is not a finite number of days`);
    }
    return localOf(date, timeZone).plus({ days }).toJSDate();
}
