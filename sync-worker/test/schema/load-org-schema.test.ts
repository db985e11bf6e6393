import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadOrgSchema, MetadataFileError, STANDARD_OBJECTS } from '../../src/schema';
import type { OrgSchema } from '../../src/schema/types';

const FORCE_APP = path.join(__dirname, '..', '..', '..', 'force-app');

const KEY_PREFIXES: Record<string, string> = {
    Lead: '00Q',
    Contact: '003',
    Account: '001',
    Opportunity: '006',
    Task: '00T',
    Event: '00U',
    User: '005',
    Group: '00G',
    GroupMember: '011',
    BusinessHours: '01m',
    Holiday: '0C0',
    Campaign: '701',
    CampaignMember: '00v',
    CustomNotificationType: '0ML',
    Organization: '00D'
};

const OWNED = ['Lead', 'Contact', 'Account', 'Opportunity', 'Task', 'Event', 'Campaign', 'Group'];

function field(schema: OrgSchema, objectName: string, fieldName: string) {
    return schema.objects.get(objectName.toLowerCase())?.fields.get(fieldName.toLowerCase());
}

describe('standard objects', () => {
    it.each(Object.entries(KEY_PREFIXES))('%s has key prefix %s', (name, prefix) => {
        expect(STANDARD_OBJECTS.find((object) => object.name === name)?.keyPrefix).toBe(prefix);
    });

    it.each(STANDARD_OBJECTS.map((object) => [object.name]))('%s has the system fields', (name) => {
        const object = STANDARD_OBJECTS.find((candidate) => candidate.name === name);
        for (const systemField of [
            'Id',
            'IsDeleted',
            'CreatedDate',
            'CreatedById',
            'LastModifiedDate',
            'LastModifiedById',
            'SystemModstamp'
        ]) {
            expect(object?.fields.get(systemField.toLowerCase())?.name).toBe(systemField);
        }
        expect(object?.fields.has('ownerid')).toBe(OWNED.includes(name));
    });

    it('defines the polymorphic lookups', () => {
        const task = STANDARD_OBJECTS.find((object) => object.name === 'Task');
        expect(task?.fields.get('whoid')?.referenceTo).toEqual(['Contact', 'Lead']);
        expect(task?.fields.get('whoid')?.relationshipName).toBe('Who');
        expect(task?.fields.get('ownerid')?.referenceTo).toEqual(['User', 'Group']);
    });
});

