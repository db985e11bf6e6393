import { BusinessTimeError } from './errors';
import { businessHoursRecordSchema, type BusinessHoursRecord } from './records';

const DAY_MS = 86_400_000;

/** Opening hours of one weekday, in milliseconds after local midnight; `endMs` may be 86,400,000. */
export interface DayHours {
    readonly startMs: number;
    readonly endMs: number;
}

/** Seven entries, Sunday first (the order of `RecurrenceDayOfWeekMask`); null is closed. */
export type WeeklySchedule = readonly (DayHours | null)[];

const DAY_NAMES = [
    'Sunday',
    'Monday',
    'Tuesday',
    'Wednesday',
    'Thursday',
    'Friday',
    'Saturday'
] as const;

/** Reads `HH:mm:ss.SSSZ` as milliseconds after midnight; the `Z` is part of Salesforce's format, not a zone. */
function timeOfDayMs(text: string): number {
    const [clock = '', fraction = '0'] = text.replace(/Z$/, '').split('.');
    const [hours = 0, minutes = 0, seconds = 0] = clock.split(':').map(Number);
    return ((hours * 60 + minutes) * 60 + seconds) * 1000 + Number(fraction.padEnd(3, '0'));
}

/**
 * Reads one day of a BusinessHours record with Salesforce's conventions. A day whose
 * times are both null is closed. 00:00 to 00:00 is open all day, and an end of 00:00
 * is midnight at the end of the day.
 */
function readDay(record: BusinessHoursRecord, dayName: string): DayHours | null {
    const fields = record as Record<string, unknown>;
    const start = fields[`${dayName}StartTime`];
    const end = fields[`${dayName}EndTime`];
    if (start == null && end == null) {
        return null;
    }
    if (typeof start !== 'string' || typeof end !== 'string') {
        throw new BusinessTimeError(
            'INVALID_RECORD',
            `BusinessHours ${record.Name ?? record.Id ?? ''}: ${dayName}StartTime and ${dayName}EndTime must both be set or both be empty`
        );
    }
    const startMs = timeOfDayMs(start);
    const endOfDay = timeOfDayMs(end);
    const endMs = endOfDay === 0 ? DAY_MS : endOfDay;
    if (endMs <= startMs) {
        throw new BusinessTimeError(
            'INVALID_RECORD',
            `BusinessHours ${record.Name ?? record.Id ?? ''}: ${dayName}EndTime ${end} must be after ${dayName}StartTime ${start}`
        );
    }
    return { startMs, endMs };
}

/** Validates a BusinessHours record and returns its time zone and weekly schedule. */
export function readBusinessHours(input: BusinessHoursRecord): {
    timeZone: string;
    schedule: WeeklySchedule;
} {
    const parsed = businessHoursRecordSchema.safeParse(input);
    if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new BusinessTimeError(
            'INVALID_RECORD',
            `BusinessHours ${input.Name ?? input.Id ?? ''}: ${issue?.path.join('.') ?? ''} is invalid: ${issue?.message ?? ''}`
        );
    }
    const schedule = DAY_NAMES.map((dayName) => readDay(parsed.data, dayName));
    return { timeZone: parsed.data.TimeZoneSidKey, schedule };
}

/** Tells whether every day is open from midnight to midnight. */
export function isOpenAllWeek(schedule: WeeklySchedule): boolean {
    return schedule.every((day) => day !== null && day.startMs === 0 && day.endMs === DAY_MS);
}
