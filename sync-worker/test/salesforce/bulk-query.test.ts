import type { LocalOrg } from '../../src/local-org';
import {
    BulkQueryError,
    changeQuery,
    readBulkQuery,
    RestClient,
    type RestRequest,
    type RestResponse
} from '../../src/salesforce';
import { captureLogs, connectTestSession, insertLeads, startTestOrg } from './helpers';

const RESULTS = { method: 'GET', pathPattern: '/jobs/query/[^/]+/results$' };

describe('readBulkQuery against the local org', () => {
    let org: LocalOrg;

    beforeAll(async () => {
        captureLogs();
        org = await startTestOrg();
        insertLeads(org, 450, 'Bulk Co');
    });

    afterEach(() => {
        org.faults.clear();
    });

    afterAll(async () => {
        await org.close();
    });

    it('pages the results itself through Sforce-Locator', async () => {
        const { session, client } = await connectTestSession(org);
        const pages: number[] = [];
        const outcome = await readBulkQuery(
            client,
            { object: 'Lead', soql: changeQuery('Lead') },
            {
                pageSize: 100,
                pollIntervalMs: 10,
                onPage: (page) => {
                    pages.push(page.records.length);
                }
            }
        );
        expect(pages).toEqual([100, 100, 100, 100, 50]);
        expect(outcome).toMatchObject({
            rowsRead: 450,
            pages: 5,
            restarts: 0,
            invalid: [],
            records: []
        });
        expect(outcome.jobId).toMatch(/^750/);
        const calls = session.meter.snapshot().cycleCallsByResource;
        expect(calls['jobs/query']).toBeGreaterThanOrEqual(7);
    });

    it('collects validated records when no page callback is given', async () => {
        const { client } = await connectTestSession(org);
        const outcome = await readBulkQuery(
            client,
            { object: 'Lead', soql: changeQuery('Lead') },
            { pageSize: 200, pollIntervalMs: 10 }
        );
        expect(outcome.records).toHaveLength(450);
        expect(outcome.records[0]?.Company).toBe('Bulk Co');
        expect(outcome.records[0]?.SystemModstamp).toBeInstanceOf(Date);
        expect(outcome.records[0]?.IsDeleted).toBe(false);
    });

    it('requests a page again when Sforce-Locator is missing once', async () => {
        const { client } = await connectTestSession(org);
        org.faults.inject({
            kind: 'omitHeader',
            header: 'Sforce-Locator',
            match: RESULTS,
            skip: 1
        });
        const outcome = await readBulkQuery(
            client,
            { object: 'Lead', soql: changeQuery('Lead') },
            { pageSize: 200, pollIntervalMs: 10 }
        );
        expect(outcome.rowsRead).toBe(450);
        expect(outcome.pages).toBe(3);
    });

    it('fails clearly when Sforce-Locator stays missing', async () => {
        const { session, client } = await connectTestSession(org);
        org.faults.inject({
            kind: 'omitHeader',
            header: 'Sforce-Locator',
            match: RESULTS,
            count: 'unlimited'
        });
        const error: unknown = await readBulkQuery(
            client,
            { object: 'Lead', soql: changeQuery('Lead') },
            { pageSize: 200, pollIntervalMs: 10 }
        ).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(BulkQueryError);
        expect(error).toMatchObject({ errorCode: 'MISSING_LOCATOR' });
        expect((error as BulkQueryError).jobId).toMatch(/^750/);
        expect((error as Error).message).toContain('came without a Sforce-Locator header 3 times');
        expect(session.meter.snapshot().cycleCallsByResource['jobs/query']).toBeLessThan(10);
    });

    it('reads from the first page again when a locator expired', async () => {
        const { client } = await connectTestSession(org);
        org.faults.inject({
            kind: 'status',
            status: 400,
            errorCode: 'INVALIDLOCATOR',
            message: 'Invalid locator',
            match: RESULTS,
            skip: 2
        });
        let restarts = 0;
        const outcome = await readBulkQuery(
            client,
            { object: 'Lead', soql: changeQuery('Lead') },
            {
                pageSize: 200,
                pollIntervalMs: 10,
                onRestart: () => {
                    restarts += 1;
                }
            }
        );
        expect(restarts).toBe(1);
        expect(outcome).toMatchObject({ restarts: 1, rowsRead: 450, pages: 3 });
    });

    it('fails when the locator expires again after the restart', async () => {
        const { client } = await connectTestSession(org);
        org.faults.inject({
            kind: 'status',
            status: 400,
            errorCode: 'INVALIDLOCATOR',
            match: RESULTS,
            skip: 1,
            count: 'unlimited'
        });
        await expect(
            readBulkQuery(
                client,
                { object: 'Lead', soql: changeQuery('Lead') },
                { pageSize: 200, pollIntervalMs: 10 }
            )
        ).rejects.toMatchObject({ name: 'BulkQueryError', errorCode: 'LOCATOR_EXPIRED' });
    });

    it('raises the error of a query Bulk API rejects', async () => {
        const { client } = await connectTestSession(org);
        await expect(
            readBulkQuery(
                client,
                { object: 'Lead', soql: 'SELECT Id, (SELECT Id FROM Tasks) FROM Lead' },
                { pollIntervalMs: 10 }
            )
        ).rejects.toMatchObject({ kind: 'client' });
    });
});

/** A client that returns scripted job states and records every request. */
class PollingClient extends RestClient {
    public readonly requests: RestRequest[] = [];

    public override send(request: RestRequest): Promise<RestResponse> {
        this.requests.push(request);
        const body =
            request.method === 'POST'
                ? { id: '750000000000001AAA', state: 'UploadComplete' }
                : { id: '750000000000001AAA', state: 'InProgress' };
        return Promise.resolve({ status: 200, headers: {}, body });
    }
}

describe('readBulkQuery poll deadline', () => {
    let org: LocalOrg;

    beforeAll(async () => {
        captureLogs();
        org = await startTestOrg();
    });

    afterAll(async () => {
        await org.close();
    });

    it('stops polling at the deadline and leaves the job alone', async () => {
        const { client } = await connectTestSession(org);
        const polling = new PollingClient(client.session);
        let now = 0;
        const waits: number[] = [];
        polling.session.clock.sleep = (ms) => {
            waits.push(ms);
            now += ms;
            return Promise.resolve();
        };
        const error: unknown = await readBulkQuery(
            polling,
            { object: 'Lead', soql: changeQuery('Lead') },
            { pollTimeoutMs: 30_000, now: () => now }
        ).catch((caught: unknown) => caught);
        expect(error).toMatchObject({
            name: 'BulkQueryError',
            errorCode: 'POLL_TIMEOUT',
            jobId: '750000000000001AAA'
        });
        expect(waits).toEqual([1_000, 1_500, 2_250, 3_375, 5_063, 7_595]);
        expect(
            polling.requests.every(
                (request) => request.method === 'POST' || request.method === 'GET'
            )
        ).toBe(true);
        expect(polling.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
    });

    it('resumes an existing job by Id without creating one', async () => {
        const { client } = await connectTestSession(org);
        const polling = new PollingClient(client.session);
        await expect(
            readBulkQuery(
                polling,
                { object: 'Lead', soql: changeQuery('Lead') },
                { resumeJobId: "750' OR 1=1", now: () => 0 }
            )
        ).rejects.toThrow('is not a record Id');
        expect(polling.requests).toEqual([]);
    });
});
