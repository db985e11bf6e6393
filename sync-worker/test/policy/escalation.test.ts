import {
    reassignedClockKey,
    repReviewKey,
    routeClockKey,
    scorecardKey,
    teamReviewKey
} from '../../src/policy/keys';
import type { Lead, User } from '../../src/schema/records';
import { evaluateOrg } from './engine-helpers';
import { DAY, HOUR, OrgBuilder, at } from './org-builder';

const NOW = at('2027-03-10T12:00');

interface Team {
    org: OrgBuilder;
    manager: User;
    rep: User;
    teammates: User[];
}

function team(teammates = 2, fiscalYearStartMonth = 1): Team {
    const org = new OrgBuilder();
    org.org(fiscalYearStartMonth);
    const manager = org.user({ Name: 'Manager' });
    const rep = org.user({ SLA_Team__c: 'Sales', ManagerId: manager.Id, Name: 'Rep' });
    const others = Array.from({ length: teammates }, () =>
        org.user({ SLA_Team__c: 'Sales', ManagerId: manager.Id })
    );
    return { org, manager, rep, teammates: others };
}

/** An open 1-hour response clock of `rep` on a new lead, due an hour before `now`. */
function overdueLead(org: OrgBuilder, rep: User, now: Date = NOW): { lead: Lead; key: string } {
    const lead = org.lead({
        Email: `l${org.leads.length}@acme.com`,
        OwnerId: rep.Id,
        Routing_Decision__c: 'Sales 1h'
    });
    const started = new Date(now.getTime() - 2 * HOUR);
    const key = routeClockKey(lead.Id, 'sales-1h', started);
    org.clock({
        Clock_Key__c: key,
        Type__c: 'Response',
        Lead__c: lead.Id,
        Responsible_User__c: rep.Id,
        Responsible_Team__c: 'Sales',
        Trigger_At__c: started,
        Started_At__c: started,
        Due_At__c: new Date(started.getTime() + HOUR),
        Warning_At__c: new Date(started.getTime() + 0.75 * HOUR),
        Status__c: 'Warning'
    });
    return { lead, key };
}

function priorBreaches(org: OrgBuilder, rep: User, quarter: string, count: number): void {
    for (let index = 0; index < count; index++) {
        org.breach({
            Breach_Key__c: `Breach:old:${quarter}:${index}`,
            Responsible_User__c: rep.Id,
            Fiscal_Quarter__c: quarter,
            Breached_At__c: at('2027-01-15T12:00'),
            Level__c: index + 1
        });
    }
}

/** Open clocks that make a user busy. */
function busy(org: OrgBuilder, user: User, count: number): void {
    for (let index = 0; index < count; index++) {
        // A response clock always tracks a person; one that tracks nobody is cancelled.
        const lead = org.lead({ OwnerId: user.Id, Routing_Decision__c: 'Sales 1h' });
        org.clock({
            Clock_Key__c: `Busy:${user.Id}:${index}`,
            Type__c: 'Response',
            Lead__c: lead.Id,
            Responsible_User__c: user.Id,
            Started_At__c: NOW,
            Due_At__c: new Date(NOW.getTime() + 10 * DAY),
            Warning_At__c: new Date(NOW.getTime() + 9 * DAY)
        });
    }
}

