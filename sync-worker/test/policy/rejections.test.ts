import {
    disputeDecisionKey,
    disputeFollowUpClockKey,
    disputeReviewClockKey,
    probationReviewKey,
    routeClockKey,
    scorecardKey
} from '../../src/policy/keys';
import type { Lead, User } from '../../src/schema/records';
import { evaluateOrg } from './engine-helpers';
import { DAY, HOUR, OrgBuilder, at } from './org-builder';

const NOW = at('2027-03-10T12:00');

function salesTeam() {
    const org = new OrgBuilder();
    const manager = org.user({ Name: 'Manager' });
    const rep = org.user({ SLA_Team__c: 'Sales', ManagerId: manager.Id });
    const teammate = org.user({ SLA_Team__c: 'Sales', ManagerId: manager.Id });
    const revops = org.user({ SLA_Team__c: 'RevOps' });
    org.queue('RevOps', [revops]);
    org.queue('Marketing_Nurture');
    return { org, manager, rep, teammate, revops };
}

/** A lead handed to `rep` at `handedAt` (a met Sales clock), optionally rejected since. */
function handedLead(
    org: OrgBuilder,
    rep: User,
    handedAt: Date,
    rejected: boolean,
    fields: Partial<Lead> = {}
): Lead {
    const lead = org.lead({
        Email: `h${org.leads.length}@acme.com`,
        OwnerId: rep.Id,
        Routing_Decision__c: 'Sales 1h',
        ...(rejected
            ? {
                  Status: 'Rejected',
                  Rejection_Reason__c: 'No Budget',
                  Rejected_At__c: new Date(handedAt.getTime() + DAY)
              }
            : {}),
        ...fields
    });
    const key = routeClockKey(lead.Id, 'sales-1h', handedAt);
    org.clock({
        Clock_Key__c: key,
        Type__c: 'Response',
        Lead__c: lead.Id,
        Responsible_User__c: rep.Id,
        Responsible_Team__c: 'Sales',
        Started_At__c: handedAt,
        Trigger_At__c: handedAt,
        Due_At__c: new Date(handedAt.getTime() + HOUR),
        Warning_At__c: handedAt,
        Status__c: 'Met',
        Completed_At__c: handedAt
    });
    return lead;
}

/** Hand-offs in January and February 2027 with the given numbers of rejections out of `total`. */
function months(
    org: OrgBuilder,
    rep: User,
    total: number,
    rejectedJanuary: number,
    rejectedFebruary: number
): void {
    for (let index = 0; index < total; index++) {
        handedLead(
            org,
            rep,
            new Date(at('2027-01-05T12:00').getTime() + index * HOUR),
            index < rejectedJanuary
        );
        handedLead(
            org,
            rep,
            new Date(at('2027-02-05T12:00').getTime() + index * HOUR),
            index < rejectedFebruary
        );
    }
}

describe('rejections', () => {
    it('stamps the rejection time once', () => {
        const { org, rep } = salesTeam();
        const lead = org.lead({
            Email: 'r@acme.com',
            OwnerId: rep.Id,
            Status: 'Rejected',
            Rejection_Reason__c: 'No Need'
        });
        const outcome = evaluateOrg(org, NOW);
        expect(outcome.fields(lead.Id).Rejected_At__c).toEqual(NOW);
        expect(outcome.isSettled()).toBe(true);
    });

    it('skips a rejected lead without a reason and reports it', () => {
        const { org } = salesTeam();
        const lead = org.lead({ Email: 'r@acme.com', Status: 'Rejected' });
        const outcome = evaluateOrg(org, NOW);
        expect(outcome.fields(lead.Id)).toEqual({});
        expect(outcome.evaluation.problems).toContainEqual({
            object: 'Lead',
            id: lead.Id,
            reason: 'Skipped: Status is Rejected but Rejection_Reason__c is empty'
        });
    });

    it('cancels the response clock of a rejected lead', () => {
        const { org, rep } = salesTeam();
        const lead = handedLead(org, rep, new Date(NOW.getTime() - 10 * 60_000), false, {
            Status: 'Rejected',
            Rejection_Reason__c: 'Duplicate'
        });
        const handed = org.clocks.pop();
        if (handed !== undefined) {
            org.clocks.push({ ...handed, Status__c: 'Open', Completed_At__c: null });
        }
        const clock = evaluateOrg(org, NOW).clocks('Response')[0];
        expect(clock?.Status__c).toBe('Cancelled');
        expect(clock?.Reason__c).toBe('Rejected by Sales: Duplicate');
        expect(lead.Id).toBeDefined();
    });
});

