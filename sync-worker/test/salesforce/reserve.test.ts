import type { LocalOrg } from '../../src/local-org';
import { ApiReserve, writeRecords, type RecordValues } from '../../src/salesforce';
import { captureLogs, connectTestSession, startTestOrg, type CapturedLog } from './helpers';

function clocks(count: number, prefix: string): RecordValues[] {
    return Array.from({ length: count }, (_unused, index) => ({
        Clock_Key__c: `${prefix}-${index}`,
        Type__c: 'Response',
        Status__c: 'Open'
    }));
}

describe('ApiReserve', () => {
    let org: LocalOrg;
    let logs: CapturedLog[];

    beforeAll(async () => {
        logs = captureLogs();
        org = await startTestOrg({ dailyApiRequests: 100 });
    });

    afterEach(() => {
        org.usage.reset();
    });

    afterAll(async () => {
        await org.close();
    });

    it('reads DailyApiRequests and keeps 10% by default', async () => {
        const { client } = await connectTestSession(org);
        org.usage.record(40);
        const reserve = new ApiReserve(client);
        // The /limits call itself counts, so 41 of 100 are used when its response arrives.
        expect(await reserve.refresh()).toEqual({ max: 100, remaining: 59, reserve: 10 });
        expect(reserve.allows(49)).toBe(true);
        expect(reserve.allows(50)).toBe(false);
    });

    it('pauses writing before a request would dip into the reserve', async () => {
        const { session, client } = await connectTestSession(org);
        org.usage.record(88);
        const reserve = new ApiReserve(client, 10);
        const outcome = await writeRecords(
            client,
            [
                {
                    kind: 'upsert',
                    object: 'SLA_Clock__c',
                    externalIdField: 'Clock_Key__c',
                    records: clocks(1_200, 'reserve')
                }
            ],
            { reserve }
        );
        // /limits leaves 11 calls, one composite leaves 10: the second would dip into the reserve.
        expect(session.meter.snapshot().cycleCallsByResource).toEqual({ limits: 1, composite: 1 });
        expect(outcome.succeeded).toHaveLength(1_000);
        expect(outcome.skipped).toHaveLength(200);
        expect(outcome.skipped.every((record) => record.reason === 'api-reserve')).toBe(true);
        expect(outcome.paused).toEqual({
            reason: 'api-reserve',
            message:
                'Writing paused: 10 of 100 daily API calls remain and 10 (10%) are kept in reserve; 200 records wait for a later cycle.'
        });
        const pauseLines = logs.filter((entry) => entry.message.startsWith('Writing paused'));
        expect(pauseLines).toHaveLength(1);
        expect(pauseLines[0]?.level).toContain('warn');
    });

    it('rejects a reserve outside 0 to 100 percent', async () => {
        const { client } = await connectTestSession(org);
        expect(() => new ApiReserve(client, 120)).toThrow(
            'The API reserve must be 0 to 100 percent; it is 120.'
        );
    });
});
