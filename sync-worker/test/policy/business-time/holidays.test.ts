import {
    addBusinessHours,
    BusinessTimeError,
    businessMillisBetween,
    createBusinessCalendar,
    isWithinBusinessHours,
    type HolidayRecord
} from '../../../src/policy/business-time';
import { allDayHoliday, at, local, partialHoliday, recurringHoliday, weekdays } from './fixtures';

const HOUR = 3_600_000;
const NY = 'America/New_York';
const officeHours = weekdays(NY, '09:00', '17:00');

function calendarWith(...holidays: HolidayRecord[]) {
    return createBusinessCalendar(officeHours, holidays);
}

describe('holidays in addBusinessMillis', () => {
    const cases: {
        name: string;
        holiday: HolidayRecord;
        start: string;
        hours: number;
        due: string;
    }[] = [
        {
            name: 'all-day holiday on a Friday',
            holiday: allDayHoliday('Christmas', '2026-12-25'),
            start: '2026-12-24 16:00',
            hours: 2,
            due: '2026-12-28 10:00'
        },
        {
            name: 'partial holiday over lunch',
            holiday: partialHoliday('Town hall', '2027-03-17', 12 * 60, 14 * 60),
            start: '2027-03-17 11:00',
            hours: 2,
            due: '2027-03-17 15:00'
        },
        {
            name: 'partial holiday to the end of the day',
            holiday: partialHoliday('Early close', '2027-03-17', 15 * 60, 24 * 60),
            start: '2027-03-17 14:00',
            hours: 2,
            due: '2027-03-18 10:00'
        },
        {
            name: 'recurring yearly on a date',
            holiday: recurringHoliday('Independence Day', {
                RecurrenceType: 'RecursYearly',
                RecurrenceMonthOfYear: 'July',
                RecurrenceDayOfMonth: 4,
                RecurrenceStartDate: '2020-07-04'
            }),
            start: '2028-07-03 16:00',
            hours: 2,
            due: '2028-07-05 10:00'
        },
        {
            name: 'recurring yearly on the fourth Thursday',
            holiday: recurringHoliday('Thanksgiving', {
                RecurrenceType: 'RecursYearlyNth',
                RecurrenceMonthOfYear: 'November',
                RecurrenceInstance: 'Fourth',
                RecurrenceDayOfWeekMask: 16,
                RecurrenceStartDate: '2020-11-26'
            }),
            start: '2027-11-24 16:00',
            hours: 2,
            due: '2027-11-26 10:00'
        },
        {
            name: 'recurring monthly on the last Friday',
            holiday: recurringHoliday('Wellness day', {
                RecurrenceType: 'RecursMonthlyNth',
                RecurrenceInstance: 'Last',
                RecurrenceDayOfWeekMask: 32,
                RecurrenceStartDate: '2027-01-01'
            }),
            start: '2027-03-25 16:00',
            hours: 2,
            due: '2027-03-29 10:00'
        },
        {
            name: 'recurring weekly on Wednesdays',
            holiday: recurringHoliday('No-meeting Wednesday', {
                RecurrenceType: 'RecursWeekly',
                RecurrenceDayOfWeekMask: 8,
                RecurrenceStartDate: '2027-01-01'
            }),
            start: '2027-03-16 16:00',
            hours: 2,
            due: '2027-03-18 10:00'
        }
    ];

    it.each(cases)('$name', ({ holiday, start, hours, due }) => {
        const result = addBusinessHours(at(NY, start), hours, calendarWith(holiday));
        expect(local(result, NY)).toBe(local(at(NY, due), NY));
    });

    it('subtracts a holiday from a diff', () => {
        const calendar = calendarWith(allDayHoliday('Christmas', '2026-12-25'));
        const millis = businessMillisBetween(
            at(NY, '2026-12-21 00:00'),
            at(NY, '2026-12-28 00:00'),
            calendar
        );
        expect(millis).toBe(32 * HOUR);
    });
});

