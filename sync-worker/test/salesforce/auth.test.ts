import type { LocalOrg } from '../../src/local-org';
import {
    AuthenticationError,
    connectSalesforce,
    RestClient,
    type SalesforceAuth,
    type SalesforceSession,
    writeRecords
} from '../../src/salesforce';
import {
    captureLogs,
    recordingClock,
    startTestOrg,
    writeKeyFile,
    type CapturedLog
} from './helpers';

const INTEGRATION_USERNAME_QUERY = "SELECT Username FROM User WHERE Id = '%s'";

describe('connection and session renewal', () => {
    let org: LocalOrg;
    let keyFile: { path: string; remove: () => void };
    let logs: CapturedLog[];
    let username: string;

    beforeAll(async () => {
        logs = captureLogs();
        org = await startTestOrg();
        keyFile = writeKeyFile();
        const result = org.store.query(
            INTEGRATION_USERNAME_QUERY.replace('%s', org.store.seeded.integrationUserId)
        );
        username = String(result.records[0]?.Username);
    });

    afterEach(() => {
        org.faults.clear();
    });

    afterAll(async () => {
        keyFile.remove();
        await org.close();
    });

    function jwtAuth(overrides: Partial<{ username: string }> = {}): SalesforceAuth {
        return {
            mode: 'jwt',
            loginUrl: org.loginUrl,
            clientId: org.clientId,
            username: overrides.username ?? username,
            jwtKeyFile: keyFile.path
        };
    }

    async function connect(
        auth: SalesforceAuth
    ): Promise<{ session: SalesforceSession; client: RestClient }> {
        const session = await connectSalesforce(
            { auth, requestTimeoutMs: 5_000 },
            { clock: recordingClock() }
        );
        session.beginCycle();
        return { session, client: new RestClient(session) };
    }

    async function countUsers(client: RestClient): Promise<unknown> {
        const response = await client.send(
            { method: 'GET', path: '/query?q=SELECT+COUNT()+FROM+User' },
            { idempotent: true }
        );
        return (response.body as { totalSize: number }).totalSize;
    }

    it('signs in with a JWT assertion and re-mints it when the session expires', async () => {
        const { session, client } = await connect(jwtAuth());
        const firstToken = session.conn.accessToken;
        expect(await countUsers(client)).toBeGreaterThan(0);
        expect(org.faults.expireSessions()).toBeGreaterThan(0);
        expect(await countUsers(client)).toBeGreaterThan(0);
        expect(session.guard.renewalCount).toBe(1);
        expect(session.conn.accessToken).not.toBe(firstToken);
        expect(session.meter.snapshot()).toMatchObject({ cycleCalls: 3, cycleTokenRequests: 1 });
    });

    it('stops with AuthenticationError when a renewed token is rejected again', async () => {
        const { session, client } = await connect(jwtAuth());
        org.faults.inject({
            kind: 'status',
            status: 401,
            errorCode: 'INVALID_SESSION_ID',
            match: { pathPattern: '^/services/data/' },
            count: 'unlimited'
        });
        const error: unknown = await countUsers(client).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(AuthenticationError);
        expect(error).toMatchObject({ errorCode: 'SESSION_REJECTED_AFTER_REFRESH' });
        // One call, one renewal, one resend with the new token: then the guard stops it.
        expect(session.meter.snapshot()).toMatchObject({ cycleCalls: 2, cycleTokenRequests: 1 });
        await expect(countUsers(client)).rejects.toBeInstanceOf(AuthenticationError);
        expect(session.meter.snapshot().cycleCalls).toBe(2);
        org.faults.clear();
        session.beginCycle();
        expect(await countUsers(client)).toBeGreaterThan(0);
    });

    it('renews the session in the middle of a write', async () => {
        const { session, client } = await connect(jwtAuth());
        org.faults.expireSessions();
        const outcome = await writeRecords(client, [
            {
                kind: 'upsert',
                object: 'SLA_Clock__c',
                externalIdField: 'Clock_Key__c',
                records: [{ Clock_Key__c: 'renewed-write', Type__c: 'Response', Status__c: 'Open' }]
            }
        ]);
        expect(outcome.succeeded).toHaveLength(1);
        expect(session.guard.renewalCount).toBe(1);
    });

    it('renews with a refresh token and the client secret', async () => {
        const refreshToken = org.issueRefreshToken();
        const { session, client } = await connect({
            mode: 'refresh-token',
            loginUrl: org.loginUrl,
            clientId: org.clientId,
            clientSecret: org.clientSecret,
            refreshToken
        });
        org.faults.expireSessions();
        expect(await countUsers(client)).toBeGreaterThan(0);
        expect(session.guard.renewalCount).toBe(1);
    });

    it('fails at once when a fixed access token expires', async () => {
        const expiring = org.sessions.issue({
            userId: org.store.seeded.integrationUserId,
            username
        }).token;
        const { session, client } = await connect({
            mode: 'access-token',
            instanceUrl: org.instanceUrl,
            accessToken: expiring
        });
        org.faults.expireSessions();
        await expect(countUsers(client)).rejects.toMatchObject({
            name: 'AuthenticationError',
            errorCode: 'INVALID_SESSION_ID'
        });
        expect(session.meter.callsThisCycle).toBe(1);
    });

    it('rejects a JWT for an unknown user without retrying', async () => {
        const error: unknown = await connect(jwtAuth({ username: 'nobody@example.com' })).catch(
            (caught: unknown) => caught
        );
        expect(error).toBeInstanceOf(AuthenticationError);
        expect(error).toMatchObject({ errorCode: 'invalid_grant' });
    });

    it('retries the token request when the token endpoint is unavailable', async () => {
        org.faults.inject({
            kind: 'status',
            status: 503,
            body: '<html>down</html>',
            contentType: 'text/html',
            match: { pathPattern: '/services/oauth2/token' }
        });
        const { client } = await connect(jwtAuth());
        expect(await countUsers(client)).toBeGreaterThan(0);
    });

    it('never writes a token or secret into the logs', () => {
        const text = JSON.stringify(logs);
        expect(logs.length).toBeGreaterThan(0);
        expect(text).not.toContain(org.accessToken);
        expect(text).not.toContain(org.clientSecret);
        expect(text).not.toMatch(/00D[A-Za-z0-9]{12,15}!/);
    });
});