describe('loadOrgSchema', () => {
    let schema: OrgSchema;

    beforeAll(() => {
        schema = loadOrgSchema(FORCE_APP);
    });

    it('adds custom fields to standard objects', () => {
        const intent = field(schema, 'Lead', 'Intent_Score__c');
        expect(intent?.type).toBe('double');
        expect(intent?.precision).toBe(3);
        expect(intent?.scale).toBe(0);
        expect(field(schema, 'Lead', 'Matched_Account__c')?.referenceTo).toEqual(['Account']);
    });

    it('keeps standard fields that force-app only configures', () => {
        expect(field(schema, 'Lead', 'OwnerId')?.referenceTo).toEqual(['User', 'Group']);
        expect(field(schema, 'Lead', 'OwnerId')?.relationshipName).toBe('Owner');
    });

    it('puts Activity fields on Task and Event', () => {
        for (const objectName of ['Task', 'Event']) {
            expect(field(schema, objectName, 'SLA_Clock__c')?.referenceTo).toEqual([
                'SLA_Clock__c'
            ]);
            expect(field(schema, objectName, 'Exploratory__c')?.type).toBe('boolean');
        }
    });

    it('reads custom objects with their relationships', () => {
        const clock = schema.objects.get('sla_clock__c');
        expect(clock?.kind).toBe('custom');
        expect(clock?.keyPrefix).toMatch(/^a[0-9A-Za-z]{2}$/);
        expect(clock?.fields.get('name')?.autoNumber).toBe(true);
        expect(clock?.fields.get('lead__c')?.relationshipName).toBe('Lead__r');
        const key = clock?.fields.get('clock_key__c');
        expect(key?.externalId).toBe(true);
        expect(key?.unique).toBe(true);
        expect(key?.caseSensitive).toBe(true);
        expect(
            schema.objects.get('lead')?.childRelationships.get('sla_clocks__r')?.childSObject
        ).toBe('SLA_Clock__c');
    });

    it('reads restricted picklists', () => {
        const type = field(schema, 'SLA_Clock__c', 'Type__c');
        expect(type?.restrictedPicklist).toBe(true);
        expect(type?.picklistValues?.map((entry) => entry.value)).toContain('Response');
    });

    it('applies the Lead Status value set', () => {
        const status = field(schema, 'Lead', 'Status');
        expect(status?.picklistValues?.map((entry) => entry.value)).toContain('Rejected');
        expect(status?.defaultValue).toBe('Open - Not Contacted');
        expect(status?.picklistValues?.find((entry) => entry.converted)?.value).toBe(
            'Closed - Converted'
        );
    });

    it('loads custom metadata types and records', () => {
        const policy = schema.objects.get('sla_policy__mdt');
        expect(policy?.kind).toBe('customMetadata');
        expect(policy?.keyPrefix).toMatch(/^m[0-9A-Za-z]{2}$/);
        const record = schema.metadataRecords.find(
            (entry) =>
                entry.objectName === 'SLA_Policy__mdt' && entry.values.DeveloperName === 'Default'
        );
        expect(record?.values.QualifiedApiName).toBe('Default');
        expect(typeof record?.values.Version__c).toBe('string');
        expect(record?.values.Assign_Owners__c).toBe(true);
    });

    it('turns queues into Group records', () => {
        const queues = schema.metadataRecords.filter((entry) => entry.objectName === 'Group');
        expect(queues.map((entry) => entry.values.DeveloperName).sort()).toEqual([
            'Marketing_Nurture',
            'RevOps'
        ]);
        expect(queues.every((entry) => entry.values.Type === 'Queue')).toBe(true);
        expect(schema.queueSobjects.get('Marketing_Nurture')).toContain('Lead');
    });

    it('reads custom notification types', () => {
        expect(schema.notificationTypes).toContain('SLA_Alert');
    });
});

describe('broken metadata', () => {
    let folder: string;

    beforeEach(() => {
        folder = mkdtempSync(path.join(tmpdir(), 'force-app-'));
    });

    afterEach(() => {
        rmSync(folder, { recursive: true, force: true });
    });

    it('names a field file that is not well-formed', () => {
        const fields = path.join(folder, 'objects', 'Thing__c', 'fields');
        mkdirSync(fields, { recursive: true });
        const broken = path.join(fields, 'Size__c.field-meta.xml');
        writeFileSync(
            broken,
            '<CustomField><fullName>Size__c</fullName><type>Number</CustomField>'
        );
        const load = () => loadOrgSchema(folder);
        expect(load).toThrow(MetadataFileError);
        expect(load).toThrow(broken);
    });

    it('loads a minimal custom object', () => {
        const objectDir = path.join(folder, 'objects', 'Thing__c');
        mkdirSync(path.join(objectDir, 'fields'), { recursive: true });
        writeFileSync(
            path.join(objectDir, 'Thing__c.object-meta.xml'),
            '<CustomObject><label>Thing</label><nameField><type>Text</type><label>Name</label></nameField></CustomObject>'
        );
        writeFileSync(
            path.join(objectDir, 'fields', 'Size__c.field-meta.xml'),
            '<CustomField><fullName>Size__c</fullName><type>Number</type><precision>4</precision><scale>1</scale></CustomField>'
        );
        const thing = loadOrgSchema(folder).objects.get('thing__c');
        expect(thing?.fields.get('size__c')?.precision).toBe(4);
        expect(thing?.fields.get('name')?.autoNumber).toBe(false);
        expect(thing?.fields.get('ownerid')?.referenceTo).toEqual(['User', 'Group']);
    });
});
