import type { LocalOrg } from '../../../src/local-org';
import {
    FaultInjector,
    QUERY_MORE_PATH,
    type FaultActions
} from '../../../src/local-org/server/faults';
import { connect, DATA, rawRequest, startTestOrg } from './helpers';

const COLLECTION = `${DATA}/composite/sobjects`;
const QUERY_MORE = `${DATA}/query/01gLO0000000001AAA-200`;

function injector(): { faults: FaultInjector; expired: number[] } {
    const expired: number[] = [];
    const actions: FaultActions = {
        expireSessions: () => {
            expired.push(1);
            return 1;
        },
        exhaustApiLimit: () => undefined,
        resetApiUsage: () => undefined
    };
    return { faults: new FaultInjector(actions), expired };
}

describe('FaultInjector layers and random effects', () => {
    it('draws each random effect only where Salesforce can send it', () => {
        const { faults } = injector();
        faults.setRandom({
            rate: 1,
            seed: 5,
            effects: [
                { kind: 'recordError', errorCode: 'UNABLE_TO_LOCK_ROW' },
                {
                    kind: 'status',
                    status: 400,
                    errorCode: 'INVALID_QUERY_LOCATOR',
                    match: { method: 'GET', pathPattern: QUERY_MORE_PATH }
                }
            ]
        });
        // A Composite request itself: no effect fits it.
        expect(faults.takeRequestFaults('POST', `${DATA}/composite`)).toEqual([]);
        expect(faults.takeSubrequestFault('GET', QUERY_MORE)?.errorCode).toBe(
            'INVALID_QUERY_LOCATOR'
        );
        expect(faults.takeSubrequestFault('GET', `${DATA}/queryAll`)).toBeUndefined();
        expect(faults.takeRecordFault('PATCH', COLLECTION)?.errorCode).toBe('UNABLE_TO_LOCK_ROW');
        expect(faults.applied()).toEqual({
            'recordError UNABLE_TO_LOCK_ROW': 1,
            'subrequest status 400 INVALID_QUERY_LOCATOR': 1
        });
    });

    it('never gives a subrequest a session error or the API limit', () => {
        const { faults } = injector();
        faults.inject({
            kind: 'status',
            status: 401,
            errorCode: 'INVALID_SESSION_ID',
            match: { pathPattern: '^/services/data/' },
            count: 'unlimited'
        });
        faults.inject({
            kind: 'status',
            status: 403,
            errorCode: 'REQUEST_LIMIT_EXCEEDED',
            match: { pathPattern: '^/services/data/' },
            count: 'unlimited'
        });
        expect(faults.takeSubrequestFault('GET', `${DATA}/queryAll`)).toBeUndefined();
        const statuses = faults
            .takeRequestFaults('POST', `${DATA}/composite`)
            .map((effect) => (effect.kind === 'status' ? effect.status : 0));
        expect(statuses).toEqual([401, 403]);
    });

    it('fails a seeded share of the records of a collection', () => {
        const draw = (seed: number): number[] | undefined => {
            const { faults } = injector();
            faults.setRandom({
                rate: 1,
                seed,
                effects: [
                    { kind: 'recordError', errorCode: 'UNABLE_TO_LOCK_ROW', recordShare: 0.5 }
                ]
            });
            return faults.takeRecordFault('POST', COLLECTION, 200)?.recordIndexes;
        };
        const indexes = draw(11) ?? [];
        expect(draw(11)).toEqual(indexes);
        expect(indexes.length).toBeGreaterThan(70);
        expect(indexes.length).toBeLessThan(130);
        expect(indexes.every((index) => index >= 0 && index < 200)).toBe(true);
    });

    it('resolves the share of a rule without the random mode', () => {
        const { faults } = injector();
        faults.inject({ kind: 'recordError', errorCode: 'UNABLE_TO_LOCK_ROW', recordShare: 0 });
        faults.inject({ kind: 'recordError', errorCode: 'UNABLE_TO_LOCK_ROW', recordShare: 1 });
        expect(faults.takeRecordFault('POST', COLLECTION, 3)?.recordIndexes).toEqual([]);
        expect(faults.takeRecordFault('POST', COLLECTION, 3)?.recordIndexes).toEqual([0, 1, 2]);
    });

    it('ends the sessions for an expireSessions effect and lets the request run', () => {
        const { faults, expired } = injector();
        faults.inject({ kind: 'expireSessions' });
        expect(faults.takeRequestFaults('GET', `${DATA}/limits`)).toEqual([]);
        expect(expired).toHaveLength(1);
        expect(faults.applied()).toEqual({ expireSessions: 1 });
        faults.clear();
        expect(faults.applied()).toEqual({});
    });
});

