import { connect, startTestOrg } from './helpers';
import type { LocalOrg } from '../../../src/local-org';

const signal = (externalId: string, type: string): Record<string, string> => ({
    External_Id__c: externalId,
    Type__c: type,
    Occurred_At__c: '2027-03-01T10:00:00.000+0000'
});

describe('upsert with a repeated external ID', () => {
    let org: LocalOrg;

    beforeAll(async () => {
        org = await startTestOrg();
    });

    afterAll(async () => {
        await org.close();
    });

    async function countSignals(externalId: string): Promise<number> {
        const result = await connect(org).query(
            `SELECT Id FROM Engagement_Signal__c WHERE External_Id__c = '${externalId}'`
        );
        return result.totalSize;
    }

    it('fails both records in sObject Collections', async () => {
        const results = await connect(org)
            .sobject('Engagement_Signal__c')
            .upsert(
                [
                    signal('dup-1', 'Web Visit'),
                    signal('dup-1', 'Email Click'),
                    signal('dup-2', 'Web Visit')
                ],
                'External_Id__c',
                { allOrNone: false }
            );
        for (const result of results.slice(0, 2)) {
            expect(result.success).toBe(false);
            expect(result).toMatchObject({
                errors: [
                    expect.objectContaining({
                        statusCode: 'DUPLICATE_EXTERNAL_ID',
                        message: 'Duplicate external id specified: dup-1'
                    })
                ]
            });
        }
        expect(results[2]?.success).toBe(true);
        expect(await countSignals('dup-1')).toBe(0);
    });

    it('fails both rows of a Bulk 2.0 upsert job', async () => {
        const conn = connect(org);
        conn.bulk2.pollInterval = 20;
        const csv = [
            'External_Id__c,Type__c,Occurred_At__c',
            'bulk-dup,Web Visit,2027-03-01T10:00:00.000Z',
            'bulk-dup,Email Click,2027-03-01T10:00:00.000Z',
            'bulk-one,Web Visit,2027-03-01T10:00:00.000Z',
            ''
        ].join('\n');
        const results = await conn.bulk2.loadAndWaitForResults({
            object: 'Engagement_Signal__c',
            operation: 'upsert',
            externalIdFieldName: 'External_Id__c',
            input: csv
        });
        expect(results.successfulResults).toHaveLength(1);
        expect(results.failedResults).toHaveLength(2);
        for (const failed of results.failedResults) {
            expect(failed.sf__Error).toMatch(
                /^DUPLICATE_EXTERNAL_ID:Duplicate external id specified: bulk-dup:/
            );
        }
        expect(await countSignals('bulk-dup')).toBe(0);
    });
});
