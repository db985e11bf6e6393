import '../local-org/store/quiet-logs';
import { runImport } from '../../../scripts/import';
import {
    buildReport,
    formatReport,
    sessionSource,
    storeSource,
    type SlaReport
} from '../../src/report';
import { CRM_FIXTURE, EXPORT_FIXTURE, LOAD_TIME } from '../import/helpers';
import { connectTo, createWorker, startSyncOrg, type TestOrg } from '../sync/helpers';

/** Cycle times: Thursday 10:00 and 13:00 in New York, then Friday 10:00. */
const FIRST_CYCLE = new Date('2024-02-01T15:00:00.000Z');
const SECOND_CYCLE = new Date('2024-02-01T18:00:00.000Z');
const NEXT_DAY = new Date('2024-02-02T15:00:00.000Z');

function routedCount(report: SlaReport, decision: string | null, tier: string | null): number {
    return report.routing
        .filter((entry) => entry.decision === decision && entry.sourceTier === tier)
        .reduce((sum, entry) => sum + entry.count, 0);
}

function teamOf(report: SlaReport, managerName: string): Record<string, number[]> {
    const team = report.teams.find((entry) => entry.managerName === managerName);
    return Object.fromEntries(
        (team?.members ?? []).map((member) => [
            member.name,
            [member.openOpportunities, member.openClocks, member.breaches]
        ])
    );
}

describe('report of the fixture export and pipeline after sync cycles', () => {
    let current = new Date(LOAD_TIME);
    let testOrg: TestOrg;
    const reports: SlaReport[] = [];

    beforeAll(async () => {
        testOrg = await startSyncOrg({ clock: () => current });
        const store = testOrg.org.store;
        runImport('salesforce-export', EXPORT_FIXTURE, { store, dataDir: null });
        runImport('crm-pipeline', CRM_FIXTURE, { store, dataDir: null });
        const worker = await createWorker(testOrg);
        for (const now of [FIRST_CYCLE, SECOND_CYCLE, NEXT_DAY]) {
            current = now;
            const cycle = await worker.runCycle(now);
            expect(cycle.error).toBeNull();
            reports.push(await buildReport(storeSource(store, 'the fixture org'), now));
        }
    }, 60_000);

    afterAll(async () => {
        await testOrg.close();
    });

    /** Returns the report after cycle `index` (0-based); fails the test when the cycles did not run. */
    function reportAt(index: number): SlaReport {
        const report = reports[index];
        if (report === undefined) {
            throw new Error(`No report after cycle ${index + 1}.`);
        }
        return report;
    }

    it('routes the leads whose source forces Sales within one hour', () => {
        const first = reportAt(0);
        // Demo Request and "pricing page" (any case) force Sales; Cold Call is Outbound.
        expect(routedCount(first, 'Sales 1h', 'Inbound High Intent')).toBe(2);
        expect(routedCount(first, 'Nurture', 'Outbound')).toBe(1);
        // The lead without an e-mail address is Anonymous and not routed.
        expect(routedCount(first, null, 'Inbound')).toBe(1);
    });

    it('counts lifecycle stages of leads, contacts and accounts', () => {
        const stages = reportAt(0).lifecycle.map((entry) => [
            entry.object,
            entry.stage,
            entry.count
        ]);
        expect(stages).toEqual(
            expect.arrayContaining([
                ['Lead', 'Anonymous', 1],
                ['Lead', 'Identified', 3],
                ['Contact', 'Identified', 3]
            ])
        );
    });

    it('starts response clocks for the owner or for an active Sales rep', () => {
        const first = reportAt(0);
        expect(first.openClocks).toEqual(
            expect.arrayContaining([
                { status: 'Open', type: 'Response', count: 2 },
                { status: 'Open', type: 'Nurture', count: 4 }
            ])
        );
        const urgent = first.urgentClocks
            .slice(0, 2)
            .map((clock) => [clock.record, clock.responsible, clock.reason]);
        expect(urgent).toEqual(
            expect.arrayContaining([
                [
                    'Lead Dana Reyes',
                    'Theo Brandt',
                    'Routed to Sales within 1 business hour: lead source Demo Request always goes to Sales'
                ],
                // Kai's owner left the company, so an active Sales rep with the fewest clocks takes it.
                [
                    'Lead Kai Ito',
                    'Harper Quinn',
                    'Routed to Sales within 1 business hour: lead source Pricing Page always goes to Sales'
                ]
            ])
        );
    });

    it('records level 1 breaches once the hour has passed', () => {
        const second = reportAt(1);
        expect(second.breaches).toEqual([{ level: 1, action: 'Reminder', count: 2 }]);
        expect(second.openClocks.some((entry) => entry.type === 'Response')).toBe(false);
        expect(teamOf(second, 'Maya Okafor')['Theo Brandt']).toEqual([0, 2, 1]);
        expect(teamOf(second, 'Jordan Vale')['Harper Quinn']).toEqual([2, 0, 1]);
    });

    it('shows monthly rates after a full evaluation', () => {
        const february = reportAt(2).months.find((month) => month.period === '2024-02');
        expect(february).toEqual({
            period: '2024-02',
            responseClocksDue: 2,
            responseBreaches: 2,
            breachRate: 100,
            handoffs: 2,
            rejections: 0,
            rejectionRate: 0
        });
    });

    it('lists each manager with the open opportunities of the team', () => {
        const report = reportAt(0);
        expect(teamOf(report, 'Jordan Vale')).toEqual({
            'Harper Quinn': [2, 1, 0],
            'Rowan Pike': [1, 0, 0]
        });
        expect(teamOf(report, 'Elliot Marsh')).toEqual({
            'Sasha Moreau': [1, 0, 0],
            'Theo Laine': [0, 0, 0]
        });
        expect(teamOf(report, '(no manager)')).toEqual({ 'Casey Nguyen': [1, 0, 0] });
    });

    it('counts accounts by MEDDPICC completeness', () => {
        const ranges = Object.fromEntries(
            reportAt(0).meddpicc.map((entry) => [entry.range, entry.count])
        );
        // Northwind Traders' open opportunity has one of eight elements (Metrics).
        expect(ranges['1-25%']).toBe(1);
        expect(Object.values(ranges).reduce((sum, count) => sum + count, 0)).toBe(7);
    });

    it('reads the same report through the REST API', async () => {
        const session = await connectTo(testOrg);
        const viaApi = await buildReport(sessionSource(session), NEXT_DAY);
        expect({ ...viaApi, source: 'same' }).toEqual({ ...reports[2], source: 'same' });
    });

    it('prints every section as text', () => {
        const text = formatReport(reportAt(1));
        for (const title of [
            'Lifecycle stages',
            'Routing decisions of unconverted leads',
            'Open clocks',
            'Breaches',
            'Breach and rejection rates by month',
            'Accounts by MEDDPICC completeness',
            'Teams (active users by manager)',
            'most urgent open clocks'
        ]) {
            expect(text).toContain(title);
        }
        expect(text).toMatch(/^ +1 +Reminder +2$/m);
    });
});
