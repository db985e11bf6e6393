import { cadenceTaskKey, committeeAwareClockKey, followUpClockKey } from '../../src/policy/keys';
import type { OrgSnapshot } from '../../src/policy/snapshot';
import { TaskSchema, type Account, type Contact, type User } from '../../src/schema/records';
import { evaluateOrg } from './engine-helpers';
import { DAY, HOUR, OrgBuilder, at } from './org-builder';

const NOW = at('2027-03-10T12:00');

function committeeOf(
    org: OrgBuilder,
    account: Account,
    scores: readonly number[],
    when: Date = NOW
): Contact[] {
    return scores.map((score) => {
        const contact = org.contact(account, { Email: `c${org.contacts.length}@acme.com` });
        org.signal(contact, 'Intent Surge', when, { Weight__c: score });
        return contact;
    });
}

describe('Identified to Committee-Aware window', () => {
    function oneLeadAccount(touch: Date) {
        const org = new OrgBuilder();
        const nurture = org.queue('Marketing_Nurture');
        const account = org.account({ Website: 'acme.com' });
        const lead = org.lead({ Email: 'a@acme.com', LeadSource: 'Web' });
        org.signal(lead, 'Web Visit', touch);
        return { org, nurture, account, lead };
    }

    it('starts at the first touch and runs 14 calendar days', () => {
        const touch = at('2027-03-01T09:00');
        const { org, account } = oneLeadAccount(touch);
        const clock = evaluateOrg(org, NOW).clock(committeeAwareClockKey(account.Id, touch));
        expect(clock?.Started_At__c).toEqual(touch);
        expect(clock?.Due_At__c).toEqual(new Date(touch.getTime() + 14 * DAY));
        expect(clock?.Responsible_Team__c).toBe('Marketing');
    });

    it('is met when a second person becomes active in time', () => {
        const touch = at('2027-03-01T09:00');
        const { org, account } = oneLeadAccount(touch);
        committeeOf(org, account, [5]);
        const outcome = evaluateOrg(org, NOW);
        expect(outcome.clock(committeeAwareClockKey(account.Id, touch))).toBeUndefined();
        expect(outcome.fields(account.Id).Lifecycle_Stage__c).toBe('Committee-Aware');
    });

    it('recycles the people and logs a marketing breach when missed', () => {
        const touch = at('2027-02-20T09:00');
        const { org, account, lead, nurture } = oneLeadAccount(touch);
        const first = evaluateOrg(org, at('2027-03-06T09:00'));
        // At the due time the window is still running, past its warning point.
        expect(first.clock(committeeAwareClockKey(account.Id, touch))?.Status__c).toBe('Warning');
        const missed = first.next(at('2027-03-06T09:00:00.001Z'));
        expect(missed.clock(committeeAwareClockKey(account.Id, touch))?.Status__c).toBe('Breached');
        const breach = missed.breaches()[0];
        expect(breach?.Action__c).toBe('Recycled');
        expect(breach?.Responsible_Team__c).toBe('Marketing');
        expect(breach?.Account__c).toBe(account.Id);
        expect(missed.fields(lead.Id).Routing_Decision__c).toBe('Recycled');
        expect(first.owner(lead.Id)).toBe(nurture.Id);
        expect(missed.isSettled()).toBe(true);
    });

    it('gives 21 days when the buying cycle is longer than 14 months', () => {
        const touch = at('2027-03-01T09:00');
        const { org, account } = oneLeadAccount(touch);
        const other = org.account({ Website: 'other.com' });
        org.opportunity(other, {
            IsClosed: true,
            IsWon: true,
            CreatedDate: at('2025-12-01T00:00'),
            CloseDate: '2027-02-15'
        });
        const clock = evaluateOrg(org, NOW).clock(committeeAwareClockKey(account.Id, touch));
        expect(clock?.Due_At__c).toEqual(new Date(touch.getTime() + 21 * DAY));
    });

    it('keeps 14 days for a cycle of exactly 14 months or less', () => {
        const touch = at('2027-03-01T09:00');
        const { org, account } = oneLeadAccount(touch);
        const other = org.account({ Website: 'other.com' });
        org.opportunity(other, {
            IsClosed: true,
            CreatedDate: at('2026-01-15T00:00'),
            CloseDate: '2027-02-15'
        });
        const clock = evaluateOrg(org, NOW).clock(committeeAwareClockKey(account.Id, touch));
        expect(clock?.Due_At__c).toEqual(new Date(touch.getTime() + 14 * DAY));
    });
});

