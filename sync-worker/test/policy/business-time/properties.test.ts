import fc from 'fast-check';
import { DateTime } from 'luxon';
import {
    addBusinessMillis,
    businessMillisBetween,
    createBusinessCalendar,
    isWithinBusinessHours,
    type BusinessCalendar
} from '../../../src/policy/business-time';
import { allDayHoliday, partialHoliday, recurringHoliday, weekdays } from './fixtures';

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** Minutes after local midnight. */
function minuteOfDay(time: DateTime): number {
    return time.hour * 60 + time.minute;
}

/**
 * Calendars with DST changes, weekends and every kind of holiday, each with `isOpenAt`:
 * the same rules written directly against local wall time, as an independent oracle.
 */
const CALENDARS: readonly {
    name: string;
    zone: string;
    calendar: BusinessCalendar;
    isOpenAt: (time: DateTime) => boolean;
}[] = [
    {
        name: 'New York',
        zone: 'America/New_York',
        isOpenAt: (time) => {
            const minute = minuteOfDay(time);
            const date = time.toISODate();
            const thanksgiving =
                time.month === 11 && time.weekday === 4 && time.day >= 22 && time.day <= 28;
            const townHall = date === '2027-03-17' && minute >= 720 && minute < 840;
            return (
                time.weekday <= 5 &&
                minute >= 540 &&
                minute < 1020 &&
                date !== '2026-12-25' &&
                !thanksgiving &&
                !townHall
            );
        },
        calendar: createBusinessCalendar(weekdays('America/New_York', '09:00', '17:00'), [
            allDayHoliday('Christmas', '2026-12-25'),
            partialHoliday('Town hall', '2027-03-17', 720, 840),
            recurringHoliday('Thanksgiving', {
                RecurrenceType: 'RecursYearlyNth',
                RecurrenceMonthOfYear: 'November',
                RecurrenceInstance: 'Fourth',
                RecurrenceDayOfWeekMask: 16,
                RecurrenceStartDate: '2020-11-26'
            })
        ])
    },
    {
        name: 'Berlin, including the night of the clock change',
        zone: 'Europe/Berlin',
        isOpenAt: (time) => {
            const minute = minuteOfDay(time);
            switch (time.weekday) {
                case 7:
                    return minute < 360;
                case 1:
                    return time.day > 7 && minute >= 480 && minute < 990;
                case 3:
                    return true;
                case 5:
                    return minute >= 480 && minute < 720;
                default:
                    return false;
            }
        },
        calendar: createBusinessCalendar(
            {
                TimeZoneSidKey: 'Europe/Berlin',
                SundayStartTime: '00:00:00.000Z',
                SundayEndTime: '06:00:00.000Z',
                MondayStartTime: '08:00:00.000Z',
                MondayEndTime: '16:30:00.000Z',
                WednesdayStartTime: '00:00:00.000Z',
                WednesdayEndTime: '00:00:00.000Z',
                FridayStartTime: '08:00:00.000Z',
                FridayEndTime: '12:00:00.000Z'
            },
            [
                recurringHoliday('First Monday', {
                    RecurrenceType: 'RecursMonthlyNth',
                    RecurrenceInstance: 'First',
                    RecurrenceDayOfWeekMask: 2,
                    RecurrenceStartDate: '2026-01-01'
                })
            ]
        )
    }
];

/** Instants from late 2026 to early 2028: two spring-forward and two fall-back changes per zone. */
const instant = fc
    .integer({ min: Date.UTC(2026, 9, 1), max: Date.UTC(2028, 1, 1) })
    .map((ms) => new Date(ms));
const windowMillis = fc.integer({ min: 0, max: 200 * HOUR });

