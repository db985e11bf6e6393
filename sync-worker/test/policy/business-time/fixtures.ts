import { DateTime } from 'luxon';
import type { BusinessHoursRecord, HolidayRecord } from '../../../src/policy/business-time';

/** Returns the instant of a local wall time such as `2027-03-15 09:00` in a zone. */
export function at(zone: string, local: string): Date {
    const parsed = DateTime.fromFormat(local, 'yyyy-MM-dd HH:mm', { zone });
    if (!parsed.isValid) {
        throw new Error(`Bad fixture time ${local}`);
    }
    return parsed.toJSDate();
}

/** Renders an instant as local wall time with its offset, for readable failures. */
export function local(date: Date, zone: string): string {
    return DateTime.fromJSDate(date, { zone }).toFormat('yyyy-MM-dd HH:mm ZZ');
}

type DayHours = readonly [start: string | null, end: string | null];

/** Builds a BusinessHours record from `HH:mm` times; `days` lists Sunday first. */
export function businessHours(timeZone: string, days: readonly DayHours[]): BusinessHoursRecord {
    const names = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
    const record: Record<string, string | null> = {
        Id: '01m000000000001AAA',
        TimeZoneSidKey: timeZone
    };
    names.forEach((name, index) => {
        const [start, end] = days[index] ?? [null, null];
        record[`${name}StartTime`] = start === null ? null : `${start}:00.000Z`;
        record[`${name}EndTime`] = end === null ? null : `${end}:00.000Z`;
    });
    return record;
}

const CLOSED: DayHours = [null, null];

/** Monday to Friday between two times, closed at weekends. */
export function weekdays(timeZone: string, start: string, end: string): BusinessHoursRecord {
    const open: DayHours = [start, end];
    return businessHours(timeZone, [CLOSED, open, open, open, open, open, CLOSED]);
}

export function allDayHoliday(name: string, date: string): HolidayRecord {
    return { Name: name, IsAllDay: true, ActivityDate: date, IsRecurrence: false };
}

export function partialHoliday(
    name: string,
    date: string,
    fromMinute: number,
    toMinute: number
): HolidayRecord {
    return {
        Name: name,
        IsAllDay: false,
        ActivityDate: date,
        StartTimeInMinutes: fromMinute,
        EndTimeInMinutes: toMinute,
        IsRecurrence: false
    };
}

export function recurringHoliday(name: string, fields: Partial<HolidayRecord>): HolidayRecord {
    return { Name: name, IsAllDay: true, IsRecurrence: true, RecurrenceInterval: 1, ...fields };
}