describe('committee handoff', () => {
    function readyAccount(scores: readonly number[]) {
        const org = new OrgBuilder();
        const owner = org.user({ SLA_Team__c: 'Sales' });
        const account = org.account({ OwnerId: owner.Id, Lifecycle_Owner__c: 'Marketing' });
        const people = committeeOf(org, account, scores);
        return { org, owner, account, people };
    }

    it('does not hand off at a committee intent of 69', () => {
        const { org, account } = readyAccount([70, 70, 68]);
        expect(evaluateOrg(org, NOW).fields(account.Id).Lifecycle_Owner__c).toBeUndefined();
    });

    it('hands off at 70 with 3 active people and starts the cadence', () => {
        const { org, owner, account } = readyAccount([70, 70, 70]);
        const outcome = evaluateOrg(org, NOW);
        expect(outcome.fields(account.Id).Lifecycle_Owner__c).toBe('Sales');
        expect(outcome.fields(account.Id).Handoff_At__c).toEqual(NOW);
        const key = followUpClockKey(account.Id, NOW);
        const clock = outcome.clock(key);
        expect(clock?.Type__c).toBe('Follow Up');
        expect(clock?.Responsible_User__c).toBe(owner.Id);
        expect(clock?.Due_At__c).toEqual(at('2027-03-16T00:00'));
        const tasks = outcome.evaluation.tasks;
        expect(tasks.map((task) => [task.fields.Subject, task.fields.ActivityDate])).toEqual([
            ['Follow-up day 0: Call', '2027-03-10'],
            ['Follow-up day 1: Email', '2027-03-11'],
            ['Follow-up day 2: Social', '2027-03-12'],
            ['Follow-up day 4: Call', '2027-03-14'],
            ['Follow-up day 5: Email', '2027-03-15']
        ]);
        expect(
            tasks.every((task) => task.clockKey === key && task.fields.OwnerId === owner.Id)
        ).toBe(true);
        expect(outcome.isSettled()).toBe(true);
    });

    function completeSteps(
        snapshot: OrgSnapshot,
        key: string,
        doneAt: (step: number) => Date | null
    ): OrgSnapshot {
        const tasks = snapshot.tasks.map((task) => {
            const step = [0, 1, 2, 3, 4].find(
                (index) => task.Description?.endsWith(cadenceTaskKey(key, index)) === true
            );
            const done = step === undefined ? null : doneAt(step);
            return done === null
                ? task
                : TaskSchema.parse({
                      ...task,
                      IsClosed: true,
                      Status: 'Completed',
                      CompletedDateTime: done
                  });
        });
        return { ...snapshot, tasks };
    }

    it('is met when every step is done by the end of its day', () => {
        const { org, account } = readyAccount([70, 70, 70]);
        const key = followUpClockKey(account.Id, NOW);
        const offsets = [0, 1, 2, 4, 5];
        const done = evaluateOrg(org, NOW).next(at('2027-03-15T20:00'), (snapshot) =>
            completeSteps(
                snapshot,
                key,
                (step) => new Date(NOW.getTime() + (offsets[step] ?? 0) * DAY + HOUR)
            )
        );
        expect(done.clock(key)?.Status__c).toBe('Met');
    });

    it('breaches when a step is not done by the end of its day', () => {
        const { org, account, owner } = readyAccount([70, 70, 70]);
        const key = followUpClockKey(account.Id, NOW);
        const missed = evaluateOrg(org, NOW).next(at('2027-03-11T00:00:00.001Z'));
        expect(missed.clock(key)?.Status__c).toBe('Breached');
        expect(missed.breaches()[0]?.Breached_At__c).toEqual(at('2027-03-11T00:00'));
        expect(missed.breaches()[0]?.Responsible_User__c).toBe(owner.Id);
    });

    it('reverts the account when Sales misses a new committee member', () => {
        const org = new OrgBuilder();
        const owner = org.user({ SLA_Team__c: 'Sales' });
        const handoff = at('2027-03-01T12:00');
        const account = org.account({
            OwnerId: owner.Id,
            Lifecycle_Owner__c: 'Sales',
            Handoff_At__c: handoff,
            Lifecycle_Stage__c: 'Qualified'
        });
        committeeOf(org, account, [80, 80, 80], at('2027-02-25T12:00'));
        const newcomer = org.contact(account, { Email: 'new@acme.com' });
        org.signal(newcomer, 'Web Visit', at('2027-03-09T12:00'));
        const first = evaluateOrg(org, NOW);
        const clock = first.clocks('Re-engagement')[0];
        expect(clock?.Contact__c).toBe(newcomer.Id);
        expect(clock?.Due_At__c).toEqual(new Date(NOW.getTime() + 48 * HOUR));
        const reverted = first.next(new Date(NOW.getTime() + 48 * HOUR + 1));
        const revert = reverted
            .breaches()
            .find((breach) => breach.Action__c === 'Reverted To Marketing');
        expect(revert?.Account__c).toBe(account.Id);
        expect(revert?.Responsible_User__c).toBe(owner.Id);
        expect(reverted.fields(account.Id).Lifecycle_Owner__c).toBe('Marketing');
        expect(reverted.fields(account.Id).Lifecycle_Stage__c).toBe('Committee-Aware');
        expect(reverted.isSettled()).toBe(true);
    });

    it('keeps the account with Sales when a Sales user logs an activity in time', () => {
        const org = new OrgBuilder();
        const owner = org.user({ SLA_Team__c: 'Sales' });
        const account = org.account({
            OwnerId: owner.Id,
            Lifecycle_Owner__c: 'Sales',
            Handoff_At__c: at('2027-03-01T12:00')
        });
        const newcomer = org.contact(account, { Email: 'new@acme.com' });
        org.signal(newcomer, 'Web Visit', at('2027-03-09T12:00'));
        const first = evaluateOrg(org, NOW);
        const callAt = new Date(NOW.getTime() + HOUR);
        const call = TaskSchema.parse({
            Id: '00T900000000009AAA',
            WhatId: account.Id,
            OwnerId: owner.Id,
            IsClosed: true,
            Status: 'Completed',
            CreatedDate: callAt,
            CompletedDateTime: callAt
        });
        const met = first.next(new Date(NOW.getTime() + 2 * HOUR), (snapshot) => ({
            ...snapshot,
            tasks: [...snapshot.tasks, call]
        }));
        expect(met.clocks('Re-engagement')[0]?.Status__c).toBe('Met');
    });
});

