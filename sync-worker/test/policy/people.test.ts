import { DEFAULT_POLICY } from '../../src/config/policy-schema';
import { emailDomain, normaliseDomain } from '../../src/policy/matching';
import { committeeIntentOf, storedIntent } from '../../src/policy/scoring';
import { evaluateOrg, policyWith } from './engine-helpers';
import { DAY, HOUR, OrgBuilder, at } from './org-builder';

const NOW = at('2027-03-10T12:00');

describe('domain normalisation', () => {
    it.each([
        ['https://www.Acme.com/about?x=1', 'acme.com'],
        ['http://acme.com:8080/', 'acme.com'],
        ['WWW.ACME.COM', 'acme.com'],
        ['acme.com.', 'acme.com'],
        ['  eu.acme.co.uk/path ', 'eu.acme.co.uk'],
        ['ftp://files.acme.com', 'files.acme.com'],
        ['not a domain', null],
        ['', null],
        [null, null]
    ])('normalises %p to %p', (input, expected) => {
        expect(normaliseDomain(input)).toBe(expected);
    });

    it.each([
        ['Ann@Acme.COM', 'acme.com'],
        ['ann@www.acme.com', 'acme.com'],
        ['no-at-sign', null],
        [null, null]
    ])('reads the email domain of %p', (input, expected) => {
        expect(emailDomain(input)).toBe(expected);
    });
});

describe('lead-to-account matching', () => {
    it('matches by email domain after normalising the website', () => {
        const org = new OrgBuilder();
        const account = org.account({ Website: 'https://www.acme.com/en' });
        const lead = org.lead({ Email: 'ann@ACME.com' });
        expect(evaluateOrg(org, NOW).fields(lead.Id).Matched_Account__c).toBe(account.Id);
    });

    it('falls back to the website when the email is free mail', () => {
        const org = new OrgBuilder();
        const account = org.account({ Website: 'acme.com' });
        const lead = org.lead({ Email: 'ann@gmail.com', Website: 'www.acme.com' });
        expect(evaluateOrg(org, NOW).fields(lead.Id).Matched_Account__c).toBe(account.Id);
    });

    it('never matches a free-mail domain', () => {
        const org = new OrgBuilder();
        org.account({ Website: 'gmail.com' });
        const lead = org.lead({ Email: 'ann@gmail.com' });
        expect(evaluateOrg(org, NOW).fields(lead.Id).Matched_Account__c).toBeUndefined();
    });

    it('clears a match that no longer holds', () => {
        const org = new OrgBuilder();
        const old = org.account({ Website: 'old.com' });
        const lead = org.lead({ Email: 'ann@new.com', Matched_Account__c: old.Id });
        expect(evaluateOrg(org, NOW).fields(lead.Id).Matched_Account__c).toBeNull();
    });

    it('breaks ties by most contacts, then the oldest, then the Id', () => {
        const org = new OrgBuilder();
        const older = org.account({ Website: 'tie.com', CreatedDate: at('2020-01-01T00:00') });
        const busier = org.account({
            Website: 'https://tie.com',
            CreatedDate: at('2024-01-01T00:00')
        });
        org.contact(busier);
        const lead = org.lead({ Email: 'x@tie.com' });
        expect(evaluateOrg(org, NOW).fields(lead.Id).Matched_Account__c).toBe(busier.Id);

        const second = new OrgBuilder();
        const young = second.account({ Website: 'tie.com', CreatedDate: at('2024-01-01T00:00') });
        const old = second.account({ Website: 'tie.com', CreatedDate: at('2020-01-01T00:00') });
        const other = second.lead({ Email: 'x@tie.com' });
        expect(evaluateOrg(second, NOW).fields(other.Id).Matched_Account__c).toBe(old.Id);
        expect(young.Id).not.toBe(old.Id);
        expect(older.Id).not.toBe(busier.Id);
    });
});

