import { fieldNamesOf } from '../../src/schema/records';
import {
    collectionSubrequest,
    planCollections,
    type WriteOperation
} from '../../src/salesforce/write-plan';

const ROOT = '/services/data/v65.0';

function leadIds(count: number): string[] {
    return Array.from(
        { length: count },
        (_unused, index) => `00Q${String(index).padStart(12, '0')}AAA`
    );
}

describe('planCollections', () => {
    it('splits records into collections of 200', () => {
        const operation: WriteOperation = {
            kind: 'update',
            object: 'Lead',
            records: leadIds(450).map((Id) => ({ Id, Intent_Score__c: 50 }))
        };
        const { collections, rejected } = planCollections([operation]);
        expect(collections.map((collection) => collection.records.length)).toEqual([200, 200, 50]);
        expect(rejected).toEqual([]);
    });

    it('rejects records without their key and keeps the rest', () => {
        const { collections, rejected } = planCollections([
            {
                kind: 'update',
                object: 'Lead',
                records: [{ Id: "00Q' OR 1=1" }, { Id: leadIds(1)[0] }]
            },
            {
                kind: 'upsert',
                object: 'SLA_Clock__c',
                externalIdField: 'Clock_Key__c',
                records: [{ Status__c: 'Open' }]
            }
        ]);
        expect(collections.map((collection) => collection.records.length)).toEqual([1]);
        expect(rejected).toEqual([
            {
                object: 'Lead',
                key: '#0',
                errorCode: 'MALFORMED_ID',
                message: 'The record to update has no valid Id.'
            },
            {
                object: 'SLA_Clock__c',
                key: '#0',
                errorCode: 'MISSING_EXTERNAL_ID',
                message: 'The record to upsert has no Clock_Key__c.'
            }
        ]);
    });

    it('raises on a field outside the record schema', () => {
        expect(() =>
            planCollections([
                { kind: 'insert', object: 'Task', records: [{ Subject: 'Call', Secret__c: 'x' }] }
            ])
        ).toThrow('Secret__c is not a field of Task');
    });

    it('raises on an upsert key outside the record schema', () => {
        expect(() =>
            planCollections([
                { kind: 'upsert', object: 'SLA_Clock__c', externalIdField: 'Name__c', records: [] }
            ])
        ).toThrow('Name__c is not a field of SLA_Clock__c');
        expect(fieldNamesOf('SLA_Clock__c')).toContain('Clock_Key__c');
    });
});

describe('collectionSubrequest', () => {
    it('upserts by external ID with allOrNone false', () => {
        const { collections } = planCollections([
            {
                kind: 'upsert',
                object: 'SLA_Clock__c',
                externalIdField: 'Clock_Key__c',
                records: [{ Clock_Key__c: 'k1', Status__c: 'Open' }]
            }
        ]);
        const [collection] = collections;
        if (collection === undefined) {
            throw new Error('no collection planned');
        }
        expect(collectionSubrequest(collection, ROOT, 'w0')).toEqual({
            method: 'PATCH',
            url: `${ROOT}/composite/sobjects/SLA_Clock__c/Clock_Key__c`,
            referenceId: 'w0',
            body: {
                allOrNone: false,
                records: [
                    { attributes: { type: 'SLA_Clock__c' }, Clock_Key__c: 'k1', Status__c: 'Open' }
                ]
            }
        });
    });

    it.each([
        ['Lead', 'update', { 'Sforce-Auto-Assign': 'FALSE' }],
        ['Account', 'update', { 'Sforce-Auto-Assign': 'FALSE' }],
        ['Contact', 'update', undefined],
        ['Task', 'insert', undefined]
    ] as const)('sends Sforce-Auto-Assign on %s %s: %j', (object, kind, headers) => {
        const record = kind === 'update' ? { Id: '001000000000001AAA' } : { Subject: 'Call' };
        const { collections } = planCollections([{ kind, object, records: [record] }]);
        const [collection] = collections;
        if (collection === undefined) {
            throw new Error('no collection planned');
        }
        const subrequest = collectionSubrequest(collection, ROOT, 'w0');
        expect(subrequest.httpHeaders).toEqual(headers);
        expect(subrequest.method).toBe(kind === 'insert' ? 'POST' : 'PATCH');
    });
});
