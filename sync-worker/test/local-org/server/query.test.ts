import { connect, DATA, rawRequest, startTestOrg } from './helpers';
import type { LocalOrg } from '../../../src/local-org';

const LEAD_COUNT = 5_200;

describe('query resources', () => {
    let org: LocalOrg;

    beforeAll(async () => {
        org = await startTestOrg();
        org.store.transaction(() => {
            for (let index = 0; index < LEAD_COUNT; index += 1) {
                org.store.insert('Lead', {
                    LastName: `Lead ${index}`,
                    Company: `Company ${index % 50}`
                });
            }
        });
    });

    afterAll(async () => {
        await org.close();
    });

    it('pages with nextRecordsUrl of the Salesforce shape', async () => {
        const response = await rawRequest(
            org,
            'GET',
            `${DATA}/query?q=${encodeURIComponent('SELECT Id, LastName FROM Lead')}`
        );
        expect(response.status).toBe(200);
        const body = response.json() as {
            totalSize: number;
            done: boolean;
            nextRecordsUrl: string;
            records: unknown[];
        };
        expect(Object.keys(body)).toEqual(['totalSize', 'done', 'nextRecordsUrl', 'records']);
        expect(body.totalSize).toBe(LEAD_COUNT);
        expect(body.done).toBe(false);
        expect(body.records).toHaveLength(2_000);
        expect(body.nextRecordsUrl).toMatch(
            /^\/services\/data\/v65\.0\/query\/01g[0-9A-Za-z]{15}-2000$/
        );
        const next = await rawRequest(org, 'GET', body.nextRecordsUrl);
        expect(next.json()).toMatchObject({ totalSize: LEAD_COUNT, done: false });
    });

    it('honours Sforce-Query-Options batchSize', async () => {
        const response = await rawRequest(
            org,
            'GET',
            `${DATA}/query?q=${encodeURIComponent('SELECT Id FROM Lead')}`,
            {
                headers: { 'Sforce-Query-Options': 'batchSize=500' }
            }
        );
        const body = response.json() as { records: unknown[]; nextRecordsUrl: string };
        expect(body.records).toHaveLength(500);
        expect(body.nextRecordsUrl).toMatch(/-500$/);
    });

    it('fetches every page through jsforce autoFetch up to maxFetch', async () => {
        const conn = connect(org);
        const all = await conn.query('SELECT Id, LastName FROM Lead', {
            autoFetch: true,
            maxFetch: 10_000
        });
        expect(all.records).toHaveLength(LEAD_COUNT);
        expect(new Set(all.records.map((record) => record.Id)).size).toBe(LEAD_COUNT);
        const capped = await conn.query('SELECT Id FROM Lead', {
            autoFetch: true,
            maxFetch: 4_100
        });
        expect(capped.records).toHaveLength(4_100);
    });

    it('includes deleted records only in queryAll', async () => {
        const conn = connect(org);
        const { id } = await conn
            .sobject('Lead')
            .create({ LastName: 'Deleted one', Company: 'Gone' });
        await conn.sobject('Lead').destroy(id ?? '');
        const soql = `SELECT Id, IsDeleted FROM Lead WHERE Id = '${id ?? ''}'`;
        expect((await conn.query(soql)).totalSize).toBe(0);
        const all = await conn.query(soql, { scanAll: true });
        expect(all.records[0]).toMatchObject({ Id: id, IsDeleted: true });
    });

    it('answers MALFORMED_QUERY, INVALID_FIELD and INVALID_TYPE', async () => {
        const cases: [string, string][] = [
            ['', 'MALFORMED_QUERY'],
            ['SELECT FROM Lead', 'MALFORMED_QUERY'],
            ['SELECT Nope__c FROM Lead', 'INVALID_FIELD'],
            ['SELECT Id FROM Nope__c', 'INVALID_TYPE']
        ];
        for (const [soql, errorCode] of cases) {
            const response = await rawRequest(
                org,
                'GET',
                `${DATA}/query?q=${encodeURIComponent(soql)}`
            );
            expect(response.status).toBe(400);
            expect(response.json()).toEqual([expect.objectContaining({ errorCode })]);
        }
    });

    it('answers INVALID_QUERY_LOCATOR for an unknown locator', async () => {
        const response = await rawRequest(org, 'GET', `${DATA}/query/01gLO0000000999AAA-2000`);
        expect(response.status).toBe(400);
        expect(response.json()).toEqual([
            expect.objectContaining({ errorCode: 'INVALID_QUERY_LOCATOR' })
        ]);
    });
});
