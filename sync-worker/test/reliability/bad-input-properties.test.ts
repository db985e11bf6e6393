/**
 * Property over a random small org and a random mix of bad records. Two real sync
 * cycles over jsforce against the local org fail nothing and report every skipped
 * record with its Id and reason. They decide for the good records exactly as a run of
 * the same org without the bad records does. The run is seeded, so a failure replays;
 * `BAD_INPUT_RUNS` and `BAD_INPUT_SEED` override the defaults.
 */
import fc from 'fast-check';
import { expectBadInputHandled } from './bad-input-checks';
import { goodOrgArbitrary, runScenario, type ScenarioRun } from './bad-input-harness';
import { badSpecArbitrary } from './bad-input-kinds';

/** Each run starts two orgs and runs four cycles: 20 runs took 35 s on a shared 2-core machine. */
const RUNS = Number(process.env.BAD_INPUT_RUNS ?? 20);
const SEED = Number(process.env.BAD_INPUT_SEED ?? 20_270_310);

jest.setTimeout(120_000);

interface Totals {
    runs: number;
    badRecords: number;
    skipped: number;
    recordsRead: number;
}

describe('bad input properties', () => {
    const now = new Date();
    const totals: Totals = { runs: 0, badRecords: 0, skipped: 0, recordsRead: 0 };

    afterAll(() => {
        // The figures of the run, for the record of what the property covered.
        process.stdout.write(
            `bad input: ${totals.runs} runs, ${totals.recordsRead} records read in first cycles, ${totals.badRecords} bad records inserted, ${totals.skipped} skipped and reported\n`
        );
    });

    it('keeps good decisions and reports each skipped record', async () => {
        await fc.assert(
            fc.asyncProperty(
                goodOrgArbitrary,
                fc.array(badSpecArbitrary, { minLength: 1, maxLength: 4 }),
                async (good, bad) => {
                    const clean = await runScenario(good, [], now);
                    let run: ScenarioRun | null = null;
                    try {
                        run = await runScenario(good, bad, now);
                        expectBadInputHandled(run, clean);
                        totals.runs += 1;
                        totals.recordsRead += run.reports[0]?.recordsRead ?? 0;
                        totals.badRecords += run.inserted.flatMap((kind) => kind.created).length;
                        totals.skipped += run.inserted.flatMap((kind) => kind.skipped).length;
                    } finally {
                        await run?.testOrg.close();
                        await clean.testOrg.close();
                    }
                }
            ),
            { numRuns: RUNS, seed: SEED }
        );
    });
});
