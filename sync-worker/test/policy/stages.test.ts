import type { Account, Contact } from '../../src/schema/records';
import { evaluateOrg } from './engine-helpers';
import { DAY, OrgBuilder, at } from './org-builder';

const NOW = at('2027-03-10T12:00');

/** Contacts of an account with fresh intent scores exactly as given. */
function committee(org: OrgBuilder, account: Account, scores: readonly number[]): Contact[] {
    return scores.map((score) => {
        const contact = org.contact(account, { Email: `c${org.contacts.length}@acme.com` });
        org.signal(contact, 'Intent Surge', NOW, { Weight__c: score });
        return contact;
    });
}

describe('person stages', () => {
    it.each([
        [{}, [], 'Anonymous'],
        [{ Email: 'a@acme.com' }, [], 'Identified'],
        [{ LinkedIn_URL__c: 'https://linkedin.com/in/a' }, [], 'Identified'],
        [
            { Email: 'a@acme.com' },
            ['Web Visit', 'Email Click', 'Content Download', 'Meeting Request'],
            'Engaged'
        ],
        [{ Email: 'a@acme.com' }, ['Web Visit', 'Email Click', 'Demo Request'], 'Identified'],
        [{ Email: 'a@acme.com' }, ['Web Visit', 'Email Click', 'Content Download'], 'Identified'],
        [
            { LinkedIn_URL__c: 'x' },
            ['Webinar Attended', 'Webinar Attended', 'Web Visit', 'Demo Request'],
            'Engaged'
        ]
    ])('gives %p with signals %p the stage %p', (fields, types, stage) => {
        const org = new OrgBuilder();
        const lead = org.lead(fields);
        types.forEach((type) => org.signal(lead, type, new Date(NOW.getTime() - 10 * DAY)));
        expect(evaluateOrg(org, NOW).fields(lead.Id).Lifecycle_Stage__c).toBe(stage);
    });

    it('only moves a stage forward', () => {
        const org = new OrgBuilder();
        const lead = org.lead({ Email: 'a@acme.com', Lifecycle_Stage__c: 'Engaged' });
        expect(evaluateOrg(org, NOW).fields(lead.Id).Lifecycle_Stage__c).toBeUndefined();
    });

    it('shows the later of the lead own stage and its account stage', () => {
        const org = new OrgBuilder();
        const account = org.account({ Website: 'acme.com' });
        committee(org, account, [10, 10]);
        const lead = org.lead({ Email: 'lead@acme.com' });
        const outcome = evaluateOrg(org, NOW);
        expect(outcome.fields(account.Id).Lifecycle_Stage__c).toBe('Committee-Aware');
        expect(outcome.fields(lead.Id).Lifecycle_Stage__c).toBe('Committee-Aware');
    });
});

describe('account stages', () => {
    it.each([
        [[10], false, 'Identified'],
        [[10, 10], false, 'Committee-Aware'],
        [[70, 70, 70], true, 'Qualified'],
        // The mean is stored rounded and thresholds compare the stored value: 69.67 is 70.
        [[70, 70, 69], true, 'Qualified'],
        [[70, 70, 68], true, 'Committee-Aware'],
        [[70, 70, 70], false, 'Committee-Aware'],
        [[100, 100], true, 'Committee-Aware'],
        [[90, 80, 40, 10], true, 'Qualified']
    ])('gives a committee scoring %p with budget %p the stage %p', (scores, budget, stage) => {
        const org = new OrgBuilder();
        const account = org.account({ Budget_Confirmed__c: budget });
        committee(org, account, scores);
        expect(evaluateOrg(org, NOW).fields(account.Id).Lifecycle_Stage__c).toBe(stage);
    });

    it.each([
        [{ IsClosed: false, Budget_Confirmed__c: true }, 'Qualified'],
        [{ IsClosed: true, Budget_Confirmed__c: true }, 'Committee-Aware']
    ])('takes the budget of an opportunity %p', (opportunity, stage) => {
        const org = new OrgBuilder();
        const account = org.account();
        org.opportunity(account, opportunity);
        committee(org, account, [80, 80, 80]);
        expect(evaluateOrg(org, NOW).fields(account.Id).Lifecycle_Stage__c).toBe(stage);
    });

    it.each([
        [
            { NDA_Signed__c: true, Demo_Scheduled_At__c: at('2027-03-20T10:00') },
            false,
            'Active Opportunity'
        ],
        [{ NDA_Signed__c: true }, true, 'Active Opportunity'],
        [{ NDA_Signed__c: true }, false, 'Identified'],
        [
            { NDA_Signed__c: false, Demo_Scheduled_At__c: at('2027-03-20T10:00') },
            false,
            'Identified'
        ],
        [
            { NDA_Signed__c: true, Demo_Scheduled_At__c: at('2027-03-20T10:00'), IsClosed: true },
            false,
            'Identified'
        ]
    ])('reads an opportunity %p with a demo event %p as %p', (fields, demoEvent, stage) => {
        const org = new OrgBuilder();
        const account = org.account();
        committee(org, account, [10]);
        org.opportunity(account, fields);
        if (demoEvent) {
            org.event({ WhatId: account.Id, Type: 'Demo', CreatedDate: NOW });
        }
        expect(evaluateOrg(org, NOW).fields(account.Id).Lifecycle_Stage__c).toBe(stage);
    });

    it('keeps a Qualified account Qualified when intent falls', () => {
        const org = new OrgBuilder();
        const account = org.account({ Lifecycle_Stage__c: 'Qualified' });
        committee(org, account, [5]);
        const outcome = evaluateOrg(org, NOW);
        expect(outcome.fields(account.Id).Lifecycle_Stage__c).toBeUndefined();
        expect(outcome.fields(account.Id).Stage_Changed_At__c).toBeUndefined();
    });

    it('stamps the time of a stage change', () => {
        const org = new OrgBuilder();
        const account = org.account({ Lifecycle_Stage__c: 'Identified' });
        committee(org, account, [10, 10]);
        expect(evaluateOrg(org, NOW).fields(account.Id).Stage_Changed_At__c).toEqual(NOW);
    });

    it('computes MEDDPICC completeness of opportunities and the best open one', () => {
        const org = new OrgBuilder();
        const account = org.account();
        const champion = org.contact(account);
        const half = org.opportunity(account, {
            Metrics__c: 'ROI',
            Champion__c: champion.Id,
            Competition__c: 'X',
            Identified_Pain__c: 'Y'
        });
        const closed = org.opportunity(account, {
            IsClosed: true,
            Metrics__c: 'a',
            Decision_Criteria__c: 'b',
            Decision_Process__c: 'c',
            Paper_Process__c: 'd',
            Identified_Pain__c: 'e',
            Competition__c: 'f',
            Champion__c: champion.Id,
            Economic_Buyer__c: champion.Id
        });
        const outcome = evaluateOrg(org, NOW);
        expect(outcome.fields(half.Id).MEDDPICC_Completeness__c).toBe(50);
        expect(outcome.fields(closed.Id).MEDDPICC_Completeness__c).toBe(100);
        expect(outcome.fields(account.Id).MEDDPICC_Completeness__c).toBe(50);
    });
});
