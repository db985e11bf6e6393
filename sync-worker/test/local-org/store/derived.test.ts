import './quiet-logs';
import type { OrgStore } from '../../../src/local-org/store';
import { errorCodeOf, openStore, TestClock } from './store-fixture';

describe('derived fields', () => {
    let store: OrgStore;
    let clock: TestClock;

    beforeEach(() => {
        clock = new TestClock();
        store = openStore(clock);
    });

    afterEach(() => {
        store.close();
    });

    it('builds Name from FirstName and LastName', () => {
        const leadId = store.insert('Lead', {
            FirstName: 'Jane',
            LastName: 'Doe',
            Company: 'Acme'
        });
        expect(store.retrieve('Lead', leadId, ['Name']).Name).toBe('Jane Doe');
        store.update('Lead', leadId, { FirstName: null });
        expect(store.retrieve('Lead', leadId, ['Name']).Name).toBe('Doe');
        const contactId = store.insert('Contact', { FirstName: 'Ada', LastName: 'Lovelace' });
        expect(store.retrieve('Contact', contactId, ['Name']).Name).toBe('Ada Lovelace');
        expect(store.retrieve('User', store.seeded.integrationUserId, ['Name']).Name).toBe(
            'Integration'
        );
    });

    it('derives IsClosed, IsWon, probability and forecast category from the stage', () => {
        const id = store.insert('Opportunity', {
            Name: 'Deal',
            StageName: 'Prospecting',
            CloseDate: '2027-06-30'
        });
        const fields = [
            'IsClosed',
            'IsWon',
            'Probability',
            'ForecastCategoryName',
            'ForecastCategory'
        ];
        expect(store.retrieve('Opportunity', id, fields)).toMatchObject({
            IsClosed: false,
            IsWon: false,
            Probability: 10,
            ForecastCategoryName: 'Pipeline',
            ForecastCategory: 'Pipeline'
        });
        store.update('Opportunity', id, { StageName: 'Closed Won' });
        expect(store.retrieve('Opportunity', id, fields)).toMatchObject({
            IsClosed: true,
            IsWon: true,
            Probability: 100,
            ForecastCategoryName: 'Closed'
        });
        store.update('Opportunity', id, { StageName: 'Closed Lost' });
        expect(store.retrieve('Opportunity', id, fields)).toMatchObject({
            IsClosed: true,
            IsWon: false,
            Probability: 0
        });
        expect(
            errorCodeOf(() => {
                store.update('Opportunity', id, { IsWon: true });
            })
        ).toBe('INVALID_FIELD_FOR_INSERT_UPDATE');
    });

    it('keeps an explicit probability on a stage change', () => {
        const id = store.insert('Opportunity', {
            Name: 'Deal',
            StageName: 'Qualification',
            CloseDate: '2027-06-30',
            Probability: 35
        });
        expect(store.retrieve('Opportunity', id, ['Probability']).Probability).toBe(35);
    });

    it('closes a task from its status and stamps the completion time', () => {
        const id = store.insert('Task', { Subject: 'Call' });
        expect(
            store.retrieve('Task', id, ['Status', 'IsClosed', 'Priority', 'CompletedDateTime'])
        ).toMatchObject({
            Status: 'Not Started',
            Priority: 'Normal',
            IsClosed: false,
            CompletedDateTime: null
        });
        clock.advance(60_000);
        store.update('Task', id, { Status: 'Completed' });
        expect(store.retrieve('Task', id, ['IsClosed', 'CompletedDateTime'])).toMatchObject({
            IsClosed: true,
            CompletedDateTime: '2027-03-03T15:01:00.000+0000'
        });
    });

    it('derives the account of an activity from What or Who', () => {
        const accountId = store.insert('Account', { Name: 'Acme' });
        const opportunityId = store.insert('Opportunity', {
            Name: 'Deal',
            StageName: 'Prospecting',
            CloseDate: '2027-06-30',
            AccountId: accountId
        });
        const contactId = store.insert('Contact', { LastName: 'Doe', AccountId: accountId });
        const byWhat = store.insert('Task', { Subject: 'a', WhatId: opportunityId });
        const byWho = store.insert('Event', {
            Subject: 'b',
            WhoId: contactId,
            StartDateTime: '2027-03-04T15:00:00Z',
            DurationInMinutes: 30
        });
        expect(store.retrieve('Task', byWhat, ['AccountId']).AccountId).toBe(accountId);
        expect(store.retrieve('Event', byWho, ['AccountId']).AccountId).toBe(accountId);
    });

    it('keeps event start, end, duration and activity date consistent', () => {
        const id = store.insert('Event', {
            Subject: 'Demo',
            ActivityDateTime: '2027-03-04T03:30:00Z',
            DurationInMinutes: 45
        });
        expect(
            store.retrieve('Event', id, [
                'StartDateTime',
                'EndDateTime',
                'ActivityDate',
                'DurationInMinutes'
            ])
        ).toEqual({
            attributes: expect.anything() as unknown,
            StartDateTime: '2027-03-04T03:30:00.000+0000',
            EndDateTime: '2027-03-04T04:15:00.000+0000',
            ActivityDate: '2027-03-03',
            DurationInMinutes: 45
        });
        expect(errorCodeOf(() => store.insert('Event', { Subject: 'No time' }))).toBe(
            'REQUIRED_FIELD_MISSING'
        );
    });

    it('marks campaign members as responded', () => {
        const campaignId = store.insert('Campaign', { Name: 'Webinar' });
        const leadId = store.insert('Lead', { LastName: 'Doe', Company: 'Acme' });
        const memberId = store.insert('CampaignMember', { CampaignId: campaignId, LeadId: leadId });
        expect(
            store.retrieve('CampaignMember', memberId, [
                'Status',
                'HasResponded',
                'Type',
                'LeadOrContactId'
            ])
        ).toMatchObject({
            Status: 'Sent',
            HasResponded: false,
            Type: 'Lead',
            LeadOrContactId: leadId
        });
        store.update('CampaignMember', memberId, { Status: 'Responded' });
        expect(
            store.retrieve('CampaignMember', memberId, ['HasResponded', 'FirstRespondedDate'])
        ).toMatchObject({
            HasResponded: true,
            FirstRespondedDate: '2027-03-03'
        });
        expect(
            errorCodeOf(() =>
                store.insert('CampaignMember', { CampaignId: campaignId, LeadId: leadId })
            )
        ).toBe('DUPLICATE_VALUE');
    });

    it('numbers auto-number names', () => {
        const first = store.insert('SLA_Clock__c', { Clock_Key__c: 'a' });
        const second = store.insert('SLA_Clock__c', { Clock_Key__c: 'b' });
        expect(store.retrieve('SLA_Clock__c', first, ['Name']).Name).toBe('CLK-00000001');
        expect(store.retrieve('SLA_Clock__c', second, ['Name']).Name).toBe('CLK-00000002');
    });
});
