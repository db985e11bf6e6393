import './quiet-logs';
import type { OrgStore } from '../../../src/local-org/store';
import { caught, errorCodeOf, openStore } from './store-fixture';

describe('store validation', () => {
    let store: OrgStore;
    let accountId: string;

    beforeEach(() => {
        store = openStore();
        accountId = store.insert('Account', { Name: 'Acme' });
    });

    afterEach(() => {
        store.close();
    });

    it('INVALID_TYPE for an unknown object', () => {
        expect(errorCodeOf(() => store.insert('Nope__c', { Name: 'x' }))).toBe('INVALID_TYPE');
    });

    it('INVALID_FIELD for an unknown field', () => {
        const error = caught(() =>
            store.insert('Lead', { LastName: 'Doe', Company: 'Acme', Colour__c: 'red' })
        );
        expect(error.errorCode).toBe('INVALID_FIELD');
        expect(error.message).toBe("No such column 'Colour__c' on sobject of type Lead");
    });

    it('accepts field names in any case', () => {
        const id = store.insert('Lead', { lastname: 'Doe', COMPANY: 'Acme' });
        expect(store.retrieve('Lead', id, ['LastName']).LastName).toBe('Doe');
    });

    it('INVALID_FIELD_FOR_INSERT_UPDATE for read-only fields', () => {
        const error = caught(() =>
            store.insert('Lead', { LastName: 'Doe', Company: 'Acme', IsConverted: true, Name: 'x' })
        );
        expect(error.errorCode).toBe('INVALID_FIELD_FOR_INSERT_UPDATE');
        expect(error.fields).toEqual(['IsConverted', 'Name']);
    });

    it('INVALID_FIELD_FOR_INSERT_UPDATE for an Id on insert', () => {
        expect(errorCodeOf(() => store.insert('Account', { Id: accountId, Name: 'x' }))).toBe(
            'INVALID_FIELD_FOR_INSERT_UPDATE'
        );
    });

    it('INVALID_FIELD_FOR_INSERT_UPDATE for SystemModstamp even with audit fields allowed', () => {
        const write = () =>
            store.insert(
                'Account',
                { Name: 'x', SystemModstamp: '2020-01-01T00:00:00Z' },
                { allowAuditFields: true }
            );
        expect(errorCodeOf(write)).toBe('INVALID_FIELD_FOR_INSERT_UPDATE');
    });

    it('accepts audit fields on insert only with the permission', () => {
        const fields = { Name: 'Old', CreatedDate: '2020-01-02T03:04:05.000+0000' };
        expect(errorCodeOf(() => store.insert('Account', fields))).toBe(
            'INVALID_FIELD_FOR_INSERT_UPDATE'
        );
        const id = store.insert('Account', fields, { allowAuditFields: true });
        const record = store.retrieve('Account', id);
        expect(record.CreatedDate).toBe('2020-01-02T03:04:05.000+0000');
        expect(record.SystemModstamp).toBe('2027-03-03T15:00:00.000+0000');
        const update = () => {
            store.update(
                'Account',
                id,
                { CreatedDate: '2021-01-01T00:00:00Z' },
                { allowAuditFields: true }
            );
        };
        expect(errorCodeOf(update)).toBe('INVALID_FIELD_FOR_INSERT_UPDATE');
    });

    it('REQUIRED_FIELD_MISSING lists every missing field', () => {
        const error = caught(() => store.insert('Lead', { FirstName: 'Jane' }));
        expect(error.errorCode).toBe('REQUIRED_FIELD_MISSING');
        expect(error.fields).toEqual(['LastName', 'Company']);
        expect(error.message).toBe('Required fields are missing: [LastName, Company]');
    });

    it('REQUIRED_FIELD_MISSING when an update clears a required field', () => {
        expect(
            errorCodeOf(() => {
                store.update('Account', accountId, { Name: null });
            })
        ).toBe('REQUIRED_FIELD_MISSING');
    });

    it('DUPLICATE_VALUE for a unique external ID', () => {
        const signal = { External_Id__c: 'hs-1', Occurred_At__c: '2027-03-01T10:00:00Z' };
        store.insert('Engagement_Signal__c', signal);
        const duplicate = caught(() => store.insert('Engagement_Signal__c', signal));
        expect(duplicate.errorCode).toBe('DUPLICATE_VALUE');
        expect(duplicate.message).toMatch(
            /^duplicate value found: External_Id__c duplicates value on record with id: /
        );
    });

    it('compares case-sensitive unique values exactly', () => {
        store.insert('SLA_Clock__c', { Clock_Key__c: 'key-1' });
        expect(store.insert('SLA_Clock__c', { Clock_Key__c: 'KEY-1' })).toHaveLength(18);
    });

    it('compares other unique values ignoring case', () => {
        const write = () =>
            store.insert('Group', { Name: 'Rev Ops 2', DeveloperName: 'revops', Type: 'Queue' });
        expect(errorCodeOf(write)).toBe('DUPLICATE_DEVELOPER_NAME');
    });

    it('frees a unique value when its record is deleted', () => {
        const id = store.insert('SLA_Clock__c', { Clock_Key__c: 'key-2' });
        store.delete('SLA_Clock__c', id);
        expect(store.insert('SLA_Clock__c', { Clock_Key__c: 'key-2' })).not.toBe(id);
    });

    it('DUPLICATE_USERNAME for a taken username', () => {
        const user = { LastName: 'Rep', Username: 'rep@example.com', Email: 'rep@example.com' };
        store.insert('User', user);
        expect(errorCodeOf(() => store.insert('User', user))).toBe('DUPLICATE_USERNAME');
    });

    it('MALFORMED_ID for a lookup that is not an Id', () => {
        const error = caught(() =>
            store.insert('Contact', { LastName: 'Doe', AccountId: 'NotReal' })
        );
        expect(error.errorCode).toBe('MALFORMED_ID');
        expect(error.fields).toEqual(['AccountId']);
    });

    it('FIELD_INTEGRITY_EXCEPTION for an Id of the wrong object', () => {
        const leadId = store.insert('Lead', { LastName: 'Doe', Company: 'Acme' });
        const error = caught(() => store.insert('Contact', { LastName: 'Doe', AccountId: leadId }));
        expect(error.errorCode).toBe('FIELD_INTEGRITY_EXCEPTION');
        expect(error.fields).toEqual(['AccountId']);
    });

    it('INVALID_CROSS_REFERENCE_KEY for a missing record', () => {
        const missing = `${accountId.slice(0, 10)}zzzzz`;
        expect(
            errorCodeOf(() => store.insert('Contact', { LastName: 'Doe', AccountId: missing }))
        ).toBe('INVALID_CROSS_REFERENCE_KEY');
    });

    it('ENTITY_IS_DELETED for a lookup to a deleted record', () => {
        const other = store.insert('Account', { Name: 'Gone' });
        store.delete('Account', other);
        expect(
            errorCodeOf(() => store.insert('Contact', { LastName: 'Doe', AccountId: other }))
        ).toBe('ENTITY_IS_DELETED');
    });

    it('accepts a 15-character lookup Id and stores 18', () => {
        const contactId = store.insert('Contact', {
            LastName: 'Doe',
            AccountId: accountId.slice(0, 15)
        });
        expect(store.retrieve('Contact', contactId).AccountId).toBe(accountId);
    });

    it('accepts a queue owner only for objects the queue supports', () => {
        const queue = store.query("SELECT Id FROM Group WHERE DeveloperName = 'Marketing_Nurture'")
            .records[0];
        const queueId = String(queue?.Id);
        expect(
            store.insert('Lead', { LastName: 'Doe', Company: 'Acme', OwnerId: queueId })
        ).toHaveLength(18);
        const revOps = String(
            store.query("SELECT Id FROM Group WHERE DeveloperName = 'RevOps'").records[0]?.Id
        );
        expect(
            errorCodeOf(() =>
                store.insert('Lead', { LastName: 'Doe', Company: 'Acme', OwnerId: revOps })
            )
        ).toBe('INVALID_CROSS_REFERENCE_KEY');
    });

    it('INACTIVE_OWNER_OR_USER for an inactive owner', () => {
        const userId = store.insert('User', {
            LastName: 'Gone',
            Username: 'gone@example.com',
            Email: 'gone@example.com',
            IsActive: false
        });
        expect(errorCodeOf(() => store.insert('Account', { Name: 'x', OwnerId: userId }))).toBe(
            'INACTIVE_OWNER_OR_USER'
        );
    });

    it('NUMBER_OUTSIDE_VALID_RANGE beyond the double range', () => {
        const error = caught(() =>
            store.insert('Lead', {
                LastName: 'Huge',
                Company: 'Co',
                Intent_Score__c: Number('1e400')
            })
        );
        expect(error.errorCode).toBe('NUMBER_OUTSIDE_VALID_RANGE');
        expect(error.message).toContain('a number beyond the double range');
    });

    it('STRING_TOO_LONG with the field and limit', () => {
        const error = caught(() => store.insert('Account', { Name: 'x'.repeat(256) }));
        expect(error.errorCode).toBe('STRING_TOO_LONG');
        expect(error.fields).toEqual(['Name']);
        expect(error.message).toContain('(max length=255)');
        expect(error.message).toContain(`data value too large: ${'x'.repeat(50)}... (max`);
    });

    it('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST for a value outside the list', () => {
        const error = caught(() =>
            store.insert('SLA_Clock__c', { Clock_Key__c: 'k', Type__c: 'Coffee Break' })
        );
        expect(error.errorCode).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
        expect(error.fields).toEqual(['Type__c']);
    });

    it('accepts any value in an unrestricted picklist', () => {
        const id = store.insert('Lead', {
            LastName: 'Doe',
            Company: 'Acme',
            LeadSource: 'Podcast'
        });
        expect(store.retrieve('Lead', id, ['LeadSource']).LeadSource).toBe('Podcast');
    });

    it('NUMBER_OUTSIDE_VALID_RANGE for too many integer digits', () => {
        expect(
            errorCodeOf(() =>
                store.insert('Lead', { LastName: 'Doe', Company: 'Acme', Intent_Score__c: 1000 })
            )
        ).toBe('NUMBER_OUTSIDE_VALID_RANGE');
    });

    it('rounds numbers to the field scale', () => {
        const id = store.insert('Opportunity', {
            Name: 'Deal',
            StageName: 'Prospecting',
            CloseDate: '2027-06-30',
            Amount: 10.005
        });
        expect(store.retrieve('Opportunity', id, ['Amount']).Amount).toBe(10.01);
    });

    it('JSON_PARSER_ERROR for values of the wrong JSON type', () => {
        expect(
            errorCodeOf(() =>
                store.insert('Lead', { LastName: 'Doe', Company: 'Acme', DoNotCall: 'maybe' })
            )
        ).toBe('JSON_PARSER_ERROR');
        expect(
            errorCodeOf(() =>
                store.insert('Lead', { LastName: 'Doe', Company: 'Acme', SLA_Due_At__c: 'soon' })
            )
        ).toBe('JSON_PARSER_ERROR');
        expect(
            errorCodeOf(() =>
                store.insert('Lead', { LastName: 'Doe', Company: 'Acme', NumberOfEmployees: 2.5 })
            )
        ).toBe('JSON_PARSER_ERROR');
        expect(
            errorCodeOf(() => store.insert('Lead', { LastName: { nested: true }, Company: 'Acme' }))
        ).toBe('JSON_PARSER_ERROR');
    });

    it('INVALID_TYPE_ON_FIELD_IN_RECORD for bad CSV values', () => {
        const write = () =>
            store.insert(
                'Lead',
                { LastName: 'Doe', Company: 'Acme', ConvertedDate: 'x' },
                { valueFormat: 'csv', system: true }
            );
        expect(errorCodeOf(write)).toBe('INVALID_TYPE_ON_FIELD_IN_RECORD');
        const id = store.insert(
            'Lead',
            { LastName: 'Doe', Company: 'Acme', DoNotCall: 'true', NumberOfEmployees: '12' },
            { valueFormat: 'csv' }
        );
        const record = store.retrieve('Lead', id, ['DoNotCall', 'NumberOfEmployees']);
        expect(record.DoNotCall).toBe(true);
        expect(record.NumberOfEmployees).toBe(12);
    });

    it('rejects invalid calendar dates', () => {
        expect(
            errorCodeOf(() =>
                store.insert('Opportunity', {
                    Name: 'Deal',
                    StageName: 'Prospecting',
                    CloseDate: '2027-02-30'
                })
            )
        ).toBe('JSON_PARSER_ERROR');
    });

    it('INVALID_EMAIL_ADDRESS for a malformed email', () => {
        expect(
            errorCodeOf(() =>
                store.insert('Lead', { LastName: 'Doe', Company: 'Acme', Email: 'not-an-email' })
            )
        ).toBe('INVALID_EMAIL_ADDRESS');
    });

    it('CANNOT_UPDATE_CONVERTED_LEAD after conversion', () => {
        const leadId = store.insert('Lead', { LastName: 'Doe', Company: 'Acme' });
        store.convertLead(leadId);
        expect(
            errorCodeOf(() => {
                store.update('Lead', leadId, { Title: 'CEO' });
            })
        ).toBe('CANNOT_UPDATE_CONVERTED_LEAD');
    });

    it('NOT_FOUND, MALFORMED_ID and ENTITY_IS_DELETED on update', () => {
        expect(
            errorCodeOf(() => {
                store.update('Account', 'bogus', { Name: 'x' });
            })
        ).toBe('MALFORMED_ID');
        expect(
            errorCodeOf(() => {
                store.update('Account', `${accountId.slice(0, 10)}zzzzz`, { Name: 'x' });
            })
        ).toBe('NOT_FOUND');
        store.delete('Account', accountId);
        expect(
            errorCodeOf(() => {
                store.update('Account', accountId, { Name: 'x' });
            })
        ).toBe('ENTITY_IS_DELETED');
        expect(
            errorCodeOf(() => {
                store.delete('Account', accountId);
            })
        ).toBe('ENTITY_IS_DELETED');
        expect(errorCodeOf(() => store.retrieve('Account', accountId))).toBe('NOT_FOUND');
    });

    it('rejects DML on custom metadata and setup-only objects', () => {
        expect(
            errorCodeOf(() =>
                store.insert('SLA_Policy__mdt', { DeveloperName: 'Other', MasterLabel: 'Other' })
            )
        ).toBe('INVALID_TYPE');
        expect(
            errorCodeOf(() => {
                store.update('Organization', store.seeded.organizationId, { Name: 'x' });
            })
        ).toBe('INVALID_TYPE');
        expect(
            errorCodeOf(() => store.insert('BusinessHours', { Name: 'x', TimeZoneSidKey: 'UTC' }))
        ).toBe('INVALID_TYPE');
    });

    it('resolves a parent by external ID', () => {
        const leadId = store.insert('Lead', { LastName: 'Doe', Company: 'Acme' });
        store.insert('SLA_Clock__c', { Clock_Key__c: 'parent-key', Lead__c: leadId });
        const breachId = store.insert('SLA_Breach__c', {
            Breach_Key__c: 'b-1',
            SLA_Clock__r: { Clock_Key__c: 'parent-key' }
        });
        const clockId = store.query("SELECT Id FROM SLA_Clock__c WHERE Clock_Key__c = 'parent-key'")
            .records[0]?.Id;
        expect(store.retrieve('SLA_Breach__c', breachId, ['SLA_Clock__c']).SLA_Clock__c).toBe(
            clockId
        );
        expect(
            errorCodeOf(() =>
                store.insert('SLA_Breach__c', {
                    Breach_Key__c: 'b-2',
                    'SLA_Clock__r.Clock_Key__c': 'missing'
                })
            )
        ).toBe('INVALID_FIELD');
    });

    it('stores an empty string as null', () => {
        const id = store.insert('Lead', { LastName: 'Doe', Company: 'Acme', Title: '' });
        expect(store.retrieve('Lead', id, ['Title']).Title).toBeNull();
        expect(errorCodeOf(() => store.insert('Lead', { LastName: '', Company: 'Acme' }))).toBe(
            'REQUIRED_FIELD_MISSING'
        );
    });

    it('leaves nothing behind when a write fails', () => {
        const before = store.query('SELECT COUNT() FROM Account').totalSize;
        expect(() => store.insert('Account', { Name: 'x'.repeat(300) })).toThrow();
        expect(store.query('SELECT COUNT() FROM Account').totalSize).toBe(before);
    });
});
