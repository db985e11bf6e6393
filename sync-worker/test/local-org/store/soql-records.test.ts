import './quiet-logs';
import type { OrgStore, SObjectRecord } from '../../../src/local-org/store';
import { loadSoqlFixture, type SoqlFixture } from './soql-fixture';
import { openStore } from './store-fixture';

function names(records: SObjectRecord[], field = 'Name'): unknown[] {
    return records.map((record) => record[field]);
}

describe('SOQL record queries', () => {
    let store: OrgStore;
    let data: SoqlFixture;

    beforeAll(() => {
        store = openStore();
        data = loadSoqlFixture(store);
    });

    afterAll(() => {
        store.close();
    });

    it('returns attributes and typed values', () => {
        const result = store.query(
            `SELECT Id, Name, IsWon, Amount, CloseDate, CreatedDate FROM Opportunity WHERE Id = '${data.dealId}'`
        );
        expect(result).toEqual({
            totalSize: 1,
            done: true,
            records: [
                {
                    attributes: {
                        type: 'Opportunity',
                        url: `/services/data/v62.0/sobjects/Opportunity/${data.dealId}`
                    },
                    Id: data.dealId,
                    Name: 'Acme deal',
                    IsWon: true,
                    Amount: 1000,
                    CloseDate: '2027-03-15',
                    CreatedDate: '2027-03-03T15:00:00.000+0000'
                }
            ]
        });
    });

    it('follows parent paths several levels deep', () => {
        const [ada] = store.query(
            `SELECT Name, Account.Name, Account.Owner.Manager.Email FROM Contact WHERE Id = '${data.adaId}'`
        ).records;
        expect(ada?.Account).toEqual({
            attributes: {
                type: 'Account',
                url: `/services/data/v62.0/sobjects/Account/${data.acmeId}`
            },
            Name: 'Acme',
            Owner: {
                attributes: {
                    type: 'User',
                    url: `/services/data/v62.0/sobjects/User/${data.repId}`
                },
                Manager: {
                    attributes: {
                        type: 'User',
                        url: `/services/data/v62.0/sobjects/User/${data.managerId}`
                    },
                    Email: 'manager@example.com'
                }
            }
        });
    });

    it('returns null for an empty lookup at any level', () => {
        const globexContact = store.insert('Contact', {
            LastName: 'Solo',
            AccountId: data.globexId
        });
        const loner = store.insert('Contact', { LastName: 'Alone' });
        const rows = store.query(
            `SELECT LastName, Account.Owner.Manager.Email FROM Contact WHERE Id IN ('${globexContact}', '${loner}') ORDER BY LastName`
        ).records;
        expect(rows[0]?.Account).toBeNull();
        const ownerOfGlobex = (rows[1]?.Account as SObjectRecord).Owner as SObjectRecord;
        expect(ownerOfGlobex.Manager).toBeNull();
    });

    it('resolves polymorphic owners by Id prefix', () => {
        const rows = store.query(
            'SELECT LastName, Owner.Name, Owner.Type FROM Lead ORDER BY LastName'
        ).records;
        const owners = rows.map((row) => row.Owner as SObjectRecord);
        expect(owners.map((owner) => owner.Type)).toEqual(['User', 'User', 'Queue']);
        expect(owners[2]?.Name).toBe('Marketing Nurture');
        expect(owners[2]?.attributes).toEqual({
            type: 'Name',
            url: `/services/data/v62.0/sobjects/Group/${data.queueId}`
        });
    });

    it('filters on a polymorphic parent field', () => {
        const rows = store.query("SELECT LastName FROM Lead WHERE Owner.Type = 'Queue'").records;
        expect(names(rows, 'LastName')).toEqual(['Roe']);
    });

    it('resolves Who and What on tasks', () => {
        const rows = store.query(
            'SELECT Subject, Who.Name, What.Name, What.Type, Account.Name FROM Task ORDER BY Subject'
        ).records;
        expect(rows.map((row) => (row.What as SObjectRecord | null)?.Type ?? null)).toEqual([
            'Account',
            null,
            'Opportunity'
        ]);
        expect((rows[1]?.Who as SObjectRecord).Name).toBe('Jane Doe');
        expect((rows[2]?.Account as SObjectRecord).Name).toBe('Acme');
    });

    it('follows custom lookups', () => {
        const rows = store.query(
            "SELECT Clock_Key__c, Lead__r.Email, Responsible_User__r.Manager.Name FROM SLA_Clock__c WHERE Clock_Key__c = 'c1'"
        ).records;
        expect((rows[0]?.Lead__r as SObjectRecord).Email).toBe('Jane@Initech.com');
        expect(
            ((rows[0]?.Responsible_User__r as SObjectRecord).Manager as SObjectRecord).Name
        ).toBe('Pat Manager');
    });

    it('returns child subqueries, or null when empty', () => {
        const rows = store.query(
            'SELECT Name, (SELECT LastName FROM Contacts ORDER BY LastName), (SELECT Subject FROM Tasks) FROM Account ORDER BY Name'
        ).records;
        const acme = rows[0];
        expect(acme?.Contacts).toEqual({
            totalSize: 2,
            done: true,
            records: [
                {
                    attributes: {
                        type: 'Contact',
                        url: `/services/data/v62.0/sobjects/Contact/${data.bobId}`
                    },
                    LastName: 'Baker'
                },
                {
                    attributes: {
                        type: 'Contact',
                        url: `/services/data/v62.0/sobjects/Contact/${data.adaId}`
                    },
                    LastName: 'Lovelace'
                }
            ]
        });
        expect(names((acme?.Tasks as { records: SObjectRecord[] }).records, 'Subject')).toEqual([
            'Account check'
        ]);
        const globex = rows[1];
        expect(globex?.Tasks).toBeNull();
    });

    it('applies WHERE, ORDER BY and LIMIT in a child subquery per parent', () => {
        const rows = store.query(
            "SELECT LastName, (SELECT Clock_Key__c FROM SLA_Clocks__r WHERE Status__c != 'Breached' ORDER BY Clock_Key__c DESC LIMIT 1) FROM Lead ORDER BY LastName"
        ).records;
        const clocks = rows.map(
            (row) =>
                (row.SLA_Clocks__r as { records: SObjectRecord[] } | null)?.records.map(
                    (clock) => clock.Clock_Key__c
                ) ?? null
        );
        expect(clocks).toEqual([['c2'], null, null]);
    });

    it('combines AND, OR and NOT with parentheses', () => {
        const rows = store.query(
            "SELECT LastName FROM Lead WHERE (LeadSource = 'Web' AND NOT Intent_Score__c < 50) OR (LastName = 'Poe' AND NOT (Company = 'Hooli' OR Company = 'Initech')) ORDER BY LastName"
        ).records;
        expect(names(rows, 'LastName')).toEqual(['Doe', 'Poe']);
    });

    it('treats null as unequal in != and NOT', () => {
        expect(
            names(
                store.query(
                    "SELECT LastName FROM Lead WHERE Email != 'roe@hooli.com' ORDER BY LastName"
                ).records,
                'LastName'
            )
        ).toEqual(['Doe', 'Poe']);
        expect(
            names(
                store.query(
                    'SELECT LastName FROM Lead WHERE NOT Intent_Score__c > 50 ORDER BY LastName'
                ).records,
                'LastName'
            )
        ).toEqual(['Poe', 'Roe']);
        expect(
            names(
                store.query('SELECT LastName FROM Lead WHERE Intent_Score__c < 50').records,
                'LastName'
            )
        ).toEqual(['Roe']);
    });

    it('compares with null', () => {
        expect(
            names(store.query('SELECT LastName FROM Lead WHERE Email = null').records, 'LastName')
        ).toEqual(['Poe']);
        expect(store.query('SELECT LastName FROM Lead WHERE Email != null').totalSize).toBe(2);
    });

    it('supports IN and NOT IN lists', () => {
        expect(
            names(
                store.query(
                    "SELECT LastName FROM Lead WHERE Company IN ('hooli', 'Umbrella') ORDER BY LastName"
                ).records,
                'LastName'
            )
        ).toEqual(['Poe', 'Roe']);
        expect(
            names(
                store.query(
                    "SELECT LastName FROM Lead WHERE Email NOT IN ('roe@hooli.com') ORDER BY LastName"
                ).records,
                'LastName'
            )
        ).toEqual(['Doe', 'Poe']);
        expect(
            store.query('SELECT LastName FROM Lead WHERE Intent_Score__c IN (40, 80)').totalSize
        ).toBe(2);
    });

    it('supports semi-joins and anti-joins', () => {
        const inner = "SELECT Lead__c FROM SLA_Clock__c WHERE Status__c = 'Breached'";
        expect(
            names(
                store.query(`SELECT LastName FROM Lead WHERE Id IN (${inner})`).records,
                'LastName'
            )
        ).toEqual(['Roe']);
        expect(
            names(
                store.query(
                    `SELECT LastName FROM Lead WHERE Id NOT IN (${inner}) ORDER BY LastName`
                ).records,
                'LastName'
            )
        ).toEqual(['Doe', 'Poe']);
    });

    it('matches LIKE case-insensitively with escapes', () => {
        expect(
            names(
                store.query("SELECT LastName FROM Lead WHERE Email LIKE 'jane@%'").records,
                'LastName'
            )
        ).toEqual(['Doe']);
        expect(
            names(
                store.query("SELECT LastName FROM Lead WHERE Company LIKE '_oo%'").records,
                'LastName'
            )
        ).toEqual(['Roe']);
        const percent = store.insert('Lead', { LastName: 'Pct', Company: '100% Corp' });
        expect(
            store
                .query("SELECT Id FROM Lead WHERE Company LIKE '100\\%%'")
                .records.map((row) => row.Id)
        ).toEqual([percent]);
        store.delete('Lead', percent);
    });

    it('compares text case-insensitively and accepts 15-character Ids', () => {
        expect(store.query("SELECT Id FROM Account WHERE Name = 'ACME'").totalSize).toBe(1);
        expect(
            store.query(`SELECT Id FROM Account WHERE Id = '${data.acmeId.slice(0, 15)}'`)
                .records[0]?.Id
        ).toBe(data.acmeId);
    });

    it('orders with ASC, DESC and NULLS FIRST or LAST', () => {
        expect(
            names(
                store.query('SELECT LastName FROM Lead ORDER BY Intent_Score__c').records,
                'LastName'
            )
        ).toEqual(['Poe', 'Roe', 'Doe']);
        expect(
            names(
                store.query('SELECT LastName FROM Lead ORDER BY Intent_Score__c DESC').records,
                'LastName'
            )
        ).toEqual(['Doe', 'Roe', 'Poe']);
        expect(
            names(
                store.query('SELECT LastName FROM Lead ORDER BY Intent_Score__c ASC NULLS LAST')
                    .records,
                'LastName'
            )
        ).toEqual(['Roe', 'Doe', 'Poe']);
        expect(
            names(
                store.query('SELECT LastName FROM Lead ORDER BY Intent_Score__c DESC NULLS FIRST')
                    .records,
                'LastName'
            )
        ).toEqual(['Poe', 'Doe', 'Roe']);
        expect(
            names(
                store.query('SELECT LastName FROM Lead ORDER BY Owner.Name DESC, LastName').records,
                'LastName'
            )
        ).toEqual(['Doe', 'Poe', 'Roe']);
    });

    it('applies LIMIT and OFFSET', () => {
        const rows = store.query(
            'SELECT LastName FROM Lead ORDER BY LastName LIMIT 1 OFFSET 1'
        ).records;
        expect(names(rows, 'LastName')).toEqual(['Poe']);
    });

    it('counts with COUNT()', () => {
        expect(store.query("SELECT COUNT() FROM Lead WHERE LeadSource = 'Web'")).toEqual({
            totalSize: 2,
            done: true,
            records: []
        });
    });

    it('hides deleted records unless queryAll', () => {
        const id = store.insert('Account', { Name: 'Short-lived' });
        store.delete('Account', id);
        expect(store.query("SELECT Id FROM Account WHERE Name = 'Short-lived'").totalSize).toBe(0);
        const all = store.query("SELECT Id, IsDeleted FROM Account WHERE Name = 'Short-lived'", {
            includeDeleted: true
        });
        expect(all.records[0]?.IsDeleted).toBe(true);
    });

    it('queries custom metadata records', () => {
        const rows = store.query(
            "SELECT DeveloperName, MasterLabel, Version__c FROM SLA_Policy__mdt WHERE DeveloperName = 'Default'"
        ).records;
        expect(rows[0]?.MasterLabel).toBe('Default');
        expect(typeof rows[0]?.Version__c).toBe('string');
    });

    it('accepts an object alias and object-name prefixes', () => {
        expect(
            store.query("SELECT l.LastName FROM Lead l WHERE l.LastName = 'Doe'").totalSize
        ).toBe(1);
        expect(
            store.query("SELECT Lead.LastName FROM Lead WHERE Lead.LastName = 'Doe'").totalSize
        ).toBe(1);
    });
});
