import { parseRecords } from '../../src/salesforce';

describe('parseRecords', () => {
    it('keeps valid records and reports bad ones with Id and reason', () => {
        const rows = [
            {
                attributes: { type: 'Lead' },
                Id: '00Q000000000001AAA',
                LastName: 'Good',
                Intent_Score__c: 72,
                IsDeleted: false
            },
            { Id: '00Q000000000002AAA', Intent_Score__c: 'seventy' },
            { Id: '00Q000000000003AAA', SystemModstamp: '2027-03-01T10:00:00' },
            { LastName: 'No Id' },
            'not a record'
        ];
        const { records, invalid } = parseRecords('Lead', rows);
        expect(records).toHaveLength(1);
        expect(records[0]).toMatchObject({
            Id: '00Q000000000001AAA',
            LastName: 'Good',
            Intent_Score__c: 72,
            Email: null
        });
        expect(invalid).toEqual([
            {
                object: 'Lead',
                id: '00Q000000000002AAA',
                reason: expect.stringContaining('Intent_Score__c') as unknown
            },
            {
                object: 'Lead',
                id: '00Q000000000003AAA',
                reason: expect.stringContaining('SystemModstamp') as unknown
            },
            { object: 'Lead', id: undefined, reason: expect.stringContaining('Id') as unknown },
            { object: 'Lead', id: undefined, reason: expect.any(String) as unknown }
        ]);
    });

    it('reads Bulk API CSV strings', () => {
        const { records, invalid } = parseRecords('Lead', [
            {
                Id: '00Q000000000001AAA',
                Intent_Score__c: '81.5',
                IsConverted: 'true',
                SystemModstamp: '2027-03-01T10:00:00.000Z',
                Email: ''
            }
        ]);
        expect(invalid).toEqual([]);
        expect(records[0]).toMatchObject({ Intent_Score__c: 81.5, IsConverted: true, Email: null });
        expect(records[0]?.SystemModstamp).toEqual(new Date('2027-03-01T10:00:00.000Z'));
    });
});
