import type { FaultRule } from '../../src/local-org';
import { MAINTENANCE_PAGE } from '../../src/local-org/server/faults';
import { SyncWorker } from '../../src/sync';
import { Fixture } from './fixtures';
import {
    connectTo,
    queryOrg,
    quietLogs,
    recordingClock,
    sessionToken,
    startSyncOrg,
    testSyncOptions,
    writeKeyFile,
    type CapturedLog,
    type TestOrg
} from './helpers';

jest.setTimeout(30_000);

interface LeadRow {
    Id: string;
    Routing_Decision__c: string | null;
}

async function routingOf(testOrg: TestOrg, leadId: string): Promise<string | null> {
    const [lead] = await queryOrg<LeadRow>(
        testOrg,
        `SELECT Id, Routing_Decision__c FROM Lead WHERE Id = '${leadId}'`
    );
    return lead?.Routing_Decision__c ?? null;
}

describe('sync cycle under API faults', () => {
    let testOrg: TestOrg;
    let fixture: Fixture;
    let worker: SyncWorker;
    let logs: CapturedLog[];
    const clock = recordingClock();

    beforeAll(async () => {
        logs = quietLogs();
        testOrg = await startSyncOrg();
        fixture = new Fixture(testOrg);
        fixture.team();
        fixture.lead('first@acme.example', { LeadSource: 'Demo Request' });
        const session = await connectTo(testOrg, { requestTimeoutMs: 400 }, clock);
        worker = new SyncWorker(session, testSyncOptions(testOrg));
        const first = await worker.runCycle(new Date());
        expect(first.outcome).toBe('success');
    });

    afterAll(async () => {
        await testOrg.close();
    });

    afterEach(() => {
        testOrg.org.faults.clear();
    });

    it('logs and retries a failed record', async () => {
        const leadId = fixture.lead('second@acme.example', { LeadSource: 'Demo Request' });
        testOrg.org.faults.inject({
            kind: 'recordError',
            errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
            message: 'Blocked by a test rule',
            match: { pathPattern: '/composite/sobjects$' }
        });
        const failed = await worker.runCycle(new Date());
        expect(failed.outcome).toBe('partial');
        expect(failed.failed).toBe(1);
        const entry = logs.find((log) => log.module === 'sync.write' && log.id === leadId);
        expect(entry?.errorCode).toBe('FIELD_CUSTOM_VALIDATION_EXCEPTION');
        expect(entry?.error).toBe('Blocked by a test rule');
        expect(await routingOf(testOrg, leadId)).toBeNull();
        const retried = await worker.runCycle(new Date());
        expect(retried.outcome).toBe('success');
        expect(await routingOf(testOrg, leadId)).toBe('Sales 1h');
    });

    const transientFaults: [string, FaultRule][] = [
        [
            'a 503 maintenance page',
            { kind: 'status', status: 503, body: MAINTENANCE_PAGE, contentType: 'text/html' }
        ],
        ['a 500 error', { kind: 'status', status: 500, errorCode: 'UNKNOWN_EXCEPTION' }],
        ['a dropped connection', { kind: 'drop' }],
        ['a response after the deadline', { kind: 'latency', ms: 1_500 }]
    ];

    it.each(transientFaults)('writes through %s on the write request', async (_name, rule) => {
        const leadId = fixture.lead(`retry${Math.random().toString(36).slice(2)}@acme.example`, {
            LeadSource: 'Demo Request'
        });
        const waitsBefore = clock.waits.length;
        // The change read of a cycle is two Composite requests; the next one writes.
        testOrg.org.faults.inject({
            ...rule,
            match: { method: 'POST', pathPattern: '/composite$' },
            skip: 2
        });
        const report = await worker.runCycle(new Date());
        expect(report.outcome).toBe('success');
        expect(clock.waits.length).toBeGreaterThan(waitsBefore);
        expect(await routingOf(testOrg, leadId)).toBe('Sales 1h');
    });

    it('writes again a record that met UNABLE_TO_LOCK_ROW', async () => {
        const leadId = fixture.lead('locked@acme.example', { LeadSource: 'Demo Request' });
        testOrg.org.faults.inject({
            kind: 'recordError',
            errorCode: 'UNABLE_TO_LOCK_ROW',
            match: { pathPattern: '/composite/sobjects$' }
        });
        const report = await worker.runCycle(new Date());
        expect(report.outcome).toBe('success');
        expect(report.failed).toBe(0);
        expect(await routingOf(testOrg, leadId)).toBe('Sales 1h');
    });

    it('stops the cycle without hammering when the daily limit is used up', async () => {
        fixture.lead('limit@acme.example', { LeadSource: 'Demo Request' });
        testOrg.org.faults.exhaustApiLimit();
        const report = await worker.runCycle(new Date());
        expect(report.outcome).toBe('failure');
        expect(report.error).toContain('REQUEST_LIMIT_EXCEEDED');
        expect(report.apiCalls).toBeLessThanOrEqual(2);
        testOrg.org.faults.resetApiUsage();
        const recovered = await worker.runCycle(new Date());
        expect(recovered.outcome).toBe('success');
        expect(recovered.written).toBeGreaterThan(0);
    });

    it('pauses writing before it would dip into the API reserve', async () => {
        const leadId = fixture.lead('reserve@acme.example', { LeadSource: 'Demo Request' });
        const session = await connectTo(testOrg, {}, recordingClock());
        const thrifty = new SyncWorker(
            session,
            testSyncOptions(testOrg, { apiReservePercent: 100 })
        );
        const report = await thrifty.runCycle(new Date());
        expect(report.outcome).toBe('partial');
        expect(report.written).toBe(0);
        expect(report.pausedReason).toContain('Writing paused');
        expect(await routingOf(testOrg, leadId)).toBeNull();
        const normal = await worker.runCycle(new Date());
        expect(normal.outcome).toBe('success');
        expect(await routingOf(testOrg, leadId)).toBe('Sales 1h');
    });
});

