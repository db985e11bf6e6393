/**
 * The policy's rules end to end, for breaches, rejections and disputes: records go into
 * the local org, cycles run at given times, and the results are read back through the
 * REST API.
 */
import { DateTime } from 'luxon';
import { routeClockKey } from '../../src/policy/keys';
import type { SyncWorker } from '../../src/sync';
import { Fixture, type Team } from './fixtures';
import {
    createWorker,
    insertAsPerson,
    queryOrg,
    quietLogs,
    startSyncOrg,
    updateAsPerson,
    type TestOrg
} from './helpers';

jest.setTimeout(30_000);

const ZONE = 'America/New_York';

const OFFICE_HOURS = Object.fromEntries(
    ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map(
        (day, index) => [day, index < 5 ? { start: '09:00', end: '17:00' } : null]
    )
);

/** Returns the next Monday at `hour`:`minute` New York time, at least a day after the real time. */
function nextMonday(hour: number, minute = 0): DateTime {
    let day = DateTime.now().setZone(ZONE).plus({ days: 1 }).startOf('day');
    while (day.weekday !== 1) {
        day = day.plus({ days: 1 });
    }
    return day.set({ hour, minute });
}

interface ClockRow {
    Clock_Key__c: string;
    Type__c: string;
    Status__c: string;
    Lead__c: string | null;
    Responsible_User__c: string | null;
    Responsible_Team__c: string | null;
}

interface BreachRow {
    Lead__c: string;
    Level__c: number;
    Action__c: string;
    Reassigned_To__c: string | null;
}

const CLOCK_FIELDS =
    'Clock_Key__c, Type__c, Status__c, Lead__c, Responsible_User__c, Responsible_Team__c';

function clocks(testOrg: TestOrg, where = ''): Promise<ClockRow[]> {
    return queryOrg<ClockRow>(testOrg, `SELECT ${CLOCK_FIELDS} FROM SLA_Clock__c ${where}`);
}

async function leadField(testOrg: TestOrg, id: string, field: string): Promise<unknown> {
    const [row] = await queryOrg(testOrg, `SELECT ${field} FROM Lead WHERE Id = '${id}'`);
    return row?.[field];
}

