import type { LocalOrg } from '../../src/local-org';
import { SObjectName } from '../../src/schema/records';
import {
    changeQuery,
    RestClient,
    runQueries,
    type QuerySpec,
    type RestRequest,
    type RestResponse
} from '../../src/salesforce';
import { captureLogs, connectTestSession, insertLeads, startTestOrg } from './helpers';

const CHANGE_OBJECTS: SObjectName[] = [
    'Lead',
    'Contact',
    'Account',
    'Opportunity',
    'Task',
    'Event',
    'Engagement_Signal__c',
    'CampaignMember',
    'SLA_Clock__c',
    'User'
];

describe('runQueries against the local org', () => {
    let org: LocalOrg;

    beforeAll(async () => {
        captureLogs();
        org = await startTestOrg();
        insertLeads(org, 450);
        org.store.transaction(() => {
            const accountId = org.store.insert('Account', { Name: 'Acme' });
            for (let index = 0; index < 250; index += 1) {
                org.store.insert('Contact', { LastName: `Contact ${index}`, AccountId: accountId });
            }
        });
    });

    afterEach(() => {
        org.faults.clear();
    });

    afterAll(async () => {
        await org.close();
    });

    it('costs at most 2 calls for an idle cycle of 10 change queries', async () => {
        const { session, client } = await connectTestSession(org);
        const since = new Date(Date.now() + 60_000);
        const specs: Record<string, QuerySpec> = {};
        for (const object of CHANGE_OBJECTS) {
            specs[object] = { object, soql: changeQuery(object, { since }), maxFetch: 10_000 };
        }
        const outcomes = await runQueries(client, specs);
        for (const object of CHANGE_OBJECTS) {
            expect(outcomes[object]).toMatchObject({ complete: true, totalSize: 0, pages: 1 });
        }
        expect(session.meter.callsThisCycle).toBe(2);
        expect(session.meter.snapshot().cycleCallsByResource).toEqual({ composite: 2 });
    });

    it('batches next pages of several queries into one composite per round', async () => {
        const { session, client } = await connectTestSession(org);
        const outcomes = await runQueries(client, {
            leads: { object: 'Lead', soql: changeQuery('Lead'), maxFetch: 10_000, batchSize: 200 },
            contacts: {
                object: 'Contact',
                soql: changeQuery('Contact'),
                maxFetch: 10_000,
                batchSize: 200
            },
            users: { object: 'User', soql: changeQuery('User'), maxFetch: 10_000 }
        });
        expect(outcomes.leads).toMatchObject({ complete: true, totalSize: 450, pages: 3 });
        expect(outcomes.leads.records).toHaveLength(450);
        expect(new Set(outcomes.leads.records.map((lead) => lead.Id)).size).toBe(450);
        expect(outcomes.contacts).toMatchObject({ complete: true, totalSize: 250, pages: 2 });
        expect(outcomes.users.complete).toBe(true);
        // Round 1: three first pages; round 2: two next pages; round 3: the last lead page.
        expect(session.meter.callsThisCycle).toBe(3);
    });

    it('stops at maxFetch and reports the read as incomplete', async () => {
        const { client } = await connectTestSession(org);
        const { leads } = await runQueries(client, {
            leads: { object: 'Lead', soql: changeQuery('Lead'), maxFetch: 300, batchSize: 200 }
        });
        expect(leads).toMatchObject({
            complete: false,
            stopReason: 'maxFetch',
            pages: 2,
            totalSize: 450
        });
        expect(leads.records).toHaveLength(400);
    });

    it('fails one query without failing the others', async () => {
        const { client } = await connectTestSession(org);
        const outcomes = await runQueries(client, {
            broken: { object: 'Lead', soql: 'SELECT Id FROM Lead WHERE Nope__c = 1', maxFetch: 10 },
            users: { object: 'User', soql: changeQuery('User'), maxFetch: 10_000 }
        });
        expect(outcomes.broken).toMatchObject({ complete: false, stopReason: 'failed' });
        expect(outcomes.broken.error?.errorCode).toBe('INVALID_FIELD');
        expect(outcomes.users.complete).toBe(true);
    });

    it('retries a composite answered with a 503 page', async () => {
        const { session, client } = await connectTestSession(org);
        org.faults.inject({
            kind: 'status',
            status: 503,
            body: '<html>Maintenance</html>',
            contentType: 'text/html',
            match: { method: 'POST', pathPattern: '/composite$' }
        });
        const { users } = await runQueries(client, {
            users: { object: 'User', soql: changeQuery('User'), maxFetch: 100 }
        });
        expect(users.complete).toBe(true);
        expect(session.meter.callsThisCycle).toBe(2);
    });

    it('raises REQUEST_LIMIT_EXCEEDED after one call', async () => {
        const { session, client } = await connectTestSession(org);
        org.faults.inject({
            kind: 'status',
            status: 403,
            errorCode: 'REQUEST_LIMIT_EXCEEDED',
            match: { method: 'POST', pathPattern: '/composite$' },
            count: 'unlimited'
        });
        await expect(
            runQueries(client, {
                users: { object: 'User', soql: changeQuery('User'), maxFetch: 100 }
            })
        ).rejects.toMatchObject({ kind: 'limit', errorCode: 'REQUEST_LIMIT_EXCEEDED' });
        expect(session.meter.callsThisCycle).toBe(1);
    });
});

