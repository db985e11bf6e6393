/**
 * What a new worker does with the files a stopped one left in its journal folder: a
 * plan written in part is finished before anything is evaluated, and an alert whose
 * send was in flight is not sent again. The slow end-to-end proof with real kills is
 * `crash-safety.test.ts`; these cases run in process and in seconds.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PENDING_PLAN_FILE, PendingPlanFile, remainingWrites } from '../../src/sync/pending-plan';
import { OrgMirror } from '../../src/sync/mirror';
import type { WritePlan } from '../../src/sync/write-plan';
import { Fixture, hoursAfter } from '../sync/fixtures';
import { createWorker, queryOrg, quietLogs, startSyncOrg, type TestOrg } from '../sync/helpers';

jest.setTimeout(60_000);

/** Builds a plan with one update of a lead and one new clock, as `planWrites` makes them. */
function routingPlan(leadId: string, dueAt: Date): WritePlan {
    return {
        updates: [
            {
                object: 'Lead',
                id: leadId,
                fields: { Routing_Decision__c: 'Sales 1h', SLA_Due_At__c: dueAt },
                reason: 'Routed to Sales'
            }
        ],
        newClocks: [
            {
                object: 'SLA_Clock__c',
                key: `Response:${leadId}:sales-1h:2027-03-17T18:30:00.000Z`,
                fields: { Lead__c: leadId, Status__c: 'Open', Due_At__c: dueAt },
                reason: 'Routed to Sales',
                clockKey: `Response:${leadId}:sales-1h:2027-03-17T18:30:00.000Z`
            }
        ],
        tasks: [],
        outcomes: [],
        transitions: [],
        notifications: [],
        skipped: []
    };
}

describe('pending plan', () => {
    let folder: TestOrg;

    beforeAll(async () => {
        quietLogs();
        folder = await startSyncOrg();
    });

    afterAll(async () => {
        await folder.close();
    });

    it('keeps datetimes through the file', () => {
        const leadId = '00Q000000000001AAA';
        const dueAt = new Date('2027-03-17T19:30:00.000Z');
        const mirror = new OrgMirror();
        const file = new PendingPlanFile(folder.journalDir);
        file.save(4, new Date('2027-03-17T18:30:00.000Z'), routingPlan(leadId, dueAt), mirror);
        const stored = file.load();
        expect(stored?.cycle).toBe(4);
        expect(stored?.updates[0]?.fields.SLA_Due_At__c).toEqual(dueAt);
        expect(stored?.newClocks[0]?.fields.Due_At__c).toEqual(dueAt);
        file.clear();
        expect(existsSync(join(folder.journalDir, PENDING_PLAN_FILE))).toBe(false);
    });

    it('leaves out what was written and what a person changed', () => {
        const leadId = '00Q000000000001AAA';
        const dueAt = new Date('2027-03-17T19:30:00.000Z');
        const mirror = new OrgMirror();
        mirror.put('Lead', { Id: leadId, Routing_Decision__c: null, SLA_Due_At__c: null });
        const file = new PendingPlanFile(folder.journalDir);
        file.save(4, new Date('2027-03-17T18:30:00.000Z'), routingPlan(leadId, dueAt), mirror);
        const stored = file.load();
        file.clear();
        if (stored === null) {
            throw new Error('The pending plan was not stored.');
        }

        // Nothing written yet: the whole plan remains.
        const untouched = remainingWrites(stored, mirror);
        expect(untouched.updates[0]?.fields).toEqual({
            Routing_Decision__c: 'Sales 1h',
            SLA_Due_At__c: dueAt
        });
        expect(untouched.newClocks).toHaveLength(1);

        // The update was written, and then a person changed the decision by hand.
        mirror.put('Lead', { Id: leadId, Routing_Decision__c: 'Nurture', SLA_Due_At__c: dueAt });
        const afterUpdate = remainingWrites(stored, mirror);
        expect(afterUpdate.updates).toEqual([]);
        expect(afterUpdate.newClocks).toHaveLength(1);

        // The clock was written too: nothing remains.
        mirror.put('SLA_Clock__c', {
            Id: 'a00000000000001AAA',
            Clock_Key__c: stored.newClocks[0]?.key ?? '',
            Lead__c: leadId,
            Status__c: 'Open',
            Due_At__c: dueAt
        });
        expect(remainingWrites(stored, mirror).newClocks).toEqual([]);
    });

    it('keeps a plan of many blocks and its resume count', () => {
        const dueAt = new Date('2027-03-17T19:30:00.000Z');
        const leadIds = Array.from(
            { length: 12_001 },
            (_, index) => `00Q${String(index).padStart(12, '0')}AAA`
        );
        const plans = leadIds.map((id) => routingPlan(id, dueAt));
        const plan: WritePlan = {
            ...routingPlan(leadIds[0] ?? '', dueAt),
            updates: plans.flatMap((each) => each.updates),
            newClocks: plans.flatMap((each) => each.newClocks)
        };
        const file = new PendingPlanFile(folder.journalDir);
        file.save(9, new Date('2027-03-17T18:30:00.000Z'), plan, new OrgMirror());

        const text = readFileSync(join(folder.journalDir, PENDING_PLAN_FILE), 'utf8');
        expect(text.trimEnd().split('\n')).toHaveLength(1 + 2 * leadIds.length);
        const stored = file.load();
        expect(stored?.updates.map((update) => update.id)).toEqual(leadIds);
        expect(stored?.newClocks).toHaveLength(leadIds.length);
        expect(stored?.resumeAttempts).toBe(0);

        file.countResumeAttempt();
        file.countResumeAttempt();
        expect(file.load()?.resumeAttempts).toBe(2);
        // A new plan starts its own count.
        file.save(
            10,
            new Date('2027-03-17T18:31:00.000Z'),
            routingPlan(leadIds[0] ?? '', dueAt),
            new OrgMirror()
        );
        expect(file.load()?.resumeAttempts).toBe(0);
        file.clear();
    });

    it('drops a file that is not a plan', () => {
        const path = join(folder.journalDir, PENDING_PLAN_FILE);
        mkdirSync(folder.journalDir, { recursive: true });
        writeFileSync(path, '{"cycle":3,"now":"2027-03-17T18:30:00.000Z"}\n{"kind":"elsewhere"}\n');
        expect(new PendingPlanFile(folder.journalDir).load()).toBeNull();
        expect(existsSync(path)).toBe(false);
        writeFileSync(path, '{"cycle":3,"now":"2027-03-17T18:30:00.000Z"}\n{"kind":"updates",\n');
        expect(new PendingPlanFile(folder.journalDir).load()).toBeNull();
        expect(existsSync(path)).toBe(false);
    });
});