describe('policy rules end to end: breaches, rejections, disputes', () => {
    let testOrg: TestOrg;
    let fixture: Fixture;
    let team: Team;
    let worker: SyncWorker;

    beforeEach(async () => {
        quietLogs();
        testOrg = await startSyncOrg({
            seed: { businessHours: OFFICE_HOURS, timeZoneSidKey: ZONE }
        });
        fixture = new Fixture(testOrg);
        team = fixture.team();
        worker = await createWorker(testOrg);
    });

    afterEach(async () => {
        await testOrg.close();
    });

    it('warns, breaches in business hours and escalates by level', async () => {
        const rep = team.salesReps[0];
        const leads = ['a', 'b', 'c'].map((name) =>
            fixture.lead(`${name}@wayne.example`, { LeadSource: 'Demo Request', OwnerId: rep })
        );
        const start = nextMonday(10);
        expect((await worker.runCycle(start.toJSDate())).decisions.clocksOpened).toBe(3);
        const warned = await worker.runCycle(start.set({ minute: 50 }).toJSDate());
        expect(warned.decisions.warnings).toBe(3);
        expect((await clocks(testOrg)).every((clock) => clock.Status__c === 'Warning')).toBe(true);
        // Due at 11:00 in business hours: nothing breaches a minute before.
        expect(
            (await worker.runCycle(start.set({ minute: 59 }).toJSDate())).decisions.breaches
        ).toBe(0);

        const breached = await worker.runCycle(start.set({ hour: 11, minute: 30 }).toJSDate());
        expect(breached.outcome).toBe('success');
        const breaches = await queryOrg<BreachRow>(
            testOrg,
            'SELECT Lead__c, Level__c, Action__c, Reassigned_To__c FROM SLA_Breach__c'
        );
        expect(breaches.map((breach) => [breach.Level__c, breach.Action__c]).sort()).toEqual([
            [1, 'Reminder'],
            [2, 'Manager Notified'],
            [3, 'Reassigned']
        ]);
        const reassigned = breaches.find((breach) => breach.Action__c === 'Reassigned');
        expect(reassigned?.Reassigned_To__c).not.toBe(rep);
        expect(await leadField(testOrg, reassigned?.Lead__c ?? '', 'OwnerId')).toBe(
            reassigned?.Reassigned_To__c
        );
        const replacement = await clocks(
            testOrg,
            `WHERE Lead__c = '${reassigned?.Lead__c ?? ''}' AND Status__c = 'Open'`
        );
        expect(replacement[0]?.Clock_Key__c).toMatch(/\+R$/);
        expect(replacement[0]?.Responsible_User__c).toBe(reassigned?.Reassigned_To__c);
        // The engine's reminder for the rep, and a task with each other alert (manager, new owner).
        const tasks = await queryOrg<{ OwnerId: string; Description: string }>(
            testOrg,
            'SELECT OwnerId, Description FROM Task'
        );
        const ownersOf = (prefix: string): string[] =>
            tasks
                .filter((task) => task.Description.includes(`SLA key: ${prefix}`))
                .map((task) => task.OwnerId)
                .sort();
        expect(ownersOf('Reminder:')).toEqual([rep]);
        expect(ownersOf('Notice:Breach:')).toEqual(
            [team.salesManager, team.salesManager, reassigned?.Reassigned_To__c ?? ''].sort()
        );
        const reviews = await queryOrg<{ Type__c: string; Subject_User__c: string }>(
            testOrg,
            'SELECT Type__c, Subject_User__c FROM SLA_Review__c'
        );
        expect(reviews).toContainEqual({ Type__c: 'Rep Breach Review', Subject_User__c: rep });
        const notified = testOrg.org.notifications
            .list()
            .flatMap((notification) => notification.recipientIds);
        expect(notified).toContain(team.salesManager);
        expect(notified).toContain(rep);
        expect(leads).toHaveLength(3);
    });

    it('stamps rejections, opens a probation and holds handoffs for approval', async () => {
        const now = DateTime.now().setZone(ZONE);
        const rep = team.salesReps[1];
        // Two complete months in which 2 of 5 leads handed to Sales were rejected (40%).
        for (const back of [1, 2]) {
            const start = now.minus({ months: back }).set({ day: 10, hour: 10, minute: 0 });
            for (let index = 0; index < 5; index += 1) {
                const rejected = index < 2;
                const lead = fixture.lead(`hist${back}-${index}@oscorp.example`, {
                    OwnerId: rep,
                    Routing_Decision__c: 'Sales 1h',
                    ...(rejected
                        ? {
                              Status: 'Rejected',
                              Rejection_Reason__c: 'No Budget',
                              Rejected_At__c: start.plus({ days: 2 }).toISO()
                          }
                        : {})
                });
                const startedAt = start.plus({ hours: index }).toJSDate();
                insertAsPerson(testOrg, 'SLA_Clock__c', {
                    Clock_Key__c: routeClockKey(lead, 'sales-1h', startedAt),
                    Type__c: 'Response',
                    Lead__c: lead,
                    Responsible_User__c: rep,
                    Responsible_Team__c: 'Sales',
                    Trigger_At__c: startedAt.toISOString(),
                    Started_At__c: startedAt.toISOString(),
                    Warning_At__c: new Date(startedAt.getTime() + 45 * 60_000).toISOString(),
                    Due_At__c: new Date(startedAt.getTime() + 60 * 60_000).toISOString(),
                    Completed_At__c: new Date(startedAt.getTime() + 30 * 60_000).toISOString(),
                    Status__c: 'Met'
                });
            }
        }
        const fresh = fixture.lead('fresh@oscorp.example', { LeadSource: 'Demo Request' });
        await worker.runCycle(new Date());
        const reviews = await queryOrg<{ Type__c: string; Status__c: string }>(
            testOrg,
            'SELECT Type__c, Status__c FROM SLA_Review__c'
        );
        expect(reviews).toContainEqual({ Type__c: 'Marketing Probation', Status__c: 'Open' });
        expect(await leadField(testOrg, fresh, 'Routing_Decision__c')).toBe('Awaiting Approval');
        expect(await clocks(testOrg, `WHERE Lead__c = '${fresh}'`)).toHaveLength(0);

        updateAsPerson(testOrg, 'Lead', fresh, { Handoff_Approved__c: true });
        await worker.runCycle(new Date());
        expect(await leadField(testOrg, fresh, 'Routing_Decision__c')).toBe('Sales 1h');
        const [response] = await clocks(testOrg, `WHERE Lead__c = '${fresh}'`);
        expect(response?.Status__c).toBe('Open');

        updateAsPerson(testOrg, 'Lead', fresh, {
            Status: 'Rejected',
            Rejection_Reason__c: 'Bad Timing'
        });
        await worker.runCycle(new Date());
        expect(await leadField(testOrg, fresh, 'Rejected_At__c')).not.toBeNull();
        const [cancelled] = await clocks(testOrg, `WHERE Lead__c = '${fresh}'`);
        expect(cancelled?.Status__c).toBe('Cancelled');
    });

    it('runs a dispute through review to an overturn or a logged decision', async () => {
        const rep = team.salesReps[2];
        const overturned = fixture.lead('over@cyberdyne.example', {
            LeadSource: 'Demo Request',
            OwnerId: rep
        });
        const upheld = fixture.lead('held@cyberdyne.example', {
            LeadSource: 'Demo Request',
            OwnerId: rep
        });
        await worker.runCycle(new Date());
        for (const lead of [overturned, upheld]) {
            updateAsPerson(testOrg, 'Lead', lead, {
                Status: 'Rejected',
                Rejection_Reason__c: 'No Need',
                OwnerId: team.nurtureQueue
            });
        }
        await worker.runCycle(new Date());
        for (const lead of [overturned, upheld]) {
            updateAsPerson(testOrg, 'Lead', lead, {
                Dispute_Status__c: 'Open',
                Dispute_Evidence_URL__c: 'https://evidence.example/1'
            });
        }
        await worker.runCycle(new Date());
        const reviewClocks = await clocks(testOrg, "WHERE Type__c = 'Dispute Review'");
        expect(reviewClocks).toHaveLength(2);
        expect(
            reviewClocks.every(
                (clock) =>
                    clock.Responsible_Team__c === 'RevOps' && clock.Responsible_User__c === null
            )
        ).toBe(true);
        const alerted = testOrg.org.notifications
            .list()
            .filter((notification) => notification.title === 'Rejection disputed');
        expect(alerted.map((notification) => notification.recipientIds)).toEqual([
            [team.revops],
            [team.revops]
        ]);

        updateAsPerson(testOrg, 'Lead', overturned, { Dispute_Status__c: 'Overturned' });
        updateAsPerson(testOrg, 'Lead', upheld, { Dispute_Status__c: 'Upheld' });
        await worker.runCycle(new Date());
        expect(await leadField(testOrg, overturned, 'OwnerId')).toBe(rep);
        const followUp = await clocks(testOrg, "WHERE Type__c = 'Dispute Follow Up'");
        expect(followUp.map((clock) => [clock.Lead__c, clock.Responsible_User__c])).toEqual([
            [overturned, rep]
        ]);
        expect(
            (await clocks(testOrg, "WHERE Type__c = 'Dispute Review'")).every(
                (clock) => clock.Status__c === 'Met'
            )
        ).toBe(true);
        const decisions = await queryOrg<{ Lead__c: string }>(
            testOrg,
            "SELECT Lead__c FROM SLA_Review__c WHERE Type__c = 'Dispute Decision'"
        );
        expect(decisions).toEqual([{ Lead__c: upheld }]);
    });
});
