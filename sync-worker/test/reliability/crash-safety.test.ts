/**
 * Crash safety of the worker. It is killed with SIGKILL at seeded points of its cycles
 * (between reads, between and after write requests, around the send of its alerts) and
 * restarted, and it must leave the org as a worker that was never killed does. See
 * `crash-harness.ts` for how the runs are made and compared.
 *
 * `CRASH_SAFETY_SEED` and `CRASH_SAFETY_KILLS` change the seed of the kill points and
 * the number of kills, to explore other points than the ones CI checks.
 */
import { TEST_NOW } from '../../../scripts/sample-org/test-support';
import { CrashHarness, type HarnessResult } from './crash-harness';
import type { KillPoint } from './kill-proxy';
import { tallyKillPoints } from './kill-plans';
import { tallyMismatches } from './org-state';

// About 160 runs of the worker, each a process that reads and evaluates the whole
// sample org. One run of this file took 3.5 minutes of CPU time on a 2-core machine
// (9 minutes of wall time while other jobs kept it busy), an estimated 2 minutes idle.
jest.setTimeout(1_800_000);

const HOUR_MS = 3_600_000;

const KILL_SEED = Number(process.env.CRASH_SAFETY_SEED ?? 20_270_317);

const MIN_KILLS = Number(process.env.CRASH_SAFETY_KILLS ?? 100);

function hoursAfter(time: string, hours: number): string {
    return new Date(Date.parse(time) + hours * HOUR_MS).toISOString();
}

function sum(values: readonly number[]): number {
    return values.reduce((total, value) => total + value, 0);
}

describe('worker killed mid-cycle', () => {
    let harness: CrashHarness;
    let result: HarnessResult;

    beforeAll(async () => {
        harness = new CrashHarness({
            sampleSeed: 7,
            sampleNow: TEST_NOW,
            // A Wednesday afternoon in New York, two hours later (the first response
            // clocks fall due), and the next day (day-long windows end, escalations).
            stages: [TEST_NOW, hoursAfter(TEST_NOW, 2), hoursAfter(TEST_NOW, 22)],
            killSeed: KILL_SEED,
            minKills: MIN_KILLS,
            killsPerStage: 5
        });
        result = await harness.run();
        const kills = result.runs
            .map((run) => run.kill)
            .filter((kill): kill is KillPoint => kill !== null);
        const mismatches = result.episodes.flatMap((episode) => episode.mismatches);
        const inFlight = sum(result.episodes.map((episode) => episode.inFlight));
        const lost = sum(result.episodes.map((episode) => episode.lostInFlight));
        process.stdout.write(
            [
                `Crash safety (seed ${KILL_SEED}): ${result.runs.length} runs (${result.referenceRuns} for the reference), ${result.episodes.length} episodes, ${kills.length} kills, ${mismatches.length} mismatches.`,
                `Kill points: ${JSON.stringify(tallyKillPoints(kills))}.`,
                `Mismatches: ${JSON.stringify(tallyMismatches(mismatches))}.`,
                `Notifications in flight at a kill: ${inFlight}, of which ${lost} never reached the org; none is sent twice.`,
                ''
            ].join('\n')
        );
    });

    afterAll(async () => {
        await harness.close();
    });

    it('makes the kills asked for', () => {
        const kills = result.runs.filter((run) => run.kill !== null);
        expect(kills.length).toBeGreaterThanOrEqual(MIN_KILLS);
    });

    it('kills at reads, writes and alert sends', () => {
        const categories = new Set(result.runs.map((run) => run.kill?.category));
        expect(categories).toContain('read');
        expect(categories).toContain('write');
        expect(categories).toContain('notify');
    });

    it('finishes every run that is not killed', () => {
        expect(result.failedRuns.map((run) => run.exit.output.slice(-2_000))).toEqual([]);
    });

    it('leaves the org as a run without kills does', () => {
        const mismatches = result.episodes.flatMap((episode) =>
            episode.mismatches.map((mismatch) => ({ episode: episode.episode, ...mismatch }))
        );
        // The first 30 are enough to see the pattern; the summary line has the counts.
        expect(mismatches.slice(0, 30)).toEqual([]);
    });
});
