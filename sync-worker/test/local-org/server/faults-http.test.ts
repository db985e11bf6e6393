import { connect, DATA, rawRequest, startTestOrg } from './helpers';
import type { LocalOrg } from '../../../src/local-org';
import { MAINTENANCE_PAGE } from '../../../src/local-org/server/faults';

async function clientCredentialsToken(org: LocalOrg): Promise<string> {
    const response = await fetch(`${org.loginUrl}/services/oauth2/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
            grant_type: 'client_credentials',
            client_id: org.clientId,
            client_secret: org.clientSecret
        }).toString()
    });
    const body = (await response.json()) as { access_token: string };
    return body.access_token;
}

/** Sends a request to the fault-control endpoint with the org's bearer token. */
function faultControl(
    org: LocalOrg,
    init: { method?: string; headers?: Record<string, string>; body?: string } = {}
): Promise<Response> {
    return fetch(`${org.instanceUrl}/__local/faults`, {
        ...init,
        headers: { Authorization: `Bearer ${org.accessToken}`, ...init.headers }
    });
}

describe('fault injection over HTTP', () => {
    let org: LocalOrg;

    beforeAll(async () => {
        // A fixed token, so that the session-expiry test does not sign the other tests out.
        org = await startTestOrg({ accessToken: 'faults-fixed-token' });
        org.store.transaction(() => {
            for (let index = 0; index < 450; index += 1) {
                org.store.insert('Lead', { LastName: `Fault ${index}`, Company: 'Faults' });
            }
        });
    });

    afterEach(() => {
        org.faults.clear();
        org.usage.reset();
    });

    afterAll(async () => {
        await org.close();
    });

    // jsforce 3.10 retries GET, PUT, HEAD, OPTIONS and DELETE up to 5 times on 420, 429,
    // 500, 502, 503 and 504. Single faults are therefore checked with POST calls, which
    // it does not retry, and the retry itself with a GET.
    const createLead = (): Promise<unknown> =>
        connect(org).sobject('Lead').create({ LastName: 'Faulted', Company: 'Faults' });

    it('answers a 503 HTML page that jsforce reports as an HTML error', async () => {
        org.faults.inject({
            kind: 'status',
            status: 503,
            body: MAINTENANCE_PAGE,
            contentType: 'text/html'
        });
        const raw = await rawRequest(org, 'GET', `${DATA}/limits`);
        expect(raw.status).toBe(503);
        expect(raw.headers.get('content-type')).toBe('text/html');
        expect(raw.text).toContain('Service Unavailable');
        org.faults.inject({
            kind: 'status',
            status: 503,
            body: MAINTENANCE_PAGE,
            contentType: 'text/html'
        });
        await expect(createLead()).rejects.toThrow('HTTP response contains html content');
        expect((await rawRequest(org, 'GET', `${DATA}/limits`)).status).toBe(200);
    });

    it('lets jsforce retry a GET after one 503', async () => {
        org.faults.inject({
            kind: 'status',
            status: 503,
            body: MAINTENANCE_PAGE,
            contentType: 'text/html'
        });
        const started = Date.now();
        await expect(connect(org).query('SELECT Id FROM User')).resolves.toMatchObject({
            done: true
        });
        expect(Date.now() - started).toBeGreaterThanOrEqual(450);
        expect(org.faults.list()).toEqual([]);
    });

    it.each([
        [500, 'UNKNOWN_EXCEPTION'],
        [403, 'REQUEST_LIMIT_EXCEEDED'],
        [400, 'UNABLE_TO_LOCK_ROW']
    ])('answers %i %s for the next matching request', async (status, errorCode) => {
        org.faults.inject({
            kind: 'status',
            status,
            errorCode,
            match: { method: 'POST', pathPattern: '/sobjects/Lead$' }
        });
        const response = await rawRequest(org, 'POST', `${DATA}/sobjects/Lead`, {
            body: JSON.stringify({ LastName: 'Raw', Company: 'Faults' })
        });
        expect(response.status).toBe(status);
        expect(response.json()).toEqual([expect.objectContaining({ errorCode })]);
        org.faults.inject({
            kind: 'status',
            status,
            errorCode,
            match: { method: 'POST', pathPattern: '/sobjects/Lead$' }
        });
        await expect(createLead()).rejects.toMatchObject({ errorCode });
        await expect(createLead()).resolves.toMatchObject({ success: true });
    });

    it('adds latency', async () => {
        org.faults.inject({ kind: 'latency', ms: 300 });
        const started = Date.now();
        await connect(org).query('SELECT Id FROM User');
        expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    });

    it('drops the connection', async () => {
        // jsforce 3.10 does not retry a socket closed before any response, even for GET.
        org.faults.inject({ kind: 'drop' });
        await expect(createLead()).rejects.toThrow('fetch failed');
        org.faults.inject({ kind: 'drop' });
        await expect(connect(org).query('SELECT Id FROM User')).rejects.toThrow('fetch failed');
        await expect(connect(org).query('SELECT Id FROM User')).resolves.toMatchObject({
            done: true
        });
    });

    it('holds a request open until the client gives up', async () => {
        org.faults.inject({ kind: 'hang' });
        const controller = new AbortController();
        const timer = setTimeout(() => {
            controller.abort();
        }, 300);
        await expect(
            fetch(`${org.instanceUrl}${DATA}/limits`, {
                headers: { Authorization: `Bearer ${org.accessToken}` },
                signal: controller.signal
            })
        ).rejects.toThrow();
        clearTimeout(timer);
        expect((await rawRequest(org, 'GET', `${DATA}/limits`)).status).toBe(200);
    });

    it('expires every session', async () => {
        const token = await clientCredentialsToken(org);
        const conn = connect(org, { accessToken: token });
        await conn.query('SELECT Id FROM User');
        const response = await faultControl(org, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ action: 'expireSessions' })
        });
        expect(await response.json()).toEqual({ expiredSessions: 1 });
        await expect(conn.query('SELECT Id FROM User')).rejects.toMatchObject({
            errorCode: 'INVALID_SESSION_ID'
        });
        expect((await rawRequest(org, 'GET', `${DATA}/limits`)).status).toBe(200);
    });

    it('exhausts the daily API limit from the control endpoint', async () => {
        const token = (await fetch(`${org.loginUrl}/services/oauth2/token`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            body: `grant_type=client_credentials&client_id=${org.clientId}&client_secret=${org.clientSecret}`
        }).then((response) => response.json())) as { access_token: string };
        await faultControl(org, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: '{"action":"exhaustApiLimit"}'
        });
        const response = await rawRequest(org, 'GET', `${DATA}/limits`, {
            token: token.access_token
        });
        expect(response.status).toBe(403);
        expect(response.json()).toEqual([
            expect.objectContaining({ errorCode: 'REQUEST_LIMIT_EXCEEDED' })
        ]);
    });

    it('omits Sforce-Locator from a Bulk result page', async () => {
        const created = (
            await rawRequest(org, 'POST', `${DATA}/jobs/query`, {
                body: JSON.stringify({ operation: 'query', query: 'SELECT Id FROM Lead' })
            })
        ).json() as { id: string };
        for (let attempt = 0; attempt < 100; attempt += 1) {
            const info = (
                await rawRequest(org, 'GET', `${DATA}/jobs/query/${created.id}`)
            ).json() as { state: string };
            if (info.state === 'JobComplete') {
                break;
            }
            await new Promise((resolve) => setTimeout(resolve, 20));
        }
        await faultControl(org, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({
                kind: 'omitHeader',
                header: 'Sforce-Locator',
                match: { pathPattern: '/results$' }
            })
        });
        const page = await rawRequest(
            org,
            'GET',
            `${DATA}/jobs/query/${created.id}/results?maxRecords=100`
        );
        expect(page.status).toBe(200);
        expect(page.headers.get('sforce-locator')).toBeNull();
        expect(page.headers.get('sforce-numberofrecords')).toBe('100');
        const next = await rawRequest(
            org,
            'GET',
            `${DATA}/jobs/query/${created.id}/results?maxRecords=100`
        );
        expect(next.headers.get('sforce-locator')).not.toBeNull();
    });

    it('expires a query locator', async () => {
        const conn = connect(org);
        org.faults.expireQueryLocators();
        await expect(
            conn.query('SELECT Id FROM Lead', {
                autoFetch: true,
                maxFetch: 1_000,
                headers: { 'Sforce-Query-Options': 'batchSize=200' }
            })
        ).rejects.toMatchObject({ errorCode: 'INVALID_QUERY_LOCATOR' });
    });

    it('injects faults at a seeded rate', async () => {
        await faultControl(org, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({
                random: {
                    rate: 0.5,
                    seed: 3,
                    effects: [{ kind: 'status', status: 500, errorCode: 'UNKNOWN_EXCEPTION' }]
                }
            })
        });
        const statuses: number[] = [];
        for (let index = 0; index < 40; index += 1) {
            statuses.push((await rawRequest(org, 'GET', `${DATA}/limits`)).status);
        }
        const failures = statuses.filter((status) => status === 500).length;
        expect(failures).toBeGreaterThan(8);
        expect(failures).toBeLessThan(32);
        await faultControl(org, { method: 'DELETE' });
        expect((await rawRequest(org, 'GET', `${DATA}/limits`)).status).toBe(200);
    });

    it('lists rules and rejects an invalid rule on the control endpoint', async () => {
        const added = await faultControl(org, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ rules: [{ kind: 'latency', ms: 1, count: 'unlimited' }] })
        });
        expect(added.status).toBe(201);
        const listed = (await (await faultControl(org)).json()) as {
            rules: unknown[];
        };
        expect(listed.rules).toHaveLength(1);
        const invalid = await faultControl(org, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: '{"kind":"explode"}'
        });
        expect(invalid.status).toBe(400);
    });

    it('rejects a control request that is not JSON', async () => {
        const response = await faultControl(org, {
            method: 'POST',
            headers: { 'Content-Type': 'text/plain' },
            body: '{"action":"exhaustApiLimit"}'
        });

        expect(response.status).toBe(415);
        expect((await rawRequest(org, 'GET', `${DATA}/limits`)).status).toBe(200);
    });

    it.each([
        ['with a nested quantifier', '(a+)+$', /backtrack/],
        ['that does not compile', '(', /not a valid regular expression/],
        ['over 200 characters', 'a'.repeat(201), /longer than 200/]
    ])('rejects a path pattern %s', async (_case, pathPattern, message) => {
        const response = await faultControl(org, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ kind: 'status', status: 500, match: { pathPattern } })
        });

        expect(response.status).toBe(400);
        expect(await response.text()).toMatch(message);
        expect(org.faults.list()).toHaveLength(0);
    });

    it('applies status rules to Composite subrequests', async () => {
        org.faults.expireQueryLocators();
        const first = await connect(org).query('SELECT Id FROM Lead', {
            headers: { 'Sforce-Query-Options': 'batchSize=200' }
        });
        const result = await connect(org).requestPost<{
            compositeResponse: { body: unknown; httpStatusCode: number; referenceId: string }[];
        }>(`${DATA}/composite`, {
            compositeRequest: [
                {
                    method: 'GET',
                    url: (first.nextRecordsUrl ?? '').replace(org.instanceUrl, ''),
                    referenceId: 'page2'
                },
                { method: 'GET', url: `${DATA}/query?q=SELECT+Id+FROM+User`, referenceId: 'users' }
            ]
        });
        expect(result.compositeResponse[0]).toMatchObject({
            httpStatusCode: 400,
            body: [{ errorCode: 'INVALID_QUERY_LOCATOR', message: 'invalid query locator' }]
        });
        expect(result.compositeResponse[1]?.httpStatusCode).toBe(200);
        expect(org.faults.list()).toEqual([]);
    });

    it('logs requests and subrequests with their headers', async () => {
        org.requests.clear();
        await rawRequest(org, 'POST', `${DATA}/composite`, {
            headers: { 'Sforce-Auto-Assign': 'FALSE' },
            body: JSON.stringify({
                compositeRequest: [
                    {
                        method: 'POST',
                        url: `${DATA}/sobjects/Lead`,
                        referenceId: 'lead',
                        body: { LastName: 'Logged', Company: 'Log Co' },
                        httpHeaders: { 'Sforce-Auto-Assign': 'FALSE' }
                    }
                ]
            })
        });
        const [subrequest, outer] = org.requests.entries();
        expect(subrequest).toMatchObject({
            method: 'POST',
            path: `${DATA}/sobjects/Lead`,
            status: 201,
            compositeReferenceId: 'lead',
            headers: { 'sforce-auto-assign': 'FALSE' }
        });
        expect(outer).toMatchObject({ method: 'POST', path: `${DATA}/composite`, status: 200 });
        expect(outer?.headers['sforce-auto-assign']).toBe('FALSE');
        expect(outer?.headers.authorization).toBeUndefined();
    });
});