describe('breach escalation', () => {
    it('notifies the manager at the second breach of the quarter', () => {
        const { org, manager, rep } = team();
        priorBreaches(org, rep, '2027-Q1', 1);
        overdueLead(org, rep);
        const outcome = evaluateOrg(org, NOW);
        const breach = outcome.breaches()[0];
        expect(breach?.Level__c).toBe(2);
        expect(breach?.Action__c).toBe('Manager Notified');
        expect(breach?.Manager__c).toBe(manager.Id);
        expect(breach?.Reassigned_To__c ?? null).toBeNull();
        expect(outcome.evaluation.notifications.map((item) => item.recipientIds)).toEqual([
            [manager.Id]
        ]);
        expect(outcome.evaluation.tasks).toHaveLength(0);
    });

    it('reminds the manager of an inactive rep', () => {
        const { org, manager, rep } = team();
        rep.IsActive = false;
        overdueLead(org, rep);
        const outcome = evaluateOrg(org, NOW);

        expect(outcome.breaches()[0]?.Action__c).toBe('Reminder');
        expect(outcome.evaluation.tasks.map((task) => task.fields.OwnerId)).toEqual([manager.Id]);
        expect(outcome.evaluation.notifications.map((item) => item.recipientIds)).toEqual([
            [manager.Id]
        ]);
    });

    it('reassigns at the third breach and opens one rep review', () => {
        const { org, rep, teammates } = team();
        const [busier, idle] = teammates as [User, User];
        busy(org, busier, 2);
        busy(org, idle, 1);
        priorBreaches(org, rep, '2027-Q1', 2);
        const { lead, key } = overdueLead(org, rep);
        const outcome = evaluateOrg(org, NOW);
        const breach = outcome.breaches()[0];
        expect(breach?.Level__c).toBe(3);
        expect(breach?.Action__c).toBe('Reassigned');
        expect(breach?.Reassigned_To__c).toBe(idle.Id);
        expect(outcome.owner(lead.Id)).toBe(idle.Id);
        const replacement = outcome.clock(reassignedClockKey(key));
        expect(replacement?.Responsible_User__c).toBe(idle.Id);
        expect(replacement?.Started_At__c).toEqual(NOW);
        expect(replacement?.Due_At__c).toEqual(new Date(NOW.getTime() + HOUR));
        const reviews = outcome.reviews('Rep Breach Review');
        expect(reviews).toHaveLength(1);
        expect(reviews[0]?.Review_Key__c).toBe(repReviewKey(rep.Id, '2027-Q1'));
        expect(reviews[0]?.Metric_Value__c).toBe(3);
        expect(reviews[0]?.Due_At__c).toEqual(at('2027-04-01T00:00'));
        expect(outcome.isSettled()).toBe(true);
    });

    it('gives a rep with two breaches no review', () => {
        const { org, rep } = team();
        priorBreaches(org, rep, '2027-Q1', 1);
        overdueLead(org, rep);
        expect(evaluateOrg(org, NOW).reviews()).toHaveLength(0);
    });

    it('orders breaches of one evaluation by time for their levels', () => {
        const { org, rep } = team();
        overdueLead(org, rep, new Date(NOW.getTime() - HOUR));
        overdueLead(org, rep);
        overdueLead(org, rep, new Date(NOW.getTime() - 2 * HOUR));
        const outcome = evaluateOrg(org, NOW);
        const byTime = [...outcome.breaches()].sort(
            (a, b) => (a.Breached_At__c?.getTime() ?? 0) - (b.Breached_At__c?.getTime() ?? 0)
        );
        expect(byTime.map((breach) => breach.Level__c)).toEqual([1, 2, 3]);
        expect(outcome.reviews('Rep Breach Review')).toHaveLength(1);
    });

    it('reassigns to the manager when no teammate is active', () => {
        const { org, manager, rep, teammates } = team(1);
        const [inactive] = teammates as [User];
        org.users.splice(org.users.indexOf(inactive), 1, { ...inactive, IsActive: false });
        priorBreaches(org, rep, '2027-Q1', 2);
        const { lead } = overdueLead(org, rep);
        const outcome = evaluateOrg(org, NOW);
        expect(outcome.breaches()[0]?.Reassigned_To__c).toBe(manager.Id);
        expect(outcome.owner(lead.Id)).toBe(manager.Id);
    });

    it('counts breaches per fiscal quarter from the fiscal year start month', () => {
        // A fiscal year starting in February: 5 Feb 2027 is in FY2028 Q1 (Feb to Apr).
        const { org, rep } = team(2, 2);
        priorBreaches(org, rep, '2027-Q4', 2);
        const now = at('2027-02-05T12:00');
        overdueLead(org, rep, now);
        const breach = evaluateOrg(org, now).breaches()[0];
        expect(breach?.Fiscal_Quarter__c).toBe('2028-Q1');
        expect(breach?.Level__c).toBe(1);
    });
});

describe('team remediation and scorecards', () => {
    const MONTH_END = at('2027-03-31T12:00');

    /** Response clocks of the team's reps due in March: `breached` of them breached. */
    function month(due: number, breached: number): { org: OrgBuilder; manager: User; rep: User } {
        const { org, manager, rep, teammates } = team(1);
        const reps = [rep, ...teammates];
        for (let index = 0; index < due; index++) {
            const dueAt = new Date(at('2027-03-02T12:00').getTime() + index * DAY);
            const owner = reps[index % reps.length] ?? rep;
            org.clock({
                Clock_Key__c: `Response:x${index}:sales-1h:${dueAt.toISOString()}`,
                Type__c: 'Response',
                Responsible_User__c: owner.Id,
                Started_At__c: new Date(dueAt.getTime() - HOUR),
                Due_At__c: dueAt,
                Warning_At__c: dueAt,
                Status__c: index < breached ? 'Breached' : 'Met',
                Completed_At__c: dueAt
            });
        }
        return { org, manager, rep };
    }

    it.each([
        [10, 1, false],
        [10, 2, true],
        [11, 2, true],
        [9, 5, false],
        [20, 2, false],
        [20, 3, true]
    ])('with %p clocks due and %p breached opens a review: %p', (due, breached, opens) => {
        const { org, manager } = month(due, breached);
        const outcome = evaluateOrg(org, MONTH_END);
        const reviews = outcome.reviews('Team Remediation');
        expect(reviews).toHaveLength(opens ? 1 : 0);
        const teamCard = outcome.scorecard(scorecardKey('Team', manager.Id, '2027-03'));
        expect(teamCard?.Response_Clocks_Due__c).toBe(due);
        expect(teamCard?.Breaches__c).toBe(breached);
        expect(teamCard?.Breach_Rate__c).toBeCloseTo((breached * 100) / due, 2);
        expect(teamCard?.Flagged__c).toBe(opens);
        if (opens) {
            expect(reviews[0]?.Review_Key__c).toBe(teamReviewKey(manager.Id, '2027-03'));
            expect(reviews[0]?.Team_Manager__c).toBe(manager.Id);
            expect(reviews[0]?.Due_At__c).toEqual(at('2027-04-01T00:00'));
        }
    });

    it('writes rep scorecards with the rep manager', () => {
        const { org, manager, rep } = month(4, 1);
        const card = evaluateOrg(org, MONTH_END).scorecard(scorecardKey('Rep', rep.Id, '2027-03'));
        expect(card?.Scope__c).toBe('Rep');
        expect(card?.User__c).toBe(rep.Id);
        expect(card?.Manager__c).toBe(manager.Id);
        expect(card?.Response_Clocks_Due__c).toBe(2);
        expect(card?.Breaches__c).toBe(1);
        expect(card?.Breach_Rate__c).toBe(50);
    });

    it('does not count clocks due after now', () => {
        const { org, manager } = month(10, 2);
        const outcome = evaluateOrg(org, at('2027-03-05T00:00'));
        expect(
            outcome.scorecard(scorecardKey('Team', manager.Id, '2027-03'))?.Response_Clocks_Due__c
        ).toBe(3);
    });
});