describe('restart after a half-written cycle', () => {
    let testOrg: TestOrg;
    let fixture: Fixture;

    beforeEach(async () => {
        quietLogs();
        testOrg = await startSyncOrg();
        fixture = new Fixture(testOrg);
        fixture.team();
    });

    afterEach(async () => {
        await testOrg.close();
    });

    it('writes the clock of a route whose lead fields were written', async () => {
        const now = new Date();
        const leadId = fixture.lead('half@acme.example', { LeadSource: 'Demo Request' });
        // The state a worker killed between the first two write requests leaves: its plan
        // in the journal folder, the lead's routing fields written, the new clock not.
        const planner = await createWorker(testOrg, { dryRun: true });
        const plan = (await planner.runCycle(now)).plan;
        if (plan === null) {
            throw new Error('The dry run planned nothing.');
        }
        expect(plan.newClocks).toHaveLength(1);
        new PendingPlanFile(testOrg.journalDir).save(1, now, plan, planner.mirror);
        for (const update of plan.updates) {
            // As JSON, the way the REST API receives the fields.
            const fields = JSON.parse(JSON.stringify(update.fields)) as Record<string, unknown>;
            testOrg.org.store.update(update.object, update.id, fields, {
                userId: testOrg.integrationUserId
            });
        }

        const restarted = await createWorker(testOrg);
        const resumed = await restarted.runCycle(now);
        expect(resumed.outcome).toBe('success');
        const clocks = await queryOrg<{ Clock_Key__c: string; Status__c: string }>(
            testOrg,
            'SELECT Clock_Key__c, Status__c FROM SLA_Clock__c'
        );
        expect(clocks).toEqual([{ Clock_Key__c: plan.newClocks[0]?.key, Status__c: 'Open' }]);
        const [lead] = await queryOrg<{ SLA_Status__c: string | null }>(
            testOrg,
            `SELECT SLA_Status__c FROM Lead WHERE Id = '${leadId}'`
        );
        expect(lead?.SLA_Status__c).toBe('On Track');
        expect(existsSync(join(testOrg.journalDir, PENDING_PLAN_FILE))).toBe(false);
        expect((await restarted.runCycle(now)).written).toBe(0);
    });

    it('never sends an alert again that was in flight', async () => {
        const now = new Date();
        fixture.lead('flight@acme.example', { LeadSource: 'Demo Request' });
        const first = await createWorker(testOrg);
        await first.runCycle(now);
        // The breach is written and its alert is sent. Then the outbox gets the entry back,
        // marked in flight, as a worker killed during the send leaves it.
        const breached = await first.runCycle(hoursAfter(now, 3));
        expect(breached.notificationsSent).toBe(1);
        const [sent] = breached.plan?.notifications ?? [];
        if (sent === undefined) {
            throw new Error('The breach planned no notification.');
        }
        mkdirSync(testOrg.journalDir, { recursive: true });
        writeFileSync(
            join(testOrg.journalDir, 'notification-outbox.json'),
            JSON.stringify({
                pending: [
                    {
                        notification: sent.notification,
                        attempts: 0,
                        anchorStatus: sent.anchorStatus,
                        sendingSince: hoursAfter(now, 3).toISOString()
                    }
                ]
            })
        );
        const received = testOrg.org.notifications.list().length;

        const second = await createWorker(testOrg);
        const resumed = await second.runCycle(hoursAfter(now, 3));
        expect(resumed.notificationsSent).toBe(0);
        expect(testOrg.org.notifications.list()).toHaveLength(received);
    });
});
