import fc from 'fast-check';
import type { OrgSnapshot } from '../../src/policy/snapshot';
import { DAY, HOUR, OrgBuilder, at } from './org-builder';

/**
 * Random small orgs for property tests: a few users on each team, accounts, leads and
 * contacts with signals, activities and opportunities, optional business hours, and a
 * series of later evaluation times with new activities in between.
 */

const DOMAINS = ['acme.com', 'beta.io', 'gamma.org', 'gmail.com'] as const;
const SOURCES = ['Web', 'Demo Request', 'Cold Call', 'Purchased List', 'Webinar', null] as const;
const SIGNAL_TYPES = [
    'Web Visit',
    'Email Click',
    'Content Download',
    'Webinar Attended',
    'Competitor Research',
    'Intent Surge',
    'Meeting Request',
    'Demo Request'
] as const;
const STAGES = [null, 'Identified', 'Engaged', 'Committee-Aware', 'Qualified'] as const;
const DISPUTES = [null, null, 'Open', 'Overturned', 'Upheld'] as const;

export const BASE_TIME = at('2027-03-10T15:00');

const personSpec = fc.record({
    isLead: fc.boolean(),
    domain: fc.option(fc.constantFrom(...DOMAINS), { nil: null }),
    linkedIn: fc.boolean(),
    source: fc.constantFrom(...SOURCES),
    account: fc.nat(3),
    storedIntent: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
    external: fc.option(fc.integer({ min: 0, max: 120 }), { nil: null }),
    stage: fc.constantFrom(...STAGES),
    rejected: fc.constantFrom(0, 0, 0, 1, 2),
    dispute: fc.constantFrom(...DISPUTES),
    converted: fc.constantFrom(false, false, false, true),
    approved: fc.boolean(),
    owner: fc.nat(6)
});

const signalSpec = fc.record({
    person: fc.nat(11),
    type: fc.constantFrom(...SIGNAL_TYPES),
    ageHours: fc.integer({ min: -2, max: 24 * 60 }),
    weight: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null })
});

const activitySpec = fc.record({
    person: fc.nat(11),
    owner: fc.nat(6),
    offsetHours: fc.integer({ min: -100, max: 100 }),
    closed: fc.boolean(),
    isEvent: fc.boolean(),
    onAccount: fc.boolean()
});

export const scenarioSpec = fc.record({
    users: fc.array(
        fc.record({
            team: fc.constantFrom('Sales', 'SDR', 'Marketing', null),
            active: fc.boolean(),
            managed: fc.boolean()
        }),
        { minLength: 1, maxLength: 6 }
    ),
    accounts: fc.array(
        fc.record({
            domain: fc.constantFrom(...DOMAINS),
            budget: fc.boolean(),
            owner: fc.nat(6),
            salesOwned: fc.boolean(),
            stage: fc.constantFrom(...STAGES),
            ageDays: fc.nat(400)
        }),
        { minLength: 1, maxLength: 4 }
    ),
    people: fc.array(personSpec, { minLength: 1, maxLength: 10 }),
    signals: fc.array(signalSpec, { maxLength: 25 }),
    activities: fc.array(activitySpec, { maxLength: 8 }),
    opportunities: fc.array(
        fc.record({
            account: fc.nat(3),
            closed: fc.boolean(),
            nda: fc.boolean(),
            demo: fc.boolean(),
            budget: fc.boolean(),
            cycleDays: fc.integer({ min: 10, max: 700 })
        }),
        { maxLength: 3 }
    ),
    businessHours: fc.constantFrom<string | null>(null, 'America/New_York', 'Europe/Berlin'),
    holiday: fc.boolean(),
    fiscalYearStartMonth: fc.integer({ min: 1, max: 12 }),
    assignOwners: fc.boolean(),
    steps: fc.array(fc.integer({ min: 0, max: 24 * 9 }), { minLength: 1, maxLength: 4 }),
    startOffsetHours: fc.integer({ min: 0, max: 24 * 7 })
});

export type ScenarioSpec = typeof scenarioSpec extends fc.Arbitrary<infer T> ? T : never;

