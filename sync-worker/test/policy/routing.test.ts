import { DEFAULT_POLICY } from '../../src/config/policy-schema';
import { routeClockKey, routeKindOfKey } from '../../src/policy/keys';
import { isSignalColumns, type OrgSnapshot } from '../../src/policy/snapshot';
import { routePerson } from '../../src/policy/routing-tree';
import type { EngagementSignal, Lead } from '../../src/schema/records';
import { evaluateOrg, policyWith } from './engine-helpers';
import { DAY, HOUR, OrgBuilder, at } from './org-builder';

const NOW = at('2027-03-10T12:00');

describe('routing tree', () => {
    const base = { leadSource: 'Web', intent: 0, committeeSize: 0, engagement: 0 };

    it.each([
        [{ intent: 70 }, 'Nurture', 'days', 7],
        [{ intent: 71 }, 'Sales 1h', 'hours', 1],
        [{ committeeSize: 3 }, 'Nurture', 'days', 7],
        [{ committeeSize: 4 }, 'Sales 4h', 'hours', 4],
        [{ engagement: 5 }, 'Nurture', 'days', 7],
        [{ engagement: 6 }, 'SDR 24h', 'hours', 24],
        [{ leadSource: 'Demo Request' }, 'Sales 1h', 'hours', 1],
        [{ leadSource: 'pricing page ' }, 'Sales 1h', 'hours', 1],
        [{ leadSource: 'Cold Call', intent: 71 }, 'Sales 1h', 'hours', 48],
        [{ leadSource: 'Purchased List', engagement: 6 }, 'SDR 24h', 'hours', 48],
        [{ leadSource: 'Purchased List' }, 'Nurture', 'days', 7],
        [{ intent: 71, committeeSize: 9, engagement: 9 }, 'Sales 1h', 'hours', 1],
        [{ committeeSize: 4, engagement: 9 }, 'Sales 4h', 'hours', 4]
    ])('routes %p to %p within %p %p', (input, decision, unit, amount) => {
        const route = routePerson({ ...base, ...input }, DEFAULT_POLICY);
        expect(route.decision).toBe(decision);
        expect(route.window).toEqual({ unit, amount });
    });

    it('explains the branch that matched', () => {
        expect(routePerson({ ...base, intent: 82 }, DEFAULT_POLICY).reason).toBe(
            'Routed to Sales within 1 business hour: intent 82 is above 70'
        );
        expect(
            routePerson({ ...base, leadSource: 'Cold Call', intent: 82 }, DEFAULT_POLICY).reason
        ).toBe('Routed to Sales within 48 business hours (Outbound source): intent 82 is above 70');
    });

    it('uses the outbound window for an Outbound tier without its own hours', () => {
        const policy = policyWith({
            sourceTiers: [
                {
                    leadSource: 'Cold Call',
                    tier: 'Outbound',
                    responseHours: null,
                    forceSales: false
                }
            ],
            outboundResponseHours: 36
        });
        expect(
            routePerson({ ...base, leadSource: 'Cold Call', intent: 90 }, policy).window.amount
        ).toBe(36);
    });
});

/** Builds an org with two Sales reps, one SDR, the nurture queue and an account. */
function salesOrg() {
    const org = new OrgBuilder();
    const manager = org.user({ Name: 'Manager' });
    const reps = [
        org.user({ SLA_Team__c: 'Sales', ManagerId: manager.Id }),
        org.user({ SLA_Team__c: 'Sales', ManagerId: manager.Id })
    ];
    const sdr = org.user({ SLA_Team__c: 'SDR', ManagerId: manager.Id });
    const marketer = org.user({ SLA_Team__c: 'Marketing' });
    const nurture = org.queue('Marketing_Nurture', [marketer]);
    const account = org.account({ Website: 'acme.com' });
    return { org, manager, reps, sdr, nurture, account };
}

/** Creates a lead whose intent score is exactly `score`: one fresh signal with that weight. */
function leadWithIntent(org: OrgBuilder, score: number, fields: Partial<Lead> = {}): Lead {
    const lead = org.lead({ Email: `p${org.leads.length}@acme.com`, LeadSource: 'Web', ...fields });
    org.signal(lead, 'Competitor Research', NOW, { Weight__c: score });
    return lead;
}

/** Returns the snapshot with more signal records. */
function withSignals(snapshot: OrgSnapshot, ...signals: EngagementSignal[]): OrgSnapshot {
    const existing = isSignalColumns(snapshot.signals) ? [] : snapshot.signals;
    return { ...snapshot, signals: [...existing, ...signals] };
}

