import {
    API_VERSION,
    DATA,
    integrationUsername,
    rawRequest,
    signAssertion,
    startTestOrg
} from './helpers';
import { createHmac } from 'node:crypto';
import { Connection } from 'jsforce';
import { JWT_BEARER_GRANT, type LocalOrg } from '../../../src/local-org';

async function postToken(
    org: LocalOrg,
    form: Record<string, string>
): Promise<{ status: number; body: Record<string, string> }> {
    const response = await fetch(`${org.loginUrl}/services/oauth2/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString()
    });
    return { status: response.status, body: (await response.json()) as Record<string, string> };
}

describe('OAuth token endpoint', () => {
    let org: LocalOrg;
    let username: string;

    beforeAll(async () => {
        org = await startTestOrg({
            users: [{ username: 'admin@local-org.test', password: 'pa55word!' }]
        });
        username = integrationUsername(org);
    });

    afterAll(async () => {
        await org.close();
    });

    it('grants a JWT bearer token with the Salesforce response shape', async () => {
        const { status, body } = await postToken(org, {
            grant_type: JWT_BEARER_GRANT,
            assertion: signAssertion(org, username)
        });
        expect(status).toBe(200);
        expect(Object.keys(body).sort()).toEqual(
            [
                'access_token',
                'id',
                'instance_url',
                'issued_at',
                'scope',
                'signature',
                'token_type'
            ].sort()
        );
        expect(body.token_type).toBe('Bearer');
        expect(body.instance_url).toBe(org.instanceUrl);
        expect(body.id).toBe(
            `${org.loginUrl}/id/${org.store.seeded.organizationId}/${org.store.seeded.integrationUserId}`
        );
        const expected = createHmac('sha256', org.clientSecret)
            .update(`${body.id}${body.issued_at}`)
            .digest('base64');
        expect(body.signature).toBe(expected);
        const conn = new Connection({
            instanceUrl: body.instance_url,
            accessToken: body.access_token,
            version: API_VERSION
        });
        const identity = await conn.requestGet<{ username: string }>(body.id ?? '');
        expect(identity.username).toBe(username);
    });

    it('signs in through jsforce authorize with the JWT grant', async () => {
        const conn = new Connection({ loginUrl: org.loginUrl, version: API_VERSION });
        await conn.authorize({
            grant_type: JWT_BEARER_GRANT,
            assertion: signAssertion(org, username)
        });
        expect(conn.instanceUrl).toBe(org.instanceUrl);
        const limits = await conn.request<{ DailyApiRequests: { Max: number } }>(`${DATA}/limits`);
        expect(limits.DailyApiRequests.Max).toBe(100_000);
    });

    it.each([
        [
            'a wrong audience',
            { aud: 'https://login.salesforce.com' },
            'invalid_grant',
            'audience is invalid'
        ],
        [
            'an unknown issuer',
            { iss: 'other-client' },
            'invalid_client_id',
            'client identifier invalid'
        ],
        [
            'an expired assertion',
            { exp: Math.floor(Date.now() / 1000) - 600 },
            'invalid_grant',
            'expired access/refresh token'
        ],
        [
            'an unknown user',
            { sub: 'nobody@example.com' },
            'invalid_grant',
            "user hasn't approved this consumer"
        ]
    ])('rejects a JWT with %s', async (_case, claims, error, description) => {
        const { status, body } = await postToken(org, {
            grant_type: JWT_BEARER_GRANT,
            assertion: signAssertion(org, username, claims)
        });
        expect(status).toBe(400);
        expect(body).toEqual({ error, error_description: description });
    });

    it('grants client credentials for the run-as user', async () => {
        const { status, body } = await postToken(org, {
            grant_type: 'client_credentials',
            client_id: org.clientId,
            client_secret: org.clientSecret
        });
        expect(status).toBe(200);
        expect(body.id).toContain(org.store.seeded.integrationUserId);
        const wrongSecret = await postToken(org, {
            grant_type: 'client_credentials',
            client_id: org.clientId,
            client_secret: 'nope'
        });
        expect(wrongSecret).toEqual({
            status: 400,
            body: { error: 'invalid_client', error_description: 'invalid client credentials' }
        });
    });

    it('signs in with the password grant through jsforce login', async () => {
        const conn = new Connection({
            oauth2: {
                loginUrl: org.loginUrl,
                clientId: org.clientId,
                clientSecret: org.clientSecret
            },
            version: API_VERSION
        });
        const info = await conn.login('admin@local-org.test', 'pa55word!');
        expect(info.id).toBe(org.store.seeded.adminUserId);
        await expect(conn.login('admin@local-org.test', 'wrong')).rejects.toThrow(
            'authentication failure'
        );
    });

    it('refreshes with a refresh token and rejects a bad one', async () => {
        const refreshToken = org.issueRefreshToken();
        const { status, body } = await postToken(org, {
            grant_type: 'refresh_token',
            refresh_token: refreshToken,
            client_id: org.clientId
        });
        expect(status).toBe(200);
        expect(body.refresh_token).toBeUndefined();
        const bad = await postToken(org, {
            grant_type: 'refresh_token',
            refresh_token: 'x',
            client_id: org.clientId
        });
        expect(bad.body).toEqual({
            error: 'invalid_grant',
            error_description: 'expired access/refresh token'
        });
    });

    it('rejects unsupported grants', async () => {
        const { status, body } = await postToken(org, {
            grant_type: 'authorization_code',
            code: 'abc'
        });
        expect(status).toBe(400);
        expect(body).toEqual({
            error: 'unsupported_grant_type',
            error_description: 'grant type not supported'
        });
    });

    it('answers 401 INVALID_SESSION_ID without a valid token', async () => {
        for (const token of [null, 'not-a-token']) {
            const response = await rawRequest(org, 'GET', `${DATA}/limits`, { token });
            expect(response.status).toBe(401);
            expect(response.json()).toEqual([
                { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }
            ]);
        }
    });

    it('serves the versions list without a session', async () => {
        const response = await rawRequest(org, 'GET', '/services/data/', { token: null });
        expect(response.status).toBe(200);
        const versions = response.json() as { version: string; url: string; label: string }[];
        expect(versions.at(-1)).toEqual({
            label: "Winter '26",
            url: '/services/data/v65.0',
            version: '65.0'
        });
        expect(response.headers.get('sforce-limit-info')).toBeNull();
    });
});

describe('sessions', () => {
    it('expire after the timeout and recover through refreshFn', async () => {
        const clock = { offsetMs: 0 };
        const org = await startTestOrg({
            sessionTimeoutSeconds: 60,
            clock: () => new Date(Date.now() + clock.offsetMs)
        });
        try {
            const username = integrationUsername(org);
            let refreshes = 0;
            const conn = new Connection({
                instanceUrl: org.instanceUrl,
                accessToken: org.accessToken,
                version: API_VERSION,
                refreshFn: (connection, callback) => {
                    refreshes += 1;
                    const oauth = new Connection({ loginUrl: org.loginUrl, version: API_VERSION });
                    oauth
                        .authorize({
                            grant_type: JWT_BEARER_GRANT,
                            assertion: signAssertion(org, username, {
                                exp: Math.floor((Date.now() + clock.offsetMs) / 1000) + 180
                            })
                        })
                        .then(() => {
                            callback(null, oauth.accessToken ?? undefined);
                        })
                        .catch((error: unknown) => {
                            callback(error as Error);
                        });
                    return connection;
                }
            });
            await conn.query('SELECT Id FROM User LIMIT 1');
            const firstToken = conn.accessToken;
            clock.offsetMs = 61_000;
            const result = await conn.query('SELECT Id FROM User LIMIT 1');
            expect(result.totalSize).toBe(1);
            expect(refreshes).toBe(1);
            expect(conn.accessToken).not.toBe(firstToken);
        } finally {
            await org.close();
        }
    });

    it('accept a fixed access token that never expires', async () => {
        const clock = { offsetMs: 0 };
        const org = await startTestOrg({
            accessToken: 'fixed-local-token',
            sessionTimeoutSeconds: 1,
            clock: () => new Date(Date.now() + clock.offsetMs)
        });
        try {
            clock.offsetMs = 86_400_000;
            org.faults.expireSessions();
            const response = await rawRequest(org, 'GET', `${DATA}/limits`);
            expect(org.accessToken).toBe('fixed-local-token');
            expect(response.status).toBe(200);
        } finally {
            await org.close();
        }
    });

    it('refuse to bind any address but loopback', async () => {
        await expect(startTestOrg({ host: '0.0.0.0' })).rejects.toThrow(
            'listens on 127.0.0.1 only'
        );
    });
});
