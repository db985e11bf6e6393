import { breachKey, reminderTaskKey } from '../../src/policy/keys';
import type { OrgSnapshot } from '../../src/policy/snapshot';
import { EventSchema, TaskSchema, type Lead, type User } from '../../src/schema/records';
import { evaluateOrg, type Outcome } from './engine-helpers';
import { HOUR, OrgBuilder, at } from './org-builder';

const NOW = at('2027-03-10T12:00');

/** A Sales rep and a lead routed to the rep at `routedAt` with a 1-hour response clock. */
function routed(
    routedAt: Date = NOW,
    timeZone?: string,
    holidays: string[] = []
): { org: OrgBuilder; rep: User; other: User; lead: Lead; first: Outcome } {
    const org = new OrgBuilder();
    const manager = org.user({ Name: 'Manager' });
    const rep = org.user({ SLA_Team__c: 'Sales', ManagerId: manager.Id });
    const other = org.user({ SLA_Team__c: 'Sales', ManagerId: manager.Id });
    if (timeZone !== undefined) {
        org.hours(timeZone);
        org.org(1, timeZone);
        holidays.forEach((day) => org.holiday(day));
    }
    const lead = org.lead({ Email: 'ann@acme.com', LeadSource: 'Demo Request', OwnerId: rep.Id });
    const first = evaluateOrg(org, routedAt);
    return { org, rep, other, lead, first };
}

function withTask(snapshot: OrgSnapshot, fields: Record<string, unknown>): OrgSnapshot {
    const task = TaskSchema.parse({
        Id: '00T900000000001AAA',
        Status: 'Completed',
        IsClosed: true,
        ...fields
    });
    return { ...snapshot, tasks: [...snapshot.tasks, task] };
}

describe('response clock', () => {
    it('is met by a completed task of the owner after the start', () => {
        const { rep, lead, first } = routed();
        const doneAt = new Date(NOW.getTime() + 20 * 60_000);
        const next = first.next(new Date(NOW.getTime() + 30 * 60_000), (snapshot) =>
            withTask(snapshot, {
                WhoId: lead.Id,
                OwnerId: rep.Id,
                CreatedDate: doneAt,
                CompletedDateTime: doneAt
            })
        );
        const clock = next.clocks('Response')[0];
        expect(clock?.Status__c).toBe('Met');
        expect(clock?.Completed_At__c).toEqual(doneAt);
        expect(next.fields(lead.Id).SLA_Status__c).toBe('Met');
        expect(next.fields(lead.Id).SLA_Due_At__c).toBeNull();
    });

    it.each([
        [
            'another user',
            (rep: User, other: User) => ({ OwnerId: other.Id, doneAt: NOW.getTime() + 10 * 60_000 })
        ],
        [
            'a task before the start',
            (rep: User) => ({ OwnerId: rep.Id, doneAt: NOW.getTime() - 60_000 })
        ],
        [
            'a task after the due time',
            (rep: User) => ({ OwnerId: rep.Id, doneAt: NOW.getTime() + HOUR + 1 })
        ]
    ])('is not met by %s', (_case, make) => {
        const { rep, other, lead, first } = routed();
        const { OwnerId, doneAt } = make(rep, other);
        const next = first.next(new Date(NOW.getTime() + 2 * HOUR), (snapshot) =>
            withTask(snapshot, {
                WhoId: lead.Id,
                OwnerId,
                CreatedDate: new Date(doneAt),
                CompletedDateTime: new Date(doneAt)
            })
        );
        expect(next.clocks('Response')[0]?.Status__c).toBe('Breached');
    });

    it('is met by an event the owner logs after the start', () => {
        const { rep, lead, first } = routed();
        const loggedAt = new Date(NOW.getTime() + 5 * 60_000);
        const event = EventSchema.parse({
            Id: '00U900000000001AAA',
            WhoId: lead.Id,
            OwnerId: rep.Id,
            CreatedDate: loggedAt,
            StartDateTime: at('2027-03-20T10:00')
        });
        const next = first.next(new Date(NOW.getTime() + 10 * 60_000), (snapshot) => ({
            ...snapshot,
            events: [event]
        }));
        expect(next.clocks('Response')[0]?.Status__c).toBe('Met');
    });

    it('counts an action exactly at the due time as in time', () => {
        const { rep, lead, first } = routed();
        const due = new Date(NOW.getTime() + HOUR);
        const next = first.next(new Date(due.getTime() + HOUR), (snapshot) =>
            withTask(snapshot, {
                WhoId: lead.Id,
                OwnerId: rep.Id,
                CreatedDate: due,
                CompletedDateTime: due
            })
        );
        expect(next.clocks('Response')[0]?.Status__c).toBe('Met');
    });

    it('breaches only after the due time', () => {
        const { lead, first } = routed();
        const due = new Date(NOW.getTime() + HOUR);
        const atDue = first.next(due);
        expect(atDue.clocks('Response')[0]?.Status__c).toBe('Warning');
        expect(atDue.breaches()).toHaveLength(0);
        const after = first.next(new Date(due.getTime() + 1));
        const clock = after.clocks('Response')[0];
        expect(clock?.Status__c).toBe('Breached');
        expect(clock?.Completed_At__c ?? null).toBeNull();
        expect(after.fields(lead.Id).SLA_Status__c).toBe('Breached');
        expect(after.breaches()[0]?.Breached_At__c).toEqual(due);
        expect(after.isSettled()).toBe(true);
    });

    it('warns once at 75% of the window', () => {
        const { rep, lead, first } = routed();
        const warningAt = new Date(NOW.getTime() + 45 * 60_000);
        expect(first.next(new Date(warningAt.getTime() - 1)).clocks()).toHaveLength(0);
        const warned = first.next(warningAt);
        expect(warned.clocks('Response')[0]?.Status__c).toBe('Warning');
        expect(warned.fields(lead.Id).SLA_Status__c).toBe('Warning');
        expect(warned.evaluation.notifications.map((item) => item.recipientIds)).toEqual([
            [rep.Id]
        ]);
        expect(
            warned.next(new Date(warningAt.getTime() + 60_000)).evaluation.notifications
        ).toHaveLength(0);
    });

    it('records a late action on a breached clock', () => {
        const { rep, lead, first } = routed();
        const breached = first.next(new Date(NOW.getTime() + 2 * HOUR));
        const lateAt = new Date(NOW.getTime() + 3 * HOUR);
        const late = breached.next(new Date(NOW.getTime() + 4 * HOUR), (snapshot) =>
            withTask(snapshot, {
                WhoId: lead.Id,
                OwnerId: rep.Id,
                CreatedDate: lateAt,
                CompletedDateTime: lateAt
            })
        );
        const clock = late.clocks('Response')[0];
        expect(clock?.Status__c).toBe('Breached');
        expect(clock?.Completed_At__c).toEqual(lateAt);
    });

    it('gives a level-1 breach a reminder task and an alert to the rep', () => {
        const { rep, first } = routed();
        const after = first.next(new Date(NOW.getTime() + 2 * HOUR));
        const breach = after.breaches()[0];
        expect(breach?.Level__c).toBe(1);
        expect(breach?.Action__c).toBe('Reminder');
        expect(breach?.Responsible_User__c).toBe(rep.Id);
        expect(breach?.Fiscal_Quarter__c).toBe('2027-Q1');
        const clockKey = after.evaluation.breaches[0]?.clockKey ?? '';
        expect(after.evaluation.tasks.map((task) => task.key)).toEqual([
            reminderTaskKey(breachKey(clockKey))
        ]);
        expect(after.evaluation.tasks[0]?.fields.OwnerId).toBe(rep.Id);
        expect(after.evaluation.notifications[0]?.recipientIds).toEqual([rep.Id]);
        expect(after.evaluation.notifications[0]?.anchor).toEqual({
            object: 'SLA_Breach__c',
            key: breachKey(clockKey)
        });
    });

    it('closes the clocks of a converted lead and never writes to it', () => {
        const { org, lead, first } = routed();
        const contact = org.contact(null, { Email: 'ann@acme.com' });
        const next = first.next(new Date(NOW.getTime() + 2 * HOUR), (snapshot) => ({
            ...snapshot,
            contacts: [contact],
            leads: snapshot.leads.map((record) =>
                record.Id === lead.Id
                    ? { ...record, IsConverted: true, ConvertedContactId: contact.Id }
                    : record
            )
        }));
        expect(next.clocks('Response')[0]?.Status__c).toBe('Cancelled');
        expect(next.breaches()).toHaveLength(0);
        expect(next.fields(lead.Id)).toEqual({});
    });
});

