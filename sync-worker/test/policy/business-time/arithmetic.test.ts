import {
    addBusinessHours,
    addBusinessMillis,
    alwaysOpenCalendar,
    businessMillisBetween,
    createBusinessCalendar,
    isWithinBusinessHours,
    nextBusinessStart,
    type BusinessCalendar
} from '../../../src/policy/business-time';
import { at, businessHours, local, weekdays } from './fixtures';

const HOUR = 3_600_000;
const NY = 'America/New_York';
const BERLIN = 'Europe/Berlin';

/** New York office, Monday to Friday 09:00 to 17:00; 2027-03-15 is a Monday. */
const newYork = createBusinessCalendar(weekdays(NY, '09:00', '17:00'));
/** Berlin office, Monday to Friday 08:00 to 16:30. */
const berlin = createBusinessCalendar(weekdays(BERLIN, '08:00', '16:30'));

interface AddCase {
    readonly name: string;
    readonly calendar: BusinessCalendar;
    readonly zone: string;
    readonly start: string;
    readonly hours: number;
    readonly due: string;
}

const ADD_CASES: readonly AddCase[] = [
    {
        name: 'inside one day',
        calendar: newYork,
        zone: NY,
        start: '2027-03-15 10:00',
        hours: 2,
        due: '2027-03-15 12:00'
    },
    {
        name: 'ending exactly at close',
        calendar: newYork,
        zone: NY,
        start: '2027-03-15 16:00',
        hours: 1,
        due: '2027-03-15 17:00'
    },
    {
        name: 'a full day from opening',
        calendar: newYork,
        zone: NY,
        start: '2027-03-15 09:00',
        hours: 8,
        due: '2027-03-15 17:00'
    },
    {
        name: 'past close into next day',
        calendar: newYork,
        zone: NY,
        start: '2027-03-15 16:30',
        hours: 1,
        due: '2027-03-16 09:30'
    },
    {
        name: 'across a weekend',
        calendar: newYork,
        zone: NY,
        start: '2027-03-19 16:00',
        hours: 2,
        due: '2027-03-22 10:00'
    },
    {
        name: 'start before opening',
        calendar: newYork,
        zone: NY,
        start: '2027-03-15 07:00',
        hours: 1,
        due: '2027-03-15 10:00'
    },
    {
        name: 'start after close',
        calendar: newYork,
        zone: NY,
        start: '2027-03-15 18:00',
        hours: 1,
        due: '2027-03-16 10:00'
    },
    {
        name: 'start exactly at close',
        calendar: newYork,
        zone: NY,
        start: '2027-03-15 17:00',
        hours: 1,
        due: '2027-03-16 10:00'
    },
    {
        name: 'start on a Saturday',
        calendar: newYork,
        zone: NY,
        start: '2027-03-20 12:00',
        hours: 1,
        due: '2027-03-22 10:00'
    },
    {
        name: '48 hours is six business days',
        calendar: newYork,
        zone: NY,
        start: '2027-03-15 09:00',
        hours: 48,
        due: '2027-03-22 17:00'
    },
    {
        name: 'fractional hours',
        calendar: newYork,
        zone: NY,
        start: '2027-03-15 09:00',
        hours: 0.25,
        due: '2027-03-15 09:15'
    },
    {
        name: 'zero inside hours',
        calendar: newYork,
        zone: NY,
        start: '2027-03-15 10:00',
        hours: 0,
        due: '2027-03-15 10:00'
    },
    {
        name: 'zero at close',
        calendar: newYork,
        zone: NY,
        start: '2027-03-15 17:00',
        hours: 0,
        due: '2027-03-16 09:00'
    },
    {
        name: 'zero on a Sunday',
        calendar: newYork,
        zone: NY,
        start: '2027-03-21 12:00',
        hours: 0,
        due: '2027-03-22 09:00'
    },
    {
        name: 'negative within a day',
        calendar: newYork,
        zone: NY,
        start: '2027-03-16 12:00',
        hours: -2,
        due: '2027-03-16 10:00'
    },
    {
        name: 'negative lands on opening',
        calendar: newYork,
        zone: NY,
        start: '2027-03-16 10:00',
        hours: -1,
        due: '2027-03-16 09:00'
    },
    {
        name: 'negative across a weekend',
        calendar: newYork,
        zone: NY,
        start: '2027-03-22 09:30',
        hours: -1,
        due: '2027-03-19 16:30'
    },
    // New York moves to daylight time on Sunday 2027-03-14 and back on Sunday 2027-11-07.
    {
        name: 'weekend with spring-forward, New York',
        calendar: newYork,
        zone: NY,
        start: '2027-03-12 16:00',
        hours: 2,
        due: '2027-03-15 10:00'
    },
    {
        name: 'weekend with fall-back, New York',
        calendar: newYork,
        zone: NY,
        start: '2027-11-05 16:00',
        hours: 2,
        due: '2027-11-08 10:00'
    },
    // Berlin moves on Sunday 2027-03-28 and back on Sunday 2027-10-31.
    {
        name: 'weekend with spring-forward, Berlin',
        calendar: berlin,
        zone: BERLIN,
        start: '2027-03-26 15:00',
        hours: 2,
        due: '2027-03-29 08:30'
    },
    {
        name: 'weekend with fall-back, Berlin',
        calendar: berlin,
        zone: BERLIN,
        start: '2027-10-29 16:00',
        hours: 1,
        due: '2027-11-01 08:30'
    }
];

