/**
 * The worker under API faults. In a long seeded run, 10% of the calls to a faulty org
 * get a fault, while a second org with the same seed and the same edits runs without
 * faults. After every round of edits both workers run until their org is quiet, and at
 * the end both orgs must contain the same records. Shorter tests check that the worker
 * stops calling once Salesforce reports the API limit, and that it stops a cycle with a
 * clear error when a freshly issued token is rejected too.
 */
import { faultLabel } from '../../src/local-org/server/faults';
import {
    connectSalesforce,
    DEFAULT_RETRY_POLICY,
    RestClient,
    type SalesforceSession
} from '../../src/salesforce';
import { SyncWorker, type CycleReport } from '../../src/sync';
import { recordingClock } from '../salesforce/helpers';
import { Fixture, hoursAfter } from '../sync/fixtures';
import {
    queryOrg,
    quietLogs,
    startSyncOrg,
    testSyncOptions,
    type CapturedLog,
    type TestOrg
} from '../sync/helpers';
import {
    FAILED_TOKEN_REQUESTS,
    FAULT_RATE,
    RANDOM_EFFECTS,
    SCHEDULED_FAULTS
} from './fault-soak-faults';
import { editAsPeople } from './fault-soak-org';
import { requestsAfterLimit, SoakSide } from './fault-soak-run';
import { compareStates, describeDifferences, orgState, stateSize } from './fault-soak-state';

jest.setTimeout(120_000);

/** Seed of the people's edits and of the fault draws. */
const SEED = 9;

/** Rounds of edits in the long run. */
const ROUNDS = 20;

/**
 * Worker restarts before a round, with the bulk threshold of the new process. With
 * 10,000, its first read uses REST query pages (200 rows each in the soak org) for
 * every object. With 150, it uses Bulk API 2.0 (result pages of 120 rows) for the larger ones.
 */
const RESTARTS: ReadonlyMap<number, number> = new Map([
    [7, 10_000],
    [14, 150]
]);

/** Cycles a side may run after one round of edits before the round counts as not converged. */
const MAX_CYCLES_PER_ROUND = 12;