describe('sync cycle across session expiry', () => {
    it('mints a new JWT when the session expires', async () => {
        quietLogs();
        const key = writeKeyFile();
        const testOrg = await startSyncOrg();
        try {
            const fixture = new Fixture(testOrg);
            fixture.team();
            fixture.lead('jwt@acme.example', { LeadSource: 'Demo Request' });
            const session = await connectTo(testOrg, {
                auth: {
                    mode: 'jwt',
                    loginUrl: testOrg.org.loginUrl,
                    clientId: testOrg.org.clientId,
                    username: 'integration@local-org.test',
                    jwtKeyFile: key.path
                }
            });
            const worker = new SyncWorker(session, testSyncOptions(testOrg));
            expect((await worker.runCycle(new Date())).outcome).toBe('success');
            testOrg.org.faults.expireSessions();
            const leadId = fixture.lead('after-expiry@acme.example', {
                LeadSource: 'Demo Request'
            });
            const report = await worker.runCycle(new Date());
            expect(report.outcome).toBe('success');
            expect(session.meter.snapshot().cycleTokenRequests).toBe(1);
            expect(await routingOf(testOrg, leadId)).toBe('Sales 1h');
        } finally {
            key.remove();
            await testOrg.close();
        }
    });

    it('fails the cycle clearly when an access token expires', async () => {
        quietLogs();
        const testOrg = await startSyncOrg();
        try {
            const token = await sessionToken(testOrg);
            const session = await connectTo(testOrg, {
                auth: {
                    mode: 'access-token',
                    instanceUrl: testOrg.org.instanceUrl,
                    accessToken: token
                }
            });
            const worker = new SyncWorker(session, testSyncOptions(testOrg));
            expect((await worker.runCycle(new Date())).outcome).toBe('success');
            testOrg.org.faults.expireSessions();
            const report = await worker.runCycle(new Date());
            expect(report.outcome).toBe('failure');
            expect(report.error).toMatch(/INVALID_SESSION_ID|session/i);
            expect(report.apiCalls).toBeLessThanOrEqual(2);
        } finally {
            await testOrg.close();
        }
    });
});