describe('addBusinessMillis', () => {
    it.each(ADD_CASES)('$name', ({ calendar, zone, start, hours, due }) => {
        const result = addBusinessHours(at(zone, start), hours, calendar);
        expect(local(result, zone)).toBe(local(at(zone, due), zone));
    });

    it('keeps UTC offsets correct across spring-forward', () => {
        const due = addBusinessHours(at(NY, '2027-03-12 16:00'), 2, newYork);
        // Friday 16:00 EST is 21:00Z; Monday 10:00 EDT is 14:00Z.
        expect(due.toISOString()).toBe('2027-03-15T14:00:00.000Z');
    });

    it('rejects an invalid date', () => {
        expect(() => addBusinessMillis(new Date(Number.NaN), HOUR, newYork)).toThrow(
            'The date is invalid'
        );
    });

    it('rejects an infinite window', () => {
        expect(() => addBusinessMillis(at(NY, '2027-03-15 10:00'), Infinity, newYork)).toThrow(
            'Infinity is not a finite number of milliseconds'
        );
    });
});

describe('businessMillisBetween', () => {
    const cases = [
        { name: 'inside one day', start: '2027-03-15 10:00', end: '2027-03-15 12:30', hours: 2.5 },
        {
            name: 'zero-length window',
            start: '2027-03-15 10:00',
            end: '2027-03-15 10:00',
            hours: 0
        },
        {
            name: 'whole weekend closed',
            start: '2027-03-20 08:00',
            end: '2027-03-21 20:00',
            hours: 0
        },
        { name: 'across a weekend', start: '2027-03-19 16:00', end: '2027-03-22 10:00', hours: 2 },
        {
            name: 'outside both ends',
            start: '2027-03-15 06:00',
            end: '2027-03-16 20:00',
            hours: 16
        },
        { name: 'end before start', start: '2027-03-15 12:00', end: '2027-03-15 10:00', hours: -2 },
        { name: 'a business week', start: '2027-03-15 00:00', end: '2027-03-22 00:00', hours: 40 },
        { name: 'across New Year', start: '2027-12-31 16:00', end: '2028-01-03 10:00', hours: 2 },
        {
            name: 'across several years',
            start: '2027-01-01 00:00',
            end: '2029-01-01 00:00',
            hours: (261 + 260) * 8
        }
    ];

    it.each(cases)('$name', ({ start, end, hours }) => {
        expect(businessMillisBetween(at(NY, start), at(NY, end), newYork)).toBe(hours * HOUR);
    });

    it('counts a Berlin weekend across fall-back', () => {
        const millis = businessMillisBetween(
            at(BERLIN, '2027-10-29 16:00'),
            at(BERLIN, '2027-11-01 09:00'),
            berlin
        );
        expect(millis).toBe(1.5 * HOUR);
    });
});

