/**
 * The local org runs no request without a valid session: REST, Composite, Bulk API 2.0,
 * the identity URL and the fault-control endpoint return 401 `INVALID_SESSION_ID` to a
 * missing, malformed, expired, revoked or foreign token, and the request changes nothing.
 * Requests addressed to another host name, as a page using DNS rebinding sends them,
 * are not answered at all.
 */
import { request as httpRequest } from 'node:http';
import type { LocalOrg } from '../../src/local-org';
import { captureLogs, startTestOrg } from '../salesforce/helpers';

jest.setTimeout(30_000);

const DATA = '/services/data/v65.0';

/** Idle time after which the test org's OAuth sessions end, in seconds. */
const SESSION_TIMEOUT_SECONDS = 60;

/** One protected request; `body` is JSON. */
interface Call {
    readonly name: string;
    readonly method: string;
    readonly path: string;
    readonly body?: unknown;
}

/** Requests across the APIs; the writes among them leave a trace when they run. */
function protectedCalls(org: LocalOrg): Call[] {
    const { organizationId, integrationUserId } = org.store.seeded;
    return [
        { name: 'REST limits', method: 'GET', path: `${DATA}/limits` },
        {
            name: 'REST query',
            method: 'GET',
            path: `${DATA}/query?q=${encodeURIComponent('SELECT Id FROM Lead')}`
        },
        {
            name: 'REST create',
            method: 'POST',
            path: `${DATA}/sobjects/Lead`,
            body: { LastName: 'Intruder', Company: 'Intruder Co' }
        },
        {
            name: 'Composite',
            method: 'POST',
            path: `${DATA}/composite`,
            body: {
                allOrNone: false,
                compositeRequest: [
                    {
                        method: 'POST',
                        url: `${DATA}/sobjects/Lead`,
                        referenceId: 'lead',
                        body: { LastName: 'Intruder', Company: 'Composite Co' }
                    }
                ]
            }
        },
        {
            name: 'Bulk ingest job',
            method: 'POST',
            path: `${DATA}/jobs/ingest`,
            body: { object: 'Lead', operation: 'insert' }
        },
        {
            name: 'Bulk query job',
            method: 'POST',
            path: `${DATA}/jobs/query`,
            body: { operation: 'query', query: 'SELECT Id FROM Lead' }
        },
        { name: 'identity', method: 'GET', path: `/id/${organizationId}/${integrationUserId}` },
        {
            name: 'fault rule',
            method: 'POST',
            path: '/__local/faults',
            body: { kind: 'status', status: 500, count: 'unlimited' }
        },
        {
            name: 'fault action',
            method: 'POST',
            path: '/__local/faults',
            body: { action: 'exhaustApiLimit' }
        },
        { name: 'fault list', method: 'GET', path: '/__local/faults' },
        { name: 'fault clear', method: 'DELETE', path: '/__local/faults' }
    ];
}

/** Sends a call with the given Authorization header, or none. */
async function send(
    org: LocalOrg,
    call: Call,
    authorization: string | null
): Promise<{ status: number; body: string }> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (authorization !== null) {
        headers.Authorization = authorization;
    }
    const response = await fetch(`${org.instanceUrl}${call.path}`, {
        method: call.method,
        headers,
        ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) })
    });
    return { status: response.status, body: await response.text() };
}

/** Sends a request to the org's port with the given Host header; returns the status. */
function sendWithHost(
    org: LocalOrg,
    host: string,
    options: { method: string; path: string; headers?: Record<string, string>; body?: string }
): Promise<number> {
    return new Promise((resolve, reject) => {
        const outgoing = httpRequest(
            {
                host: '127.0.0.1',
                port: org.port,
                method: options.method,
                path: options.path,
                headers: { ...options.headers, host }
            },
            (response) => {
                response.resume();
                response.on('end', () => {
                    resolve(response.statusCode ?? 0);
                });
            }
        );
        outgoing.on('error', reject);
        outgoing.end(options.body);
    });
}

/** Issues a session token through the client-credentials grant. */
async function sessionToken(org: LocalOrg): Promise<string> {
    const response = await fetch(`${org.loginUrl}/services/oauth2/token`, {
        method: 'POST',
        body: new URLSearchParams({
            grant_type: 'client_credentials',
            client_id: org.clientId,
            client_secret: org.clientSecret
        })
    });
    const body = (await response.json()) as { access_token?: string };
    if (body.access_token === undefined) {
        throw new Error(`The local org issued no token: HTTP ${response.status}`);
    }
    return body.access_token;
}

/** Reads what the calls could have changed: leads, fault rules, the API allocation. */
function orgState(org: LocalOrg): Record<string, unknown> {
    return {
        leads: org.store.query('SELECT COUNT() FROM Lead').totalSize,
        faultRules: org.faults.list().length,
        apiUsed: org.usage.max - org.usage.remaining,
        apiExhausted: org.usage.exhausted
    };
}

