/**
 * The chart figures of the HTML report, read from a hand-made org whose clocks have
 * known business-hour response times and due times, and the pure steps behind them.
 * Drawing the charts needs Vega's ES modules, so html-report.test.ts covers it through
 * a child process.
 */
import '../local-org/store/quiet-logs';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OrgStore } from '../../src/local-org/store';
import { buildChartData, buildReport, storeSource, type ChartData } from '../../src/report';
import { dueBucketOf, endOfDayIn } from '../../src/report/due-buckets';
import { funnelSteps } from '../../src/report/funnel';
import { percentile, responseBins } from '../../src/report/response-times';
import { openStore, temporaryFolder } from '../import/helpers';
import { runCli } from './cli-helpers';

/** Thursday 2024-02-01, 09:00 in New York (the seeded org's zone). */
const NOW = new Date('2024-02-01T14:00:00.000Z');

/** Office hours Monday to Friday, 09:00 to 17:00 New York time. */
function insertOfficeHours(store: OrgStore): string {
    const weekday = { StartTime: '09:00:00.000Z', EndTime: '17:00:00.000Z' };
    const days = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
    return store.insert(
        'BusinessHours',
        {
            Name: 'Office',
            IsActive: true,
            IsDefault: false,
            TimeZoneSidKey: 'America/New_York',
            ...Object.fromEntries(
                days.flatMap((day) => [
                    [`${day}StartTime`, weekday.StartTime],
                    [`${day}EndTime`, weekday.EndTime]
                ])
            )
        },
        { system: true }
    );
}

function insertClock(store: OrgStore, key: string, fields: Record<string, unknown>): void {
    store.insert('SLA_Clock__c', { Clock_Key__c: key, ...fields });
}

/** Resolved clocks with known response times, and open clocks in every due-time bucket. */
function seedClocks(store: OrgStore, officeId: string): void {
    // Monday 16:00 New York; one business hour later is Tuesday 09:00.
    const office = {
        Business_Hours_Id__c: officeId,
        Started_At__c: '2024-01-29T21:00:00.000Z',
        Due_At__c: '2024-01-30T14:00:00.000Z'
    };
    insertClock(store, 'met-office', {
        ...office,
        Type__c: 'Response',
        Status__c: 'Met',
        Completed_At__c: '2024-01-29T21:30:00.000Z'
    });
    // Tuesday 10:00: one hour before 17:00 Monday and one after 09:00 Tuesday.
    insertClock(store, 'late-office', {
        ...office,
        Type__c: 'Response',
        Status__c: 'Breached',
        Completed_At__c: '2024-01-30T15:00:00.000Z'
    });
    insertClock(store, 'unanswered-office', {
        ...office,
        Type__c: 'Response',
        Status__c: 'Breached'
    });
    // A clock started without business hours runs 24 x 7.
    insertClock(store, 'met-always', {
        Type__c: 'Re-engagement',
        Status__c: 'Met',
        Started_At__c: '2024-01-27T12:00:00.000Z',
        Due_At__c: '2024-01-29T12:00:00.000Z',
        Completed_At__c: '2024-01-27T15:00:00.000Z'
    });
    insertClock(store, 'cancelled', {
        ...office,
        Type__c: 'Response',
        Status__c: 'Cancelled',
        Completed_At__c: '2024-01-29T22:00:00.000Z'
    });
    insertClock(store, 'nurture-met', {
        Type__c: 'Nurture',
        Status__c: 'Met',
        Started_At__c: '2024-01-01T12:00:00.000Z',
        Due_At__c: '2024-01-08T12:00:00.000Z',
        Completed_At__c: '2024-01-05T12:00:00.000Z'
    });
    const open = (key: string, type: string, due: string | null, status = 'Open'): void => {
        insertClock(store, key, { Type__c: type, Status__c: status, Due_At__c: due });
    };
    open('overdue', 'Response', '2024-02-01T13:59:00.000Z');
    open('within-hour', 'Response', '2024-02-01T14:00:00.000Z', 'Warning');
    open('in-hours', 'Follow Up', '2024-02-01T17:59:59.000Z');
    open('tonight', 'Nurture', '2024-02-02T04:59:00.000Z');
    open('tomorrow', 'Nurture', '2024-02-02T05:00:00.000Z');
    open('no-due', 'Committee Aware', null);
    open('closed', 'Response', '2024-02-01T13:00:00.000Z', 'Met');
}

