import '../local-org/store/quiet-logs';
import type { SimulationResult } from '../../src/simulate';
import {
    differenceLines,
    policyFolder,
    simulateKnownHistory,
    startKnownHistory,
    type KnownHistory
} from './helpers';

jest.setTimeout(60_000);

describe('what-if replay of a known history', () => {
    let history: KnownHistory;
    const files = policyFolder();

    beforeAll(async () => {
        history = await startKnownHistory();
    });

    afterAll(async () => {
        await history.close();
        files.remove();
    });

    describe('with a 30-minute Sales window instead of one hour', () => {
        let result: SimulationResult;

        beforeAll(async () => {
            result = await simulateKnownHistory(
                history,
                files.write('faster.json', { routeSalesHours: 0.5 })
            );
        });

        it('lists the policy change', () => {
            expect(result.givenPolicy.changes).toEqual([
                { field: 'routeSalesHours', current: 1, given: 0.5 }
            ]);
        });

        it('finds each changed decision, largest first', () => {
            const { a, b, c } = history.leads;
            const rep = history.team.salesReps[0];
            expect(differenceLines(result)).toEqual([
                // Blake's breach is the rep's second of the quarter: the manager is notified.
                `escalation added ${b}`,
                // Casey's is the third: a rep review opens and Casey goes to another rep...
                `review added ${rep}`,
                // ...who does not call in time either.
                `breach added ${c}`,
                `breach changed ${b}`,
                `breach added ${a}`,
                `breach added ${c}`,
                `escalation added ${c}`
            ]);
        });

        it('gives the engine reasons of both policies', () => {
            const blake = result.differences.find(
                (entry) => entry.key.startsWith('breach:') && entry.change === 'changed'
            );
            expect(blake?.current?.summary).toBe(
                'Response clock breached at 2024-03-04T17:00:00.000Z, overdue 43.0 h'
            );
            expect(blake?.current?.reason).toBe(
                'Breached: no required action by 2024-03-04T17:00:00.000Z (clock: Routed to Sales within 1 business hour: intent 77 is above 70)'
            );
            expect(blake?.given?.summary).toBe(
                'Response clock breached at 2024-03-04T16:30:00.000Z, overdue 43.5 h'
            );
            expect(blake?.given?.reason).toContain('Routed to Sales within 0.50 business hours');
            expect(blake?.impactHours).toBe(0.5);
        });

        it('names the escalations and the reassigned rep', () => {
            const escalations = result.differences.filter(
                (entry) => entry.category === 'escalation'
            );
            expect(escalations.map((entry) => entry.current)).toEqual([null, null]);
            expect(escalations.map((entry) => entry.given?.summary)).toEqual([
                'Manager Notified at breach 2 of the quarter',
                'Reassigned to Test Boyd at breach 3 of the quarter'
            ]);
            expect(escalations[1]?.given?.reason).toBe(
                'Reassigned after breach 3 this quarter of Test Ames: Casey'
            );
        });

        it('measures each difference in hours', () => {
            expect(result.differences.map((entry) => entry.impactHours)).toEqual([
                43.5, 41.48, 40.98, 0.5, 0.25, 0.17, 0.17
            ]);
        });

        it('opens the rep review in the quarter of the third breach', () => {
            const review = result.differences.find((entry) => entry.category === 'review');
            const rep = history.team.salesReps[0];
            expect(review?.key).toBe(`review:RepBreachReview:${rep}:2024-Q1`);
            expect(review?.given?.reason).toBe('Breach 3 of the rep in 2024-Q1');
        });

        it('counts the decisions of each policy', () => {
            expect(result.totals).toEqual({
                route: { current: 3, given: 3, added: 0, removed: 0, changed: 0 },
                handoff: { current: 3, given: 3, added: 0, removed: 0, changed: 0 },
                breach: { current: 1, given: 4, added: 3, removed: 0, changed: 1 },
                escalation: { current: 0, given: 2, added: 2, removed: 0, changed: 0 },
                review: { current: 0, given: 1, added: 1, removed: 0, changed: 0 }
            });
        });
    });

    describe('with a higher Sales intent threshold', () => {
        let result: SimulationResult;

        beforeAll(async () => {
            result = await simulateKnownHistory(
                history,
                files.write('stricter.json', { routeSalesIntentAbove: 90 })
            );
        });

        it('hands fewer leads to Sales and nurtures them instead', () => {
            const { a, b, c } = history.leads;
            expect(differenceLines(result)).toEqual([
                `route changed ${a}`,
                `route changed ${b}`,
                `route changed ${c}`,
                `handoff removed ${a}`,
                `handoff removed ${b}`,
                `breach removed ${b}`,
                `handoff removed ${c}`
            ]);
            expect(result.totals.handoff).toEqual({
                current: 3,
                given: 0,
                added: 0,
                removed: 3,
                changed: 0
            });
        });

        it('explains each route with its threshold', () => {
            const route = result.differences[0];
            expect(route?.current?.summary).toBe('Sales 1h, due 2024-03-04T15:00:00.000Z');
            expect(route?.current?.reason).toBe(
                'Routed to Sales within 1 business hour: intent 77 is above 70'
            );
            expect(route?.given?.summary).toBe('Nurture, due 2024-03-11T13:00:00.000Z');
            expect(route?.given?.reason).toBe(
                'Nurtured by Marketing for 7 days: intent 77 is not above 90, committee 0 is not above 3, engagement 0 is not above 5'
            );
        });

        it('shows the handoff only under the current policy', () => {
            const handoff = result.differences[3];
            expect(handoff?.current?.summary).toBe(
                'Lead handed to Sales or an SDR at 2024-03-04T14:00:00.000Z'
            );
            expect(handoff?.given).toBeNull();
            expect(handoff?.impactHours).toBe(46);
        });
    });

    describe('with the current policy again', () => {
        it('finds no difference', async () => {
            const result = await simulateKnownHistory(
                history,
                files.write('same.json', { routeSalesHours: 1 })
            );
            expect(result.givenPolicy.changes).toEqual([]);
            expect(result.differences).toEqual([]);
            for (const totals of Object.values(result.totals)) {
                expect(totals.given).toBe(totals.current);
            }
            expect(result.totals.breach.current).toBe(1);
        });
    });
});