describe('intent score', () => {
    it.each([
        ['Web Visit', 2],
        ['Email Click', 3],
        ['Content Download', 8],
        ['Webinar Attended', 10],
        ['Competitor Research', 12],
        ['Intent Surge', 15],
        ['Meeting Request', 20],
        ['Demo Request', 30],
        ['Unknown Type', 0]
    ])('weighs a fresh %s at %p', (type, weight) => {
        const org = new OrgBuilder();
        const lead = org.lead({ Intent_Score__c: 99 });
        org.signal(lead, type, NOW);
        expect(evaluateOrg(org, NOW).fields(lead.Id).Intent_Score__c).toBe(weight);
    });

    it('lets a record weight override the type weight', () => {
        const org = new OrgBuilder();
        const lead = org.lead();
        org.signal(lead, 'Web Visit', NOW, { Weight__c: 42 });
        expect(evaluateOrg(org, NOW).fields(lead.Id).Intent_Score__c).toBe(42);
    });

    it.each([
        [0, 30],
        [14, 15],
        [28, 8],
        [180, 0],
        [181, 0]
    ])('halves a demo request every 14 days: %p days old counts %p', (days, expected) => {
        const org = new OrgBuilder();
        const lead = org.lead({ Intent_Score__c: 77 });
        org.signal(lead, 'Demo Request', new Date(NOW.getTime() - days * DAY));
        expect(evaluateOrg(org, NOW).fields(lead.Id).Intent_Score__c).toBe(expected);
    });

    it('counts a signal exactly at the window start and not one just before', () => {
        const org = new OrgBuilder();
        const lead = org.lead();
        const policy = policyWith({ intentHalfLifeDays: 100000 });
        org.signal(lead, 'Demo Request', new Date(NOW.getTime() - 180 * DAY));
        org.signal(lead, 'Demo Request', new Date(NOW.getTime() - 180 * DAY - 1));
        expect(evaluateOrg(org, NOW, policy).fields(lead.Id).Intent_Score__c).toBe(30);
    });

    it('ignores signals in the future', () => {
        const org = new OrgBuilder();
        const lead = org.lead({ Intent_Score__c: 5 });
        org.signal(lead, 'Demo Request', new Date(NOW.getTime() + HOUR));
        expect(evaluateOrg(org, NOW).fields(lead.Id).Intent_Score__c).toBe(0);
    });

    it('caps the signal sum at 100 and takes a larger external score', () => {
        expect(storedIntent(250, null, 100)).toBe(100);
        expect(storedIntent(40, 82, 100)).toBe(82);
        expect(storedIntent(90, 82, 100)).toBe(90);
        expect(storedIntent(40, 140, 100)).toBe(100);
        expect(storedIntent(-5, -3, 100)).toBe(0);
        expect(storedIntent(69.5, null, 100)).toBe(70);
        expect(storedIntent(69.49, null, 100)).toBe(69);
    });

    it('uses the external intent score written by other tools', () => {
        const org = new OrgBuilder();
        const lead = org.lead({ External_Intent_Score__c: 64 });
        org.signal(lead, 'Web Visit', NOW);
        expect(evaluateOrg(org, NOW).fields(lead.Id).Intent_Score__c).toBe(64);
    });

    it('counts campaign responses by campaign type', () => {
        const org = new OrgBuilder();
        const lead = org.lead();
        org.campaignResponse(org.campaign('Webinar'), lead, '2027-03-10');
        org.campaignResponse(org.campaign('Direct Mail'), lead, '2027-03-10');
        const fields = evaluateOrg(org, NOW).fields(lead.Id);
        // Webinar Attended (10, content) plus the default weight 5 of an unmapped type, decayed 12 hours.
        expect(fields.Intent_Score__c).toBe(15);
        expect(fields.Engagement_Count__c).toBe(1);
    });

    it('scores a converted lead signal on the converted contact', () => {
        const org = new OrgBuilder();
        const account = org.account();
        const contact = org.contact(account, { Email: 'c@x.com' });
        const lead = org.lead({
            IsConverted: true,
            ConvertedContactId: contact.Id,
            ConvertedAccountId: account.Id
        });
        org.signal(lead, 'Demo Request', NOW);
        const outcome = evaluateOrg(org, NOW);
        expect(outcome.fields(contact.Id).Intent_Score__c).toBe(30);
        expect(outcome.fields(lead.Id)).toEqual({});
    });
});

describe('engagement and activity', () => {
    it.each([
        [89, 1],
        [90, 1],
        [91, 0]
    ])('counts a content interaction %p days old as %p', (days, expected) => {
        const org = new OrgBuilder();
        const lead = org.lead({ Engagement_Count__c: 7 });
        org.signal(lead, 'Content Download', new Date(NOW.getTime() - days * DAY));
        org.signal(lead, 'Demo Request', new Date(NOW.getTime() - days * DAY));
        expect(evaluateOrg(org, NOW).fields(lead.Id).Engagement_Count__c).toBe(expected);
    });

    it.each([
        [30, 1],
        [31, 0]
    ])('counts a person with a signal %p days old as active: %p', (days, expected) => {
        const org = new OrgBuilder();
        const account = org.account();
        const contact = org.contact(account);
        org.signal(contact, 'Web Visit', new Date(NOW.getTime() - days * DAY));
        const outcome = evaluateOrg(org, NOW);
        expect(outcome.fields(account.Id).Active_Committee_Members__c ?? 0).toBe(expected);
        expect(outcome.fields(contact.Id).Last_Signal_At__c).toEqual(
            new Date(NOW.getTime() - days * DAY)
        );
    });

    it.each([
        [[90, 80, 70, 60], 80],
        [[90, 60], 50],
        [[100], 33],
        [[], 0],
        [[71, 70, 70], 70]
    ])('takes the mean of the top 3 of %p as %p', (scores, expected) => {
        expect(committeeIntentOf(scores, DEFAULT_POLICY.committeeTopN)).toBe(expected);
    });

    it('builds the committee from contacts and matched leads', () => {
        const org = new OrgBuilder();
        const account = org.account({ Website: 'acme.com' });
        const contact = org.contact(account);
        const lead = org.lead({ Email: 'l@acme.com' });
        org.signal(contact, 'Demo Request', NOW);
        org.signal(lead, 'Meeting Request', NOW);
        const fields = evaluateOrg(org, NOW).fields(account.Id);
        expect(fields.Active_Committee_Members__c).toBe(2);
        expect(fields.Committee_Intent_Score__c).toBe(Math.round((30 + 20) / 3));
        expect(fields.First_Touch_At__c).toEqual(NOW);
    });
});
