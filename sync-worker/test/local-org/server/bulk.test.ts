import { connect, DATA, rawRequest, startTestOrg } from './helpers';
import type { LocalOrg } from '../../../src/local-org';

const ROWS = 2_500;

function leadCsv(count: number, prefix: string): string {
    const lines = ['LastName,Company,Title'];
    for (let index = 0; index < count; index += 1) {
        lines.push(`${prefix} ${index},"Bulk, Inc.",`);
    }
    return `${lines.join('\n')}\n`;
}

async function waitForState(
    org: LocalOrg,
    kind: 'ingest' | 'query',
    id: string
): Promise<Record<string, unknown>> {
    for (let attempt = 0; attempt < 200; attempt += 1) {
        const info = (await rawRequest(org, 'GET', `${DATA}/jobs/${kind}/${id}`)).json() as Record<
            string,
            unknown
        >;
        if (info.state === 'JobComplete' || info.state === 'Failed' || info.state === 'Aborted') {
            return info;
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`Job ${id} did not finish.`);
}

describe('Bulk API 2.0', () => {
    let org: LocalOrg;

    beforeAll(async () => {
        org = await startTestOrg({ bulkResultsPageSize: 2_000 });
    });

    afterAll(async () => {
        await org.close();
    });

    it('ingests through jsforce bulk2 with per-row failures', async () => {
        const conn = connect(org);
        conn.bulk2.pollInterval = 20;
        const csv = `${leadCsv(ROWS, 'Ingest').trimEnd()}\n,No last name,\n`;
        const results = await conn.bulk2.loadAndWaitForResults({
            object: 'Lead',
            operation: 'insert',
            input: csv
        });
        expect(results.successfulResults).toHaveLength(ROWS);
        expect(results.successfulResults[0]).toMatchObject({
            sf__Created: 'true',
            LastName: 'Ingest 0',
            Company: 'Bulk, Inc.'
        });
        expect(results.failedResults).toHaveLength(1);
        expect(String(results.failedResults[0]?.sf__Error)).toMatch(/^REQUIRED_FIELD_MISSING:/);
        expect(results.unprocessedRecords).toHaveLength(0);
        const count = await conn.query("SELECT COUNT() FROM Lead WHERE LastName LIKE 'Ingest %'");
        expect(count.totalSize).toBe(ROWS);
    });

    it('clears a field with #N/A and reports job info', async () => {
        const conn = connect(org);
        const { id } = await conn
            .sobject('Lead')
            .create({ LastName: 'Clear me', Company: 'X', Title: 'CEO' });
        const created = (
            await rawRequest(org, 'POST', `${DATA}/jobs/ingest`, {
                body: JSON.stringify({ object: 'Lead', operation: 'update' })
            })
        ).json() as { id: string; state: string; contentUrl: string };
        expect(created.state).toBe('Open');
        expect(created.contentUrl).toBe(`services/data/v65.0/jobs/ingest/${created.id}/batches`);
        const upload = await rawRequest(org, 'PUT', `${DATA}/jobs/ingest/${created.id}/batches`, {
            body: `Id,Title,Company\n${id ?? ''},#N/A,\n`,
            headers: { 'Content-Type': 'text/csv' }
        });
        expect(upload.status).toBe(201);
        const closed = await rawRequest(org, 'PATCH', `${DATA}/jobs/ingest/${created.id}`, {
            body: '{"state":"UploadComplete"}'
        });
        expect(closed.json()).toMatchObject({ state: 'UploadComplete' });
        const info = await waitForState(org, 'ingest', created.id);
        expect(info).toMatchObject({
            state: 'JobComplete',
            numberRecordsProcessed: 1,
            numberRecordsFailed: 0,
            jobType: 'V2Ingest'
        });
        const lead = await conn.sobject('Lead').retrieve(id ?? '');
        expect(lead.Title).toBeNull();
        expect(lead.Company).toBe('X');
        const second = await rawRequest(org, 'PUT', `${DATA}/jobs/ingest/${created.id}/batches`, {
            body: 'Id\n'
        });
        expect(second.status).toBe(409);
    });

    it('fails a job whose header names an unknown field', async () => {
        const created = (
            await rawRequest(org, 'POST', `${DATA}/jobs/ingest`, {
                body: JSON.stringify({ object: 'Lead', operation: 'insert' })
            })
        ).json() as { id: string };
        await rawRequest(org, 'PUT', `${DATA}/jobs/ingest/${created.id}/batches`, {
            body: 'LastName,Bogus__c\nA,B\n'
        });
        await rawRequest(org, 'PATCH', `${DATA}/jobs/ingest/${created.id}`, {
            body: '{"state":"UploadComplete"}'
        });
        const info = await waitForState(org, 'ingest', created.id);
        expect(info).toMatchObject({
            state: 'Failed',
            errorMessage: 'InvalidBatch : Field name not found : Bogus__c'
        });
    });

    it('pages query results with Sforce-Locator and a repeated header', async () => {
        const created = (
            await rawRequest(org, 'POST', `${DATA}/jobs/query`, {
                body: JSON.stringify({
                    operation: 'query',
                    query: "SELECT Id, LastName, Owner.Username FROM Lead WHERE LastName LIKE 'Ingest %'"
                })
            })
        ).json() as { id: string; state: string };
        expect(created.state).toBe('UploadComplete');
        const info = await waitForState(org, 'query', created.id);
        expect(info).toMatchObject({
            state: 'JobComplete',
            numberRecordsProcessed: ROWS,
            jobType: 'V2Query'
        });
        const ids = new Set<string>();
        let locator: string | null = null;
        let pages = 0;
        do {
            const query: string =
                locator === null ? '?maxRecords=1000' : `?maxRecords=1000&locator=${locator}`;
            const page = await rawRequest(
                org,
                'GET',
                `${DATA}/jobs/query/${created.id}/results${query}`
            );
            expect(page.headers.get('content-type')).toBe('text/csv');
            const lines = page.text.trimEnd().split('\n');
            expect(lines[0]).toBe('"Id","LastName","Owner.Username"');
            expect(Number(page.headers.get('sforce-numberofrecords'))).toBe(lines.length - 1);
            for (const line of lines.slice(1)) {
                ids.add(line.split(',')[0] ?? '');
            }
            locator = page.headers.get('sforce-locator');
            expect(locator).not.toBeNull();
            locator = locator === 'null' ? null : locator;
            pages += 1;
        } while (locator !== null);
        expect(pages).toBe(3);
        expect(ids.size).toBe(ROWS);
    });

    // NOTE: jsforce 3.10's bulk2.query pipes every result page into one CSV parser that
    // the first page ends, so a multi-page result fails with "write after end" and never
    // settles. The worker must page Bulk API 2.0 results itself (see the test above);
    // bulk2.query is safe only when the result fits in one page.
    it('reads a one-page result through jsforce bulk2.query', async () => {
        const conn = connect(org);
        conn.bulk2.pollInterval = 20;
        const stream = await conn.bulk2.query(
            "SELECT Id, LastName FROM Lead WHERE LastName LIKE 'Ingest 1%'"
        );
        const records: Record<string, unknown>[] = [];
        await new Promise<void>((resolve, reject) => {
            stream.on('record', (record: Record<string, unknown>) => records.push(record));
            stream.on('end', () => {
                resolve();
            });
            stream.on('error', reject);
        });
        expect(records).toHaveLength(1_111);
        expect(records[0]).toEqual({
            Id: expect.stringMatching(/^00Q/) as unknown,
            LastName: expect.stringMatching(/^Ingest 1/) as unknown
        });
    });

    it('rejects results of an unknown job and a bad locator', async () => {
        const missing = await rawRequest(
            org,
            'GET',
            `${DATA}/jobs/query/750LO0000000001AAA/results`
        );
        expect(missing.status).toBe(404);
        const created = (
            await rawRequest(org, 'POST', `${DATA}/jobs/query`, {
                body: JSON.stringify({ operation: 'query', query: 'SELECT Id FROM User' })
            })
        ).json() as { id: string };
        await waitForState(org, 'query', created.id);
        const bad = await rawRequest(
            org,
            'GET',
            `${DATA}/jobs/query/${created.id}/results?locator=${Buffer.from('99999').toString('base64url')}`
        );
        expect(bad.status).toBe(400);
    });
});