describe('exploratory activities', () => {
    function accountWithActive(count: number): {
        org: OrgBuilder;
        account: Account;
        rep: User;
        people: Contact[];
    } {
        const org = new OrgBuilder();
        const rep = org.user({ SLA_Team__c: 'Sales' });
        const account = org.account();
        const people = committeeOf(
            org,
            account,
            Array.from({ length: count }, () => 5),
            at('2027-03-01T12:00')
        );
        return { org, account, rep, people };
    }

    it('flags a Sales activity on an account with exactly one active person', () => {
        const { org, account, rep, people } = accountWithActive(1);
        const task = org.task({
            WhoId: people[0]?.Id,
            WhatId: account.Id,
            OwnerId: rep.Id,
            CreatedDate: at('2027-03-05T12:00')
        });
        const outcome = evaluateOrg(org, NOW);
        expect(outcome.fields(task.Id).Exploratory__c).toBe(true);
        expect(outcome.fields(account.Id).Exploratory__c).toBe(true);
    });

    it('counts active people at the time of the activity', () => {
        const { org, account, rep } = accountWithActive(1);
        // Logged 40 days after the only signal: nobody was active then.
        const late = org.task({
            WhatId: account.Id,
            OwnerId: rep.Id,
            CreatedDate: at('2027-04-10T12:00')
        });
        expect(
            evaluateOrg(org, at('2027-04-11T12:00')).fields(late.Id).Exploratory__c
        ).toBeUndefined();
    });

    it.each([[2], [0]])('does not flag an account with %p active people', (count) => {
        const { org, account, rep } = accountWithActive(count);
        const task = org.task({
            WhatId: account.Id,
            OwnerId: rep.Id,
            CreatedDate: at('2027-03-05T12:00')
        });
        expect(evaluateOrg(org, NOW).fields(task.Id).Exploratory__c).toBeUndefined();
    });

    it('does not flag activities of other teams', () => {
        const { org, account } = accountWithActive(1);
        const marketer = org.user({ SLA_Team__c: 'Marketing' });
        const task = org.task({
            WhatId: account.Id,
            OwnerId: marketer.Id,
            CreatedDate: at('2027-03-05T12:00')
        });
        expect(evaluateOrg(org, NOW).fields(task.Id).Exploratory__c).toBeUndefined();
    });
});