describe.each(CALENDARS)('business time properties: $name', ({ zone, calendar, isOpenAt }) => {
    it('add then diff returns the window', () => {
        fc.assert(
            fc.property(instant, windowMillis, (start, millis) => {
                const due = addBusinessMillis(start, millis, calendar);
                expect(businessMillisBetween(start, due, calendar)).toBe(millis);
            })
        );
    });

    it('a later start never gives an earlier due time', () => {
        fc.assert(
            fc.property(instant, instant, windowMillis, (first, second, millis) => {
                const [early, late] = first <= second ? [first, second] : [second, first];
                const earlyDue = addBusinessMillis(early, millis, calendar).getTime();
                expect(addBusinessMillis(late, millis, calendar).getTime()).toBeGreaterThanOrEqual(
                    earlyDue
                );
            })
        );
    });

    it('a longer window never gives an earlier due time', () => {
        fc.assert(
            fc.property(instant, windowMillis, windowMillis, (start, first, second) => {
                const [short, long] = first <= second ? [first, second] : [second, first];
                const shortDue = addBusinessMillis(start, short, calendar).getTime();
                expect(addBusinessMillis(start, long, calendar).getTime()).toBeGreaterThanOrEqual(
                    shortDue
                );
            })
        );
    });

    it('diff is non-negative forwards and antisymmetric', () => {
        fc.assert(
            fc.property(instant, instant, (first, second) => {
                const [early, late] = first <= second ? [first, second] : [second, first];
                const forwards = businessMillisBetween(early, late, calendar);
                expect(forwards).toBeGreaterThanOrEqual(0);
                expect(forwards).toBeLessThanOrEqual(late.getTime() - early.getTime());
                // Sum rather than negate, because -0 and 0 differ for toBe.
                expect(businessMillisBetween(late, early, calendar) + forwards).toBe(0);
            })
        );
    });

    it('a due time ends business time', () => {
        fc.assert(
            fc.property(instant, fc.integer({ min: 1, max: 200 * HOUR }), (start, millis) => {
                const due = addBusinessMillis(start, millis, calendar);
                expect(isWithinBusinessHours(new Date(due.getTime() - 1), calendar)).toBe(true);
            })
        );
    });

    it('subtracting undoes adding', () => {
        fc.assert(
            fc.property(instant, fc.integer({ min: 1, max: 200 * HOUR }), (start, millis) => {
                const due = addBusinessMillis(start, millis, calendar);
                const back = addBusinessMillis(due, -millis, calendar);
                expect(businessMillisBetween(back, due, calendar)).toBe(millis);
                expect(back.getTime()).toBeGreaterThanOrEqual(start.getTime());
            })
        );
    });

    it('diff and isWithin match a minute-by-minute oracle in local time', () => {
        const minuteInstant = instant.map(
            (date) => new Date(Math.floor(date.getTime() / MINUTE) * MINUTE)
        );
        fc.assert(
            fc.property(
                minuteInstant,
                fc.integer({ min: 0, max: 3 * 24 * 60 }),
                (start, minutes) => {
                    let counted = 0;
                    const disagreements: string[] = [];
                    for (let step = 0; step < minutes; step += 1) {
                        const probe = new Date(start.getTime() + step * MINUTE);
                        const open = isOpenAt(DateTime.fromJSDate(probe, { zone }));
                        if (isWithinBusinessHours(probe, calendar) !== open) {
                            disagreements.push(probe.toISOString());
                        }
                        counted += open ? MINUTE : 0;
                    }
                    expect(disagreements.slice(0, 3)).toEqual([]);
                    const end = new Date(start.getTime() + minutes * MINUTE);
                    expect(businessMillisBetween(start, end, calendar)).toBe(counted);
                }
            ),
            { numRuns: 25 }
        );
    });

    it('matches the oracle through every DST change of 2027', () => {
        const changes =
            zone === 'America/New_York'
                ? ['2027-03-14', '2027-11-07']
                : ['2027-03-28', '2027-10-31'];
        for (const day of changes) {
            const start = DateTime.fromISO(`${day}T00:00`, { zone }).minus({ days: 1 });
            let counted = 0;
            for (let step = 0; step < 3 * 24 * 60; step += 1) {
                const probe = DateTime.fromMillis(start.toMillis() + step * MINUTE, { zone });
                counted += isOpenAt(probe) ? MINUTE : 0;
            }
            const end = start.plus({ minutes: 3 * 24 * 60 });
            expect([
                day,
                businessMillisBetween(start.toJSDate(), end.toJSDate(), calendar)
            ]).toEqual([day, counted]);
        }
    });
});
