import './quiet-logs';
import { resolveDateLiteral } from '../../../src/local-org/store/soql/date-literals';
import type { OrgStore } from '../../../src/local-org/store';
import { openStore, TestClock } from './store-fixture';

/** Wednesday 2027-03-03, 10:00 in New York (UTC-5 before the DST change of 2027-03-14). */
const NOW = new Date('2027-03-03T15:00:00.000Z');
const NEW_YORK = { timeZone: 'America/New_York', fiscalYearStartMonth: 1 };

function dates(literal: string, n?: number, fiscalYearStartMonth = 1): [string, string] {
    const range = resolveDateLiteral(literal, n, 'date', NOW, {
        ...NEW_YORK,
        fiscalYearStartMonth
    });
    return [range.start, range.end];
}

describe('relative date literals', () => {
    it.each([
        ['TODAY', undefined, ['2027-03-03', '2027-03-04']],
        ['YESTERDAY', undefined, ['2027-03-02', '2027-03-03']],
        ['TOMORROW', undefined, ['2027-03-04', '2027-03-05']],
        ['THIS_WEEK', undefined, ['2027-02-28', '2027-03-07']],
        ['LAST_WEEK', undefined, ['2027-02-21', '2027-02-28']],
        ['NEXT_WEEK', undefined, ['2027-03-07', '2027-03-14']],
        ['THIS_MONTH', undefined, ['2027-03-01', '2027-04-01']],
        ['LAST_MONTH', undefined, ['2027-02-01', '2027-03-01']],
        ['NEXT_MONTH', undefined, ['2027-04-01', '2027-05-01']],
        ['THIS_QUARTER', undefined, ['2027-01-01', '2027-04-01']],
        ['LAST_QUARTER', undefined, ['2026-10-01', '2027-01-01']],
        ['NEXT_QUARTER', undefined, ['2027-04-01', '2027-07-01']],
        ['THIS_YEAR', undefined, ['2027-01-01', '2028-01-01']],
        ['LAST_YEAR', undefined, ['2026-01-01', '2027-01-01']],
        ['LAST_90_DAYS', undefined, ['2026-12-03', '2027-03-04']],
        ['NEXT_90_DAYS', undefined, ['2027-03-04', '2027-06-02']],
        ['LAST_N_DAYS', 1, ['2027-03-02', '2027-03-04']],
        ['LAST_N_DAYS', 7, ['2027-02-24', '2027-03-04']],
        ['NEXT_N_DAYS', 2, ['2027-03-04', '2027-03-06']],
        ['N_DAYS_AGO', 3, ['2027-02-28', '2027-03-01']],
        ['LAST_N_WEEKS', 2, ['2027-02-14', '2027-02-28']],
        ['NEXT_N_MONTHS', 1, ['2027-04-01', '2027-05-01']],
        ['LAST_N_QUARTERS', 1, ['2026-10-01', '2027-01-01']],
        ['N_YEARS_AGO', 1, ['2026-01-01', '2027-01-01']]
    ])('%s:%s', (literal, n, expected) => {
        expect(dates(literal, n)).toEqual(expected);
    });

    it('uses the fiscal year start month', () => {
        expect(dates('THIS_FISCAL_QUARTER', undefined, 2)).toEqual(['2027-02-01', '2027-05-01']);
        expect(dates('LAST_FISCAL_QUARTER', undefined, 2)).toEqual(['2026-11-01', '2027-02-01']);
        expect(dates('THIS_FISCAL_YEAR', undefined, 4)).toEqual(['2026-04-01', '2027-04-01']);
        expect(dates('NEXT_N_FISCAL_QUARTERS', 2, 2)).toEqual(['2027-05-01', '2027-11-01']);
    });

    it('gives datetime ranges at local midnight in UTC', () => {
        const range = resolveDateLiteral('TODAY', undefined, 'datetime', NOW, NEW_YORK);
        expect(range).toEqual({
            start: '2027-03-03T05:00:00.000Z',
            end: '2027-03-04T05:00:00.000Z'
        });
    });

    it('follows daylight saving changes', () => {
        // Clocks in New York move forward at 02:00 on Sunday 2027-03-14.
        const range = resolveDateLiteral(
            'THIS_WEEK',
            undefined,
            'datetime',
            new Date('2027-03-16T15:00:00Z'),
            NEW_YORK
        );
        expect(range).toEqual({
            start: '2027-03-14T05:00:00.000Z',
            end: '2027-03-21T04:00:00.000Z'
        });
    });
});

describe('date literals in queries', () => {
    let store: OrgStore;
    let clock: TestClock;

    beforeEach(() => {
        clock = new TestClock('2027-03-03T03:00:00.000Z');
        store = openStore(clock, { seed: { fiscalYearStartMonth: 2 } });
        store.insert('Account', { Name: 'Late evening' });
        clock.set('2027-03-03T15:00:00.000Z');
        store.insert('Account', { Name: 'Morning' });
    });

    afterEach(() => {
        store.close();
    });

    it('evaluates datetime literals in the org time zone', () => {
        const yesterday = store.query(
            'SELECT Name FROM Account WHERE CreatedDate = YESTERDAY'
        ).records;
        expect(yesterday.map((row) => row.Name)).toEqual(['Late evening']);
        const today = store.query('SELECT Name FROM Account WHERE CreatedDate = TODAY').records;
        expect(today.map((row) => row.Name)).toEqual(['Morning']);
        expect(store.query('SELECT Name FROM Account WHERE CreatedDate < TODAY').totalSize).toBe(1);
        expect(
            store.query('SELECT Name FROM Account WHERE CreatedDate = LAST_N_DAYS:1').totalSize
        ).toBe(2);
    });

    it('reads LAST_N_DAYS:0 as today', () => {
        const rows = store.query(
            'SELECT Name FROM Account WHERE CreatedDate = LAST_N_DAYS:0'
        ).records;
        expect(rows.map((row) => row.Name)).toEqual(['Morning']);
    });

    it('compares datetime literals with offsets', () => {
        const rows = store.query(
            'SELECT Name FROM Account WHERE CreatedDate > 2027-03-03T09:00:00-05:00'
        ).records;
        expect(rows.map((row) => row.Name)).toEqual(['Morning']);
    });

    it('evaluates fiscal quarters from the Organization record', () => {
        const inQuarter = { Name: 'In', StageName: 'Prospecting', CloseDate: '2027-04-30' };
        store.insert('Opportunity', inQuarter);
        store.insert('Opportunity', { ...inQuarter, Name: 'Out', CloseDate: '2027-05-01' });
        const rows = store.query(
            'SELECT Name FROM Opportunity WHERE CloseDate = THIS_FISCAL_QUARTER'
        ).records;
        expect(rows.map((row) => row.Name)).toEqual(['In']);
        const notIn = store.query(
            'SELECT Name FROM Opportunity WHERE CloseDate != THIS_FISCAL_QUARTER'
        ).records;
        expect(notIn.map((row) => row.Name)).toEqual(['Out']);
    });

    it('compares date literals on date fields', () => {
        store.insert('Opportunity', {
            Name: 'Dated',
            StageName: 'Prospecting',
            CloseDate: '2027-03-03'
        });
        expect(
            store.query('SELECT Name FROM Opportunity WHERE CloseDate = 2027-03-03').totalSize
        ).toBe(1);
        expect(
            store.query('SELECT Name FROM Opportunity WHERE CloseDate IN (TODAY, TOMORROW)')
                .totalSize
        ).toBe(1);
        expect(store.query('SELECT Name FROM Opportunity WHERE CloseDate > TODAY').totalSize).toBe(
            0
        );
    });
});
