import { connect, DATA, rawRequest, startTestOrg, unusedId } from './helpers';
import type { LocalOrg } from '../../../src/local-org';

const lead = (name: string): Record<string, string> => ({
    LastName: name,
    Company: 'Collections Inc'
});

describe('sObject Collections', () => {
    let org: LocalOrg;

    beforeAll(async () => {
        org = await startTestOrg();
    });

    afterAll(async () => {
        await org.close();
    });

    async function countLeads(lastNamePrefix: string): Promise<number> {
        const result = await connect(org).query(
            `SELECT Id FROM Lead WHERE LastName LIKE '${lastNamePrefix}%'`
        );
        return result.totalSize;
    }

    it('creates with allOrNone false and reports each record', async () => {
        const results = await connect(org)
            .sobject('Lead')
            .create([lead('Partial A'), { Company: 'Missing last name' }, lead('Partial B')], {
                allOrNone: false
            });
        expect(results[0]).toMatchObject({ success: true, errors: [] });
        expect(results[1]).toEqual({
            success: false,
            errors: [
                expect.objectContaining({
                    statusCode: 'REQUIRED_FIELD_MISSING',
                    fields: ['LastName']
                })
            ]
        });
        expect(results[2]).toMatchObject({ success: true });
        expect(await countLeads('Partial ')).toBe(2);
    });

    it('rolls everything back with allOrNone true', async () => {
        const results = await connect(org)
            .sobject('Lead')
            .create([lead('Atomic A'), { Company: 'Missing last name' }, lead('Atomic B')], {
                allOrNone: true
            });
        const rolledBack = {
            id: null,
            success: false,
            errors: [
                {
                    statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
                    message:
                        'Record rolled back because not all records were valid and the request was using AllOrNone header',
                    fields: []
                }
            ]
        };
        expect(results[0]).toEqual(rolledBack);
        expect(results[1]).toMatchObject({
            success: false,
            errors: [{ statusCode: 'REQUIRED_FIELD_MISSING' }]
        });
        expect(results[2]).toEqual(rolledBack);
        expect(await countLeads('Atomic ')).toBe(0);
    });

    it('updates, upserts, retrieves and deletes', async () => {
        const conn = connect(org);
        const created = await conn.sobject('Lead').create([lead('Many A'), lead('Many B')]);
        const ids = created.map((result) => result.id ?? '');
        const updated = await conn
            .sobject('Lead')
            .update(ids.map((Id) => ({ Id, Title: 'Director' })));
        expect(updated).toEqual(ids.map((id) => ({ id, success: true, errors: [] })));
        const retrieved = await conn
            .sobject('Lead')
            .retrieve([...ids, unusedId('00Q')], { fields: ['Id', 'Title'] });
        expect(retrieved[0]).toMatchObject({ Id: ids[0], Title: 'Director' });
        expect(retrieved[2]).toBeNull();

        const signals = await conn.sobject('Engagement_Signal__c').upsert(
            [
                {
                    External_Id__c: 'col-1',
                    Type__c: 'Web Visit',
                    Occurred_At__c: '2027-03-01T10:00:00.000+0000'
                },
                {
                    External_Id__c: 'col-2',
                    Type__c: 'Web Visit',
                    Occurred_At__c: '2027-03-01T10:00:00.000+0000'
                }
            ],
            'External_Id__c'
        );
        expect(signals.map((result) => result.created)).toEqual([true, true]);
        const again = await conn.sobject('Engagement_Signal__c').upsert(
            [
                {
                    External_Id__c: 'col-1',
                    Type__c: 'Email Click',
                    Occurred_At__c: '2027-03-01T10:00:00.000+0000'
                }
            ],
            'External_Id__c'
        );
        expect(again[0]).toMatchObject({ success: true, created: false, id: signals[0]?.id });

        const deleted = await conn.sobject('Lead').destroy([...ids, unusedId('00Q')]);
        expect(deleted[0]).toEqual({ id: ids[0], success: true, errors: [] });
        expect(deleted[2]).toMatchObject({ id: unusedId('00Q'), success: false });
    });

    it('answers 400 EXCEEDED_ID_LIMIT above 200 records', async () => {
        const records = Array.from({ length: 201 }, (_, index) => ({
            attributes: { type: 'Lead' },
            ...lead(`Big ${index}`)
        }));
        const response = await rawRequest(org, 'POST', `${DATA}/composite/sobjects`, {
            body: JSON.stringify({ allOrNone: false, records })
        });
        expect(response.status).toBe(400);
        expect(response.json()).toEqual([
            expect.objectContaining({ errorCode: 'EXCEEDED_ID_LIMIT' })
        ]);
    });

    it('fails chosen records with an injected UNABLE_TO_LOCK_ROW', async () => {
        org.faults.inject({
            kind: 'recordError',
            errorCode: 'UNABLE_TO_LOCK_ROW',
            recordIndexes: [1],
            match: { pathPattern: '/composite/sobjects$' }
        });
        const results = await connect(org)
            .sobject('Lead')
            .create([lead('Locked A'), lead('Locked B')]);
        expect(results[0]).toMatchObject({ success: true });
        expect(results[1]).toMatchObject({
            success: false,
            errors: [{ statusCode: 'UNABLE_TO_LOCK_ROW' }]
        });
        const retried = await connect(org)
            .sobject('Lead')
            .create([lead('Locked B')]);
        expect(retried[0]).toMatchObject({ success: true });
    });
});
