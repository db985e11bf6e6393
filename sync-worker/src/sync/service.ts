/**
 * The worker as a service: the schedule, the health endpoint and graceful shutdown. On
 * SIGTERM or SIGINT no new cycle starts, and a running cycle finishes the write batch in
 * flight (its plan, with the notifications of what it wrote) or, if it had not begun
 * writing, writes nothing; then the endpoint closes and the returned promise resolves,
 * so the process can exit with status 0.
 */
import { getLogger } from '../logging';
import type { SyncWorker } from './cycle';
import { startHealthServer, type HealthServer } from './health-server';
import { scheduleCycles, type CycleSchedule } from './scheduler';
import type { CycleReport } from './types';

const logger = getLogger('sync.service');

/** Options of `runService`. */
export interface ServiceOptions {
    readonly expression: string;
    /** Port of the health endpoint on 127.0.0.1; 0 picks a free port. */
    readonly healthPort: number;
    /** Runs a cycle at once instead of waiting for the first tick. */
    readonly runImmediately: boolean;
    readonly onReport?: (report: CycleReport) => void;
    /** Signals that stop the service; default SIGTERM and SIGINT. */
    readonly signals?: readonly NodeJS.Signals[];
}

/** A running service. */
export interface RunningService {
    readonly health: HealthServer;
    readonly schedule: CycleSchedule;
    /** Stops the service as a signal would. */
    stop(reason: string): Promise<void>;
    /** Resolves once the service has stopped. */
    readonly stopped: Promise<void>;
}

/** Starts the schedule and the health endpoint, and stops both on a signal. */
export async function runService(
    worker: SyncWorker,
    options: ServiceOptions
): Promise<RunningService> {
    const health = await startHealthServer(worker, options.healthPort);
    const schedule = scheduleCycles(worker, {
        expression: options.expression,
        ...(options.onReport === undefined ? {} : { onReport: options.onReport }),
        onSkip: () => {
            worker.metrics.recordSkippedTick();
        }
    });
    let resolveStopped: () => void = () => undefined;
    const stopped = new Promise<void>((resolve) => {
        resolveStopped = resolve;
    });
    let stopping: Promise<void> | null = null;
    const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
    const stop = (reason: string): Promise<void> => {
        if (stopping !== null) {
            logger.warn(`Already stopping; ${reason} ignored.`);
            return stopping;
        }
        logger.info(`Stopping (${reason}): the cycle in flight finishes its write batch first.`, {
            cycleRunning: worker.running
        });
        worker.requestStop();
        stopping = (async () => {
            await schedule.stop();
            await health.close();
            for (const signal of signals) {
                process.off(signal, onSignal);
            }
            logger.info('Stopped.');
            resolveStopped();
        })();
        return stopping;
    };
    const onSignal = (signal: NodeJS.Signals): void => {
        void stop(signal);
    };
    for (const signal of signals) {
        process.on(signal, onSignal);
    }
    if (options.runImmediately) {
        void schedule.tick();
    }
    return { health, schedule, stop, stopped };
}
