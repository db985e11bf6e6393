/**
 * Bad values at the two ends of the worker's input path, without an org: the record
 * schemas that decide what is skipped when read, and the log that names each skipped
 * record once a day.
 */
import { parseRecords } from '../../src/salesforce';
import { caseSafeSuffix } from '../../src/schema/ids';
import { BadRecordLog, countBadRecords, type BadRecord } from '../../src/sync/bad-records';
import { captureLogs } from '../salesforce/helpers';

const LEAD_15 = '00Q5e00000AbCdE';
const USER_15 = '0055e00000XyZ12';

describe('record schemas on bad values', () => {
    it('turns 15-character Ids into 18', () => {
        const { records, invalid } = parseRecords('Lead', [{ Id: LEAD_15, OwnerId: USER_15 }]);
        expect(invalid).toEqual([]);
        expect(records[0]?.Id).toBe(LEAD_15 + caseSafeSuffix(LEAD_15));
        expect(records[0]?.OwnerId).toBe(USER_15 + caseSafeSuffix(USER_15));
    });

    it.each([
        ['Intent_Score__c', 'high', 'Intent_Score__c: expected a number'],
        ['IsConverted', 'maybe', 'IsConverted: expected true or false'],
        ['SystemModstamp', 5, 'SystemModstamp: expected a datetime'],
        [
            'Last_Evaluated_At__c',
            '2027-03-01T10:00:00',
            'Last_Evaluated_At__c: expected a datetime'
        ],
        [
            'Matched_Account__c',
            'N/A',
            'Matched_Account__c: expected a 15- or 18-character record Id'
        ],
        ['ConvertedDate', '03/01/2027', 'ConvertedDate: expected a date YYYY-MM-DD']
    ])('names the field and the type for %s', (field, value, reason) => {
        const { records, invalid } = parseRecords('Lead', [{ Id: LEAD_15, [field]: value }]);
        expect(records).toEqual([]);
        expect(invalid).toHaveLength(1);
        expect(invalid[0]?.id).toBe(LEAD_15 + caseSafeSuffix(LEAD_15));
        expect(invalid[0]?.reason).toContain(reason);
    });
});

describe('bad record log', () => {
    const records: BadRecord[] = [
        { object: 'Lead', id: '00Q000000000001AAA', reason: 'X: expected a number', stage: 'read' },
        {
            object: 'Engagement_Signal__c',
            id: 'a00000000000001AAA',
            reason: 'Skipped: Weight__c -2 is negative',
            stage: 'evaluation'
        }
    ];

    it('warns once a day per record and reason', () => {
        const logs = captureLogs();
        const log = new BadRecordLog();
        const day = new Date('2027-03-10T09:00:00Z');
        log.report(records, day);
        log.report(records, new Date('2027-03-10T18:00:00Z'));
        log.report(records, new Date('2027-03-11T09:00:00Z'));
        const warnings = logs.filter((entry) => entry.module === 'sync.input');
        const warned = warnings.filter((entry) => entry.level === 'warn');
        expect(warned.map((entry) => entry.id)).toEqual([
            '00Q000000000001AAA',
            'a00000000000001AAA',
            '00Q000000000001AAA',
            'a00000000000001AAA'
        ]);
        expect(warned[0]?.message).toContain('Lead 00Q000000000001AAA');
        expect(warned[0]?.message).toContain('X: expected a number');
        expect(warned[1]?.message).toContain('Weight__c -2 is negative');
    });

    it('caps warnings per cycle and counts the rest', () => {
        const logs = captureLogs();
        const many: BadRecord[] = Array.from({ length: 150 }, (_, index) => ({
            object: 'Lead',
            id: `00Q${String(index).padStart(15, '0')}`,
            reason: 'Intent_Score__c: expected a number',
            stage: 'read'
        }));
        new BadRecordLog().report(many, new Date('2027-03-10T09:00:00Z'));
        const warned = logs.filter(
            (entry) => entry.module === 'sync.input' && entry.level === 'warn'
        );
        expect(warned).toHaveLength(101);
        expect(warned[100]?.message).toContain('Skipped 50 more bad records');
    });

    it('counts records by object and reason', () => {
        const counts = countBadRecords([...records, ...records.slice(0, 1)]);
        expect(counts.count).toBe(3);
        expect(counts.byReason).toEqual({
            'Lead: X: expected a number': 2,
            'Engagement_Signal__c: Skipped: Weight__c -2 is negative': 1
        });
    });
});