describe('recurrence rules', () => {
    interface RuleCase {
        name: string;
        holiday: HolidayRecord;
        closed: string[];
        open: string[];
    }

    const cases: RuleCase[] = [
        {
            name: 'every other Wednesday',
            holiday: recurringHoliday('Fortnightly', {
                RecurrenceType: 'RecursWeekly',
                RecurrenceInterval: 2,
                RecurrenceDayOfWeekMask: 8,
                RecurrenceStartDate: '2027-01-06'
            }),
            closed: ['2027-01-06', '2027-01-20', '2027-02-03'],
            open: ['2027-01-13', '2027-01-27', '2026-12-23']
        },
        {
            name: 'every third day within its dates',
            holiday: recurringHoliday('Rotation', {
                RecurrenceType: 'RecursDaily',
                RecurrenceInterval: 3,
                RecurrenceStartDate: '2027-03-01',
                RecurrenceEndDateOnly: '2027-03-10'
            }),
            closed: ['2027-03-01', '2027-03-04', '2027-03-10'],
            open: ['2027-03-02', '2027-03-03', '2027-03-05', '2027-03-16', '2027-02-26']
        },
        {
            name: 'every weekday for a shutdown week',
            holiday: recurringHoliday('Shutdown', {
                RecurrenceType: 'RecursEveryWeekday',
                RecurrenceDayOfWeekMask: 62,
                RecurrenceStartDate: '2027-08-02',
                RecurrenceEndDateOnly: '2027-08-06'
            }),
            closed: ['2027-08-02', '2027-08-04', '2027-08-06'],
            open: ['2027-07-30', '2027-08-09']
        },
        {
            name: 'monthly on the 15th every two months',
            holiday: recurringHoliday('Stocktake', {
                RecurrenceType: 'RecursMonthly',
                RecurrenceInterval: 2,
                RecurrenceDayOfMonth: 15,
                RecurrenceStartDate: '2027-01-15'
            }),
            closed: ['2027-01-15', '2027-03-15', '2027-07-15'],
            open: ['2027-02-15', '2027-03-16', '2027-04-15']
        },
        {
            name: 'monthly on the 31st falls on the last day',
            holiday: recurringHoliday('Month end', {
                RecurrenceType: 'RecursMonthly',
                RecurrenceDayOfMonth: 31,
                RecurrenceStartDate: '2027-01-31'
            }),
            closed: ['2027-03-31', '2027-04-30', '2027-06-30'],
            open: ['2027-04-29', '2027-05-28']
        },
        {
            name: 'first Monday of every month',
            holiday: recurringHoliday('Planning day', {
                RecurrenceType: 'RecursMonthlyNth',
                RecurrenceInstance: 'First',
                RecurrenceDayOfWeekMask: 2,
                RecurrenceStartDate: '2027-01-01'
            }),
            closed: ['2027-03-01', '2027-04-05', '2027-11-01'],
            open: ['2027-03-08', '2027-04-12']
        },
        {
            name: 'yearly Memorial Day, last Monday of May',
            holiday: recurringHoliday('Memorial Day', {
                RecurrenceType: 'RecursYearlyNth',
                RecurrenceMonthOfYear: 'May',
                RecurrenceInstance: 'Last',
                RecurrenceDayOfWeekMask: 2,
                RecurrenceStartDate: '2020-05-25'
            }),
            closed: ['2027-05-31', '2028-05-29'],
            open: ['2027-05-24', '2028-05-22']
        },
        {
            name: 'recurrence before its start date',
            holiday: recurringHoliday('New office', {
                RecurrenceType: 'RecursYearly',
                RecurrenceMonthOfYear: 'March',
                RecurrenceDayOfMonth: 17,
                RecurrenceStartDate: '2028-03-17'
            }),
            closed: ['2028-03-17'],
            open: ['2027-03-17']
        }
    ];

    it.each(cases)('$name', ({ holiday, closed, open }) => {
        const calendar = calendarWith(holiday);
        for (const day of closed) {
            expect([day, isWithinBusinessHours(at(NY, `${day} 12:00`), calendar)]).toEqual([
                day,
                false
            ]);
        }
        for (const day of open) {
            expect([day, isWithinBusinessHours(at(NY, `${day} 12:00`), calendar)]).toEqual([
                day,
                true
            ]);
        }
    });
});

describe('invalid business time records', () => {
    const cases: { name: string; build: () => unknown; code: string; message: RegExp }[] = [
        {
            name: 'unknown time zone',
            build: () => createBusinessCalendar(weekdays('Mars/Olympus', '09:00', '17:00')),
            code: 'INVALID_TIME_ZONE',
            message: /"Mars\/Olympus" is not a known time zone/
        },
        {
            name: 'every day closed',
            build: () => createBusinessCalendar({ TimeZoneSidKey: NY }),
            code: 'NO_BUSINESS_TIME',
            message: /closed on every day/
        },
        {
            name: 'start without end',
            build: () =>
                createBusinessCalendar({ TimeZoneSidKey: NY, MondayStartTime: '09:00:00.000Z' }),
            code: 'INVALID_RECORD',
            message: /MondayStartTime and MondayEndTime must both be set/
        },
        {
            name: 'end before start',
            build: () => createBusinessCalendar(weekdays(NY, '17:00', '09:00')),
            code: 'INVALID_RECORD',
            message: /MondayEndTime 09:00:00.000Z must be after MondayStartTime/
        },
        {
            name: 'partial holiday ending before it starts',
            build: () => calendarWith(partialHoliday('Backwards', '2027-03-17', 600, 540)),
            code: 'INVALID_RECORD',
            message:
                /Holiday "Backwards": EndTimeInMinutes \(540\) must be after StartTimeInMinutes \(600\)/
        },
        {
            name: 'yearly holiday without a month',
            build: () =>
                calendarWith(
                    recurringHoliday('Monthless', {
                        RecurrenceType: 'RecursYearly',
                        RecurrenceDayOfMonth: 1,
                        RecurrenceStartDate: '2027-01-01'
                    })
                ),
            code: 'INVALID_RECORD',
            message: /RecursYearly needs RecurrenceMonthOfYear/
        },
        {
            name: 'unknown recurrence type',
            build: () =>
                calendarWith(
                    recurringHoliday('Odd', {
                        RecurrenceType: 'RecursHourly',
                        RecurrenceStartDate: '2027-01-01'
                    })
                ),
            code: 'INVALID_RECORD',
            message: /Holiday "Odd": RecurrenceType is invalid/
        }
    ];

    it.each(cases)('$name', ({ build, code, message }) => {
        let caught: unknown;
        try {
            build();
        } catch (error) {
            caught = error;
        }
        expect(caught).toBeInstanceOf(BusinessTimeError);
        expect((caught as BusinessTimeError).code).toBe(code);
        expect((caught as BusinessTimeError).message).toMatch(message);
    });

    it('gives up when holidays close every day', () => {
        const calendar = calendarWith(
            recurringHoliday('Forever', {
                RecurrenceType: 'RecursDaily',
                RecurrenceStartDate: '2020-01-01'
            })
        );
        expect(() => addBusinessHours(at(NY, '2027-03-15 10:00'), 1, calendar)).toThrow(
            /No business time/
        );
    });
});
