import { civilDateOf, daysInMonth, parseDayNumber, weekdayOf, type CivilDate } from './civil-date';
import { BusinessTimeError } from './errors';
import {
    RECURRENCE_INSTANCES,
    RECURRENCE_MONTHS,
    holidayRecordSchema,
    type RecurrenceInstance,
    type HolidayRecord,
    type ValidHoliday
} from './records';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** `RecurrenceDayOfWeekMask` of Monday to Friday (2 + 4 + 8 + 16 + 32). */
const WEEKDAYS_MASK = 62;

/** A holiday ready for day-by-day checks: which days it closes and which part of them. */
export interface CompiledHoliday {
    readonly name: string;
    /** Closed part of the day, in milliseconds after local midnight (0 to 86,400,000). */
    readonly closedFromMs: number;
    readonly closedToMs: number;
    occursOn(dayNumber: number): boolean;
}

function invalid(record: HolidayRecord, problem: string): BusinessTimeError {
    const name = record.Name ?? record.Id ?? 'unnamed';
    return new BusinessTimeError('INVALID_RECORD', `Holiday ${JSON.stringify(name)}: ${problem}`);
}

function maskHas(mask: number, dayNumber: number): boolean {
    return (mask & (1 << weekdayOf(dayNumber))) !== 0;
}

/**
 * Tells whether a day is the n-th day of its month whose weekday is in the mask
 * (`First` to `Fourth`), or the last such day (`Last`). A mask of several days counts
 * any of them, so 62 with `First` is the first weekday of the month.
 */
function isNthOfMonth(
    dayNumber: number,
    date: CivilDate,
    mask: number,
    instance: RecurrenceInstance
): boolean {
    if (!maskHas(mask, dayNumber)) {
        return false;
    }
    if (instance === 'Last') {
        const remaining = daysInMonth(date.year, date.month) - date.day;
        for (let offset = 1; offset <= remaining; offset += 1) {
            if (maskHas(mask, dayNumber + offset)) {
                return false;
            }
        }
        return true;
    }
    let matchesSoFar = 0;
    for (let offset = date.day - 1; offset >= 0; offset -= 1) {
        if (maskHas(mask, dayNumber - offset)) {
            matchesSoFar += 1;
        }
    }
    return matchesSoFar === RECURRENCE_INSTANCES.indexOf(instance) + 1;
}

/**
 * Tells whether the day is the given day of its month. A day past the month's end
 * (31 in April, 29 in a common February) falls on the month's last day.
 * NOTE: Salesforce does not document a day past the month's end for holidays. The
 * last-day reading is an assumption; check it with `BusinessHours.isWithin` on such a date.
 */
function isDayOfMonth(date: CivilDate, dayOfMonth: number): boolean {
    return date.day === Math.min(dayOfMonth, daysInMonth(date.year, date.month));
}

function monthNumber(record: ValidHoliday): number {
    const month = required(record, record.RecurrenceMonthOfYear, 'RecurrenceMonthOfYear');
    return RECURRENCE_MONTHS.indexOf(month) + 1;
}

function required<T>(record: HolidayRecord, value: T | null | undefined, field: string): T {
    if (value === null || value === undefined) {
        throw invalid(record, `${record.RecurrenceType ?? 'the holiday'} needs ${field}`);
    }
    return value;
}

