import type { LocalOrg } from '../../src/local-org';
import { writeRecords, type RecordValues } from '../../src/salesforce';
import {
    captureLogs,
    connectTestSession,
    insertLeads,
    recordingClock,
    startTestOrg
} from './helpers';

function clocks(count: number, prefix: string, status = 'Open'): RecordValues[] {
    return Array.from({ length: count }, (_unused, index) => ({
        Clock_Key__c: `${prefix}-${index}`,
        Type__c: 'Response',
        Status__c: status,
        Due_At__c: '2027-03-01T10:00:00.000Z'
    }));
}

function countOf(org: LocalOrg, soql: string): number {
    return org.store.query(soql).totalSize;
}

describe('writeRecords against the local org', () => {
    let org: LocalOrg;

    beforeAll(async () => {
        captureLogs();
        org = await startTestOrg();
    });

    afterEach(() => {
        org.faults.clear();
    });

    afterAll(async () => {
        await org.close();
    });

    it('upserts by external ID and reports failing records with their key', async () => {
        const { session, client } = await connectTestSession(org);
        const records = clocks(450, 'upsert');
        records[7] = { ...records[7], Status__c: 'Bogus' };
        records[301] = { ...records[301], Type__c: 'Not a type' };
        const outcome = await writeRecords(client, [
            { kind: 'upsert', object: 'SLA_Clock__c', externalIdField: 'Clock_Key__c', records }
        ]);
        expect(outcome.succeeded).toHaveLength(448);
        expect(outcome.succeeded.every((record) => record.created === true)).toBe(true);
        expect(outcome.failed).toEqual([
            expect.objectContaining({
                object: 'SLA_Clock__c',
                key: 'upsert-7',
                errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
                retryable: false
            }),
            expect.objectContaining({
                key: 'upsert-301',
                errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST'
            })
        ]);
        expect(outcome.apiCalls).toBe(1);
        expect(session.meter.callsThisCycle).toBe(1);
        expect(
            countOf(org, "SELECT COUNT() FROM SLA_Clock__c WHERE Clock_Key__c LIKE 'upsert-%'")
        ).toBe(448);

        // Sending the same upsert again updates; it never duplicates.
        const again = await writeRecords(client, [
            {
                kind: 'upsert',
                object: 'SLA_Clock__c',
                externalIdField: 'Clock_Key__c',
                records: clocks(450, 'upsert', 'Met')
            }
        ]);
        expect(again.succeeded).toHaveLength(450);
        expect(again.succeeded.filter((record) => record.created === true)).toHaveLength(2);
        expect(
            countOf(org, "SELECT COUNT() FROM SLA_Clock__c WHERE Clock_Key__c LIKE 'upsert-%'")
        ).toBe(450);
        expect(
            countOf(
                org,
                "SELECT COUNT() FROM SLA_Clock__c WHERE Clock_Key__c LIKE 'upsert-%' AND Status__c = 'Met'"
            )
        ).toBe(450);
    });

    it('packs at most 5 collections into one composite', async () => {
        const { client } = await connectTestSession(org);
        const outcome = await writeRecords(client, [
            {
                kind: 'upsert',
                object: 'SLA_Clock__c',
                externalIdField: 'Clock_Key__c',
                records: clocks(1_100, 'many')
            }
        ]);
        expect(outcome.succeeded).toHaveLength(1_100);
        expect(outcome.apiCalls).toBe(2);
    });

    it('updates by Id and never writes converted leads', async () => {
        const { client } = await connectTestSession(org);
        const [open, convertedKnown, convertedUnknown] = insertLeads(org, 3, 'Convert Co');
        if (open === undefined || convertedKnown === undefined || convertedUnknown === undefined) {
            throw new Error('leads were not inserted');
        }
        org.store.convertLead(convertedKnown);
        org.store.convertLead(convertedUnknown);
        const outcome = await writeRecords(
            client,
            [
                {
                    kind: 'update',
                    object: 'Lead',
                    records: [open, convertedKnown, convertedUnknown].map((Id) => ({
                        Id,
                        Intent_Score__c: 55
                    }))
                }
            ],
            { convertedLeadIds: new Set([convertedKnown]) }
        );
        expect(outcome.succeeded.map((record) => record.key)).toEqual([open]);
        expect(outcome.skipped).toEqual([
            { object: 'Lead', key: convertedKnown, reason: 'converted-lead' },
            { object: 'Lead', key: convertedUnknown, reason: 'converted-lead' }
        ]);
        expect(outcome.failed).toEqual([]);
        const scores = org.store.query(
            `SELECT Id, Intent_Score__c FROM Lead WHERE Company = 'Convert Co'`
        ).records;
        expect(scores.filter((lead) => lead.Intent_Score__c === 55).map((lead) => lead.Id)).toEqual(
            [open]
        );
    });

    it('inserts records and returns their Ids', async () => {
        const { client } = await connectTestSession(org);
        const outcome = await writeRecords(client, [
            {
                kind: 'insert',
                object: 'Task',
                records: [{ Subject: 'Call back', Status: 'Not Started', Priority: 'High' }]
            }
        ]);
        expect(outcome.failed).toEqual([]);
        expect(outcome.succeeded).toEqual([
            {
                object: 'Task',
                key: '#0',
                id: expect.stringMatching(/^00T/) as unknown,
                created: undefined
            }
        ]);
    });

    it('resends only the records that hit UNABLE_TO_LOCK_ROW', async () => {
        const clock = recordingClock();
        const { session, client } = await connectTestSession(org, {}, clock);
        org.faults.inject({
            kind: 'recordError',
            errorCode: 'UNABLE_TO_LOCK_ROW',
            recordIndexes: [1, 3],
            match: { pathPattern: '/composite/sobjects/SLA_Clock__c/Clock_Key__c' }
        });
        const outcome = await writeRecords(client, [
            {
                kind: 'upsert',
                object: 'SLA_Clock__c',
                externalIdField: 'Clock_Key__c',
                records: clocks(5, 'locked')
            }
        ]);
        expect(outcome.succeeded.map((record) => record.key).sort()).toEqual([
            'locked-0',
            'locked-1',
            'locked-2',
            'locked-3',
            'locked-4'
        ]);
        expect(outcome.failed).toEqual([]);
        expect(session.meter.callsThisCycle).toBe(2);
        expect(clock.waits).toHaveLength(1);
    });

    it('reports records still locked after the last attempt as retryable', async () => {
        const { client } = await connectTestSession(org);
        org.faults.inject({
            kind: 'recordError',
            errorCode: 'UNABLE_TO_LOCK_ROW',
            recordIndexes: [0],
            match: { pathPattern: '/composite/sobjects/SLA_Clock__c/Clock_Key__c' },
            count: 'unlimited'
        });
        const outcome = await writeRecords(
            client,
            [
                {
                    kind: 'upsert',
                    object: 'SLA_Clock__c',
                    externalIdField: 'Clock_Key__c',
                    records: clocks(2, 'stuck')
                }
            ],
            { maxRecordAttempts: 3 }
        );
        expect(outcome.succeeded.map((record) => record.key)).toEqual(['stuck-1']);
        expect(outcome.failed).toEqual([
            expect.objectContaining({
                key: 'stuck-0',
                errorCode: 'UNABLE_TO_LOCK_ROW',
                retryable: true
            })
        ]);
        expect(outcome.apiCalls).toBe(3);
    });
});
