import { z } from 'zod';

/**
 * The Salesforce records a business calendar is built from, keyed by field API name:
 * what a SOQL query returns, or the worker's parsed `BusinessHours` and `Holiday`
 * records. The accepted types are wide (any text, null) and the schemas below check
 * the values, so a bad record fails with the field's name.
 */

/** `HH:mm:ss.SSSZ`, the wire format of a Salesforce Time field such as `08:00:00.000Z`. */
const timeOfDay = z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?Z?$/, 'a time such as 08:00:00.000Z');

/** `YYYY-MM-DD`, the wire format of a Salesforce Date field; a time part is ignored. */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}(T.*)?$/, 'a date such as 2027-12-25');

const dayTime = timeOfDay.nullish();

export const businessHoursRecordSchema = z.looseObject({
    Id: z.string().nullish(),
    Name: z.string().nullish(),
    IsDefault: z.boolean().nullish(),
    IsActive: z.boolean().nullish(),
    /** IANA zone id such as `America/New_York`; Salesforce's TimeZoneSidKey values are IANA ids. */
    TimeZoneSidKey: z.string().min(1),
    SundayStartTime: dayTime,
    SundayEndTime: dayTime,
    MondayStartTime: dayTime,
    MondayEndTime: dayTime,
    TuesdayStartTime: dayTime,
    TuesdayEndTime: dayTime,
    WednesdayStartTime: dayTime,
    WednesdayEndTime: dayTime,
    ThursdayStartTime: dayTime,
    ThursdayEndTime: dayTime,
    FridayStartTime: dayTime,
    FridayEndTime: dayTime,
    SaturdayStartTime: dayTime,
    SaturdayEndTime: dayTime
});

/** Values of `Holiday.RecurrenceType`. */
export const HOLIDAY_RECURRENCE_TYPES = [
    'RecursDaily',
    'RecursEveryWeekday',
    'RecursWeekly',
    'RecursMonthly',
    'RecursMonthlyNth',
    'RecursYearly',
    'RecursYearlyNth'
] as const;
export type HolidayRecurrenceType = (typeof HOLIDAY_RECURRENCE_TYPES)[number];

/** Values of `Holiday.RecurrenceInstance`. */
export const RECURRENCE_INSTANCES = ['First', 'Second', 'Third', 'Fourth', 'Last'] as const;
export type RecurrenceInstance = (typeof RECURRENCE_INSTANCES)[number];

/** Values of `Holiday.RecurrenceMonthOfYear`, in calendar order. */
export const RECURRENCE_MONTHS = [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December'
] as const;

export const holidayRecordSchema = z.looseObject({
    Id: z.string().nullish(),
    Name: z.string().nullish(),
    /** Date of a one-time holiday; recurring holidays use the Recurrence fields. */
    ActivityDate: isoDate.nullish(),
    IsAllDay: z.boolean().nullish(),
    /** Minutes after local midnight, 0 to 1440, for a partial-day holiday. */
    StartTimeInMinutes: z.number().int().min(0).max(1440).nullish(),
    EndTimeInMinutes: z.number().int().min(0).max(1440).nullish(),
    IsRecurrence: z.boolean().nullish(),
    RecurrenceType: z.enum(HOLIDAY_RECURRENCE_TYPES).nullish(),
    RecurrenceInterval: z.number().int().min(1).nullish(),
    /** Bit mask of weekdays: Sunday 1, Monday 2, Tuesday 4, ... Saturday 64. */
    RecurrenceDayOfWeekMask: z.number().int().min(0).max(127).nullish(),
    RecurrenceDayOfMonth: z.number().int().min(1).max(31).nullish(),
    RecurrenceMonthOfYear: z.enum(RECURRENCE_MONTHS).nullish(),
    RecurrenceInstance: z.enum(RECURRENCE_INSTANCES).nullish(),
    RecurrenceStartDate: isoDate.nullish(),
    RecurrenceEndDateOnly: isoDate.nullish()
});

type Weekday = 'Sunday' | 'Monday' | 'Tuesday' | 'Wednesday' | 'Thursday' | 'Friday' | 'Saturday';

/** A BusinessHours record as read; `businessHoursRecordSchema` checks its values. */
export type BusinessHoursRecord = {
    readonly Id?: string | null;
    readonly Name?: string | null;
    readonly IsDefault?: boolean | null;
    readonly IsActive?: boolean | null;
    readonly TimeZoneSidKey?: string | null;
} & Readonly<Partial<Record<`${Weekday}${'Start' | 'End'}Time`, string | null>>>;

/** A Holiday record as read; `holidayRecordSchema` checks its values. */
export interface HolidayRecord {
    readonly Id?: string | null;
    readonly Name?: string | null;
    readonly ActivityDate?: string | null;
    readonly IsAllDay?: boolean | null;
    readonly StartTimeInMinutes?: number | null;
    readonly EndTimeInMinutes?: number | null;
    readonly IsRecurrence?: boolean | null;
    readonly RecurrenceType?: string | null;
    readonly RecurrenceInterval?: number | null;
    readonly RecurrenceDayOfWeekMask?: number | null;
    readonly RecurrenceDayOfMonth?: number | null;
    readonly RecurrenceMonthOfYear?: string | null;
    readonly RecurrenceInstance?: string | null;
    readonly RecurrenceStartDate?: string | null;
    readonly RecurrenceEndDateOnly?: string | null;
}

/** A Holiday record after validation. */
export type ValidHoliday = z.output<typeof holidayRecordSchema>;
