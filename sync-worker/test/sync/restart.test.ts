import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_POLICY } from '../../src/config/policy-schema';
import { SyncWorker } from '../../src/sync';
import { daysBefore, Fixture, hoursAfter } from './fixtures';
import {
    connectTo,
    createWorker,
    queryOrg,
    quietLogs,
    startSyncOrg,
    testSyncOptions,
    type TestOrg
} from './helpers';

jest.setTimeout(30_000);

/** Counts of every record the worker creates, and of the notifications the org received. */
async function createdCounts(testOrg: TestOrg): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const object of ['SLA_Clock__c', 'SLA_Breach__c', 'SLA_Review__c', 'Task']) {
        counts[object] = (await queryOrg(testOrg, `SELECT Id FROM ${object}`)).length;
    }
    counts.notifications = testOrg.org.notifications.list().length;
    return counts;
}

describe('restart of the worker', () => {
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

    it('resumes from the org without redoing or losing work', async () => {
        const now = new Date();
        fixture.lead('one@acme.example', { LeadSource: 'Demo Request' });
        fixture.lead('two@acme.example', { LeadSource: 'Contact Sales' });
        const first = await createWorker(testOrg);
        // Three hours later the response clocks are overdue: breaches, tasks and alerts.
        expect((await first.runCycle(now)).outcome).toBe('success');
        expect((await first.runCycle(hoursAfter(now, 3))).decisions.breaches).toBe(2);
        const before = await createdCounts(testOrg);
        expect(before.notifications).toBeGreaterThan(0);

        // While no worker runs, a new lead arrives.
        const newLead = fixture.lead('three@acme.example', { LeadSource: 'Demo Request' });
        const second = await createWorker(testOrg);
        const resumed = await second.runCycle(hoursAfter(now, 3));
        expect(resumed.kind).toBe('initial');
        expect(resumed.outcome).toBe('success');
        const after = await createdCounts(testOrg);
        expect(after.SLA_Clock__c).toBe((before.SLA_Clock__c ?? 0) + 1);
        expect(after.SLA_Breach__c).toBe(before.SLA_Breach__c);
        expect(after.notifications).toBe(before.notifications);
        expect(resumed.plan?.updates.map((update) => update.id)).toEqual([newLead]);
        const idle = await second.runCycle(hoursAfter(now, 3));
        expect(idle.kind).toBe('idle');
    });

    it('reads large objects through Bulk API 2.0 on the first cycle', async () => {
        testOrg.org.store.transaction(() => {
            for (let index = 0; index < 450; index += 1) {
                const lead = fixture.lead(`bulk${index}@acme.example`);
                if (index < 300) {
                    fixture.signal(lead, 'Web Visit', daysBefore(new Date(), 1));
                }
            }
        });
        const session = await connectTo(testOrg);
        const worker = new SyncWorker(session, testSyncOptions(testOrg, { bulkThreshold: 400 }));
        const report = await worker.runCycle(new Date());
        expect(report.outcome).toBe('success');
        // Leads (450) go through Bulk API 2.0; signals (300) through REST query pages.
        expect(session.meter.snapshot().cycleCallsByResource['jobs/query']).toBeGreaterThan(0);
        expect(worker.mirror.count('Lead')).toBe(450);
        expect(worker.mirror.count('Engagement_Signal__c')).toBe(300);
    });

    it('sends a notification left in the outbox by a stopped worker once', async () => {
        const now = new Date();
        fixture.lead('outbox@acme.example', { LeadSource: 'Demo Request' });
        const first = await createWorker(testOrg);
        await first.runCycle(now);
        // The custom notification action fails, so the alert stays in the outbox.
        testOrg.org.faults.inject({
            kind: 'status',
            status: 500,
            errorCode: 'UNKNOWN_EXCEPTION',
            match: { pathPattern: 'customNotificationAction' },
            count: 'unlimited'
        });
        const breached = await first.runCycle(hoursAfter(now, 3));
        expect(breached.decisions.breaches).toBe(1);
        expect(breached.notificationsSent).toBe(0);
        testOrg.org.faults.clear();
        const sentBefore = testOrg.org.notifications.list().length;

        const second = await createWorker(testOrg);
        const resumed = await second.runCycle(hoursAfter(now, 3));
        expect(resumed.notificationsSent).toBe(1);
        expect(testOrg.org.notifications.list()).toHaveLength(sentBefore + 1);
        const again = await second.runCycle(hoursAfter(now, 3));
        expect(again.notificationsSent).toBe(0);
        expect(testOrg.org.notifications.list()).toHaveLength(sentBefore + 1);
    });

    it('drops an outbox entry whose record was never written', async () => {
        const outbox = join(testOrg.journalDir, 'notification-outbox.json');
        const notification = {
            key: 'Warning:Response:missing',
            recipientIds: [testOrg.adminId],
            targetId: testOrg.adminId,
            title: 'SLA warning',
            body: 'A clock that was never written.',
            anchor: { object: 'SLA_Clock__c', key: 'Response:missing' }
        };
        mkdirSync(testOrg.journalDir, { recursive: true });
        writeFileSync(
            outbox,
            JSON.stringify({ pending: [{ notification, attempts: 0, anchorStatus: 'Warning' }] })
        );
        const worker = new SyncWorker(
            await connectTo(testOrg),
            testSyncOptions(testOrg, { policy: DEFAULT_POLICY })
        );
        const report = await worker.runCycle(new Date());
        expect(report.notificationsSent).toBe(0);
        expect(testOrg.org.notifications.list()).toHaveLength(0);
    });
});
