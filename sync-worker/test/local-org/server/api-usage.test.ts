import { ApiUsage } from '../../../src/local-org/server/api-usage';

describe('ApiUsage', () => {
    it('counts calls and formats the limit header', () => {
        const usage = new ApiUsage(100, () => 0);
        usage.record();
        usage.record(2);
        expect(usage.used).toBe(3);
        expect(usage.remaining).toBe(97);
        expect(usage.header()).toBe('api-usage=3/100');
    });

    it('drops calls older than 24 hours', () => {
        const clock = { now: 0 };
        const usage = new ApiUsage(10, () => clock.now);
        usage.record(4);
        clock.now = 23 * 3_600_000;
        usage.record(1);
        expect(usage.used).toBe(5);
        clock.now = 24 * 3_600_000 + 60_000;
        expect(usage.used).toBe(1);
    });

    it('exhausts and resets', () => {
        const usage = new ApiUsage(10, () => 0);
        usage.record(3);
        usage.exhaust();
        expect(usage.exhausted).toBe(true);
        expect(usage.remaining).toBe(0);
        usage.reset();
        expect(usage.used).toBe(0);
    });
});
