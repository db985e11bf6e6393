import './quiet-logs';
import type { OrgStore } from '../../../src/local-org/store';
import { errorCodeOf, openStore, TestClock } from './store-fixture';

describe('deletes', () => {
    let store: OrgStore;

    beforeEach(() => {
        store = openStore();
    });

    afterEach(() => {
        store.close();
    });

    it('cascades to contacts, opportunities and activities of an account', () => {
        const accountId = store.insert('Account', { Name: 'Acme' });
        const contactId = store.insert('Contact', { LastName: 'Doe', AccountId: accountId });
        const opportunityId = store.insert('Opportunity', {
            Name: 'Deal',
            StageName: 'Prospecting',
            CloseDate: '2027-06-30',
            AccountId: accountId
        });
        const taskId = store.insert('Task', { Subject: 'Call', WhoId: contactId });
        store.delete('Account', accountId);
        const deleted = store.query(
            `SELECT Id FROM Contact WHERE IsDeleted = true AND Id = '${contactId}'`,
            { includeDeleted: true }
        );
        expect(deleted.totalSize).toBe(1);
        expect(
            store.query(`SELECT COUNT() FROM Opportunity WHERE Id = '${opportunityId}'`).totalSize
        ).toBe(0);
        expect(store.query(`SELECT COUNT() FROM Task WHERE Id = '${taskId}'`).totalSize).toBe(0);
    });

    it('clears custom lookups to a deleted record', () => {
        const leadId = store.insert('Lead', { LastName: 'Doe', Company: 'Acme' });
        const clockId = store.insert('SLA_Clock__c', { Clock_Key__c: 'k', Lead__c: leadId });
        store.delete('Lead', leadId);
        expect(store.retrieve('SLA_Clock__c', clockId, ['Lead__c']).Lead__c).toBeNull();
    });

    it('rejects deleting objects the API cannot delete', () => {
        expect(
            errorCodeOf(() => {
                store.delete('Organization', store.seeded.organizationId);
            })
        ).toBe('INVALID_TYPE');
    });
});

describe('getUpdated and getDeleted', () => {
    let store: OrgStore;
    let clock: TestClock;

    beforeEach(() => {
        clock = new TestClock('2027-03-03T15:00:30.000Z');
        store = openStore(clock);
    });

    afterEach(() => {
        store.close();
    });

    it('lists records changed in the window by SystemModstamp', () => {
        const early = store.insert('Account', { Name: 'Early' });
        clock.set('2027-03-03T15:10:00.000Z');
        const late = store.insert('Account', { Name: 'Late' });
        clock.set('2027-03-03T15:20:00.000Z');
        store.update('Account', early, { Name: 'Early, edited' });
        // The window ends at the current minute, so writes of this minute wait for the next call.
        clock.set('2027-03-03T15:25:10.000Z');
        const window = store.getUpdated(
            'Account',
            new Date('2027-03-03T15:05:00Z'),
            new Date('2027-03-03T16:00:00Z')
        );
        expect(window.ids).toEqual([late, early]);
        expect(window.latestDateCovered).toBe('2027-03-03T15:25:00.000+0000');
    });

    it('lists deleted records with their deletion time', () => {
        const id = store.insert('Account', { Name: 'Gone' });
        clock.set('2027-03-03T15:30:00.000Z');
        store.delete('Account', id);
        clock.set('2027-03-03T15:31:00.000Z');
        const result = store.getDeleted(
            'Account',
            new Date('2027-03-03T15:00:00Z'),
            new Date('2027-03-03T16:00:00Z')
        );
        expect(result.deletedRecords).toEqual([
            { id, deletedDate: '2027-03-03T15:30:00.000+0000' }
        ]);
        expect(
            store.getUpdated(
                'Account',
                new Date('2027-03-03T15:00:00Z'),
                new Date('2027-03-03T16:00:00Z')
            ).ids
        ).not.toContain(id);
    });

    it('rejects windows that start after the end or too long ago', () => {
        const now = clock.now();
        expect(
            errorCodeOf(() => store.getUpdated('Account', now, new Date(now.getTime() - 120_000)))
        ).toBe('INVALID_REPLICATION_DATE');
        const longAgo = new Date(now.getTime() - 31 * 24 * 3600 * 1000);
        expect(errorCodeOf(() => store.getDeleted('Account', longAgo, now))).toBe(
            'INVALID_REPLICATION_DATE'
        );
    });
});
