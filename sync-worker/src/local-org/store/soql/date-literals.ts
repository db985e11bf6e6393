/**
 * Relative date literals (TODAY, LAST_N_DAYS:n, THIS_FISCAL_QUARTER, ...) as half-open
 * ranges [start, end), evaluated in the org's time zone. For date fields the bounds
 * are `YYYY-MM-DD`; for datetime fields they are the UTC instants of local midnights.
 */
import { DateTime, type DurationLikeObject } from 'luxon';
import { SalesforceError } from '../errors';
import type { OrgSettings } from '../store-context';

/** A half-open range of stored values. */
export interface StoredRange {
    start: string;
    end: string;
}

type Unit = 'day' | 'week' | 'month' | 'quarter' | 'year' | 'fiscalQuarter' | 'fiscalYear';

interface LocalRange {
    start: DateTime;
    end: DateTime;
}

/** Length of one unit; fiscal units are 3 and 12 months from the fiscal start. */
function step(unit: Unit, count: number): DurationLikeObject {
    switch (unit) {
        case 'day':
            return { days: count };
        case 'week':
            return { weeks: count };
        case 'month':
            return { months: count };
        case 'quarter':
        case 'fiscalQuarter':
            return { months: 3 * count };
        default:
            return { months: 12 * count };
    }
}

/** Start of the unit that contains `today`. Weeks start on Sunday (the en_US locale). */
function startOfUnit(today: DateTime, unit: Unit, settings: OrgSettings): DateTime {
    switch (unit) {
        case 'day':
            return today;
        case 'week':
            // NOTE: Salesforce takes the first day of the week from the user's locale; en_US starts on Sunday.
            return today.minus({ days: today.weekday % 7 });
        case 'month':
            return today.startOf('month');
        case 'quarter':
            return today.startOf('quarter');
        case 'year':
            return today.startOf('year');
        default: {
            const startMonth = settings.fiscalYearStartMonth;
            const year = today.month >= startMonth ? today.year : today.year - 1;
            const fiscalYearStart = today.set({ year, month: startMonth, day: 1 });
            if (unit === 'fiscalYear') {
                return fiscalYearStart;
            }
            const monthsIn = (today.month - startMonth + 12) % 12;
            return fiscalYearStart.plus({ months: monthsIn - (monthsIn % 3) });
        }
    }
}

/** Returns the unit `offset` units away from the current one: 0 this, -1 last, 1 next. */
function unitRange(today: DateTime, unit: Unit, offset: number, settings: OrgSettings): LocalRange {
    const start = startOfUnit(today, unit, settings).plus(step(unit, offset));
    return { start, end: start.plus(step(unit, 1)) };
}

const FIXED: Record<string, [Unit, number]> = {
    YESTERDAY: ['day', -1],
    TODAY: ['day', 0],
    TOMORROW: ['day', 1],
    LAST_WEEK: ['week', -1],
    THIS_WEEK: ['week', 0],
    NEXT_WEEK: ['week', 1],
    LAST_MONTH: ['month', -1],
    THIS_MONTH: ['month', 0],
    NEXT_MONTH: ['month', 1],
    LAST_QUARTER: ['quarter', -1],
    THIS_QUARTER: ['quarter', 0],
    NEXT_QUARTER: ['quarter', 1],
    LAST_YEAR: ['year', -1],
    THIS_YEAR: ['year', 0],
    NEXT_YEAR: ['year', 1],
    LAST_FISCAL_QUARTER: ['fiscalQuarter', -1],
    THIS_FISCAL_QUARTER: ['fiscalQuarter', 0],
    NEXT_FISCAL_QUARTER: ['fiscalQuarter', 1],
    LAST_FISCAL_YEAR: ['fiscalYear', -1],
    THIS_FISCAL_YEAR: ['fiscalYear', 0],
    NEXT_FISCAL_YEAR: ['fiscalYear', 1]
};

const UNIT_NAMES: Record<string, Unit> = {
    DAYS: 'day',
    WEEKS: 'week',
    MONTHS: 'month',
    QUARTERS: 'quarter',
    YEARS: 'year',
    FISCAL_QUARTERS: 'fiscalQuarter',
    FISCAL_YEARS: 'fiscalYear'
};

/** Ranges of the `:n` literals: LAST_N_x, NEXT_N_x and N_x_AGO. */
function rangeWithN(today: DateTime, name: string, n: number, settings: OrgSettings): LocalRange {
    const match =
        /^(LAST_N|NEXT_N|N)_(DAYS|WEEKS|MONTHS|QUARTERS|YEARS|FISCAL_QUARTERS|FISCAL_YEARS)(_AGO)?$/.exec(
            name
        );
    const unit = match?.[2] === undefined ? undefined : UNIT_NAMES[match[2]];
    if (!match || unit === undefined || !Number.isInteger(n) || n < 0) {
        throw new SalesforceError('MALFORMED_QUERY', `Unknown date literal ${name}:${n}`);
    }
    const current = unitRange(today, unit, 0, settings);
    if (match[3] === '_AGO') {
        return unitRange(today, unit, -n, settings);
    }
    if (match[1] === 'NEXT_N') {
        return { start: current.end, end: current.end.plus(step(unit, n)) };
    }
    // LAST_N_DAYS includes today; LAST_N of longer units ends where the current unit starts.
    const end = unit === 'day' ? current.end : current.start;
    return { start: end.minus(step(unit, unit === 'day' ? n + 1 : n)), end };
}

function localRange(
    today: DateTime,
    literal: string,
    n: number | undefined,
    settings: OrgSettings
): LocalRange {
    if (literal === 'LAST_90_DAYS') {
        return rangeWithN(today, 'LAST_N_DAYS', 90, settings);
    }
    if (literal === 'NEXT_90_DAYS') {
        return rangeWithN(today, 'NEXT_N_DAYS', 90, settings);
    }
    const fixed = FIXED[literal];
    if (fixed) {
        return unitRange(today, fixed[0], fixed[1], settings);
    }
    return rangeWithN(today, literal, n ?? NaN, settings);
}

/**
 * Resolves a date literal to a stored-value range for a `date` or `datetime` field.
 * `literal` is the name without `:n`; `n` is the number of an N literal.
 */
export function resolveDateLiteral(
    literal: string,
    n: number | undefined,
    fieldType: 'date' | 'datetime',
    now: Date,
    settings: OrgSettings
): StoredRange {
    const today = DateTime.fromJSDate(now, { zone: settings.timeZone }).startOf('day');
    const range = localRange(today, literal.toUpperCase(), n, settings);
    if (fieldType === 'date') {
        return { start: range.start.toISODate() ?? '', end: range.end.toISODate() ?? '' };
    }
    return {
        start: `${range.start.toUTC().toISO({ includeOffset: false }) ?? ''}Z`,
        end: `${range.end.toUTC().toISO({ includeOffset: false }) ?? ''}Z`
    };
}
