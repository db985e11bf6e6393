/**
 * The policy's rules end to end, for people and accounts: records go into the local org,
 * one cycle runs at a given time, and the results are read back through the REST API.
 */
import { DateTime } from 'luxon';
import { daysBefore, Fixture, type Team } from './fixtures';
import { createWorker, queryOrg, quietLogs, startSyncOrg, type TestOrg } from './helpers';

jest.setTimeout(30_000);

const ZONE = 'America/New_York';

/** Monday to Friday, 09:00 to 17:00 in the org's zone. */
const OFFICE_HOURS = Object.fromEntries(
    ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map(
        (day, index) => [day, index < 5 ? { start: '09:00', end: '17:00' } : null]
    )
);

/** Returns the next Friday at 16:30 New York time, at least a day after the real time. */
function nextFridayAfternoon(): Date {
    let day = DateTime.now().setZone(ZONE).plus({ days: 1 }).startOf('day');
    while (day.weekday !== 5) {
        day = day.plus({ days: 1 });
    }
    return day.set({ hour: 16, minute: 30 }).toJSDate();
}

interface LeadRow {
    Id: string;
    OwnerId: string;
    Intent_Score__c: number | null;
    Engagement_Count__c: number | null;
    Lifecycle_Stage__c: string | null;
    Routing_Decision__c: string | null;
    Matched_Account__c: string | null;
    Source_Tier__c: string | null;
}

interface ClockRow {
    Type__c: string;
    Status__c: string;
    Due_At__c: string;
    Reason__c: string | null;
    Responsible_User__c: string | null;
}

const LEAD_FIELDS =
    'Id, OwnerId, Intent_Score__c, Engagement_Count__c, Lifecycle_Stage__c, Routing_Decision__c, Matched_Account__c, Source_Tier__c';

async function leadOf(testOrg: TestOrg, id: string): Promise<LeadRow | undefined> {
    return (
        await queryOrg<LeadRow>(testOrg, `SELECT ${LEAD_FIELDS} FROM Lead WHERE Id = '${id}'`)
    )[0];
}

async function clocksOf(testOrg: TestOrg, field: string, id: string): Promise<ClockRow[]> {
    return queryOrg<ClockRow>(
        testOrg,
        `SELECT Type__c, Status__c, Due_At__c, Reason__c, Responsible_User__c FROM SLA_Clock__c WHERE ${field} = '${id}'`
    );
}

