/**
 * Business time for SLA clocks: Salesforce BusinessHours and Holiday records turned into
 * a calendar, with add and diff that match Salesforce's `BusinessHours.add` and
 * `BusinessHours.diff`, DST-correct through luxon. Also the fiscal quarter and calendar
 * month helpers that breach levels, reviews and scorecards are keyed by. Pure: no I/O
 * and no clock of its own.
 */
export { BusinessCalendar, alwaysOpenCalendar, createBusinessCalendar } from './calendar';
export {
    addBusinessHours,
    addBusinessMillis,
    businessMillisBetween,
    isWithinBusinessHours,
    nextBusinessStart
} from './arithmetic';
export {
    addCalendarDays,
    calendarMonthOf,
    calendarMonthRange,
    fiscalQuarterOf,
    nextFiscalQuarterStart,
    shiftCalendarMonth,
    type FiscalQuarter,
    type FiscalYearOptions
} from './fiscal';
export { BusinessTimeError, type BusinessTimeErrorCode } from './errors';
export {
    HOLIDAY_RECURRENCE_TYPES,
    businessHoursRecordSchema,
    holidayRecordSchema,
    type BusinessHoursRecord,
    type HolidayRecord,
    type HolidayRecurrenceType
} from './records';