/** Two managers of one name with Team scorecards, and a month with nothing due. */
function seedScorecards(store: OrgStore): void {
    const manager = (username: string): string =>
        store.insert(
            'User',
            { FirstName: 'Ana', LastName: 'Reyes', Username: username, Email: username },
            { system: true }
        );
    const first = manager('ana1@t.example');
    const second = manager('ana2@t.example');
    const card = (key: string, fields: Record<string, unknown>): void => {
        store.insert('SLA_Scorecard__c', { Scorecard_Key__c: key, Scope__c: 'Team', ...fields });
    };
    card('t1', {
        Period__c: '2024-01',
        Manager__c: first,
        Response_Clocks_Due__c: 12,
        Breaches__c: 3,
        Flagged__c: true
    });
    card('t2', { Period__c: '2024-01', Manager__c: second, Response_Clocks_Due__c: 0 });
    card('t3', { Period__c: '2024-02', Manager__c: first, Response_Clocks_Due__c: 8 });
}

describe('chart data of a hand-made org', () => {
    let store: OrgStore;
    let data: ChartData;

    beforeAll(async () => {
        store = openStore();
        seedClocks(store, insertOfficeHours(store));
        seedScorecards(store);
        const source = storeSource(store, 'a hand-made org');
        data = await buildChartData(source, await buildReport(source, NOW), { policyFile: null });
    });

    afterAll(() => {
        store.close();
    });

    it('measures response times in each clock’s business hours', () => {
        expect(data.responseWindows.map(({ bins: _bins, ...group }) => group)).toEqual([
            {
                clockType: 'Response',
                windowHours: 1,
                met: 1,
                late: 1,
                unanswered: 1,
                responseHours: [0.5, 2]
            },
            {
                clockType: 'Re-engagement',
                windowHours: 48,
                met: 1,
                late: 0,
                unanswered: 0,
                responseHours: [3]
            }
        ]);
    });

    it('counts open clocks by due-time bucket', () => {
        expect(data.dueBuckets).toEqual([
            { bucket: 'Overdue', clockType: 'Response', count: 1 },
            { bucket: 'Due within 1 hour', clockType: 'Response', count: 1 },
            { bucket: 'Due in 1 to 4 hours', clockType: 'Follow Up', count: 1 },
            { bucket: 'Due later today', clockType: 'Nurture', count: 1 },
            { bucket: 'Due tomorrow or later', clockType: 'Nurture', count: 1 },
            { bucket: 'No due time', clockType: 'Committee Aware', count: 1 }
        ]);
    });

    it('separates managers with the same name', () => {
        const rates = data.teamRates.map((rate) => [
            rate.period,
            rate.team.replace(/\(\w+\)/, '(Id)'),
            rate.clocksDue,
            rate.breaches,
            rate.breachRate,
            rate.flagged
        ]);
        expect(rates).toEqual([
            ['2024-01', 'Ana Reyes (Id)', 12, 3, 25, true],
            ['2024-01', 'Ana Reyes (Id)', 0, 0, null, false],
            ['2024-02', 'Ana Reyes (Id)', 8, 0, 0, false]
        ]);
        expect(new Set(data.teamRates.map((rate) => rate.team)).size).toBe(2);
    });

    it('takes thresholds and time zone from the org', () => {
        expect(data.thresholds).toMatchObject({
            source: 'the SLA_Policy__mdt record Default',
            teamBreachRatePercent: 10,
            teamMinClocksDue: 10,
            rejectionRatePercent: 20,
            probationConsecutiveMonths: 2
        });
        expect(data.timeZone).toBe('America/New_York');
        expect(data.currentPeriod).toBe('2024-02');
    });

    it('reads thresholds from a policy file when given one', async () => {
        const { folder, remove } = temporaryFolder();
        try {
            const file = join(folder, 'policy.json');
            writeFileSync(file, JSON.stringify({ rejectionRatePercent: 15, version: 'what-if' }));
            const source = storeSource(store, 'a hand-made org');
            const fromFile = await buildChartData(source, await buildReport(source, NOW), {
                policyFile: file
            });
            expect(fromFile.thresholds).toMatchObject({
                source: `the policy file ${file}`,
                policyVersion: 'what-if',
                rejectionRatePercent: 15,
                teamBreachRatePercent: 10
            });
        } finally {
            remove();
        }
    });
});