describe('policy rules end to end: people and accounts', () => {
    let testOrg: TestOrg;
    let fixture: Fixture;
    let team: Team;

    beforeEach(async () => {
        quietLogs();
        testOrg = await startSyncOrg({
            seed: { businessHours: OFFICE_HOURS, timeZoneSidKey: ZONE }
        });
        fixture = new Fixture(testOrg);
        team = fixture.team();
    });

    afterEach(async () => {
        await testOrg.close();
    });

    it('scores people and moves stages forward', async () => {
        const now = new Date();
        const account = fixture.account('Globex', 'https://www.globex.example');
        const contact = fixture.contact(account, 'cto@globex.example');
        const lead = fixture.lead('ana@globex.example');
        fixture.hotSignals(lead, now);
        fixture.signal(lead, 'Web Visit', daysBefore(now, 5));
        fixture.signal(contact, 'Content Download', daysBefore(now, 2));
        const report = await (await createWorker(testOrg)).runCycle(now);
        expect(report.outcome).toBe('success');
        const row = await leadOf(testOrg, lead);
        expect(row?.Matched_Account__c).toBe(account);
        expect(row?.Intent_Score__c).toBeGreaterThan(70);
        expect(row?.Engagement_Count__c).toBe(3);
        // Two active people make the account Committee-Aware, which the lead shows.
        expect(row?.Lifecycle_Stage__c).toBe('Committee-Aware');
        const [accountRow] = await queryOrg<{
            Active_Committee_Members__c: number;
            Lifecycle_Stage__c: string;
        }>(
            testOrg,
            `SELECT Active_Committee_Members__c, Lifecycle_Stage__c FROM Account WHERE Id = '${account}'`
        );
        expect(accountRow?.Active_Committee_Members__c).toBe(2);
        expect(accountRow?.Lifecycle_Stage__c).toBe('Committee-Aware');
    });

    it('routes through the tree with clocks in business hours', async () => {
        const now = nextFridayAfternoon();
        const demo = fixture.lead('demo@initech.example', { LeadSource: 'Demo Request' });
        const outbound = fixture.lead('cold@hooli.example', { LeadSource: 'Cold Call' });
        fixture.hotSignals(outbound, now);
        const quiet = fixture.lead('quiet@vandelay.example', { LeadSource: 'Web' });
        const report = await (await createWorker(testOrg)).runCycle(now);
        expect(report.outcome).toBe('success');

        const demoRow = await leadOf(testOrg, demo);
        expect(demoRow?.Routing_Decision__c).toBe('Sales 1h');
        expect(demoRow?.Source_Tier__c).toBe('Inbound High Intent');
        expect(team.salesReps).toContain(demoRow?.OwnerId);
        const [demoClock] = await clocksOf(testOrg, 'Lead__c', demo);
        // One business hour from Friday 16:30 ends on Monday at 09:30.
        const due = DateTime.fromISO(demoClock?.Due_At__c ?? '').setZone(ZONE);
        expect(due.weekday).toBe(1);
        expect(due.toFormat('HH:mm')).toBe('09:30');
        expect(demoClock?.Responsible_User__c).toBe(demoRow?.OwnerId);

        // Outbound sources get 48 business hours wherever the tree sends them to Sales.
        const outboundRow = await leadOf(testOrg, outbound);
        expect(outboundRow?.Routing_Decision__c).toBe('Sales 1h');
        const [outboundClock] = await clocksOf(testOrg, 'Lead__c', outbound);
        const outboundDue = DateTime.fromISO(outboundClock?.Due_At__c ?? '').setZone(ZONE);
        expect(
            outboundDue.diff(DateTime.fromJSDate(now).setZone(ZONE), 'days').days
        ).toBeGreaterThan(6);

        const quietRow = await leadOf(testOrg, quiet);
        expect(quietRow?.Routing_Decision__c).toBe('Nurture');
        expect(quietRow?.OwnerId).toBe(team.nurtureQueue);
        const [nurture] = await clocksOf(testOrg, 'Lead__c', quiet);
        expect(nurture?.Type__c).toBe('Nurture');
    });

    it('hands a qualified committee to Sales with a follow-up cadence', async () => {
        const now = new Date();
        const owner = team.salesReps[1];
        const account = fixture.account('Umbrella', 'umbrella.example', {
            OwnerId: owner,
            Budget_Confirmed__c: true
        });
        for (const name of ['ceo', 'cfo', 'cio']) {
            fixture.hotSignals(fixture.contact(account, `${name}@umbrella.example`), now);
        }
        const report = await (await createWorker(testOrg)).runCycle(now);
        expect(report.outcome).toBe('success');
        const [row] = await queryOrg<{
            Lifecycle_Owner__c: string;
            Handoff_At__c: string | null;
            Lifecycle_Stage__c: string;
        }>(
            testOrg,
            `SELECT Lifecycle_Owner__c, Handoff_At__c, Lifecycle_Stage__c FROM Account WHERE Id = '${account}'`
        );
        expect(row?.Lifecycle_Owner__c).toBe('Sales');
        expect(row?.Handoff_At__c).not.toBeNull();
        expect(row?.Lifecycle_Stage__c).toBe('Qualified');
        const clocks = await clocksOf(testOrg, 'Account__c', account);
        const followUp = clocks.find((clock) => clock.Type__c === 'Follow Up');
        expect(followUp?.Status__c).toBe('Open');
        expect(followUp?.Responsible_User__c).toBe(owner);
        const tasks = await queryOrg<{ Subject: string; OwnerId: string; ActivityDate: string }>(
            testOrg,
            `SELECT Subject, OwnerId, ActivityDate FROM Task WHERE WhatId = '${account}'`
        );
        const cadence = tasks.filter((task) => task.Subject.startsWith('Follow-up day'));
        expect(cadence.map((task) => task.Subject).sort()).toEqual([
            'Follow-up day 0: Call',
            'Follow-up day 1: Email',
            'Follow-up day 2: Social',
            'Follow-up day 4: Call',
            'Follow-up day 5: Email'
        ]);
        expect(cadence.every((task) => task.OwnerId === owner)).toBe(true);
    });

    it('closes a converted lead and tracks its contact instead', async () => {
        const now = new Date();
        const account = fixture.account('Stark', 'stark.example');
        const lead = fixture.lead('pepper@stark.example', { LeadSource: 'Demo Request' });
        fixture.hotSignals(lead, now);
        const worker = await createWorker(testOrg);
        await worker.runCycle(now);
        const conversion = testOrg.org.store.convertLead(
            lead,
            { accountId: account, createOpportunity: false },
            { userId: testOrg.adminId }
        );
        const report = await worker.runCycle(new Date());
        expect(report.outcome).toBe('success');
        const [clock] = await clocksOf(testOrg, 'Lead__c', lead);
        expect(clock?.Status__c).toBe('Cancelled');
        expect(clock?.Reason__c).toContain('converted');
        const [contact] = await queryOrg<{
            Lifecycle_Stage__c: string | null;
            LastModifiedById: string;
        }>(
            testOrg,
            `SELECT Lifecycle_Stage__c, LastModifiedById FROM Contact WHERE Id = '${conversion.contactId}'`
        );
        expect(contact?.Lifecycle_Stage__c).not.toBeNull();
        expect(contact?.LastModifiedById).toBe(testOrg.integrationUserId);
        const [leadRow] = await queryOrg<{ LastModifiedById: string }>(
            testOrg,
            `SELECT LastModifiedById FROM Lead WHERE Id = '${lead}'`
        );
        expect(leadRow?.LastModifiedById).toBe(testOrg.adminId);
    });
});
