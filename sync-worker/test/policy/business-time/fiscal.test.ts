import {
    addCalendarDays,
    calendarMonthOf,
    calendarMonthRange,
    fiscalQuarterOf,
    nextFiscalQuarterStart,
    shiftCalendarMonth
} from '../../../src/policy/business-time';
import { at } from './fixtures';

const UTC = 'UTC';
const NY = 'America/New_York';

describe('fiscalQuarterOf', () => {
    const cases = [
        {
            startMonth: 1,
            date: '2027-02-15 12:00',
            label: '2027-Q1',
            start: '2027-01-01',
            end: '2027-04-01'
        },
        {
            startMonth: 1,
            date: '2027-12-31 23:59',
            label: '2027-Q4',
            start: '2027-10-01',
            end: '2028-01-01'
        },
        {
            startMonth: 2,
            date: '2027-01-15 12:00',
            label: '2027-Q4',
            start: '2026-11-01',
            end: '2027-02-01'
        },
        {
            startMonth: 2,
            date: '2027-02-01 00:00',
            label: '2028-Q1',
            start: '2027-02-01',
            end: '2027-05-01'
        },
        {
            startMonth: 4,
            date: '2027-03-31 23:59',
            label: '2027-Q4',
            start: '2027-01-01',
            end: '2027-04-01'
        },
        {
            startMonth: 4,
            date: '2027-04-01 00:00',
            label: '2028-Q1',
            start: '2027-04-01',
            end: '2027-07-01'
        },
        {
            startMonth: 4,
            date: '2027-09-30 12:00',
            label: '2028-Q2',
            start: '2027-07-01',
            end: '2027-10-01'
        },
        {
            startMonth: 11,
            date: '2027-10-31 23:59',
            label: '2027-Q4',
            start: '2027-08-01',
            end: '2027-11-01'
        },
        {
            startMonth: 11,
            date: '2027-11-01 00:00',
            label: '2028-Q1',
            start: '2027-11-01',
            end: '2028-02-01'
        },
        {
            startMonth: 11,
            date: '2028-01-31 12:00',
            label: '2028-Q1',
            start: '2027-11-01',
            end: '2028-02-01'
        }
    ];

    it.each(cases)(
        'start month $startMonth, $date is $label',
        ({ startMonth, date, label, start, end }) => {
            const quarter = fiscalQuarterOf(at(UTC, date), startMonth, UTC);
            expect(quarter.label).toBe(label);
            expect(quarter.start.toISOString()).toBe(`${start}T00:00:00.000Z`);
            expect(quarter.end.toISOString()).toBe(`${end}T00:00:00.000Z`);
        }
    );

    it('names the year by its start when the org says so', () => {
        const quarter = fiscalQuarterOf(at(UTC, '2027-01-15 12:00'), 2, UTC, {
            usesStartDateAsFiscalYearName: true
        });
        expect(quarter.label).toBe('2026-Q4');
        expect(quarter.fiscalYear).toBe(2026);
        expect(quarter.quarter).toBe(4);
    });

    it('uses the org time zone at quarter boundaries', () => {
        // 03:00 UTC on April 1 is still March 31 in New York.
        const instant = new Date('2027-04-01T03:00:00.000Z');
        expect(fiscalQuarterOf(instant, 1, NY).label).toBe('2027-Q1');
        expect(fiscalQuarterOf(instant, 1, UTC).label).toBe('2027-Q2');
        expect(fiscalQuarterOf(instant, 1, NY).end.toISOString()).toBe('2027-04-01T04:00:00.000Z');
    });

    it('rejects a start month of 13', () => {
        expect(() => fiscalQuarterOf(new Date(), 13, UTC)).toThrow(/start month 13 is invalid/);
    });

    it('rejects an unknown time zone', () => {
        expect(() => fiscalQuarterOf(new Date(), 1, 'Nowhere/Land')).toThrow(
            /not a known time zone/
        );
    });
});

describe('nextFiscalQuarterStart', () => {
    it('is the end of the current quarter', () => {
        const next = nextFiscalQuarterStart(at(UTC, '2027-05-20 10:00'), 4, UTC);
        expect(next.toISOString()).toBe('2027-07-01T00:00:00.000Z');
    });

    it('moves on at the first instant of a quarter', () => {
        const next = nextFiscalQuarterStart(at(UTC, '2027-07-01 00:00'), 4, UTC);
        expect(next.toISOString()).toBe('2027-10-01T00:00:00.000Z');
    });
});

describe('calendar months', () => {
    it('labels by local month', () => {
        const instant = new Date('2027-04-01T03:00:00.000Z');
        expect(calendarMonthOf(instant, NY)).toBe('2027-03');
        expect(calendarMonthOf(instant, UTC)).toBe('2027-04');
    });

    it('bounds a month in local time, across DST', () => {
        const range = calendarMonthRange('2027-03', NY);
        expect(range.start.toISOString()).toBe('2027-03-01T05:00:00.000Z');
        expect(range.end.toISOString()).toBe('2027-04-01T04:00:00.000Z');
    });

    it('shifts across years', () => {
        expect(shiftCalendarMonth('2027-01', -1)).toBe('2026-12');
        expect(shiftCalendarMonth('2027-11', 3)).toBe('2028-02');
        expect(shiftCalendarMonth('2027-03', 0)).toBe('2027-03');
    });

    it('rejects a malformed month', () => {
        expect(() => calendarMonthRange('2027-13', UTC)).toThrow(/not a month such as 2027-03/);
    });
});

describe('addCalendarDays', () => {
    it('keeps local time across spring-forward', () => {
        const next = addCalendarDays(at(NY, '2027-03-13 09:00'), 1, NY);
        expect(next.getTime() - at(NY, '2027-03-13 09:00').getTime()).toBe(23 * 3_600_000);
        expect(next).toEqual(at(NY, '2027-03-14 09:00'));
    });

    it('adds seven days across fall-back', () => {
        expect(addCalendarDays(at(NY, '2027-11-01 09:00'), 7, NY)).toEqual(
            at(NY, '2027-11-08 09:00')
        );
    });
});
