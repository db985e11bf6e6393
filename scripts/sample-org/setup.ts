/**
 * The org's settings, business hours and holidays. Holidays are placed relative to
 * `now`, so every run has one in the recent history and one just ahead that open clocks
 * run across, plus the fixed public holidays of the current year.
 */
import { DateTime } from 'luxon';
import {
    createBusinessCalendar,
    type BusinessCalendar,
    type HolidayRecord
} from '../../sync-worker/src/policy/business-time';
import type { OrganizationSettings, SampleFields } from './types';

/** The sample company runs its sales floor on New York time. */
export const ORG_TIME_ZONE = 'America/New_York';

/** February, so fiscal quarters (Feb-Apr, May-Jul, Aug-Oct, Nov-Jan) differ from calendar ones. */
export const FISCAL_YEAR_START_MONTH = 2;

/** Domain of the sample company's own users. */
export const ORG_DOMAIN = 'tallowmere.example';

export const ORGANIZATION: OrganizationSettings = {
    Name: 'Tallowmere Software (sample org)',
    FiscalYearStartMonth: FISCAL_YEAR_START_MONTH,
    TimeZoneSidKey: ORG_TIME_ZONE
};

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
const WEEKEND = ['Saturday', 'Sunday'];

/** 08:00 to 18:00, Monday to Friday, in the org's time zone. Time fields carry a `Z` suffix by convention. */
export function businessHoursValues(): Record<string, string | boolean | null> {
    const values: Record<string, string | boolean | null> = {
        Name: 'Default',
        IsActive: true,
        IsDefault: true,
        TimeZoneSidKey: ORG_TIME_ZONE
    };
    for (const day of WEEKDAYS) {
        values[`${day}StartTime`] = '08:00:00.000Z';
        values[`${day}EndTime`] = '18:00:00.000Z';
    }
    for (const day of WEEKEND) {
        values[`${day}StartTime`] = null;
        values[`${day}EndTime`] = null;
    }
    return values;
}

/** Returns the nearest Monday-to-Friday date at or after `date` (at or before it when `step` is -1). */
function nearestWeekday(date: DateTime, step: 1 | -1): DateTime {
    let day = date;
    while (day.weekday > 5) {
        day = day.plus({ days: step });
    }
    return day;
}

/** Fourth Thursday of November, the US Thanksgiving holiday. */
function thanksgiving(year: number): DateTime {
    const first = DateTime.fromObject({ year, month: 11, day: 1 }, { zone: ORG_TIME_ZONE });
    const offset = (4 - first.weekday + 7) % 7;
    return first.plus({ days: offset + 21 });
}

function allDay(name: string, date: DateTime): HolidayRecord {
    return { Name: name, ActivityDate: date.toISODate(), IsAllDay: true, IsRecurrence: false };
}

/**
 * Holidays: all-day ones of the current year, a company day two weeks before `now`, an
 * afternoon offsite (partial, 13:00-18:00) a week before it, a recurring New Year's Day,
 * and a company day on the second weekday after `now`.
 */
export function holidayRecords(now: Date): HolidayRecord[] {
    const today = DateTime.fromJSDate(now, { zone: ORG_TIME_ZONE }).startOf('day');
    const year = today.year;
    const newYearStart = `${year - 3}-01-01`;
    return [
        {
            Name: "New Year's Day",
            ActivityDate: newYearStart,
            IsAllDay: true,
            IsRecurrence: true,
            RecurrenceType: 'RecursYearly',
            RecurrenceDayOfMonth: 1,
            RecurrenceMonthOfYear: 'January',
            RecurrenceStartDate: newYearStart
        },
        allDay('Independence Day', today.set({ month: 7, day: 4 })),
        allDay('Thanksgiving Day', thanksgiving(year)),
        allDay('Christmas Day', today.set({ month: 12, day: 25 })),
        allDay('Company Day (spring)', nearestWeekday(today.minus({ days: 14 }), -1)),
        {
            Name: 'All-hands offsite (afternoon)',
            ActivityDate: nearestWeekday(today.minus({ days: 7 }), -1).toISODate(),
            IsAllDay: false,
            StartTimeInMinutes: 13 * 60,
            EndTimeInMinutes: 18 * 60,
            IsRecurrence: false
        },
        allDay(
            'Founders Day',
            nearestWeekday(nearestWeekday(today.plus({ days: 1 }), 1).plus({ days: 1 }), 1)
        )
    ];
}

/** Holiday records as sample fields. */
export function holidayFields(holiday: HolidayRecord): SampleFields {
    const fields: SampleFields = {};
    for (const [name, value] of Object.entries(holiday)) {
        if (value !== undefined) {
            fields[name] = value as string | number | boolean | null;
        }
    }
    return fields;
}

/** The business calendar the policy engine will build from the same records. */
export function sampleCalendar(holidays: readonly HolidayRecord[]): BusinessCalendar {
    return createBusinessCalendar(businessHoursValues(), holidays);
}