/** A client that returns composite responses from a list instead of the network. */
class ScriptedClient extends RestClient {
    public readonly requests: RestRequest[] = [];
    private readonly answers: unknown[];

    public constructor(base: RestClient, answers: unknown[]) {
        super(base.session);
        this.answers = answers;
    }

    public override send(request: RestRequest): Promise<RestResponse> {
        this.requests.push(request);
        return Promise.resolve({ status: 200, headers: {}, body: this.answers.shift() });
    }
}

describe('runQueries with records that do not fit the schema', () => {
    let org: LocalOrg;

    beforeAll(async () => {
        captureLogs();
        org = await startTestOrg();
    });

    afterAll(async () => {
        await org.close();
    });

    it('skips bad records with their Id and keeps the page', async () => {
        const { client } = await connectTestSession(org);
        const page = {
            totalSize: 3,
            done: true,
            records: [
                { attributes: { type: 'Lead' }, Id: '00Q000000000001AAA', LastName: 'Good' },
                { attributes: { type: 'Lead' }, Id: '00Q000000000002AAA', Intent_Score__c: 'high' },
                { attributes: { type: 'Lead' }, Id: '00Q000000000003AAA', CreatedDate: 'yesterday' }
            ]
        };
        const scripted = new ScriptedClient(client, [
            {
                compositeResponse: [
                    { body: page, httpHeaders: {}, httpStatusCode: 200, referenceId: 'q0' }
                ]
            }
        ]);
        const { leads } = await runQueries(scripted, {
            leads: { object: 'Lead', soql: changeQuery('Lead'), maxFetch: 10 }
        });
        expect(leads.complete).toBe(true);
        expect(leads.records.map((lead) => lead.Id)).toEqual(['00Q000000000001AAA']);
        expect(leads.invalid.map((record) => record.id)).toEqual([
            '00Q000000000002AAA',
            '00Q000000000003AAA'
        ]);
        expect(leads.invalid[0]?.reason).toContain('Intent_Score__c');
    });

    it('starts a query over when its locator expired', async () => {
        const { client } = await connectTestSession(org);
        const lead = (index: number) => ({
            attributes: { type: 'Lead' },
            Id: `00Q00000000000${index}AAA`
        });
        const nextUrl = '/services/data/v65.0/queryAll/01g000000000001AAA-2000';
        const answer = (body: unknown, status = 200) => ({
            compositeResponse: [
                { body, httpHeaders: {}, httpStatusCode: status, referenceId: 'q0' }
            ]
        });
        const scripted = new ScriptedClient(client, [
            answer({
                totalSize: 3,
                done: false,
                nextRecordsUrl: nextUrl,
                records: [lead(1), lead(2)]
            }),
            answer([{ errorCode: 'INVALID_QUERY_LOCATOR', message: 'invalid query locator' }], 400),
            answer({
                totalSize: 3,
                done: false,
                nextRecordsUrl: nextUrl,
                records: [lead(1), lead(2)]
            }),
            answer({ totalSize: 3, done: true, records: [lead(3)] })
        ]);
        const { leads } = await runQueries(scripted, {
            leads: { object: 'Lead', soql: changeQuery('Lead'), maxFetch: 10 }
        });
        expect(leads).toMatchObject({ complete: true, restarts: 1, pages: 2 });
        expect(leads.records.map((record) => record.Id)).toEqual([
            lead(1).Id,
            lead(2).Id,
            lead(3).Id
        ]);
        expect(scripted.requests).toHaveLength(4);
    });

    it('gives up after a second expired locator', async () => {
        const { client } = await connectTestSession(org);
        const nextUrl = '/services/data/v65.0/queryAll/01g000000000001AAA-2000';
        const page = { totalSize: 3, done: false, nextRecordsUrl: nextUrl, records: [] };
        const expired = [{ errorCode: 'INVALID_QUERY_LOCATOR', message: 'invalid query locator' }];
        const answer = (body: unknown, status = 200) => ({
            compositeResponse: [
                { body, httpHeaders: {}, httpStatusCode: status, referenceId: 'q0' }
            ]
        });
        const scripted = new ScriptedClient(client, [
            answer(page),
            answer(expired, 400),
            answer(page),
            answer(expired, 400)
        ]);
        const { leads } = await runQueries(scripted, {
            leads: { object: 'Lead', soql: changeQuery('Lead'), maxFetch: 10 }
        });
        expect(leads).toMatchObject({ complete: false, stopReason: 'failed', restarts: 1 });
        expect(leads.error?.errorCode).toBe('INVALID_QUERY_LOCATOR');
    });
});