describe('isWithinBusinessHours and nextBusinessStart', () => {
    const cases = [
        {
            name: 'opening instant',
            time: '2027-03-15 09:00',
            within: true,
            next: '2027-03-15 09:00'
        },
        {
            name: 'closing instant',
            time: '2027-03-15 17:00',
            within: false,
            next: '2027-03-16 09:00'
        },
        {
            name: 'one minute before close',
            time: '2027-03-15 16:59',
            within: true,
            next: '2027-03-15 16:59'
        },
        {
            name: 'before opening',
            time: '2027-03-15 08:59',
            within: false,
            next: '2027-03-15 09:00'
        },
        {
            name: 'Friday evening',
            time: '2027-03-19 20:00',
            within: false,
            next: '2027-03-22 09:00'
        },
        {
            name: 'New Year weekend',
            time: '2027-12-31 18:00',
            within: false,
            next: '2028-01-03 09:00'
        }
    ];

    it.each(cases)('$name', ({ time, within, next }) => {
        expect(isWithinBusinessHours(at(NY, time), newYork)).toBe(within);
        expect(local(nextBusinessStart(at(NY, time), newYork), NY)).toBe(local(at(NY, next), NY));
    });
});

describe('24 x 7 fallback', () => {
    const calendar = createBusinessCalendar(null, [], NY);

    it('is always open', () => {
        expect(calendar.isAlwaysOpen).toBe(true);
        expect(calendar.timeZone).toBe(NY);
        expect(calendar.businessHoursId).toBeNull();
        expect(isWithinBusinessHours(at(NY, '2027-03-20 03:00'), calendar)).toBe(true);
    });

    it('adds elapsed time, even across a DST change', () => {
        const start = at(NY, '2027-03-13 12:00');
        const due = addBusinessHours(start, 24, calendar);
        expect(due.getTime() - start.getTime()).toBe(24 * HOUR);
        expect(local(due, NY)).toBe(local(at(NY, '2027-03-14 13:00'), NY));
    });

    it('diffs elapsed time', () => {
        const start = at(NY, '2027-03-13 12:00');
        expect(businessMillisBetween(start, at(NY, '2027-03-14 12:00'), calendar)).toBe(23 * HOUR);
    });

    it('is the default of alwaysOpenCalendar', () => {
        expect(alwaysOpenCalendar().timeZone).toBe('UTC');
    });
});

describe('all-day business hours across DST', () => {
    // Open on Sunday 00:00 to 06:00, so the clock changes at 02:00 (New York) and at
    // 02:00 or 03:00 (Berlin) fall inside business time. Saturday is open midnight to
    // midnight, which puts a 24-hour day in the table.
    const sundayNight: readonly (readonly [string | null, string | null])[] = [
        ['00:00', '06:00'],
        [null, null],
        [null, null],
        [null, null],
        [null, null],
        [null, null],
        ['00:00', '00:00']
    ];

    const cases = [
        { zone: NY, day: '2027-03-14', realHours: 5 },
        { zone: NY, day: '2027-11-07', realHours: 7 },
        { zone: BERLIN, day: '2027-03-28', realHours: 5 },
        { zone: BERLIN, day: '2027-10-31', realHours: 7 },
        { zone: BERLIN, day: '2027-04-04', realHours: 6 }
    ];

    it.each(cases)('$zone on $day has $realHours business hours', ({ zone, day, realHours }) => {
        const calendar = createBusinessCalendar(businessHours(zone, sundayNight));
        const open = at(zone, `${day} 00:00`);
        const close = at(zone, `${day} 06:00`);
        expect(businessMillisBetween(open, close, calendar)).toBe(realHours * HOUR);
        expect(addBusinessHours(open, realHours, calendar)).toEqual(close);
    });

    it('counts a 23-hour Saturday-to-Sunday span in New York', () => {
        const calendar = createBusinessCalendar(businessHours(NY, sundayNight));
        const millis = businessMillisBetween(
            at(NY, '2027-03-13 00:00'),
            at(NY, '2027-03-14 06:00'),
            calendar
        );
        expect(millis).toBe((24 + 5) * HOUR);
    });
});