/** Builds the day test of a recurring holiday, bounded by its start and end dates. */
function recurrenceTest(record: ValidHoliday): (dayNumber: number) => boolean {
    const firstDay = parseDayNumber(
        required(record, record.RecurrenceStartDate, 'RecurrenceStartDate')
    );
    const lastDay =
        record.RecurrenceEndDateOnly == null
            ? Infinity
            : parseDayNumber(record.RecurrenceEndDateOnly);
    const interval = record.RecurrenceInterval ?? 1;
    const first = civilDateOf(firstDay);
    const monthsSinceStart = (date: CivilDate): number =>
        (date.year - first.year) * 12 + date.month - first.month;
    const inRange = (dayNumber: number): boolean => dayNumber >= firstDay && dayNumber <= lastDay;

    switch (record.RecurrenceType) {
        case 'RecursDaily':
            return (day) => inRange(day) && (day - firstDay) % interval === 0;
        case 'RecursEveryWeekday': {
            // An empty mask (0 or null) means Monday to Friday.
            const givenMask = record.RecurrenceDayOfWeekMask ?? 0;
            const mask = givenMask > 0 ? givenMask : WEEKDAYS_MASK;
            return (day) => inRange(day) && maskHas(mask, day);
        }
        case 'RecursWeekly': {
            const mask = required(
                record,
                record.RecurrenceDayOfWeekMask,
                'RecurrenceDayOfWeekMask'
            );
            // NOTE: weeks are counted from the Sunday on or before RecurrenceStartDate.
            // Salesforce does not document its week start, so with an interval above 1 a
            // holiday on a Sunday may fall one week off.
            const firstSunday = firstDay - weekdayOf(firstDay);
            return (day) =>
                inRange(day) &&
                maskHas(mask, day) &&
                Math.floor((day - firstSunday) / 7) % interval === 0;
        }
        case 'RecursMonthly': {
            const dayOfMonth = required(
                record,
                record.RecurrenceDayOfMonth,
                'RecurrenceDayOfMonth'
            );
            return (day) => {
                const date = civilDateOf(day);
                return (
                    inRange(day) &&
                    monthsSinceStart(date) % interval === 0 &&
                    isDayOfMonth(date, dayOfMonth)
                );
            };
        }
        case 'RecursMonthlyNth': {
            const mask = required(
                record,
                record.RecurrenceDayOfWeekMask,
                'RecurrenceDayOfWeekMask'
            );
            const instance = required(record, record.RecurrenceInstance, 'RecurrenceInstance');
            return (day) => {
                const date = civilDateOf(day);
                return (
                    inRange(day) &&
                    monthsSinceStart(date) % interval === 0 &&
                    isNthOfMonth(day, date, mask, instance)
                );
            };
        }
        // NOTE: yearly holidays ignore RecurrenceInterval. Salesforce does not document an
        // interval for them, so a record that has one is read as every year.
        case 'RecursYearly': {
            const month = monthNumber(record);
            const dayOfMonth = required(
                record,
                record.RecurrenceDayOfMonth,
                'RecurrenceDayOfMonth'
            );
            return (day) => {
                const date = civilDateOf(day);
                return inRange(day) && date.month === month && isDayOfMonth(date, dayOfMonth);
            };
        }
        case 'RecursYearlyNth': {
            const month = monthNumber(record);
            const mask = required(
                record,
                record.RecurrenceDayOfWeekMask,
                'RecurrenceDayOfWeekMask'
            );
            const instance = required(record, record.RecurrenceInstance, 'RecurrenceInstance');
            return (day) => {
                const date = civilDateOf(day);
                return (
                    inRange(day) && date.month === month && isNthOfMonth(day, date, mask, instance)
                );
            };
        }
        default:
            throw invalid(record, 'a recurring holiday needs RecurrenceType');
    }
}

/**
 * Validates a Holiday record and compiles it. Partial-day holidays close
 * `StartTimeInMinutes` to `EndTimeInMinutes` after local midnight.
 * NOTE: the minutes are read in the business hours' time zone. Salesforce does not
 * document the zone of these fields.
 */
export function compileHoliday(input: HolidayRecord): CompiledHoliday {
    const parsed = holidayRecordSchema.safeParse(input);
    if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = issue?.path.join('.') ?? '';
        throw invalid(input, `${field} is invalid: ${issue?.message ?? 'unknown problem'}`);
    }
    const record = parsed.data;
    let closedFromMs = 0;
    let closedToMs = DAY_MS;
    if (!record.IsAllDay) {
        const start = required(record, record.StartTimeInMinutes, 'StartTimeInMinutes');
        const end = required(record, record.EndTimeInMinutes, 'EndTimeInMinutes');
        if (end <= start) {
            throw invalid(
                record,
                `EndTimeInMinutes (${end}) must be after StartTimeInMinutes (${start})`
            );
        }
        closedFromMs = start * MINUTE_MS;
        closedToMs = end * MINUTE_MS;
    }
    let occursOn: (dayNumber: number) => boolean;
    if (record.IsRecurrence) {
        occursOn = recurrenceTest(record);
    } else {
        const date = parseDayNumber(required(record, record.ActivityDate, 'ActivityDate'));
        occursOn = (day) => day === date;
    }
    return { name: record.Name ?? record.Id ?? 'Holiday', closedFromMs, closedToMs, occursOn };
}
