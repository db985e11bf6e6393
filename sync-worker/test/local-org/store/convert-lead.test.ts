import './quiet-logs';
import type { OrgStore } from '../../../src/local-org/store';
import { errorCodeOf, openStore } from './store-fixture';

describe('lead conversion', () => {
    let store: OrgStore;
    let leadId: string;

    beforeEach(() => {
        store = openStore();
        leadId = store.insert('Lead', {
            FirstName: 'Jane',
            LastName: 'Doe',
            Company: 'Initech',
            Email: 'jane@initech.com',
            Industry: 'Technology',
            LeadSource: 'Web'
        });
    });

    afterEach(() => {
        store.close();
    });

    it('creates an account, a contact and an opportunity', () => {
        const result = store.convertLead(leadId);
        expect(result.leadId).toBe(leadId);
        const lead = store.retrieve('Lead', leadId);
        expect(lead).toMatchObject({
            IsConverted: true,
            Status: 'Closed - Converted',
            ConvertedDate: '2027-03-03',
            ConvertedAccountId: result.accountId,
            ConvertedContactId: result.contactId,
            ConvertedOpportunityId: result.opportunityId
        });
        expect(store.retrieve('Account', result.accountId)).toMatchObject({
            Name: 'Initech',
            Industry: 'Technology',
            AccountSource: 'Web'
        });
        expect(store.retrieve('Contact', result.contactId)).toMatchObject({
            Name: 'Jane Doe',
            Email: 'jane@initech.com',
            AccountId: result.accountId
        });
        expect(store.retrieve('Opportunity', result.opportunityId ?? '')).toMatchObject({
            Name: 'Initech-',
            AccountId: result.accountId,
            IsClosed: false
        });
    });

    it('reuses an account and skips the opportunity when asked', () => {
        const accountId = store.insert('Account', { Name: 'Existing' });
        const result = store.convertLead(leadId, { accountId, createOpportunity: false });
        expect(result.accountId).toBe(accountId);
        expect(result.opportunityId).toBeNull();
        expect(store.query("SELECT COUNT() FROM Account WHERE Name = 'Initech'").totalSize).toBe(0);
    });

    it('moves the lead activities to the contact', () => {
        const taskId = store.insert('Task', { Subject: 'Call', WhoId: leadId });
        const result = store.convertLead(leadId);
        expect(store.retrieve('Task', taskId, ['WhoId', 'WhatId', 'AccountId'])).toMatchObject({
            WhoId: result.contactId,
            WhatId: result.opportunityId,
            AccountId: result.accountId
        });
    });

    it('makes the lead read-only', () => {
        store.convertLead(leadId);
        expect(
            errorCodeOf(() => {
                store.update('Lead', leadId, { Company: 'Other' });
            })
        ).toBe('CANNOT_UPDATE_CONVERTED_LEAD');
        expect(errorCodeOf(() => store.convertLead(leadId))).toBe('CANNOT_UPDATE_CONVERTED_LEAD');
    });

    it('rejects a status that is not a converted status', () => {
        expect(
            errorCodeOf(() => store.convertLead(leadId, { convertedStatus: 'Working - Contacted' }))
        ).toBe('INVALID_STATUS');
        expect(store.retrieve('Lead', leadId, ['IsConverted']).IsConverted).toBe(false);
    });

    it('does not let the API set conversion fields', () => {
        expect(
            errorCodeOf(() => {
                store.update('Lead', leadId, { IsConverted: true });
            })
        ).toBe('INVALID_FIELD_FOR_INSERT_UPDATE');
    });
});