describe('marketing probation', () => {
    it.each([
        [10, 2, 2, false],
        [10, 3, 3, true],
        [10, 3, 2, false],
        [10, 2, 3, false],
        [5, 5, 5, true]
    ])(
        'with %p hand-offs a month and %p then %p rejected opens probation: %p',
        (total, january, february, opens) => {
            const { org, rep } = salesTeam();
            months(org, rep, total, january, february);
            const outcome = evaluateOrg(org, NOW);
            const reviews = outcome.reviews('Marketing Probation');
            expect(reviews).toHaveLength(opens ? 1 : 0);
            if (opens) {
                expect(reviews[0]?.Review_Key__c).toBe(probationReviewKey('2027-02'));
                expect(reviews[0]?.Starts_At__c).toEqual(NOW);
                expect(reviews[0]?.Ends_At__c).toEqual(new Date(NOW.getTime() + 30 * DAY));
            }
            const card = outcome.scorecard(scorecardKey('Marketing', 'Marketing', '2027-02'));
            expect(card?.Handoffs__c).toBe(total);
            expect(card?.Rejections__c).toBe(february);
            expect(card?.Flagged__c).toBe(february * 100 > 20 * total);
        }
    );

    it('holds Sales hand-offs for approval during probation and starts the clock on approval', () => {
        const { org, rep } = salesTeam();
        months(org, rep, 10, 3, 3);
        const lead = org.lead({ Email: 'p@acme.com', LeadSource: 'Demo Request' });
        const waiting = evaluateOrg(org, NOW);
        expect(waiting.fields(lead.Id).Routing_Decision__c).toBe('Awaiting Approval');
        expect(
            waiting.clocks('Response').filter((clock) => clock.Lead__c === lead.Id)
        ).toHaveLength(0);
        expect(waiting.isSettled()).toBe(true);

        const approvedAt = new Date(NOW.getTime() + DAY);
        const approved = waiting.next(approvedAt, (snapshot) => ({
            ...snapshot,
            leads: snapshot.leads.map((record) =>
                record.Id === lead.Id ? { ...record, Handoff_Approved__c: true } : record
            )
        }));
        expect(approved.fields(lead.Id).Routing_Decision__c).toBe('Sales 1h');
        const clock = approved
            .clocks('Response')
            .find((candidate) => candidate.Lead__c === lead.Id);
        expect(clock?.Started_At__c).toEqual(approvedAt);
    });

    it('routes normally once the probation has ended', () => {
        const { org, rep } = salesTeam();
        org.review({
            Review_Key__c: probationReviewKey('2027-01'),
            Type__c: 'Marketing Probation',
            Starts_At__c: at('2027-02-01T00:00'),
            Ends_At__c: at('2027-03-03T00:00')
        });
        const lead = org.lead({ Email: 'p@acme.com', LeadSource: 'Demo Request' });
        expect(evaluateOrg(org, NOW).fields(lead.Id).Routing_Decision__c).toBe('Sales 1h');
        expect(rep.Id).toBeDefined();
    });
});

describe('disputes', () => {
    function rejected(status: string, repActive = true) {
        const team = salesTeam();
        const { org, rep } = team;
        if (!repActive) {
            org.users.splice(org.users.indexOf(rep), 1, { ...rep, IsActive: false });
        }
        const rejectedAt = at('2027-03-08T12:00');
        const lead = handedLead(org, rep, at('2027-03-05T12:00'), true, {
            Dispute_Status__c: status,
            Rejected_At__c: rejectedAt,
            OwnerId: team.manager.Id,
            Dispute_Evidence_URL__c: 'https://gong.io/call/1'
        });
        return { ...team, lead, rejectedAt };
    }

    it('starts a 48-hour review clock for the RevOps queue', () => {
        const { org, lead, rejectedAt, revops } = rejected('Open');
        const outcome = evaluateOrg(org, NOW);
        const clock = outcome.clock(disputeReviewClockKey(lead.Id, rejectedAt));
        expect(clock?.Responsible_Team__c).toBe('RevOps');
        expect(clock?.Responsible_User__c ?? null).toBeNull();
        expect(clock?.Due_At__c).toEqual(new Date(NOW.getTime() + 48 * HOUR));
        expect(outcome.evaluation.notifications[0]?.recipientIds).toEqual([revops.Id]);
    });

    it('returns an overturned lead to the rejecting rep with a 24-hour clock', () => {
        const { org, lead, rejectedAt, rep } = rejected('Overturned');
        const outcome = evaluateOrg(org, NOW);
        expect(outcome.owner(lead.Id)).toBe(rep.Id);
        const clock = outcome.clock(disputeFollowUpClockKey(lead.Id, rejectedAt));
        expect(clock?.Responsible_User__c).toBe(rep.Id);
        expect(clock?.Due_At__c).toEqual(new Date(NOW.getTime() + 24 * HOUR));
        expect(outcome.isSettled()).toBe(true);
    });

    it('gives an overturned lead of an inactive rep to a teammate', () => {
        const { org, lead, teammate } = rejected('Overturned', false);
        expect(evaluateOrg(org, NOW).owner(lead.Id)).toBe(teammate.Id);
    });

    it('logs an upheld rejection for the QBR', () => {
        const { org, lead, rejectedAt } = rejected('Upheld');
        const review = evaluateOrg(org, NOW).reviews('Dispute Decision')[0];
        expect(review?.Review_Key__c).toBe(disputeDecisionKey(lead.Id, rejectedAt));
        expect(review?.Lead__c).toBe(lead.Id);
        expect(review?.Due_At__c).toEqual(at('2027-04-01T00:00'));
    });

    it('meets the review clock when RevOps decides', () => {
        const { org, lead, rejectedAt } = rejected('Open');
        const first = evaluateOrg(org, NOW);
        const decided = first.next(new Date(NOW.getTime() + HOUR), (snapshot) => ({
            ...snapshot,
            leads: snapshot.leads.map((record) =>
                record.Id === lead.Id ? { ...record, Dispute_Status__c: 'Upheld' } : record
            )
        }));
        expect(decided.clock(disputeReviewClockKey(lead.Id, rejectedAt))?.Status__c).toBe('Met');
        expect(decided.reviews('Dispute Decision')).toHaveLength(1);
    });
});
