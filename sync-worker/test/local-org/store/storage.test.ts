import './quiet-logs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { OrgStore } from '../../../src/local-org/store';
import { buildOrgSchema, readForceApp } from '../../../src/schema';
import { checkbox, text } from '../../../src/schema/field-builders';
import { caught, FORCE_APP, openStore, TestClock } from './store-fixture';

describe('storage', () => {
    let dataDir: string;

    beforeEach(() => {
        dataDir = mkdtempSync(path.join(tmpdir(), 'local-org-'));
    });

    afterEach(() => {
        rmSync(dataDir, { recursive: true, force: true });
    });

    it('keeps records and seeded Ids across a restart', () => {
        const first = openStore(new TestClock(), { dataDir });
        const leadId = first.insert('Lead', { LastName: 'Doe', Company: 'Acme' });
        const seeded = first.seeded;
        first.close();
        const second = openStore(new TestClock(), { dataDir });
        expect(second.seeded).toEqual(seeded);
        expect(second.retrieve('Lead', leadId).LastName).toBe('Doe');
        expect(second.query("SELECT COUNT() FROM Group WHERE Type = 'Queue'").totalSize).toBe(2);
        expect(second.query('SELECT COUNT() FROM SLA_Source_Tier__mdt').totalSize).toBeGreaterThan(
            0
        );
        const nextId = second.insert('Lead', { LastName: 'Roe', Company: 'Acme' });
        expect(nextId).not.toBe(leadId);
        second.close();
    });

    it('does not duplicate force-app records on reopen', () => {
        const first = openStore(new TestClock(), { dataDir });
        const count = (store: OrgStore, objectName: string) =>
            store.query(`SELECT COUNT() FROM ${objectName}`).totalSize;
        const before = [
            'Group',
            'QueueSobject',
            'CustomNotificationType',
            'SLA_Source_Tier__mdt'
        ].map((name) => count(first, name));
        first.close();
        const second = openStore(new TestClock(), { dataDir });
        const after = [
            'Group',
            'QueueSobject',
            'CustomNotificationType',
            'SLA_Source_Tier__mdt'
        ].map((name) => count(second, name));
        expect(after).toEqual(before);
        second.close();
    });

    it('keeps Ids unique when two stores share one database', () => {
        const first = openStore(new TestClock(), { dataDir });
        const second = openStore(new TestClock(), { dataDir });
        const ids = new Set<string>();
        for (let index = 0; index < 50; index += 1) {
            ids.add(first.insert('Lead', { LastName: `A${index}`, Company: 'One' }));
            ids.add(second.insert('Lead', { LastName: `B${index}`, Company: 'Two' }));
        }
        expect(ids.size).toBe(100);
        expect(first.query('SELECT COUNT() FROM Lead').totalSize).toBe(100);
        first.close();
        second.close();
    });

    it('starts empty after a reset', () => {
        const first = openStore(new TestClock(), { dataDir });
        first.insert('Lead', { LastName: 'Doe', Company: 'Acme' });
        first.close();
        const second = openStore(new TestClock(), { dataDir, reset: true });
        expect(second.query('SELECT COUNT() FROM Lead').totalSize).toBe(0);
        expect(second.query('SELECT COUNT() FROM User').totalSize).toBe(2);
        second.close();
    });

    it('adds columns for fields that force-app gained', () => {
        const first = openStore(new TestClock(), { dataDir });
        const leadId = first.insert('Lead', { LastName: 'Doe', Company: 'Acme' });
        first.close();
        const schema = buildOrgSchema(readForceApp(FORCE_APP));
        const lead = schema.objects.get('lead');
        lead?.fields.set('nickname__c', text('Nickname__c', 40));
        lead?.fields.set('vip__c', checkbox('VIP__c'));
        const second = openStore(new TestClock(), { dataDir, schema });
        second.update('Lead', leadId, { Nickname__c: 'JD' });
        expect(second.retrieve('Lead', leadId, ['Nickname__c']).Nickname__c).toBe('JD');
        expect(second.query('SELECT COUNT() FROM Lead WHERE VIP__c = false').totalSize).toBe(1);
        second.close();
    });
});

