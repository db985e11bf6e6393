import { FaultInjector, type FaultActions } from '../../../src/local-org/server/faults';

function injector(): { faults: FaultInjector; calls: string[] } {
    const calls: string[] = [];
    const actions: FaultActions = {
        expireSessions: () => {
            calls.push('expireSessions');
            return 2;
        },
        exhaustApiLimit: () => calls.push('exhaustApiLimit'),
        resetApiUsage: () => calls.push('resetApiUsage')
    };
    return { faults: new FaultInjector(actions), calls };
}

const QUERY = '/services/data/v65.0/query';

describe('FaultInjector', () => {
    it('applies a rule to the next N matching requests', () => {
        const { faults } = injector();
        faults.inject({
            kind: 'status',
            status: 503,
            match: { method: 'GET', pathPattern: '/query' },
            count: 2
        });
        expect(faults.takeRequestFaults('POST', QUERY)).toEqual([]);
        expect(faults.takeRequestFaults('GET', '/services/data/v65.0/limits')).toEqual([]);
        expect(faults.takeRequestFaults('GET', QUERY)).toHaveLength(1);
        expect(faults.takeRequestFaults('GET', QUERY)).toHaveLength(1);
        expect(faults.takeRequestFaults('GET', QUERY)).toEqual([]);
        expect(faults.list()).toEqual([]);
    });

    it('skips the first matches when asked', () => {
        const { faults } = injector();
        faults.inject({ kind: 'omitHeader', header: 'Sforce-Locator', skip: 1 });
        expect(faults.takeRequestFaults('GET', QUERY)).toEqual([]);
        expect(faults.takeRequestFaults('GET', QUERY)[0]?.kind).toBe('omitHeader');
    });

    it('keeps unlimited rules until cleared', () => {
        const { faults } = injector();
        faults.inject({ kind: 'latency', ms: 5, count: 'unlimited' });
        for (let index = 0; index < 5; index += 1) {
            expect(faults.takeRequestFaults('GET', QUERY)).toHaveLength(1);
        }
        expect(faults.list()[0]?.remaining).toBe('unlimited');
        faults.clear();
        expect(faults.takeRequestFaults('GET', QUERY)).toEqual([]);
    });

    it('leaves record errors to collection calls', () => {
        const { faults } = injector();
        faults.inject({ kind: 'recordError', errorCode: 'UNABLE_TO_LOCK_ROW', recordIndexes: [1] });
        const path = '/services/data/v65.0/composite/sobjects';
        expect(faults.takeRequestFaults('POST', path)).toEqual([]);
        expect(faults.takeRecordFault('POST', path)?.recordIndexes).toEqual([1]);
        expect(faults.takeRecordFault('POST', path)).toBeUndefined();
    });

    it('replays the same random faults for the same seed', () => {
        const draw = (): string[] => {
            const { faults } = injector();
            faults.setRandom({ rate: 0.3, seed: 42 });
            return Array.from({ length: 200 }, () =>
                faults
                    .takeRequestFaults('GET', QUERY)
                    .map((effect) => effect.kind)
                    .join(',')
            );
        };
        const first = draw();
        expect(draw()).toEqual(first);
        const faulted = first.filter((entry) => entry !== '').length;
        expect(faulted).toBeGreaterThan(35);
        expect(faulted).toBeLessThan(85);
    });

    it('leaves paths outside the REST API alone in random mode', () => {
        const { faults } = injector();
        faults.setRandom({ rate: 1, seed: 1 });
        expect(faults.takeRequestFaults('POST', '/services/oauth2/token')).toEqual([]);
        expect(faults.takeRequestFaults('GET', QUERY)).toHaveLength(1);
    });

    it('runs state actions', () => {
        const { faults, calls } = injector();
        expect(faults.expireSessions()).toBe(2);
        faults.exhaustApiLimit();
        faults.resetApiUsage();
        expect(calls).toEqual(['expireSessions', 'exhaustApiLimit', 'resetApiUsage']);
    });

    it('expires query locators on query-more paths only', () => {
        const { faults } = injector();
        faults.expireQueryLocators();
        expect(faults.takeRequestFaults('GET', QUERY)).toEqual([]);
        const [effect] = faults.takeRequestFaults('GET', `${QUERY}/01gLO0000000001AAA-2000`);
        expect(effect).toMatchObject({
            kind: 'status',
            status: 400,
            errorCode: 'INVALID_QUERY_LOCATOR'
        });
    });
});
