/**
 * An account with 10,000 people next to the good org. The first cycle reads it through
 * Bulk API 2.0, because the contacts pass the bulk threshold. The second evaluates a
 * new lead of its domain with the whole buying committee as context. Nothing fails,
 * nothing is skipped, and the good records keep the decisions of a run without it.
 */
import { expectBadInputHandled } from './bad-input-checks';
import { EXAMPLE_GOOD_ORG, runScenario, type ScenarioRun } from './bad-input-harness';

jest.setTimeout(120_000);

const PEOPLE = 10_000;

describe('account with 10,000 people', () => {
    const now = new Date();
    let clean: ScenarioRun;
    let run: ScenarioRun;

    beforeAll(async () => {
        clean = await runScenario(EXAMPLE_GOOD_ORG, [], now);
        run = await runScenario(EXAMPLE_GOOD_ORG, [{ kind: 'big-account', people: PEOPLE }], now);
    });

    afterAll(async () => {
        await clean.testOrg.close();
        await run.testOrg.close();
    });

    it('keeps good decisions and fails nothing', () => {
        expectBadInputHandled(run, clean);
    });

    it('reads every person and evaluates the committee', () => {
        const [first, second] = run.reports;
        expect(first?.recordsRead ?? 0).toBeGreaterThan(PEOPLE);
        const bulk = run.logs.filter((log) => log.message === 'Read through Bulk API 2.0');
        expect(bulk.map((log) => log.object)).toContain('Contact');
        const account = run.inserted[0]?.created[1] ?? '';
        const accountUpdate = first?.plan?.updates.find((update) => update.id === account);
        expect(accountUpdate?.fields).toMatchObject({ Active_Committee_Members__c: PEOPLE / 100 });
        // The new lead brings its account and all 10,000 people into the second evaluation.
        expect(second?.focus.people ?? 0).toBeGreaterThan(PEOPLE);
    });
});