describe('session checks of the local org', () => {
    let org: LocalOrg;
    let otherOrg: LocalOrg;
    let time: number;
    /** Authorization headers that must be rejected, by case. */
    const rejected = new Map<string, string | null>();

    beforeAll(async () => {
        captureLogs();
        time = Date.parse('2027-03-01T15:00:00Z');
        org = await startTestOrg({
            accessToken: 'tokens-test-fixed-token',
            sessionTimeoutSeconds: SESSION_TIMEOUT_SECONDS,
            clock: () => new Date(time)
        });
        otherOrg = await startTestOrg();

        const expiring = await sessionToken(org);
        time += (SESSION_TIMEOUT_SECONDS + 1) * 1000;
        const revoked = await sessionToken(org);
        const revocation = await fetch(`${org.loginUrl}/services/oauth2/revoke`, {
            method: 'POST',
            body: new URLSearchParams({ token: revoked })
        });
        expect(revocation.status).toBe(200);
        const valid = await sessionToken(org);

        rejected.set('missing', null);
        rejected.set('empty bearer', 'Bearer ');
        rejected.set('scheme only', 'Bearer');
        rejected.set('no scheme', valid);
        rejected.set(
            'basic scheme',
            `Basic ${Buffer.from(`${org.clientId}:x`).toString('base64')}`
        );
        rejected.set('two tokens', `Bearer ${valid} ${valid}`);
        rejected.set('first 20 characters', `Bearer ${valid.slice(0, 20)}`);
        rejected.set('one character more', `Bearer ${valid}x`);
        rejected.set('other case', `Bearer ${valid.toLowerCase()}`);
        rejected.set('expired', `Bearer ${expiring}`);
        rejected.set('revoked', `Bearer ${revoked}`);
        rejected.set('another org', `Bearer ${otherOrg.accessToken}`);
        rejected.set('client secret', `Bearer ${org.clientSecret}`);
    });

    afterAll(async () => {
        await org.close();
        await otherOrg.close();
    });

    it('checks a session token that is still valid', async () => {
        const token = await sessionToken(org);
        const response = await send(
            org,
            { name: 'REST limits', method: 'GET', path: `${DATA}/limits` },
            `Bearer ${token}`
        );
        expect(response.status).toBe(200);
    });

    it('rejects every bad token on every protected endpoint', async () => {
        const before = orgState(org);
        const outcomes: string[] = [];
        for (const call of protectedCalls(org)) {
            for (const [tokenCase, authorization] of rejected) {
                const { status, body } = await send(org, call, authorization);
                const code = /"errorCode":"([A-Z_]+)"/.exec(body)?.[1] ?? body.slice(0, 60);
                outcomes.push(`${call.name} with ${tokenCase}: ${status} ${code}`);
            }
        }

        expect(outcomes.filter((outcome) => !outcome.endsWith(': 401 INVALID_SESSION_ID'))).toEqual(
            []
        );
        expect(outcomes).toHaveLength(protectedCalls(org).length * rejected.size);
        expect(orgState(org)).toEqual(before);
        for (const jobs of ['jobs/ingest', 'jobs/query']) {
            const listed = await send(
                org,
                { name: jobs, method: 'GET', path: `${DATA}/${jobs}` },
                `Bearer ${org.accessToken}`
            );
            expect(JSON.parse(listed.body)).toMatchObject({ records: [] });
        }
    });

    it('answers only requests addressed to loopback', async () => {
        const limits = {
            method: 'GET',
            path: `${DATA}/limits`,
            headers: { Authorization: `Bearer ${org.accessToken}` }
        };
        const grant = {
            method: 'POST',
            path: '/services/oauth2/token',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({
                grant_type: 'client_credentials',
                client_id: org.clientId,
                client_secret: org.clientSecret
            }).toString()
        };
        const sessions = org.sessions.size;

        expect(await sendWithHost(org, `127.0.0.1:${org.port}`, limits)).toBe(200);
        expect(await sendWithHost(org, `localhost:${org.port}`, limits)).toBe(200);
        expect(await sendWithHost(org, `rebind.example:${org.port}`, limits)).toBe(421);
        expect(await sendWithHost(org, `127.0.0.1.rebind.example:${org.port}`, grant)).toBe(421);
        expect(await sendWithHost(org, 'rebind.example', grant)).toBe(421);
        expect(org.sessions.size).toBe(sessions);
    });

    it('runs every protected endpoint with the valid token', async () => {
        const statuses: string[] = [];
        for (const call of protectedCalls(org)) {
            const { status } = await send(org, call, `Bearer ${org.accessToken}`);
            statuses.push(`${call.name}: ${status < 300 ? 'ok' : String(status)}`);
            org.faults.clear();
            org.usage.reset();
        }

        expect(statuses).toEqual(protectedCalls(org).map((call) => `${call.name}: ok`));
    });
});
