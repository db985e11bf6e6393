import '../local-org/store/quiet-logs';
import { z } from 'zod';
import type { OrgStore } from '../../src/local-org/store';
import {
    buildReport,
    formatReport,
    storeSource,
    type ReportSource,
    type SlaReport
} from '../../src/report';
import { parseRows } from '../../src/report/sections';
import { formatDue, formatDuration, formatTable } from '../../src/report/text-table';
import { openStore } from '../import/helpers';

const NOW = new Date('2024-03-10T12:00:00.000Z');

/** Writes a small org with SLA records by hand, as a worker would leave them. */
function seedOrg(store: OrgStore): void {
    const system = { system: true };
    const manager = store.insert(
        'User',
        { LastName: 'Reyes', FirstName: 'Ana', Username: 'ana@t.example', Email: 'ana@t.example' },
        system
    );
    const rep = store.insert(
        'User',
        {
            LastName: 'Cho',
            FirstName: 'Ben',
            Username: 'ben@t.example',
            Email: 'ben@t.example',
            ManagerId: manager,
            SLA_Team__c: 'Sales'
        },
        system
    );
    const loner = store.insert(
        'User',
        {
            LastName: 'Solo',
            Username: 'solo@t.example',
            Email: 'solo@t.example',
            SLA_Team__c: 'SDR'
        },
        system
    );
    store.insert(
        'User',
        { LastName: 'Idle', Username: 'idle@t.example', Email: 'idle@t.example' },
        system
    );
    const account = store.insert('Account', {
        Name: 'Acme',
        MEDDPICC_Completeness__c: 62.5,
        Lifecycle_Stage__c: 'Qualified'
    });
    store.insert('Account', { Name: 'Globex', MEDDPICC_Completeness__c: 100 });
    store.insert('Account', { Name: 'Initech' });
    const lead = store.insert('Lead', {
        LastName: 'Park',
        Company: 'Acme',
        Email: 'park@acme.example',
        Lifecycle_Stage__c: 'Identified',
        Routing_Decision__c: 'Sales 4h',
        Source_Tier__c: 'Inbound',
        Last_Evaluated_At__c: '2024-03-10T11:00:00.000Z'
    });
    store.insert('Opportunity', {
        Name: 'Acme deal',
        StageName: 'Prospecting',
        CloseDate: '2024-04-30',
        AccountId: account,
        OwnerId: rep
    });
    store.insert('Opportunity', {
        Name: 'Old deal',
        StageName: 'Closed Lost',
        CloseDate: '2024-01-30',
        OwnerId: loner
    });
    store.insert('Opportunity', {
        Name: 'Solo deal',
        StageName: 'Qualification',
        CloseDate: '2024-05-30',
        OwnerId: loner
    });
    const clock = store.insert('SLA_Clock__c', {
        Clock_Key__c: 'k1',
        Type__c: 'Response',
        Status__c: 'Warning',
        Lead__c: lead,
        Responsible_User__c: rep,
        Due_At__c: '2024-03-10T13:30:00.000Z',
        Reason__c: 'Routed to Sales within 4 business hours'
    });
    store.insert('SLA_Clock__c', {
        Clock_Key__c: 'k2',
        Type__c: 'Committee Aware',
        Status__c: 'Open',
        Account__c: account,
        Responsible_Team__c: 'Marketing',
        Due_At__c: '2024-03-09T12:00:00.000Z'
    });
    store.insert('SLA_Breach__c', {
        Breach_Key__c: 'b1',
        SLA_Clock__c: clock,
        Level__c: 2,
        Action__c: 'Manager Notified',
        Responsible_User__c: rep
    });
    store.insert('SLA_Breach__c', {
        Breach_Key__c: 'b2',
        Level__c: 1,
        Action__c: 'Reminder',
        Responsible_User__c: rep
    });
    store.insert('SLA_Breach__c', { Breach_Key__c: 'b3', Level__c: 1, Action__c: 'Reminder' });
    const card = (key: string, fields: Record<string, unknown>): string =>
        store.insert('SLA_Scorecard__c', { Scorecard_Key__c: key, ...fields });
    card('s1', {
        Period__c: '2024-03',
        Scope__c: 'Rep',
        User__c: rep,
        Response_Clocks_Due__c: 4,
        Breaches__c: 1
    });
    card('s2', {
        Period__c: '2024-03',
        Scope__c: 'Rep',
        User__c: loner,
        Response_Clocks_Due__c: 4,
        Breaches__c: 0
    });
    card('s3', {
        Period__c: '2024-03',
        Scope__c: 'Team',
        Manager__c: manager,
        Response_Clocks_Due__c: 4,
        Breaches__c: 1
    });
    card('s4', { Period__c: '2024-03', Scope__c: 'Marketing', Handoffs__c: 3, Rejections__c: 1 });
    card('s5', { Period__c: '2024-02', Scope__c: 'Marketing', Handoffs__c: 0, Rejections__c: 0 });
}