describe('due-time buckets', () => {
    const endOfToday = endOfDayIn(NOW, 'America/New_York');

    it('ends the day at local midnight', () => {
        expect(endOfToday.toISOString()).toBe('2024-02-02T05:00:00.000Z');
        // The day the clocks go forward in New York has 23 hours.
        const springForward = new Date('2027-03-14T12:00:00.000Z');
        expect(endOfDayIn(springForward, 'America/New_York').toISOString()).toBe(
            '2027-03-15T04:00:00.000Z'
        );
    });

    it.each([
        ['one millisecond past due', '2024-02-01T13:59:59.999Z', 'Overdue'],
        ['due now', '2024-02-01T14:00:00.000Z', 'Due within 1 hour'],
        ['due in one hour', '2024-02-01T15:00:00.000Z', 'Due in 1 to 4 hours'],
        ['due in four hours', '2024-02-01T18:00:00.000Z', 'Due later today'],
        ['due at midnight', '2024-02-02T05:00:00.000Z', 'Due tomorrow or later']
    ])('files a clock %s', (_case, due, bucket) => {
        expect(dueBucketOf(new Date(due), NOW, endOfToday)).toBe(bucket);
    });

    it('files a clock due within four hours past midnight by its hours', () => {
        const lateEvening = new Date('2024-02-02T03:00:00.000Z');
        const midnight = endOfDayIn(lateEvening, 'America/New_York');
        expect(dueBucketOf(new Date('2024-02-02T06:00:00.000Z'), lateEvening, midnight)).toBe(
            'Due in 1 to 4 hours'
        );
    });
});

describe('response time bins', () => {
    it('bins responses up to twice the window', () => {
        const bins = responseBins(
            [
                { hours: 0, inTime: true },
                { hours: 0.25, inTime: true },
                { hours: 1, inTime: true },
                { hours: 1.1, inTime: false },
                { hours: 30, inTime: false }
            ],
            1
        );
        expect(bins.map((bin) => [bin.start, bin.end, bin.inTime, bin.late])).toEqual([
            [0, 0.25, 1, 0],
            [0.25, 0.5, 1, 0],
            [0.5, 0.75, 0, 0],
            [0.75, 1, 0, 0],
            [1, 1.25, 1, 1],
            [1.25, 1.5, 0, 0],
            [1.5, 1.75, 0, 0],
            [1.75, 2, 0, 0],
            [2, 2.25, 0, 1]
        ]);
        expect(bins.filter((bin) => bin.overflow)).toHaveLength(1);
    });

    it('takes percentiles by nearest rank', () => {
        expect(percentile([1, 2, 3, 4], 50)).toBe(2);
        expect(percentile([1, 2, 3, 4], 90)).toBe(4);
        expect(percentile([7], 10)).toBe(7);
        expect(percentile([], 50)).toBeNull();
    });
});

describe('lifecycle funnel', () => {
    it('counts the records that reached each stage', () => {
        const steps = funnelSteps([
            { object: 'Lead', stage: 'Identified', count: 5 },
            { object: 'Lead', stage: 'Engaged', count: 2 },
            { object: 'Lead', stage: null, count: 9 },
            { object: 'Account', stage: 'Qualified', count: 1 }
        ]);
        const leads = steps.filter((step) => step.object === 'Lead');
        expect(leads.map((step) => [step.stage, step.atStage, step.reached])).toEqual([
            ['Anonymous', 0, 7],
            ['Identified', 5, 7],
            ['Engaged', 2, 2],
            ['Committee-Aware', 0, 0],
            ['Qualified', 0, 0],
            ['Active Opportunity', 0, 0]
        ]);
        const accounts = steps.filter((step) => step.object === 'Account');
        expect(accounts.map((step) => step.reached)).toEqual([1, 1, 1, 1, 1, 0]);
        expect(
            steps.filter((step) => step.object === 'Contact').every((step) => step.reached === 0)
        ).toBe(true);
    });
});

describe('report --html options', () => {
    it('rejects --json with --html', async () => {
        const run = await runCli(['report', '--json', '--html', 'out.html']);
        expect(run.status).toBe(1);
        expect(run.stderr).toContain('Give --json or --html, not both.');
    });

    it('rejects --policy without --html', async () => {
        const run = await runCli(['report', '--policy', 'policy.json']);
        expect(run.status).toBe(1);
        expect(run.stderr).toContain(
            '--policy sets the thresholds of the charts, so it needs --html.'
        );
    });
});
