import { runService, scheduleCycles, type CycleReport } from '../../src/sync';
import { Fixture } from './fixtures';
import {
    createWorker,
    queryOrg,
    quietLogs,
    startSyncOrg,
    type CapturedLog,
    type TestOrg
} from './helpers';

jest.setTimeout(30_000);

/** Resolves once `test` holds, checking every 10 ms, or rejects after `timeoutMs`. */
async function waitFor(test: () => boolean, timeoutMs = 10_000): Promise<void> {
    const started = Date.now();
    while (!test()) {
        if (Date.now() - started > timeoutMs) {
            throw new Error('The condition did not hold in time.');
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
    }
}

/**
 * Delivers a signal the way Node does, as a `process` event: Jest's `process` in the test
 * realm is not the one the operating system signals.
 */
function deliverSignal(signal: NodeJS.Signals): void {
    process.emit(signal, signal);
}

describe('sync worker as a service', () => {
    let testOrg: TestOrg;
    let fixture: Fixture;
    let logs: CapturedLog[];

    beforeEach(async () => {
        logs = quietLogs();
        testOrg = await startSyncOrg();
        fixture = new Fixture(testOrg);
        fixture.team();
        fixture.lead('service@acme.example', { LeadSource: 'Demo Request' });
    });

    afterEach(async () => {
        await testOrg.close();
    });

    it('skips and logs a tick while a cycle runs', async () => {
        const worker = await createWorker(testOrg);
        testOrg.org.faults.inject({
            kind: 'latency',
            ms: 300,
            match: { pathPattern: '/composite$' },
            count: 'unlimited'
        });
        const schedule = scheduleCycles(worker, { expression: '* * * * *', start: false });
        const first = schedule.tick();
        const second = await schedule.tick();
        expect(second).toBeNull();
        expect(schedule.skippedTicks).toBe(1);
        expect((await first)?.outcome).toBe('success');
        expect(logs.some((log) => log.message.startsWith('Skipped a scheduled cycle'))).toBe(true);
        await schedule.stop();
    });

    it('runs cycles on a node-cron schedule without overlap', async () => {
        const worker = await createWorker(testOrg);
        // Each cycle takes over a second, so the every-second schedule must skip ticks.
        testOrg.org.faults.inject({
            kind: 'latency',
            ms: 700,
            match: { pathPattern: '/composite$' },
            count: 'unlimited'
        });
        const reports: CycleReport[] = [];
        const schedule = scheduleCycles(worker, {
            expression: '* * * * * *',
            onReport: (report) => reports.push(report)
        });
        await waitFor(() => reports.length >= 1 && schedule.skippedTicks >= 1);
        await schedule.stop();
        expect(reports[0]?.outcome).toBe('success');
        expect(schedule.skippedTicks).toBeGreaterThanOrEqual(1);
    });

    it('reports health and metrics on 127.0.0.1', async () => {
        const worker = await createWorker(testOrg);
        const reports: CycleReport[] = [];
        const service = await runService(worker, {
            expression: '0 0 1 1 *',
            healthPort: 0,
            runImmediately: true,
            onReport: (report) => reports.push(report),
            signals: ['SIGUSR2']
        });
        try {
            expect(service.health.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
            await waitFor(() => reports.length === 1);
            const health = await fetch(`${service.health.url}/healthz`);
            expect(health.status).toBe(200);
            const body = (await health.json()) as {
                status: string;
                lastCycle: { outcome: string; finishedAt: string };
            };
            expect(body.status).toBe('ok');
            expect(body.lastCycle.outcome).toBe('success');
            expect(Date.parse(body.lastCycle.finishedAt)).toBeGreaterThan(0);
            const metrics = await (await fetch(`${service.health.url}/metrics`)).text();
            expect(metrics).toContain('lead_sla_cycles_total{outcome="success"} 1');
            expect(metrics).toMatch(/lead_sla_api_calls_total [1-9]/);
            expect(metrics).toMatch(/lead_sla_records_written_total [1-9]/);
            expect(metrics).toContain('lead_sla_open_clocks 1');
            expect((await fetch(`${service.health.url}/other`)).status).toBe(404);
        } finally {
            await service.stop('test end');
        }
    });

    it('finishes the write batch in flight on a signal, then stops', async () => {
        const worker = await createWorker(testOrg);
        const reports: CycleReport[] = [];
        // The first read of a process takes 4 Composite requests (19 objects, 5 a request);
        // the fifth request writes, slowly, and the signal arrives while it is in flight.
        testOrg.org.faults.inject({
            kind: 'latency',
            ms: 400,
            match: { method: 'POST', pathPattern: '/composite$' },
            skip: 4
        });
        const service = await runService(worker, {
            expression: '* * * * * *',
            healthPort: 0,
            runImmediately: true,
            onReport: (report) => reports.push(report),
            signals: ['SIGUSR2']
        });
        await waitFor(() => testOrg.org.usage.max - testOrg.org.usage.remaining >= 5);
        deliverSignal('SIGUSR2');
        await service.stopped;
        expect(reports).toHaveLength(1);
        expect(reports[0]?.outcome).toBe('success');
        const clocks = await queryOrg(testOrg, 'SELECT Id FROM SLA_Clock__c');
        expect(clocks).toHaveLength(1);
        expect(
            (await fetch(`${service.health.url}/healthz`).catch(() => null))?.status
        ).toBeUndefined();
    });

    it('writes nothing when the signal comes before the writes', async () => {
        const worker = await createWorker(testOrg);
        const reports: CycleReport[] = [];
        testOrg.org.faults.inject({
            kind: 'latency',
            ms: 300,
            match: { method: 'POST', pathPattern: '/composite$' }
        });
        const service = await runService(worker, {
            expression: '* * * * * *',
            healthPort: 0,
            runImmediately: true,
            onReport: (report) => reports.push(report),
            signals: ['SIGUSR2']
        });
        await waitFor(() => worker.running);
        deliverSignal('SIGUSR2');
        await service.stopped;
        expect(reports[0]?.written).toBe(0);
        expect(await queryOrg(testOrg, 'SELECT Id FROM SLA_Clock__c')).toHaveLength(0);
    });
});
