/**
 * Retries with exponential backoff and jitter. jsforce retries neither POST nor PATCH
 * (and its own GET retries sleep on real timers), so the access layer switches jsforce's
 * retries off and retries every call here, with a clock that tests replace.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from '../logging';
import { SalesforceApiError } from './errors';

/** How often and how patiently to retry. */
export interface RetryPolicy {
    /** Attempts in total, the first included; 1 turns retries off. */
    maxAttempts: number;
    /** Wait before the second attempt, in milliseconds; it doubles on each later one. */
    baseDelayMs: number;
    /** Maximum wait between two attempts, in milliseconds. */
    maxDelayMs: number;
}

/** Five attempts over about 7.5 s at most (0.5 + 1 + 2 + 4 s before jitter). */
export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
    maxAttempts: 5,
    baseDelayMs: 500,
    maxDelayMs: 15_000
});

/** Time source of the retries; tests pass one that does not wait. */
export interface RetryClock {
    sleep: (ms: number) => Promise<void>;
    /** Uniform number in [0, 1), for the jitter. */
    random: () => number;
}

/** The real clock: timers and `Math.random`. */
export const SYSTEM_CLOCK: RetryClock = {
    sleep: (ms) => delay(ms),
    random: () => Math.random()
};

/**
 * Wait before attempt `failedAttempts + 1`: the exponential step capped at
 * `maxDelayMs`, then scaled into [50%, 100%] of itself ("equal jitter"), so that workers
 * that failed together do not retry together.
 */
export function backoffDelay(
    failedAttempts: number,
    policy: RetryPolicy,
    random: () => number
): number {
    const step = policy.baseDelayMs * 2 ** Math.max(0, failedAttempts - 1);
    const capped = Math.min(policy.maxDelayMs, step);
    return Math.round(capped / 2 + (capped / 2) * random());
}

/**
 * Returns whether a failed call may be sent again. Only transient failures qualify, and a call
 * that is not idempotent is not resent after a timeout or a dropped connection, because
 * the org may already have run it. `REQUEST_LIMIT_EXCEEDED` and authentication failures
 * are never retried.
 */
export function isRetryable(error: unknown, idempotent: boolean): boolean {
    if (!(error instanceof SalesforceApiError) || !error.transient) {
        return false;
    }
    return idempotent || !error.ambiguous;
}

/** Options of `withRetry`. */
export interface RetryOptions {
    policy: RetryPolicy;
    clock: RetryClock;
    /** True when sending the call twice has the same effect as sending it once. */
    idempotent: boolean;
    /** Method and resource of the call, for the log: `POST /composite`. */
    operation: string;
    logger: Logger;
}

/**
 * Runs `attempt` until it succeeds, fails for good, or runs out of attempts; the last
 * error is raised. `attempt` receives the 1-based attempt number.
 */
export async function withRetry<T>(
    attempt: (attemptNumber: number) => Promise<T>,
    options: RetryOptions
): Promise<T> {
    const { policy, clock } = options;
    for (let attemptNumber = 1; ; attemptNumber += 1) {
        try {
            return await attempt(attemptNumber);
        } catch (error) {
            if (attemptNumber >= policy.maxAttempts || !isRetryable(error, options.idempotent)) {
                throw error;
            }
            const waitMs = backoffDelay(attemptNumber, policy, clock.random);
            const reason = error instanceof SalesforceApiError ? error.errorCode : 'error';
            options.logger.warn(`Retrying ${options.operation} after ${reason}.`, {
                attempt: attemptNumber + 1,
                maxAttempts: policy.maxAttempts,
                waitMs
            });
            await clock.sleep(waitMs);
        }
    }
}