describe('transactions', () => {
    let store: OrgStore;

    beforeEach(() => {
        store = openStore();
    });

    afterEach(() => {
        store.close();
    });

    it('rolls back every write of a failed batch', () => {
        expect(() => {
            store.transaction(() => {
                store.insert('Account', { Name: 'One' });
                store.insert('Account', { Name: 'x'.repeat(300) });
            });
        }).toThrow();
        expect(store.query("SELECT COUNT() FROM Account WHERE Name = 'One'").totalSize).toBe(0);
    });

    it('keeps the other writes when a caught inner write fails', () => {
        store.transaction(() => {
            store.insert('Account', { Name: 'Kept' });
            expect(caught(() => store.insert('Account', {})).errorCode).toBe(
                'REQUIRED_FIELD_MISSING'
            );
        });
        expect(store.query("SELECT COUNT() FROM Account WHERE Name = 'Kept'").totalSize).toBe(1);
    });
});

describe('system fields', () => {
    it('sets audit fields and a SystemModstamp that never goes back', () => {
        const clock = new TestClock('2027-03-03T15:00:00.000Z');
        const store = openStore(clock);
        const id = store.insert('Account', { Name: 'Acme' });
        const created = store.retrieve('Account', id);
        expect(created.CreatedById).toBe(store.seeded.integrationUserId);
        expect(created.OwnerId).toBe(store.seeded.integrationUserId);
        expect(created.CreatedDate).toBe('2027-03-03T15:00:00.000+0000');
        clock.set('2027-03-03T14:00:00.000Z');
        store.update('Account', id, { Name: 'Acme 2' }, { userId: store.seeded.adminUserId });
        const updated = store.retrieve('Account', id);
        expect(updated.LastModifiedById).toBe(store.seeded.adminUserId);
        expect(updated.SystemModstamp).toBe('2027-03-03T15:00:00.000+0000');
        store.close();
    });
});

describe('indexes', () => {
    let store: OrgStore;

    beforeAll(() => {
        store = openStore();
        store.transaction(() => {
            for (let index = 0; index < 500; index += 1) {
                store.insert('Lead', {
                    LastName: `L${index}`,
                    Company: 'Bulk',
                    Email: `l${index}@example.com`
                });
            }
        });
    });

    afterAll(() => {
        store.close();
    });

    it.each([
        ['an email', "SELECT Id FROM Lead WHERE Email = 'l7@example.com'", 'ix_Lead_Email'],
        ['an Id', "SELECT Id FROM Lead WHERE Id = '00Q000000000001'", 'sqlite_autoindex_Lead'],
        [
            'an external ID',
            "SELECT Id FROM SLA_Clock__c WHERE Clock_Key__c = 'k'",
            'ix_SLA_Clock__c_Clock_Key__c'
        ],
        [
            'a lookup',
            "SELECT Id FROM SLA_Clock__c WHERE Lead__c = '00Q000000000001'",
            'ix_SLA_Clock__c_Lead__c'
        ],
        [
            'SystemModstamp',
            'SELECT Id FROM Lead WHERE SystemModstamp > 2027-03-01T00:00:00Z',
            'ix_Lead_SystemModstamp'
        ],
        [
            'a relative date on SystemModstamp',
            'SELECT Id FROM Lead WHERE SystemModstamp = TODAY',
            'ix_Lead_SystemModstamp'
        ],
        ['an IN list', "SELECT Id FROM Lead WHERE Email IN ('a@b.co', 'c@d.co')", 'ix_Lead_Email']
    ])('selects by %s with an index', (_name, soql, index) => {
        const plan = store.explainQuery(soql).join('\n');
        expect(plan).toContain(`USING INDEX ${index}`);
        expect(plan).not.toMatch(/^SCAN t0$/m);
    });

    it('uses the lookup index for a semi-join', () => {
        const plan = store.explainQuery(
            "SELECT Id FROM Lead WHERE Id IN (SELECT Lead__c FROM SLA_Clock__c WHERE Clock_Key__c = 'k')"
        );
        expect(plan.join('\n')).toContain('ix_SLA_Clock__c_Clock_Key__c');
    });

    it('scans for an unindexed field', () => {
        expect(store.explainQuery("SELECT Id FROM Lead WHERE Title = 'CEO'").join('\n')).toMatch(
            /SCAN t0/
        );
    });
});