/** Builds the org of a scenario. */
export function buildScenario(spec: ScenarioSpec): {
    snapshot: OrgSnapshot;
    now: Date;
    builder: OrgBuilder;
} {
    const now = new Date(BASE_TIME.getTime() + spec.startOffsetHours * HOUR);
    const org = new OrgBuilder(new Date(now.getTime() - 20 * DAY));
    org.org(spec.fiscalYearStartMonth, spec.businessHours ?? 'UTC');
    if (spec.businessHours !== null) {
        org.hours(spec.businessHours);
        if (spec.holiday) {
            org.holiday('2027-03-15');
        }
    }
    const manager = org.user({ Name: 'Manager' });
    const users = spec.users.map((user) =>
        org.user({
            SLA_Team__c: user.team,
            IsActive: user.active,
            ManagerId: user.managed ? manager.Id : null
        })
    );
    const userAt = (index: number) => users[index % users.length] ?? manager;
    org.queue(
        'Marketing_Nurture',
        users.filter((user) => user.SLA_Team__c === 'Marketing')
    );
    org.queue('RevOps', [manager]);
    const accounts = spec.accounts.map((account) =>
        org.account({
            Website: `https://www.${account.domain}/`,
            Budget_Confirmed__c: account.budget,
            OwnerId: userAt(account.owner).Id,
            Lifecycle_Owner__c: account.salesOwned ? 'Sales' : null,
            Handoff_At__c: account.salesOwned ? new Date(now.getTime() - 3 * DAY) : null,
            Lifecycle_Stage__c: account.stage,
            CreatedDate: new Date(now.getTime() - account.ageDays * DAY)
        })
    );
    const accountAt = (index: number) => accounts[index % accounts.length] ?? null;
    const people = spec.people.map((person, index) => {
        const email = person.domain === null ? null : `p${index}@${person.domain}`;
        const common = {
            Email: email,
            LinkedIn_URL__c: person.linkedIn ? `https://linkedin.com/in/p${index}` : null,
            LeadSource: person.source,
            Intent_Score__c: person.storedIntent,
            External_Intent_Score__c: person.external,
            Lifecycle_Stage__c: person.stage,
            OwnerId: userAt(person.owner).Id
        };
        if (!person.isLead) {
            return org.contact(accountAt(person.account), common);
        }
        const rejected =
            person.rejected > 0
                ? {
                      Status: 'Rejected',
                      Rejection_Reason__c: person.rejected === 1 ? 'No Budget' : null,
                      Dispute_Status__c: person.dispute
                  }
                : {};
        const converted = person.converted
            ? { IsConverted: true, ConvertedAccountId: accountAt(person.account)?.Id ?? null }
            : {};
        return org.lead({
            ...common,
            ...rejected,
            ...converted,
            Handoff_Approved__c: person.approved
        });
    });
    const personAt = (index: number) => people[index % people.length];
    for (const signal of spec.signals) {
        const person = personAt(signal.person);
        if (person !== undefined) {
            org.signal(person, signal.type, new Date(now.getTime() - signal.ageHours * HOUR), {
                Weight__c: signal.weight
            });
        }
    }
    addActivities(org, spec, now, personAt, userAt);
    for (const opportunity of spec.opportunities) {
        const account = accountAt(opportunity.account);
        if (account !== null) {
            const created = new Date(now.getTime() - opportunity.cycleDays * DAY);
            org.opportunity(account, {
                IsClosed: opportunity.closed,
                NDA_Signed__c: opportunity.nda,
                Demo_Scheduled_At__c: opportunity.demo ? now : null,
                Budget_Confirmed__c: opportunity.budget,
                CreatedDate: created,
                CloseDate: opportunity.closed
                    ? new Date(now.getTime() - DAY).toISOString().slice(0, 10)
                    : null
            });
        }
    }
    return { snapshot: org.build(), now, builder: org };
}

function addActivities(
    org: OrgBuilder,
    spec: ScenarioSpec,
    now: Date,
    personAt: (index: number) => { Id: string; AccountId?: string | null } | undefined,
    userAt: (index: number) => { Id: string }
): void {
    for (const activity of spec.activities) {
        const person = personAt(activity.person);
        const when = new Date(now.getTime() + activity.offsetHours * HOUR);
        const link = {
            WhoId: person?.Id ?? null,
            WhatId: activity.onAccount ? (person?.AccountId ?? null) : null,
            OwnerId: userAt(activity.owner).Id,
            CreatedDate: when
        };
        if (activity.isEvent) {
            org.event(link);
        } else {
            org.task({
                ...link,
                IsClosed: activity.closed,
                Status: activity.closed ? 'Completed' : 'Not Started',
                CompletedDateTime: activity.closed ? when : null
            });
        }
    }
}
