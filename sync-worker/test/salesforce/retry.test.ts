import { getLogger } from '../../src/logging';
import {
    backoffDelay,
    DEFAULT_RETRY_POLICY,
    SalesforceApiError,
    type FailureKind
} from '../../src/salesforce';
import { isRetryable, withRetry } from '../../src/salesforce/retry';
import { captureLogs, recordingClock } from './helpers';

function failure(kind: FailureKind, errorCode = kind.toUpperCase()): SalesforceApiError {
    return new SalesforceApiError({
        kind,
        errorCode,
        message: 'test failure',
        operation: 'POST /composite'
    });
}

const logger = getLogger('test.retry');

describe('backoffDelay', () => {
    const policy = { maxAttempts: 6, baseDelayMs: 500, maxDelayMs: 4_000 };

    it('doubles the step after each failure', () => {
        const top = (attempt: number): number => backoffDelay(attempt, policy, () => 1);
        expect([1, 2, 3, 4].map(top)).toEqual([500, 1_000, 2_000, 4_000]);
    });

    it('caps the step at maxDelayMs', () => {
        expect(backoffDelay(10, policy, () => 1)).toBe(4_000);
    });

    it('jitters between half and all of the step', () => {
        expect(backoffDelay(3, policy, () => 0)).toBe(1_000);
        expect(backoffDelay(3, policy, () => 0.5)).toBe(1_500);
        expect(backoffDelay(3, policy, () => 0.999_999)).toBe(2_000);
    });
});

describe('isRetryable', () => {
    it.each<[FailureKind, boolean, boolean]>([
        ['server', true, true],
        ['server', false, true],
        ['lock', false, true],
        ['timeout', true, true],
        ['timeout', false, false],
        ['connection', true, true],
        ['connection', false, false],
        ['limit', true, false],
        ['auth', true, false],
        ['client', true, false]
    ])('%s failure, idempotent %s: %s', (kind, idempotent, expected) => {
        expect(isRetryable(failure(kind), idempotent)).toBe(expected);
    });

    it('rejects errors that are not Salesforce API errors', () => {
        expect(isRetryable(new Error('boom'), true)).toBe(false);
    });
});

describe('withRetry', () => {
    beforeAll(() => {
        captureLogs();
    });

    it('retries transient failures with growing waits', async () => {
        const clock = recordingClock();
        const attempts: number[] = [];
        const result = await withRetry(
            (attempt) => {
                attempts.push(attempt);
                return attempt < 3
                    ? Promise.reject(failure('server', 'HTTP_503'))
                    : Promise.resolve('done');
            },
            {
                policy: DEFAULT_RETRY_POLICY,
                clock,
                idempotent: true,
                operation: 'GET /limits',
                logger
            }
        );
        expect(result).toBe('done');
        expect(attempts).toEqual([1, 2, 3]);
        expect(clock.waits).toEqual([375, 750]);
    });

    it('raises the last failure after maxAttempts', async () => {
        const clock = recordingClock();
        let calls = 0;
        const run = withRetry(
            () => {
                calls += 1;
                return Promise.reject(failure('lock', 'UNABLE_TO_LOCK_ROW'));
            },
            {
                policy: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1_000 },
                clock,
                idempotent: true,
                operation: 'PATCH',
                logger
            }
        );
        await expect(run).rejects.toMatchObject({ errorCode: 'UNABLE_TO_LOCK_ROW' });
        expect(calls).toBe(3);
        expect(clock.waits).toHaveLength(2);
    });

    it('never retries REQUEST_LIMIT_EXCEEDED', async () => {
        const clock = recordingClock();
        let calls = 0;
        const run = withRetry(
            () => {
                calls += 1;
                return Promise.reject(failure('limit', 'REQUEST_LIMIT_EXCEEDED'));
            },
            {
                policy: DEFAULT_RETRY_POLICY,
                clock,
                idempotent: true,
                operation: 'POST /composite',
                logger
            }
        );
        await expect(run).rejects.toMatchObject({ kind: 'limit' });
        expect(calls).toBe(1);
        expect(clock.waits).toEqual([]);
    });

    it('does not resend a non-idempotent call after a timeout', async () => {
        const clock = recordingClock();
        let calls = 0;
        const run = withRetry(
            () => {
                calls += 1;
                return Promise.reject(failure('timeout', 'TIMEOUT'));
            },
            {
                policy: DEFAULT_RETRY_POLICY,
                clock,
                idempotent: false,
                operation: 'POST /actions',
                logger
            }
        );
        await expect(run).rejects.toMatchObject({ kind: 'timeout' });
        expect(calls).toBe(1);
    });
});
