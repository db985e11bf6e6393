/**
 * Runs cycles on a node-cron schedule, never two at once: a tick that finds the previous
 * cycle still running is skipped and logged. The schedule is kept apart from the cycle
 * so that cycles run in tests without timers.
 */
import { schedule, type ScheduledTask } from 'node-cron';
import { describeError, getLogger } from '../logging';
import type { CycleReport } from './types';

const logger = getLogger('sync.schedule');

/** Worker the scheduler runs cycles on. */
export interface CycleRunner {
    readonly running: boolean;
    runCycle(now?: Date): Promise<CycleReport>;
}

/** A running schedule. */
export interface CycleSchedule {
    /** Runs a cycle now unless one is running; returns its report, or null when skipped. */
    tick(): Promise<CycleReport | null>;
    /** Stops further ticks and waits for the cycle in flight, if any. */
    stop(): Promise<void>;
    /** Ticks skipped because a cycle was running. */
    readonly skippedTicks: number;
}

/** Options of `scheduleCycles`. */
export interface ScheduleOptions {
    /** node-cron expression; six fields give seconds. */
    readonly expression: string;
    /** Called with each finished cycle's report. */
    readonly onReport?: (report: CycleReport) => void;
    /** Called for each skipped tick. */
    readonly onSkip?: () => void;
    /** False creates the schedule without starting node-cron (tests drive `tick`). */
    readonly start?: boolean;
}

/** Starts running cycles on the schedule. */
export function scheduleCycles(runner: CycleRunner, options: ScheduleOptions): CycleSchedule {
    let inFlight: Promise<CycleReport | null> | null = null;
    let skipped = 0;
    let stopped = false;
    const tick = (): Promise<CycleReport | null> => {
        if (stopped) {
            return Promise.resolve(null);
        }
        if (runner.running || inFlight !== null) {
            skipped += 1;
            options.onSkip?.();
            logger.warn('Skipped a scheduled cycle: the previous cycle is still running.', {
                skippedTicks: skipped
            });
            return Promise.resolve(null);
        }
        const run = runner
            .runCycle()
            .then((report) => {
                options.onReport?.(report);
                return report;
            })
            .catch((error: unknown) => {
                logger.error(`A scheduled cycle failed: ${describeError(error)}`);
                return null;
            })
            .finally(() => {
                inFlight = null;
            });
        inFlight = run;
        return run;
    };
    let task: ScheduledTask | null = null;
    if (options.start !== false) {
        task = schedule(options.expression, () => {
            void tick();
        });
        logger.info('Sync schedule started', { schedule: options.expression });
    }
    return {
        tick,
        get skippedTicks() {
            return skipped;
        },
        stop: async () => {
            stopped = true;
            if (task !== null) {
                await task.stop();
                await task.destroy();
            }
            await inFlight;
        }
    };
}