describe('business hours', () => {
    // America/New_York, Monday to Friday 09:00-17:00. DST starts on Sunday 14 March 2027.
    it.each([
        ['within a day', '2027-03-09T14:00', [], '2027-03-09T15:00'],
        ['across a weekend', '2027-03-05T21:30', [], '2027-03-08T14:30'],
        ['across a weekend and a holiday', '2027-03-05T21:30', ['2027-03-08'], '2027-03-09T14:30'],
        ['across the DST change', '2027-03-12T21:30', [], '2027-03-15T13:30'],
        ['from outside business hours', '2027-03-09T02:00', [], '2027-03-09T15:00']
    ])('puts a 1-hour window routed %s at the right time', (_case, routedAt, holidays, due) => {
        const { first } = routed(at(routedAt), 'America/New_York', holidays);
        const clock = first.clocks('Response')[0];
        expect(clock?.Due_At__c).toEqual(at(due));
        expect(clock?.Business_Hours_Id__c).toMatch(/^01m/);
    });

    it('runs day windows in calendar time across DST', () => {
        const org = new OrgBuilder();
        org.hours('America/New_York');
        org.queue('Marketing_Nurture');
        const lead = org.lead({ Email: 'n@acme.com', LeadSource: 'Web' });
        const outcome = evaluateOrg(org, at('2027-03-10T15:00'));
        const nurture = outcome.clocks('Nurture')[0];
        // Seven days later at the same local time (10:00 EST, then 10:00 EDT).
        expect(nurture?.Due_At__c).toEqual(at('2027-03-17T14:00'));
        expect(nurture?.Business_Hours_Id__c ?? null).toBeNull();
        expect(outcome.fields(lead.Id).Routing_Decision__c).toBe('Nurture');
    });
});
