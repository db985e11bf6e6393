import type { FaultEffect, LocalOrg } from '../../src/local-org';
import { writeRecords, type RecordValues } from '../../src/salesforce';
import {
    captureLogs,
    connectTestSession,
    recordingClock,
    startTestOrg,
    type CapturedLog
} from './helpers';

const COMPOSITE = { method: 'POST', pathPattern: '/composite$' };

function clocks(count: number, prefix: string): RecordValues[] {
    return Array.from({ length: count }, (_unused, index) => ({
        Clock_Key__c: `${prefix}-${index}`,
        Type__c: 'Response',
        Status__c: 'Open'
    }));
}

function keyCount(org: LocalOrg, prefix: string): number {
    return org.store.query(`SELECT COUNT() FROM SLA_Clock__c WHERE Clock_Key__c LIKE '${prefix}-%'`)
        .totalSize;
}

describe('write retries through fault injection', () => {
    let org: LocalOrg;
    let logs: CapturedLog[];

    beforeAll(async () => {
        logs = captureLogs();
        org = await startTestOrg();
    });

    afterEach(() => {
        org.faults.clear();
        org.usage.reset();
    });

    afterAll(async () => {
        await org.close();
    });

    it.each<[string, FaultEffect]>([
        [
            'a 503 HTML page',
            {
                kind: 'status',
                status: 503,
                body: '<html><h1>Service Unavailable</h1></html>',
                contentType: 'text/html'
            }
        ],
        [
            'a 500 UNKNOWN_EXCEPTION',
            { kind: 'status', status: 500, errorCode: 'UNKNOWN_EXCEPTION' }
        ],
        ['a dropped connection', { kind: 'drop' }],
        [
            'UNABLE_TO_LOCK_ROW for the request',
            { kind: 'status', status: 400, errorCode: 'UNABLE_TO_LOCK_ROW' }
        ]
    ])('resends an upsert after %s', async (name, effect) => {
        const prefix = `retry-${name.replace(/\W+/g, '-')}`;
        const clock = recordingClock();
        const { session, client } = await connectTestSession(org, {}, clock);
        org.faults.inject({ ...effect, match: COMPOSITE });
        const outcome = await writeRecords(client, [
            {
                kind: 'upsert',
                object: 'SLA_Clock__c',
                externalIdField: 'Clock_Key__c',
                records: clocks(3, prefix)
            }
        ]);
        expect(outcome.succeeded).toHaveLength(3);
        expect(outcome.failed).toEqual([]);
        expect(session.meter.callsThisCycle).toBe(2);
        expect(clock.waits).toEqual([375]);
        expect(keyCount(org, prefix)).toBe(3);
    });

    it('gives a request that never answers its deadline, then resends it', async () => {
        const clock = recordingClock();
        const { session, client } = await connectTestSession(org, { requestTimeoutMs: 300 }, clock);
        org.faults.inject({ kind: 'hang', match: COMPOSITE });
        const started = Date.now();
        const outcome = await writeRecords(client, [
            {
                kind: 'upsert',
                object: 'SLA_Clock__c',
                externalIdField: 'Clock_Key__c',
                records: clocks(2, 'hang')
            }
        ]);
        expect(Date.now() - started).toBeLessThan(3_000);
        expect(outcome.succeeded).toHaveLength(2);
        expect(session.meter.callsThisCycle).toBe(2);
        expect(
            logs.some((entry) => entry.message.includes('Retrying POST /composite after TIMEOUT'))
        ).toBe(true);
    });

    it('does not resend an insert after a dropped connection', async () => {
        const { session, client } = await connectTestSession(org);
        org.faults.inject({ kind: 'drop', match: COMPOSITE });
        const outcome = await writeRecords(client, [
            { kind: 'insert', object: 'Task', records: [{ Subject: 'Dropped' }] }
        ]);
        expect(outcome.succeeded).toEqual([]);
        expect(outcome.failed).toEqual([expect.objectContaining({ key: '#0', retryable: true })]);
        expect(session.meter.callsThisCycle).toBe(1);
    });

    it('stops writing on REQUEST_LIMIT_EXCEEDED after one call', async () => {
        const clock = recordingClock();
        const { session, client } = await connectTestSession(org, {}, clock);
        org.faults.exhaustApiLimit();
        const outcome = await writeRecords(client, [
            {
                kind: 'upsert',
                object: 'SLA_Clock__c',
                externalIdField: 'Clock_Key__c',
                records: clocks(1_200, 'limit')
            }
        ]);
        expect(session.meter.callsThisCycle).toBe(1);
        expect(clock.waits).toEqual([]);
        expect(outcome.paused?.reason).toBe('api-limit');
        expect(outcome.succeeded).toEqual([]);
        expect(outcome.skipped).toHaveLength(1_200);
        expect(outcome.skipped.every((record) => record.reason === 'api-limit')).toBe(true);
    });

    it('fails the run after the last attempt and skips what was not sent', async () => {
        const { session, client } = await connectTestSession(org);
        org.faults.inject({
            kind: 'status',
            status: 500,
            errorCode: 'UNKNOWN_EXCEPTION',
            match: COMPOSITE,
            count: 'unlimited'
        });
        const outcome = await writeRecords(client, [
            {
                kind: 'upsert',
                object: 'SLA_Clock__c',
                externalIdField: 'Clock_Key__c',
                records: clocks(1_200, 'down')
            }
        ]);
        expect(session.meter.callsThisCycle).toBe(5);
        expect(outcome.failed).toHaveLength(1_000);
        expect(outcome.failed[0]).toMatchObject({
            errorCode: 'UNKNOWN_EXCEPTION',
            retryable: true
        });
        expect(outcome.skipped).toHaveLength(200);
        expect(outcome.skipped[0]?.reason).toBe('stopped-after-failure');
    });
});