describe('buildReport', () => {
    let store: OrgStore;
    let report: SlaReport;

    beforeAll(async () => {
        store = openStore();
        seedOrg(store);
        report = await buildReport(storeSource(store, 'a hand-made org'), NOW);
    });

    afterAll(() => {
        store.close();
    });

    it('names the org, the time and the latest evaluation', () => {
        expect(report.source).toBe('a hand-made org');
        expect(report.generatedAt).toBe('2024-03-10T12:00:00.000Z');
        expect(report.lastEvaluatedAt).toBe('2024-03-10T11:00:00.000+0000');
    });

    it('tallies breaches by level and action, in level order', () => {
        expect(report.breaches).toEqual([
            { level: 1, action: 'Reminder', count: 2 },
            { level: 2, action: 'Manager Notified', count: 1 }
        ]);
    });

    it('computes monthly rates from rep and marketing scorecards', () => {
        expect(report.months).toEqual([
            {
                period: '2024-02',
                responseClocksDue: 0,
                responseBreaches: 0,
                breachRate: null,
                handoffs: 0,
                rejections: 0,
                rejectionRate: null
            },
            {
                period: '2024-03',
                responseClocksDue: 8,
                responseBreaches: 1,
                breachRate: 12.5,
                handoffs: 3,
                rejections: 1,
                rejectionRate: 33.33
            }
        ]);
    });

    it('counts accounts by completeness range', () => {
        const ranges = Object.fromEntries(
            report.meddpicc.map((entry) => [entry.range, entry.count])
        );
        expect(ranges).toEqual({
            'not set': 1,
            '0%': 0,
            '1-25%': 0,
            '26-50%': 0,
            '51-75%': 1,
            '76-99%': 0,
            '100%': 1
        });
    });

    it('groups users by manager and keeps unmanaged users only when they hold work', () => {
        expect(
            report.teams.map((team) => [
                team.managerName,
                team.members.map((member) => member.name)
            ])
        ).toEqual([
            ['Ana Reyes', ['Ben Cho']],
            ['(no manager)', ['Solo']]
        ]);
        expect(report.teams[0]?.members[0]).toEqual(
            expect.objectContaining({
                slaTeam: 'Sales',
                openOpportunities: 1,
                openClocks: 1,
                breaches: 2
            })
        );
        expect(report.teams[1]?.members[0]).toEqual(
            expect.objectContaining({ openOpportunities: 1, openClocks: 0 })
        );
    });

    it('orders open clocks by due time and names who must act', () => {
        expect(
            report.urgentClocks.map((clock) => [clock.type, clock.responsible, clock.record])
        ).toEqual([
            ['Committee Aware', 'Marketing team', 'Account Acme'],
            ['Response', 'Ben Cho', 'Lead Park']
        ]);
        expect(report.openClocks).toEqual(
            expect.arrayContaining([
                { status: 'Warning', type: 'Response', count: 1 },
                { status: 'Open', type: 'Committee Aware', count: 1 }
            ])
        );
    });

    it('prints overdue clocks and empty sections in words', () => {
        const text = formatReport(report);
        expect(text).toContain(
            'due 2024-03-09 12:00 UTC (overdue by 1d 0h), Marketing team, Account Acme'
        );
        expect(text).toContain('      no reason recorded');
        expect(text).toMatch(/^ +2024-03 +8 +1 +12\.5% +3 +1 +33\.33%$/m);
    });
});

describe('report helpers', () => {
    it('rejects a row of an unexpected shape, naming the query', async () => {
        const source: ReportSource = {
            description: 'broken',
            records: () =>
                Promise.resolve([{ Routing_Decision__c: 5, Source_Tier__c: null, n: 'x' }]),
            count: () => Promise.resolve(0)
        };
        await expect(buildReport(source, NOW)).rejects.toThrow(/for "SELECT Last_Evaluated_At__c/);
        const countRow = z.object({ n: z.number() });
        expect(() => parseRows(countRow, [{ n: 'x' }], 'SELECT COUNT(Id) n FROM Lead')).toThrow(
            /unexpected shape for "SELECT COUNT\(Id\) n FROM Lead"/
        );
    });

    it('formats durations by their two largest units', () => {
        expect(formatDuration(3 * 86_400_000 + 4 * 3_600_000 + 60_000)).toBe('3d 4h');
        expect(formatDuration(2 * 3_600_000 + 5 * 60_000)).toBe('2h 5m');
        expect(formatDuration(7 * 60_000)).toBe('7m');
        expect(formatDue(null, NOW)).toBe('never');
        expect(formatDue('2024-03-10T12:30:00.000Z', NOW)).toBe('2024-03-10 12:30 UTC (in 30m)');
    });

    it('aligns number columns right and text columns left', () => {
        expect(
            formatTable(
                ['name', 'count'],
                [
                    ['a', '5'],
                    ['longer', '12']
                ]
            )
        ).toEqual(['  name    count', '  a           5', '  longer     12']);
    });
});
