import { connect, DATA, rawRequest, startTestOrg } from './helpers';
import type { LocalOrg } from '../../../src/local-org';

async function waitUntilFinished(
    org: LocalOrg,
    kind: 'ingest' | 'query',
    id: string
): Promise<Record<string, unknown>> {
    for (let attempt = 0; attempt < 200; attempt += 1) {
        const info = (await rawRequest(org, 'GET', `${DATA}/jobs/${kind}/${id}`)).json() as Record<
            string,
            unknown
        >;
        if (['JobComplete', 'Failed', 'Aborted'].includes(String(info.state))) {
            return info;
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`Job ${id} did not finish.`);
}

async function runIngest(
    org: LocalOrg,
    job: Record<string, string>,
    csv: string
): Promise<{ id: string; info: Record<string, unknown> }> {
    const created = (
        await rawRequest(org, 'POST', `${DATA}/jobs/ingest`, { body: JSON.stringify(job) })
    ).json() as { id: string };
    await rawRequest(org, 'PUT', `${DATA}/jobs/ingest/${created.id}/batches`, {
        body: csv,
        headers: { 'Content-Type': 'text/csv' }
    });
    await rawRequest(org, 'PATCH', `${DATA}/jobs/ingest/${created.id}`, {
        body: '{"state":"UploadComplete"}'
    });
    return { id: created.id, info: await waitUntilFinished(org, 'ingest', created.id) };
}

describe('endpoint contracts', () => {
    let org: LocalOrg;

    beforeAll(async () => {
        org = await startTestOrg();
    });

    afterAll(async () => {
        await org.close();
    });

    it('lists resources at the version root', async () => {
        const response = await rawRequest(org, 'GET', DATA);
        expect(response.status).toBe(200);
        expect(response.json()).toMatchObject({
            sobjects: `${DATA}/sobjects`,
            query: `${DATA}/query`,
            limits: `${DATA}/limits`,
            composite: `${DATA}/composite`
        });
    });

    it('reports limits with Max and Remaining', async () => {
        const limits = (await rawRequest(org, 'GET', `${DATA}/limits`)).json() as Record<
            string,
            { Max: number; Remaining: number }
        >;
        expect(limits.DailyApiRequests?.Max).toBe(100_000);
        expect(limits.DailyApiRequests?.Remaining).toBe(100_000 - org.usage.used);
        expect(limits.DailyBulkV2QueryJobs).toEqual({
            Max: 10_000,
            Remaining: expect.any(Number) as unknown
        });
    });

    it('describes one object under objectDescribe', async () => {
        const response = await rawRequest(org, 'GET', `${DATA}/sobjects/Lead`);
        expect(response.json()).toMatchObject({
            objectDescribe: { name: 'Lead', keyPrefix: '00Q' },
            recentItems: []
        });
    });

    it('revokes a token', async () => {
        const conn = connect(org);
        const token = (await (
            await fetch(`${org.loginUrl}/services/oauth2/token`, {
                method: 'POST',
                headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
                body: new URLSearchParams({
                    grant_type: 'client_credentials',
                    client_id: org.clientId,
                    client_secret: org.clientSecret
                }).toString()
            })
        ).json()) as { access_token: string };
        const revoked = await fetch(`${org.loginUrl}/services/oauth2/revoke`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            body: `token=${encodeURIComponent(token.access_token)}`
        });
        expect(revoked.status).toBe(200);
        expect(
            (await rawRequest(org, 'GET', `${DATA}/limits`, { token: token.access_token })).status
        ).toBe(401);
        expect((await conn.query('SELECT Id FROM User')).totalSize).toBeGreaterThan(0);
    });

    it('upserts and deletes through Bulk API 2.0 ingest', async () => {
        const upsert = await runIngest(
            org,
            {
                object: 'Engagement_Signal__c',
                operation: 'upsert',
                externalIdFieldName: 'External_Id__c',
                lineEnding: 'CRLF'
            },
            'External_Id__c,Type__c,Occurred_At__c\r\nbulk-1,Web Visit,2027-03-01T10:00:00.000Z\r\nbulk-2,Bogus,2027-03-01T10:00:00.000Z\r\n'
        );
        expect(upsert.info).toMatchObject({
            state: 'JobComplete',
            operation: 'upsert',
            externalIdFieldName: 'External_Id__c',
            lineEnding: 'CRLF',
            numberRecordsProcessed: 2,
            numberRecordsFailed: 1
        });
        const success = await rawRequest(
            org,
            'GET',
            `${DATA}/jobs/ingest/${upsert.id}/successfulResults`
        );
        expect(success.text.split('\r\n')[0]).toBe(
            '"sf__Id","sf__Created","External_Id__c","Type__c","Occurred_At__c"'
        );
        const failed = await rawRequest(
            org,
            'GET',
            `${DATA}/jobs/ingest/${upsert.id}/failedResults`
        );
        expect(failed.text).toContain('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
        const signalId = /"(a[0-9A-Za-z]{17})","true"/.exec(success.text)?.[1] ?? '';
        expect(signalId).not.toBe('');

        const removal = await runIngest(
            org,
            { object: 'Engagement_Signal__c', operation: 'delete' },
            `Id\n${signalId}\n`
        );
        expect(removal.info).toMatchObject({
            state: 'JobComplete',
            numberRecordsProcessed: 1,
            numberRecordsFailed: 0
        });
        const gone = await rawRequest(
            org,
            'GET',
            `${DATA}/sobjects/Engagement_Signal__c/${signalId}`
        );
        expect(gone.status).toBe(404);
    });

    it('aborts an open job and lists its rows as unprocessed', async () => {
        const created = (
            await rawRequest(org, 'POST', `${DATA}/jobs/ingest`, {
                body: JSON.stringify({ object: 'Lead', operation: 'insert' })
            })
        ).json() as { id: string };
        await rawRequest(org, 'PUT', `${DATA}/jobs/ingest/${created.id}/batches`, {
            body: 'LastName,Company\nA,B\nC,D\n'
        });
        const aborted = await rawRequest(org, 'PATCH', `${DATA}/jobs/ingest/${created.id}`, {
            body: '{"state":"Aborted"}'
        });
        expect(aborted.json()).toMatchObject({ state: 'Aborted' });
        const unprocessed = await rawRequest(
            org,
            'GET',
            `${DATA}/jobs/ingest/${created.id}/unprocessedrecords`
        );
        expect(unprocessed.text).toBe('LastName,Company\nA,B\nC,D\n');
        const list = (await rawRequest(org, 'GET', `${DATA}/jobs/ingest`)).json() as {
            done: boolean;
            records: { id: string }[];
        };
        expect(list.done).toBe(true);
        expect(list.records.map((record) => record.id)).toContain(created.id);
        expect((await rawRequest(org, 'DELETE', `${DATA}/jobs/ingest/${created.id}`)).status).toBe(
            204
        );
        expect((await rawRequest(org, 'GET', `${DATA}/jobs/ingest/${created.id}`)).status).toBe(
            404
        );
    });

    it('rejects Bulk queries with child subqueries', async () => {
        const response = await rawRequest(org, 'POST', `${DATA}/jobs/query`, {
            body: JSON.stringify({
                operation: 'query',
                query: 'SELECT Id, (SELECT Id FROM Contacts) FROM Account'
            })
        });
        expect(response.status).toBe(400);
        expect(response.json()).toEqual([expect.objectContaining({ errorCode: 'INVALIDJOB' })]);
    });
});
