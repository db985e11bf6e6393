import './quiet-logs';
import type { OrgStore } from '../../../src/local-org/store';
import { errorCodeOf, openStore, TestClock } from './store-fixture';

describe('describe', () => {
    let store: OrgStore;

    beforeAll(() => {
        store = openStore();
    });

    afterAll(() => {
        store.close();
    });

    it('lists every object in describeGlobal', () => {
        const global = store.describeGlobal();
        const lead = global.sobjects.find((entry) => entry.name === 'Lead');
        expect(lead).toMatchObject({
            keyPrefix: '00Q',
            custom: false,
            createable: true,
            queryable: true
        });
        expect(global.sobjects.find((entry) => entry.name === 'SLA_Clock__c')?.custom).toBe(true);
        expect(global.sobjects.find((entry) => entry.name === 'SLA_Policy__mdt')?.createable).toBe(
            false
        );
    });

    it('describes fields in the REST shape', () => {
        const describe = store.describe('SLA_Clock__c');
        const key = describe.fields.find((field) => field.name === 'Clock_Key__c');
        expect(key).toMatchObject({
            type: 'string',
            length: 255,
            externalId: true,
            unique: true,
            nillable: true,
            createable: true
        });
        const type = describe.fields.find((field) => field.name === 'Type__c');
        expect(type?.restrictedPicklist).toBe(true);
        expect(type?.picklistValues[0]).toEqual({
            active: true,
            defaultValue: false,
            label: 'Response',
            validFor: null,
            value: 'Response'
        });
        const lead = describe.fields.find((field) => field.name === 'Lead__c');
        expect(lead).toMatchObject({
            type: 'reference',
            referenceTo: ['Lead'],
            relationshipName: 'Lead__r'
        });
        const intent = store
            .describe('Lead')
            .fields.find((field) => field.name === 'Intent_Score__c');
        expect(intent).toMatchObject({ type: 'double', precision: 3, scale: 0 });
    });

    it('describes child relationships', () => {
        const children = store.describe('Account').childRelationships;
        expect(children).toContainEqual({
            childSObject: 'Contact',
            field: 'AccountId',
            relationshipName: 'Contacts',
            cascadeDelete: true,
            deprecatedAndHidden: false,
            restrictedDelete: false
        });
    });

    it('answers NOT_FOUND for an unknown object', () => {
        expect(errorCodeOf(() => store.describe('Widget__c'))).toBe('NOT_FOUND');
    });
});

describe('seeding', () => {
    it('creates the organization, users, business hours and metadata records', () => {
        const store = openStore(new TestClock(), {
            seed: {
                timeZoneSidKey: 'Europe/Berlin',
                fiscalYearStartMonth: 4,
                businessHours: { monday: { start: '09:00', end: '17:00' } }
            }
        });
        const organization = store.query(
            'SELECT Id, TimeZoneSidKey, FiscalYearStartMonth FROM Organization'
        ).records[0];
        expect(organization).toMatchObject({
            Id: store.seeded.organizationId,
            TimeZoneSidKey: 'Europe/Berlin',
            FiscalYearStartMonth: 4
        });

        const users = store.query(
            'SELECT Username, IsActive, TimeZoneSidKey FROM User ORDER BY Username'
        ).records;
        expect(users.map((user) => user.Username)).toEqual([
            'admin@local-org.test',
            'integration@local-org.test'
        ]);
        expect(
            users.every((user) => user.IsActive === true && user.TimeZoneSidKey === 'Europe/Berlin')
        ).toBe(true);

        const hours = store.retrieve('BusinessHours', store.seeded.businessHoursId);
        expect(hours).toMatchObject({
            IsDefault: true,
            MondayStartTime: '09:00:00.000Z',
            MondayEndTime: '17:00:00.000Z',
            TuesdayStartTime: null
        });

        const alert = store.query(
            "SELECT Id, DeveloperName, MasterLabel FROM CustomNotificationType WHERE DeveloperName = 'SLA_Alert'"
        ).records[0];
        expect(alert?.MasterLabel).toBe('SLA Alert');
        expect(String(alert?.Id).startsWith('0ML')).toBe(true);
        store.close();
    });

    it('opens 24x7 business hours by default', () => {
        const store = openStore();
        const hours = store.retrieve('BusinessHours', store.seeded.businessHoursId);
        expect(hours).toMatchObject({
            SundayStartTime: '00:00:00.000Z',
            SundayEndTime: '00:00:00.000Z',
            TimeZoneSidKey: 'America/New_York'
        });
        store.close();
    });

    it('stores custom notifications', () => {
        const store = openStore();
        const typeId = String(
            store.query("SELECT Id FROM CustomNotificationType WHERE DeveloperName = 'SLA_Alert'")
                .records[0]?.Id
        );
        const stored = store.addNotification({
            customNotifTypeId: typeId,
            recipientIds: [store.seeded.adminUserId],
            title: 'Breach',
            body: 'Lead Doe breached'
        });
        expect(stored.id).toBe(1);
        expect(store.listNotifications()).toEqual([
            { ...stored, sentAt: '2027-03-03T15:00:00.000Z' }
        ]);
        store.close();
    });
});
