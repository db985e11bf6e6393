import { existsSync, readFileSync } from 'node:fs';
import { journalLinesOfPlan, type SyncWorker } from '../../src/sync';
import { daysBefore, Fixture, type Team } from './fixtures';
import {
    createWorker,
    queryOrg,
    quietLogs,
    startSyncOrg,
    updateAsPerson,
    type TestOrg
} from './helpers';

jest.setTimeout(30_000);

interface ClockRow {
    Clock_Key__c: string;
    Type__c: string;
    Status__c: string;
    Lead__c: string | null;
    Responsible_User__c: string | null;
}

interface LeadRow {
    Id: string;
    OwnerId: string;
    Routing_Decision__c: string | null;
    Intent_Score__c: number | null;
    SLA_Status__c: string | null;
    LastModifiedById: string;
}

const leadFields =
    'Id, OwnerId, Routing_Decision__c, Intent_Score__c, SLA_Status__c, LastModifiedById';

describe('sync cycle against the local org', () => {
    let testOrg: TestOrg;
    let fixture: Fixture;
    let team: Team;
    let worker: SyncWorker;
    let demoLead: string;
    let engagedLead: string;

    beforeAll(async () => {
        quietLogs();
        testOrg = await startSyncOrg();
        fixture = new Fixture(testOrg);
        team = fixture.team();
        const account = fixture.account('Globex', 'https://www.globex.example');
        fixture.contact(account, 'cfo@globex.example');
        demoLead = fixture.lead('ana@globex.example', { LeadSource: 'Demo Request' });
        engagedLead = fixture.lead('bo@initech.example', { LeadSource: 'Web' });
        fixture.signal(engagedLead, 'Content Download', daysBefore(new Date(), 2));
        fixture.signal(engagedLead, 'Webinar Attended', daysBefore(new Date(), 3));
        worker = await createWorker(testOrg);
    });

    afterAll(async () => {
        await testOrg.close();
    });

    it('routes and opens clocks in the first cycle', async () => {
        const report = await worker.runCycle(new Date());
        expect(report.kind).toBe('initial');
        expect(report.outcome).toBe('success');
        expect(report.recordsRead).toBeGreaterThan(10);
        const [lead] = await queryOrg<LeadRow>(
            testOrg,
            `SELECT ${leadFields} FROM Lead WHERE Id = '${demoLead}'`
        );
        expect(lead?.Routing_Decision__c).toBe('Sales 1h');
        expect(team.salesReps).toContain(lead?.OwnerId);
        expect(lead?.SLA_Status__c).toBe('On Track');
        const clocks = await queryOrg<ClockRow>(
            testOrg,
            `SELECT Clock_Key__c, Type__c, Status__c, Lead__c, Responsible_User__c FROM SLA_Clock__c WHERE Lead__c = '${demoLead}'`
        );
        expect(clocks).toHaveLength(1);
        expect(clocks[0]?.Type__c).toBe('Response');
        expect(clocks[0]?.Status__c).toBe('Open');
        expect(clocks[0]?.Responsible_User__c).toBe(lead?.OwnerId);
    });

    it('journals each decision with its reason', () => {
        const file = worker.journalFile(new Date());
        expect(file).not.toBeNull();
        expect(existsSync(file ?? '')).toBe(true);
        const lines = readFileSync(file ?? '', 'utf8')
            .trim()
            .split('\n')
            .map((line) => JSON.parse(line) as Record<string, unknown>);
        const start = lines.find(
            (line) => line.type === 'clock-start' && String(line.key).includes(demoLead)
        );
        expect(start?.reason).toEqual(expect.stringContaining('Sales'));
        expect(lines.some((line) => line.type === 'update' && line.id === demoLead)).toBe(true);
    });

    it('recognises its own writes in the next poll', async () => {
        const report = await worker.runCycle(new Date());
        expect(report.echoes).toBeGreaterThan(0);
        expect(report.recordsChanged).toBe(0);
        expect(report.kind).toBe('idle');
        expect(report.written).toBe(0);
    });

    it('spends at most 2 API calls on an idle cycle', async () => {
        const report = await worker.runCycle(new Date());
        expect(report.kind).toBe('idle');
        expect(report.apiCalls).toBeLessThanOrEqual(2);
        expect(report.apiCalls).toBeGreaterThan(0);
    });

    it('evaluates a changed record with its context only', async () => {
        fixture.signal(engagedLead, 'Demo Request', daysBefore(new Date(), 0.1));
        const report = await worker.runCycle(new Date());
        expect(report.kind).toBe('focused');
        expect(report.recordsChanged).toBe(1);
        expect(report.focus.people).toBe(1);
        const [lead] = await queryOrg<LeadRow>(
            testOrg,
            `SELECT ${leadFields} FROM Lead WHERE Id = '${engagedLead}'`
        );
        expect(lead?.Intent_Score__c).toBeGreaterThan(30);
    });

    it('takes a deleted record out of the policy', async () => {
        const [before] = await queryOrg<LeadRow>(
            testOrg,
            `SELECT ${leadFields} FROM Lead WHERE Id = '${engagedLead}'`
        );
        const signals = await queryOrg<{ Id: string; Type__c: string }>(
            testOrg,
            `SELECT Id, Type__c FROM Engagement_Signal__c WHERE Lead__c = '${engagedLead}'`
        );
        const demo = signals.find((signal) => signal.Type__c === 'Demo Request');
        testOrg.org.store.delete('Engagement_Signal__c', demo?.Id ?? '', {
            userId: testOrg.adminId
        });
        const report = await worker.runCycle(new Date());
        expect(report.recordsChanged).toBe(1);
        const [after] = await queryOrg<LeadRow>(
            testOrg,
            `SELECT ${leadFields} FROM Lead WHERE Id = '${engagedLead}'`
        );
        expect(after?.Intent_Score__c).toBeLessThan(before?.Intent_Score__c ?? 0);
    });

    it('closes the clocks of a converted lead and never writes it', async () => {
        const conversion = testOrg.org.store.convertLead(
            demoLead,
            { createOpportunity: false },
            { userId: testOrg.adminId }
        );
        const report = await worker.runCycle(new Date());
        expect(report.outcome).toBe('success');
        const clocks = await queryOrg<ClockRow>(
            testOrg,
            `SELECT Clock_Key__c, Type__c, Status__c, Lead__c, Responsible_User__c FROM SLA_Clock__c WHERE Lead__c = '${demoLead}'`
        );
        expect(clocks.map((clock) => clock.Status__c)).toEqual(['Cancelled']);
        const [lead] = await queryOrg<LeadRow>(
            testOrg,
            `SELECT ${leadFields} FROM Lead WHERE Id = '${demoLead}'`
        );
        expect(lead?.LastModifiedById).toBe(testOrg.adminId);
        expect(report.plan?.updates.some((update) => update.id === demoLead)).toBe(false);
        expect(conversion.contactId).toBeTruthy();
    });

    it('plans without writing in a dry run', async () => {
        updateAsPerson(testOrg, 'Lead', engagedLead, { LeadSource: 'Pricing Page' });
        const dryWorker = await createWorker(testOrg, { dryRun: true });
        const countBefore = await queryOrg(
            testOrg,
            'SELECT Id, Status__c, SystemModstamp FROM SLA_Clock__c'
        );
        const report = await dryWorker.runCycle(new Date());
        expect(report.written).toBe(0);
        const lines = journalLinesOfPlan(
            report.plan ?? {
                newClocks: [],
                updates: [],
                tasks: [],
                outcomes: [],
                transitions: [],
                notifications: [],
                skipped: []
            }
        );
        expect(lines.length).toBeGreaterThan(0);
        expect(
            lines.every((line) => typeof (JSON.parse(line) as { phase: number }).phase === 'number')
        ).toBe(true);
        const countAfter = await queryOrg(
            testOrg,
            'SELECT Id, Status__c, SystemModstamp FROM SLA_Clock__c'
        );
        expect(countAfter).toEqual(countBefore);
        const [lead] = await queryOrg<LeadRow>(
            testOrg,
            `SELECT ${leadFields} FROM Lead WHERE Id = '${engagedLead}'`
        );
        expect(lead?.LastModifiedById).toBe(testOrg.adminId);
    });
});