describe('routing people', () => {
    it('routes exactly 70 to nurture and 71 to Sales', () => {
        const { org, reps, nurture } = salesOrg();
        const seventy = leadWithIntent(org, 70);
        const seventyOne = leadWithIntent(org, 71);
        const outcome = evaluateOrg(org, NOW);
        expect(outcome.fields(seventy.Id).Routing_Decision__c).toBe('Nurture');
        expect(outcome.owner(seventy.Id)).toBe(nurture.Id);
        expect(outcome.fields(seventyOne.Id).Routing_Decision__c).toBe('Sales 1h');
        expect(reps.map((rep) => rep.Id)).toContain(outcome.owner(seventyOne.Id));
        expect(outcome.fields(seventyOne.Id).Decision_Reason__c).toBe(
            'Routed to Sales within 1 business hour: intent 71 is above 70'
        );
        expect(outcome.isSettled()).toBe(true);
    });

    it('starts the response clock at routing time and keeps the trigger', () => {
        const { org } = salesOrg();
        const lead = leadWithIntent(org, 90, { CreatedDate: at('2027-03-10T11:00') });
        const outcome = evaluateOrg(org, NOW);
        const clock = outcome.clock(routeClockKey(lead.Id, 'sales-1h', at('2027-03-10T11:00')));
        expect(clock?.Started_At__c).toEqual(NOW);
        expect(clock?.Trigger_At__c).toEqual(at('2027-03-10T11:00'));
        expect(clock?.Due_At__c).toEqual(new Date(NOW.getTime() + HOUR));
        expect(clock?.Warning_At__c).toEqual(new Date(NOW.getTime() + 0.75 * HOUR));
        expect(clock?.Policy_Version__c).toBe(DEFAULT_POLICY.version);
        expect(clock?.Status__c).toBe('Open');
        expect(outcome.fields(lead.Id).SLA_Due_At__c).toEqual(clock?.Due_At__c);
    });

    it('never routes an anonymous person', () => {
        const { org } = salesOrg();
        const lead = org.lead({ LeadSource: 'Demo Request' });
        org.signal(lead, 'Demo Request', NOW);
        const outcome = evaluateOrg(org, NOW);
        expect(outcome.fields(lead.Id).Lifecycle_Stage__c).toBe('Anonymous');
        expect(outcome.fields(lead.Id).Routing_Decision__c).toBeUndefined();
        expect(outcome.clocks('Response')).toHaveLength(0);
    });

    it('routes a person identified by LinkedIn alone', () => {
        const { org } = salesOrg();
        const lead = org.lead({
            LinkedIn_URL__c: 'https://linkedin.com/in/x',
            LeadSource: 'Demo Request'
        });
        expect(evaluateOrg(org, NOW).fields(lead.Id).Routing_Decision__c).toBe('Sales 1h');
    });

    it('assigns by fewest open clocks, then round robin by oldest last assignment', () => {
        const { org, reps } = salesOrg();
        const [first, second] = reps;
        // A response clock always tracks a person; one that tracks nobody is cancelled.
        const routed = org.lead({ OwnerId: first?.Id, Routing_Decision__c: 'Sales 1h' });
        org.clock({
            Clock_Key__c: `Response:${routed.Id}:sales-1h:1`,
            Type__c: 'Response',
            Lead__c: routed.Id,
            Responsible_User__c: first?.Id,
            Started_At__c: at('2027-03-01T00:00'),
            Due_At__c: at('2027-04-01T00:00'),
            Warning_At__c: at('2027-04-01T00:00')
        });
        const leads = [leadWithIntent(org, 90), leadWithIntent(org, 91), leadWithIntent(org, 92)];
        const outcome = evaluateOrg(org, NOW);
        // The second rep has no open clock, so gets the first lead; then both have one and
        // the tie goes to the rep whose last clock started longest ago.
        expect(leads.map((lead) => outcome.owner(lead.Id))).toEqual([
            second?.Id,
            first?.Id,
            second?.Id
        ]);
    });

    it('skips inactive users and keeps an owner already on the routed team', () => {
        const org = new OrgBuilder();
        const inactive = org.user({ SLA_Team__c: 'Sales', IsActive: false });
        const active = org.user({ SLA_Team__c: 'Sales' });
        const stays = leadWithIntent(org, 90, { OwnerId: active.Id });
        const moves = leadWithIntent(org, 90, { OwnerId: inactive.Id });
        const outcome = evaluateOrg(org, NOW);
        expect(outcome.owner(stays.Id)).toBeUndefined();
        expect(outcome.owner(moves.Id)).toBe(active.Id);
    });

    it('leaves owners alone when assignment is off', () => {
        const { org, nurture } = salesOrg();
        const marketer = org.user({ SLA_Team__c: 'Marketing' });
        const lead = leadWithIntent(org, 90, { OwnerId: marketer.Id });
        const low = leadWithIntent(org, 10, { OwnerId: marketer.Id });
        const outcome = evaluateOrg(org, NOW, policyWith({ assignOwners: false }));
        expect(outcome.owner(lead.Id)).toBeUndefined();
        expect(outcome.owner(low.Id)).toBeUndefined();
        expect(outcome.clocks('Response')[0]?.Responsible_User__c).toBe(marketer.Id);
        expect(nurture.Id).toBeDefined();
    });

    it('keeps a contact owner on nurture because queues cannot own contacts', () => {
        const { org, account } = salesOrg();
        const owner = org.user({ SLA_Team__c: 'Sales' });
        const contact = org.contact(account, { Email: 'c@acme.com', OwnerId: owner.Id });
        org.signal(contact, 'Web Visit', NOW);
        const outcome = evaluateOrg(org, NOW);
        expect(outcome.owner(contact.Id)).toBeUndefined();
        expect(outcome.clocks('Nurture')[0]?.Contact__c).toBe(contact.Id);
    });

    it('re-routes on a rise to a more urgent route only', () => {
        const { org } = salesOrg();
        const lead = leadWithIntent(org, 30);
        for (let visit = 0; visit < 6; visit++) {
            org.signal(lead, 'Web Visit', new Date(NOW.getTime() - HOUR));
        }
        const first = evaluateOrg(org, NOW);
        expect(first.fields(lead.Id).Routing_Decision__c).toBe('SDR 24h');

        // A small rise that still routes to an SDR keeps the running clock.
        const smallRiseAt = new Date(NOW.getTime() + 2 * HOUR);
        const small = first.next(smallRiseAt, (snapshot) =>
            withSignals(snapshot, org.signal(lead, 'Web Visit', smallRiseAt))
        );
        expect(small.fields(lead.Id).Intent_Score__c).toBeGreaterThan(
            first.fields(lead.Id).Intent_Score__c as number
        );
        expect(small.clocks('Response')).toHaveLength(0);

        // A rise above 70 moves the lead to Sales and replaces the SDR clock.
        const bigRiseAt = new Date(NOW.getTime() + 3 * HOUR);
        const big = small.next(bigRiseAt, (snapshot) =>
            withSignals(
                snapshot,
                org.signal(lead, 'Demo Request', bigRiseAt),
                org.signal(lead, 'Demo Request', bigRiseAt)
            )
        );
        expect(big.fields(lead.Id).Routing_Decision__c).toBe('Sales 1h');
        const statuses = big
            .clocks('Response')
            .map((clock) => [routeKindOfKey(clock.Clock_Key__c ?? ''), clock.Status__c]);
        expect(statuses).toEqual(
            expect.arrayContaining([
                ['sdr-24h', 'Cancelled'],
                ['sales-1h', 'Open']
            ])
        );
        expect(big.isSettled()).toBe(true);
    });

    it('moves a nurtured person on when intent rises above 70', () => {
        const { org } = salesOrg();
        const lead = leadWithIntent(org, 20);
        const first = evaluateOrg(org, NOW);
        expect(first.fields(lead.Id).Routing_Decision__c).toBe('Nurture');
        const riseAt = new Date(NOW.getTime() + DAY);
        const demos = [0, 1, 2].map(() => org.signal(lead, 'Demo Request', riseAt));
        const second = first.next(new Date(riseAt.getTime() + HOUR), (snapshot) =>
            withSignals(snapshot, ...demos)
        );
        expect(second.fields(lead.Id).Routing_Decision__c).toBe('Sales 1h');
        expect(second.clocks('Nurture')[0]?.Status__c).toBe('Met');
        expect(second.clocks('Response')[0]?.Trigger_At__c).toEqual(riseAt);
    });

    it('recycles a nurtured person after 7 days without a rise', () => {
        const { org, nurture } = salesOrg();
        const lead = leadWithIntent(org, 20);
        const first = evaluateOrg(org, NOW);
        const exactlyAtEnd = first.next(new Date(NOW.getTime() + 7 * DAY));
        expect(exactlyAtEnd.fields(lead.Id).Routing_Decision__c).toBeUndefined();
        const after = first.next(new Date(NOW.getTime() + 7 * DAY + 1));
        expect(after.fields(lead.Id).Routing_Decision__c).toBe('Recycled');
        expect(after.clocks('Nurture')[0]?.Status__c).toBe('Cancelled');
        expect(after.owner(lead.Id)).toBeUndefined();
        expect(first.owner(lead.Id)).toBe(nurture.Id);
        expect(after.isSettled()).toBe(true);
    });
});
