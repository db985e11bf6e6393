/**
 * Crash harness: runs the worker (`lead-sla sync --once --now T`) as a child process
 * against a local org seeded with the sample org, and kills it with SIGKILL at seeded
 * points of its cycles (see `kill-proxy.ts`). Every episode starts from a copy of one
 * seeded database and goes through the same stages: points in time at which the policy
 * has new work (clocks fall due, breaches escalate, alerts go out). In each stage the
 * worker is killed and restarted several times. Then it runs without kills until the
 * org equals the reference (an episode without kills) at the end of that stage, record
 * by record and notification by notification, or until a run writes and sends nothing.
 * The last stage always ends with such an idle run.
 *
 * Within a stage, the org's clock and the worker's `--now` are frozen at the stage's
 * time, so every evaluation of a stage sees the same moment and the reference is
 * deterministic.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrgSchema } from '../../src/schema';
import { closeRig, openRig, seedDatabase, type EpisodeRig } from './harness-org';
import { chooseKill, expectedAfterKill, seededRandom, type RequestCounts } from './kill-plans';
import type { KillPlan, KillPoint } from './kill-proxy';
import {
    compareOrgStates,
    inFlightNotifications,
    readOrgState,
    type Comparison,
    type Mismatch,
    type OrgState
} from './org-state';
import { buildWorker, PROJECT_ROOT, type WorkerBuild } from './worker-build';
import { WorkerLauncher, type RunExit } from './worker-process';

/** Runs without kills after which a stage that still differs from the reference fails. */
const MAX_RECOVERY_RUNS = 4;

export interface HarnessOptions {
    /** Seed of the sample org. */
    readonly sampleSeed: number;
    /** Time the sample org is generated for, ISO 8601. */
    readonly sampleNow: string;
    /** Times of the stages, ISO 8601, in order; the org and the worker are frozen at each. */
    readonly stages: readonly string[];
    /** Seed of the kill points. */
    readonly killSeed: number;
    /** Kills to make in total, at least. */
    readonly minKills: number;
    /** Kills per stage of an episode before the stage recovers. */
    readonly killsPerStage: number;
    /** Called with a line of progress. */
    readonly log?: (line: string) => void;
}

/** One run of the worker: how it ended and what it sent. */
export interface RunRecord {
    readonly episode: number;
    readonly stage: number;
    /** The kill that ended the run, or null when it ended on its own. */
    readonly kill: KillPoint | null;
    readonly counts: Readonly<RequestCounts>;
    readonly exit: RunExit;
    readonly durationMs: number;
}

/** The outcome of an episode. */
export interface EpisodeResult {
    readonly episode: number;
    readonly kills: number;
    readonly runs: number;
    readonly mismatches: readonly Mismatch[];
    /** Notifications the outbox marked in flight at a kill. */
    readonly inFlight: number;
    /** Of those, how many never reached the org. */
    readonly lostInFlight: number;
}

export interface HarnessResult {
    readonly runs: readonly RunRecord[];
    readonly episodes: readonly EpisodeResult[];
    /** Runs of the reference episode. */
    readonly referenceRuns: number;
    /** Runs that ended with an error status when nothing killed them. */
    readonly failedRuns: readonly RunRecord[];
}

/** What the reference episode leaves for the kill episodes. */
interface Reference {
    /** State of the org at the end of each stage. */
    readonly states: readonly OrgState[];
    /** Requests of the first run of each stage. */
    readonly firstRuns: readonly RequestCounts[];
    readonly runs: number;
}

function isIdle(run: RunRecord): boolean {
    return run.counts.write === 0 && run.counts.notify === 0;
}

export class CrashHarness {
    private readonly workspace = mkdtempSync(join(tmpdir(), 'lead-sla-crash-'));
    private readonly schema = loadOrgSchema(join(PROJECT_ROOT, 'force-app'));
    private readonly build: WorkerBuild = buildWorker();
    private readonly launcher = new WorkerLauncher(this.build, {
        PATH: process.env.PATH ?? '',
        LOG_LEVEL: 'warn',
        LOG_FORMAT: 'json'
    });
    private readonly random: () => number;
    private readonly runs: RunRecord[] = [];

    public constructor(private readonly options: HarnessOptions) {
        this.random = seededRandom(options.killSeed);
    }

    /** Runs the reference episode, then kill episodes until `minKills` kills were made. */
    public async run(): Promise<HarnessResult> {
        const pristine = join(this.workspace, 'pristine');
        // Every episode starts from a copy of this one seeded database.
        await seedDatabase(pristine, this.schema, {
            seed: this.options.sampleSeed,
            now: this.options.sampleNow
        });
        const reference = await this.referenceEpisode(pristine);
        const episodes: EpisodeResult[] = [];
        let kills = 0;
        while (kills < this.options.minKills) {
            const result = await this.killEpisode(episodes.length + 1, pristine, reference);
            episodes.push(result);
            kills += result.kills;
            this.options.log?.(
                `episode ${result.episode}: ${result.kills} kills, ${result.runs} runs, ${result.mismatches.length} mismatches`
            );
            if (result.kills === 0) {
                throw new Error(
                    `Episode ${result.episode} made no kill; the kill points miss every request.`
                );
            }
        }
        return {
            runs: this.runs,
            episodes,
            referenceRuns: reference.runs,
            failedRuns: this.runs.filter(
                (run) => run.kill === null && run.exit.code !== 0 && run.exit.code !== 2
            )
        };
    }

    public async close(): Promise<void> {
        await this.launcher.close();
        this.build.remove();
        rmSync(this.workspace, { recursive: true, force: true });
    }