describe('fault effects over HTTP', () => {
    let org: LocalOrg;

    beforeAll(async () => {
        org = await startTestOrg({ accessToken: 'layers-fixed-token', queryPageSize: 200 });
        org.store.transaction(() => {
            for (let index = 0; index < 450; index += 1) {
                org.store.insert('Lead', { LastName: `Layer ${index}`, Company: 'Layers' });
            }
        });
    });

    afterEach(() => {
        org.faults.clear();
    });

    afterAll(async () => {
        await org.close();
    });

    it('takes the new effects on the control endpoint', async () => {
        const added = await rawRequest(org, 'POST', '/__local/faults', {
            body: JSON.stringify({
                rules: [
                    { kind: 'dropResponse' },
                    { kind: 'expireSessions', match: { method: 'POST' } },
                    { kind: 'recordError', errorCode: 'UNABLE_TO_LOCK_ROW', recordShare: 0.25 }
                ]
            })
        });
        expect(added.status).toBe(201);
        const random = await rawRequest(org, 'POST', '/__local/faults', {
            body: JSON.stringify({
                random: {
                    rate: 0.1,
                    seed: 4,
                    effects: [{ kind: 'hang', match: { pathPattern: '/composite$' } }]
                }
            })
        });
        expect(random.status).toBe(200);
        const invalidShare = await rawRequest(org, 'POST', '/__local/faults', {
            body: JSON.stringify({ kind: 'recordError', errorCode: 'X', recordShare: 2 })
        });
        expect(invalidShare.status).toBe(400);
        expect(org.faults.list().map((entry) => entry.rule.kind)).toEqual([
            'dropResponse',
            'expireSessions',
            'recordError'
        ]);
    });

    it('pages REST queries by the org query page size', async () => {
        const first = await connect(org).query('SELECT Id FROM Lead');
        expect(first.records).toHaveLength(200);
        expect(first.nextRecordsUrl).toMatch(/\/query\/01g[A-Za-z0-9]+-200$/);
    });

    it('runs a request whose response is dropped', async () => {
        org.faults.inject({ kind: 'dropResponse', match: { method: 'POST' } });
        const before = org.store.query("SELECT Id FROM Lead WHERE Company = 'Dropped'").totalSize;
        await expect(
            connect(org).sobject('Lead').create({ LastName: 'Lost answer', Company: 'Dropped' })
        ).rejects.toThrow();
        const after = org.store.query("SELECT Id FROM Lead WHERE Company = 'Dropped'").totalSize;
        expect(after).toBe(before + 1);
    });

    it('answers the org 401 after an expireSessions effect', async () => {
        const tokenResponse = await fetch(`${org.loginUrl}/services/oauth2/token`, {
            method: 'POST',
            body: new URLSearchParams({
                grant_type: 'client_credentials',
                client_id: org.clientId,
                client_secret: org.clientSecret
            })
        });
        const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
        org.faults.inject({ kind: 'expireSessions' });
        const response = await fetch(`${org.instanceUrl}${DATA}/limits`, {
            headers: { Authorization: `Bearer ${token}` }
        });
        expect(response.status).toBe(401);
        expect(await response.json()).toEqual([
            { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }
        ]);
        // The fixed start-up token is exempt, as from `faults.expireSessions()`.
        expect((await rawRequest(org, 'GET', `${DATA}/limits`)).status).toBe(200);
    });

    it('expires a locator inside a Composite request in random mode', async () => {
        const first = await connect(org).query('SELECT Id FROM Lead');
        const locator = (first.nextRecordsUrl ?? '').replace(org.instanceUrl, '');
        org.faults.setRandom({
            rate: 1,
            seed: 2,
            effects: [
                {
                    kind: 'status',
                    status: 400,
                    errorCode: 'INVALID_QUERY_LOCATOR',
                    match: { method: 'GET', pathPattern: QUERY_MORE_PATH }
                }
            ]
        });
        const response = await rawRequest(org, 'POST', `${DATA}/composite`, {
            body: JSON.stringify({
                compositeRequest: [
                    { method: 'GET', url: locator, referenceId: 'more' },
                    {
                        method: 'GET',
                        url: `${DATA}/query?q=SELECT+Id+FROM+User`,
                        referenceId: 'users'
                    }
                ]
            })
        });
        expect(response.status).toBe(200);
        const body = JSON.parse(response.text) as {
            compositeResponse: { referenceId: string; httpStatusCode: number; body: unknown }[];
        };
        const byReference = new Map(
            body.compositeResponse.map((entry) => [entry.referenceId, entry])
        );
        expect(byReference.get('more')?.httpStatusCode).toBe(400);
        expect(byReference.get('more')?.body).toEqual([
            { message: 'invalid query locator', errorCode: 'INVALID_QUERY_LOCATOR' }
        ]);
        expect(byReference.get('users')?.httpStatusCode).toBe(200);
    });
});