describe('worker under API faults', () => {
    let logs: CapturedLog[];

    beforeAll(() => {
        logs = quietLogs();
    });

    it('converges to the fault-free result over a long faulty run', async () => {
        const clean = await SoakSide.start({ requestTimeoutMs: 15_000, bulkThreshold: 150 });
        // A request that never gets a response costs the faulty side its whole deadline.
        const faulty = await SoakSide.start({ requestTimeoutMs: 1_000, bulkThreshold: 150 });
        try {
            const faults = faulty.org.testOrg.org.faults;
            const cyclesPerRound: number[] = [];
            const notConverged: number[] = [];
            for (let round = 0; round < ROUNDS; round += 1) {
                for (const side of [clean, faulty]) {
                    const threshold = RESTARTS.get(round);
                    if (threshold !== undefined) {
                        side.restart(threshold);
                    }
                    side.org.clock.startRound(round);
                    editAsPeople(side.org.testOrg, SEED, round);
                }
                const reference = await clean.runUntilQuiet(MAX_CYCLES_PER_ROUND);
                expect({ round, quiet: reference.quiet }).toEqual({ round, quiet: true });

                for (const scheduled of SCHEDULED_FAULTS.filter((entry) => entry.round === round)) {
                    scheduled.rules.forEach((rule) => faults.inject(rule));
                }
                faults.setRandom({
                    rate: FAULT_RATE,
                    seed: SEED * 1_000 + round,
                    effects: RANDOM_EFFECTS
                });
                const run = await faulty.runUntilQuiet(MAX_CYCLES_PER_ROUND);
                faults.setRandom(undefined);
                cyclesPerRound.push(run.cycles);
                if (!run.quiet) {
                    notConverged.push(round);
                }
                expect(clean.org.clock.isWithinRound(round)).toBe(true);
                expect(faulty.org.clock.isWithinRound(round)).toBe(true);
            }

            const { notifications: expectedAlerts = [], ...expected } = orgState(
                clean.org.testOrg.org.store
            );
            const { notifications: actualAlerts = [], ...actual } = orgState(
                faulty.org.testOrg.org.store
            );
            const [alerts] = compareStates(
                { notifications: expectedAlerts },
                { notifications: actualAlerts }
            );
            const unknownSends = logs.filter((log) =>
                log.message.startsWith('A notification may or may not have been sent')
            ).length;
            const applied = faults.applied();
            const afterLimit = faulty.traffic.map(requestsAfterLimit);
            console.log(
                `API fault soak: ${JSON.stringify({
                    rounds: ROUNDS,
                    records: stateSize(expected),
                    alerts: expectedAlerts.length,
                    clean: { ...clean.totals, waits: clean.totals.waits.length },
                    faulty: { ...faulty.totals, waits: faulty.totals.waits.length },
                    faultsApplied: applied,
                    cyclesPerRound: cyclesPerRound.join(' '),
                    lostAlerts: alerts?.onlyInExpected.length ?? 0,
                    unknownSends
                })}`
            );

            expect(notConverged).toEqual([]);
            expect(describeDifferences(compareStates(expected, actual))).toBe('');
            // An alert whose send got no response is not sent again, so that no manager is
            // alerted twice: it may be missing, but it is never duplicated or lost otherwise.
            expect(alerts?.onlyInActual ?? []).toEqual([]);
            expect(alerts?.onlyInExpected.length ?? 0).toBeLessThanOrEqual(unknownSends);

            for (const effect of RANDOM_EFFECTS) {
                const label = faultLabel(effect);
                const met = (applied[label] ?? 0) + (applied[`subrequest ${label}`] ?? 0);
                expect({ label, met: met > 0 }).toEqual({ label, met: true });
            }

            // One renewal per expired session, besides the sign-in of each process.
            expect(faulty.totals.tokenRequests).toBeLessThanOrEqual(
                clean.totals.tokenRequests + (applied.expireSessions ?? 0) + FAILED_TOKEN_REQUESTS
            );

            // No call after REQUEST_LIMIT_EXCEEDED in its cycle, and every retry waited.
            expect(afterLimit.filter((count) => count > 0)).toEqual([]);
            const faultCount = Object.values(applied).reduce((sum, count) => sum + count, 0);
            expect(faulty.totals.waits.length).toBeLessThanOrEqual(
                faultCount * (DEFAULT_RETRY_POLICY.maxAttempts - 1)
            );
            const shortest = Math.min(...faulty.totals.waits);
            expect(shortest).toBeGreaterThanOrEqual(DEFAULT_RETRY_POLICY.baseDelayMs / 2);
        } finally {
            await clean.close();
            await faulty.close();
        }
    });

    describe('with a small team', () => {
        let testOrg: TestOrg;
        let fixture: Fixture;
        let worker: SyncWorker;
        let session: SalesforceSession;
        const start = new Date();

        beforeEach(async () => {
            testOrg = await startSyncOrg({ requestLogSize: 10_000 });
            fixture = new Fixture(testOrg);
            fixture.team();
            const { org } = testOrg;
            session = await connectSalesforce(
                {
                    auth: {
                        mode: 'refresh-token',
                        loginUrl: org.loginUrl,
                        clientId: org.clientId,
                        clientSecret: org.clientSecret,
                        refreshToken: org.issueRefreshToken()
                    },
                    requestTimeoutMs: 5_000
                },
                { clock: recordingClock() }
            );
            worker = new SyncWorker(session, testSyncOptions(testOrg));
            expect((await worker.runCycle(start)).outcome).toBe('success');
        });

        afterEach(async () => {
            await testOrg.close();
        });

        /** Runs a cycle and returns its report with the requests the org responded to meanwhile. */
        async function tracedCycle(now: Date): Promise<{
            report: CycleReport;
            rest: { path: string; status: number }[];
            tokens: number;
        }> {
            testOrg.org.requests.clear();
            const report = await worker.runCycle(now);
            const entries = testOrg.org.requests
                .entries()
                .filter((entry) => entry.compositeReferenceId === undefined);
            return {
                report,
                rest: entries.filter((entry) => entry.path.startsWith('/services/data/')),
                tokens: entries.filter((entry) => entry.path === '/services/oauth2/token').length
            };
        }

        async function routingOf(leadId: string): Promise<string | null> {
            const [lead] = await queryOrg<{ Routing_Decision__c: string | null }>(
                testOrg,
                `SELECT Routing_Decision__c FROM Lead WHERE Id = '${leadId}'`
            );
            return lead?.Routing_Decision__c ?? null;
        }

        it('sends nothing more in a cycle after REQUEST_LIMIT_EXCEEDED', async () => {
            const leadId = fixture.lead('limit@acme.example', { LeadSource: 'Demo Request' });
            // The change read is two Composite requests; the third one writes.
            testOrg.org.faults.inject({
                kind: 'status',
                status: 403,
                errorCode: 'REQUEST_LIMIT_EXCEEDED',
                match: { method: 'POST', pathPattern: '/composite$' },
                skip: 2
            });
            const limited = await tracedCycle(start);
            expect(limited.rest.map((request) => request.status)).toEqual([200, 200, 403]);
            expect(limited.report.outcome).not.toBe('success');
            expect(await routingOf(leadId)).toBeNull();

            const recovered = await tracedCycle(start);
            expect(recovered.report.outcome).toBe('success');
            expect(await routingOf(leadId)).toBe('Sales 1h');
        });

        it('rejects later calls after REQUEST_LIMIT_EXCEEDED', async () => {
            const client = new RestClient(session);
            session.beginCycle();
            testOrg.org.faults.inject({
                kind: 'status',
                status: 403,
                errorCode: 'REQUEST_LIMIT_EXCEEDED',
                match: { method: 'GET', pathPattern: '/limits$' }
            });
            testOrg.org.requests.clear();
            const limits = { method: 'GET' as const, path: '/limits' };
            await expect(client.send(limits, { idempotent: true })).rejects.toMatchObject({
                kind: 'limit',
                errorCode: 'REQUEST_LIMIT_EXCEEDED'
            });
            await expect(client.send(limits, { idempotent: true })).rejects.toThrow(
                'not sent, because GET /limits met the API limit earlier in this cycle'
            );
            expect(testOrg.org.requests.entries()).toHaveLength(1);
            session.beginCycle();
            await expect(client.send(limits, { idempotent: true })).resolves.toMatchObject({
                status: 200
            });
        });

        it('spends one call per cycle while the daily limit is used up', async () => {
            const leadId = fixture.lead('exhausted@acme.example', { LeadSource: 'Demo Request' });
            testOrg.org.faults.exhaustApiLimit();
            for (let cycle = 0; cycle < 3; cycle += 1) {
                const { report, rest } = await tracedCycle(start);
                expect(report.outcome).toBe('failure');
                expect(report.error).toContain('REQUEST_LIMIT_EXCEEDED');
                expect(rest).toHaveLength(1);
            }
            testOrg.org.faults.resetApiUsage();
            expect((await tracedCycle(start)).report.outcome).toBe('success');
            expect(await routingOf(leadId)).toBe('Sales 1h');
        });

        it.each([
            ['its first call', 0, 2],
            ['its first write', 2, 4]
        ])(
            'stops a cycle whose refreshed token is rejected at %s',
            async (_name, skip, restCalls) => {
                const leadId = fixture.lead(`rejected${skip}@acme.example`, {
                    LeadSource: 'Demo Request'
                });
                testOrg.org.faults.inject({
                    kind: 'status',
                    status: 401,
                    errorCode: 'INVALID_SESSION_ID',
                    match: { pathPattern: '^/services/data/v' },
                    skip,
                    count: 'unlimited'
                });
                const rejected = await tracedCycle(start);
                expect(rejected.report.outcome).toBe('failure');
                expect(rejected.report.error).toContain(
                    'Salesforce rejected a freshly issued access token (INVALID_SESSION_ID)'
                );
                // One renewal, and the call that failed is sent once more with the new token.
                expect(rejected.tokens).toBe(1);
                expect(rejected.rest).toHaveLength(restCalls);
                expect(rejected.rest.filter((request) => request.status === 401)).toHaveLength(2);

                // The next cycle renews once more and stops at its first call: no loop.
                const again = await tracedCycle(start);
                expect(again.report.error).toContain('freshly issued access token');
                expect(again.tokens).toBe(1);
                expect(again.rest).toHaveLength(2);

                testOrg.org.faults.clear();
                const recovered = await tracedCycle(start);
                expect(recovered.report.outcome).toBe('success');
                expect(await routingOf(leadId)).toBe('Sales 1h');
            }
        );

        it('evaluates new leads while a write always fails', async () => {
            const blocked = fixture.lead('blocked@acme.example', { LeadSource: 'Demo Request' });
            testOrg.org.faults.inject({
                kind: 'recordError',
                errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
                message: 'Blocked by a validation rule',
                match: { pathPattern: '/composite/sobjects$' },
                count: 'unlimited'
            });
            const first = await tracedCycle(start);
            expect(first.report.failed).toBeGreaterThan(0);
            for (let cycle = 0; cycle < 3; cycle += 1) {
                const newcomer = fixture.lead(`newcomer${cycle}@acme.example`, {
                    LeadSource: 'Demo Request'
                });
                const { report } = await tracedCycle(start);
                // The rejected write is not resumed ahead of evaluation: each cycle plans anew.
                const planned = report.plan?.updates.map((update) => update.id) ?? [];
                expect(planned).toContain(newcomer);
                expect(planned).toContain(blocked);
            }
        });

        it('keeps alerts that wait for a cycle under the API limit', async () => {
            fixture.lead('breach@acme.example', { LeadSource: 'Demo Request' });
            expect((await tracedCycle(start)).report.outcome).toBe('success');
            // Three hours later the response clock is overdue: a breach, a task and an alert.
            const later = hoursAfter(start, 3);
            testOrg.org.faults.inject({
                kind: 'status',
                status: 403,
                errorCode: 'REQUEST_LIMIT_EXCEEDED',
                match: {
                    method: 'POST',
                    pathPattern: '/actions/standard/customNotificationAction$'
                },
                count: 'unlimited'
            });
            // More cycles than a rejected alert is tried: waiting for the limit is no rejection.
            for (let cycle = 0; cycle < 6; cycle += 1) {
                await tracedCycle(later);
            }
            // A lead that arrives now is read by a cycle that then meets the limit.
            const leadId = fixture.lead('during-limit@acme.example', {
                LeadSource: 'Demo Request'
            });
            const limited = await tracedCycle(later);
            expect(limited.report.error).toContain('REQUEST_LIMIT_EXCEEDED');
            expect(testOrg.org.notifications.list()).toHaveLength(0);

            testOrg.org.faults.clear();
            await tracedCycle(later);
            expect(testOrg.org.notifications.list().length).toBeGreaterThan(0);
            expect(await routingOf(leadId)).toBe('Sales 1h');
        });
    });
});