    private async referenceEpisode(pristine: string): Promise<Reference> {
        const rig = await this.openRig('reference', pristine);
        try {
            const before = this.runs.length;
            const states: OrgState[] = [];
            const firstRuns: RequestCounts[] = [];
            for (let stage = 0; stage < this.options.stages.length; stage += 1) {
                rig.stage = stage;
                let run = await this.runOnce(0, rig, null);
                firstRuns.push({ ...run.counts });
                for (let attempt = 1; !isIdle(run); attempt += 1) {
                    if (attempt >= MAX_RECOVERY_RUNS) {
                        throw new Error(
                            `Stage ${stage} of the reference episode still wrote after ${attempt} runs.`
                        );
                    }
                    run = await this.runOnce(0, rig, null);
                }
                states.push(readOrgState(rig.org, rig.journalDir));
            }
            return { states, firstRuns, runs: this.runs.length - before };
        } finally {
            await closeRig(rig);
        }
    }

    private async killEpisode(
        episode: number,
        pristine: string,
        reference: Reference
    ): Promise<EpisodeResult> {
        const rig = await this.openRig(`episode-${episode}`, pristine);
        try {
            const before = this.runs.length;
            const inFlight = new Set<string>();
            const mismatches: Mismatch[] = [];
            let kills = 0;
            let lostInFlight = 0;
            const last = this.options.stages.length - 1;
            for (let stage = 0; stage <= last; stage += 1) {
                rig.stage = stage;
                const expected = reference.firstRuns[stage] ?? { read: 1, write: 1, notify: 0 };
                const killed = await this.killStage(episode, rig, expected, inFlight);
                kills += killed.kills;
                const expectedState = reference.states[stage];
                if (expectedState === undefined) {
                    continue;
                }
                const comparison = await this.recover(
                    episode,
                    rig,
                    expectedState,
                    inFlight,
                    killed.lastRun
                );
                lostInFlight = comparison.lostInFlight;
                mismatches.push(
                    ...comparison.mismatches.map((mismatch) => ({
                        ...mismatch,
                        what: `stage ${stage}: ${mismatch.what}`
                    }))
                );
            }
            // An idle last recovery run shows convergence; otherwise one more run must be idle.
            const lastRun = this.runs.at(-1);
            const final =
                lastRun?.kill === null && isIdle(lastRun)
                    ? lastRun
                    : await this.runOnce(episode, rig, null);
            if (!isIdle(final)) {
                mismatches.push({
                    kind: 'convergence',
                    what: `stage ${last}`,
                    detail: `a run after the org matched the reference still made ${final.counts.write} writes and ${final.counts.notify} sends`
                });
            }
            return {
                episode,
                kills,
                runs: this.runs.length - before,
                mismatches,
                inFlight: inFlight.size,
                lostInFlight
            };
        } finally {
            await closeRig(rig);
        }
    }

    /**
     * Kills the worker up to `killsPerStage` times in the current stage, each time at a
     * point drawn from the requests a run is still expected to make. Stops early when a
     * run ends on its own, and returns that run. Collects the notifications each kill
     * left in flight.
     */
    private async killStage(
        episode: number,
        rig: EpisodeRig,
        firstRun: RequestCounts,
        inFlight: Set<string>
    ): Promise<{ kills: number; lastRun: RunRecord | null }> {
        let expected = { ...firstRun };
        let kills = 0;
        while (kills < this.options.killsPerStage) {
            const record = await this.runOnce(episode, rig, chooseKill(this.random, expected));
            if (record.kill === null) {
                return { kills, lastRun: record };
            }
            kills += 1;
            inFlightNotifications(rig.journalDir).forEach((notification) =>
                inFlight.add(notification)
            );
            expected = expectedAfterKill(expected, record.counts);
        }
        return { kills, lastRun: null };
    }

    /**
     * Runs the worker without kills until the org equals `expected`, a run writes and
     * sends nothing (so it converged elsewhere), or `MAX_RECOVERY_RUNS` runs were made.
     * Returns the last comparison. A run that ended on its own just before (`finished`)
     * counts as the first of them.
     */
    private async recover(
        episode: number,
        rig: EpisodeRig,
        expected: OrgState,
        inFlight: ReadonlySet<string>,
        finished: RunRecord | null
    ): Promise<Comparison> {
        let comparison: Comparison = { mismatches: [], lostInFlight: 0 };
        for (let attempt = 0; attempt < MAX_RECOVERY_RUNS; attempt += 1) {
            const run =
                attempt === 0 && finished !== null
                    ? finished
                    : await this.runOnce(episode, rig, null);
            comparison = compareOrgStates(
                expected,
                readOrgState(rig.org, rig.journalDir),
                inFlight
            );
            if (comparison.mismatches.length === 0 || isIdle(run)) {
                return comparison;
            }
        }
        return comparison;
    }

    private openRig(name: string, pristine: string): Promise<EpisodeRig> {
        return openRig(join(this.workspace, name), pristine, this.schema, this.options.stages);
    }

    private async runOnce(
        episode: number,
        rig: EpisodeRig,
        plan: KillPlan | null
    ): Promise<RunRecord> {
        const startedAt = Date.now();
        const now = this.options.stages[rig.stage] ?? this.options.sampleNow;
        const started = this.launcher.start(['sync', '--once', '--now', now], rig.env);
        const traffic = rig.proxy.beginRun(plan, () => started.kill());
        const exit = await started.exit;
        const record: RunRecord = {
            episode,
            stage: rig.stage,
            kill: exit.signal === 'SIGKILL' ? traffic.killed : null,
            counts: { ...traffic.counts },
            exit,
            durationMs: Date.now() - startedAt
        };
        this.runs.push(record);
        return record;
    }
}
