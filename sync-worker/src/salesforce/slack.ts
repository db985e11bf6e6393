/**
 * Optional Slack alerts through an incoming-webhook URL. The URL carries its own
 * secret, so it is registered for redaction and never logged. Only `https` URLs are
 * accepted; tests may allow `http://127.0.0.1` explicitly, for a loopback stand-in.
 * A failed post is reported and logged, never raised: Slack is a second channel and
 * must not stop a cycle.
 */
import { getLogger, registerSecret } from '../logging';
import { nameOf } from './classify';
import { SalesforceUsageError } from './errors';
import {
    backoffDelay,
    DEFAULT_RETRY_POLICY,
    SYSTEM_CLOCK,
    type RetryClock,
    type RetryPolicy
} from './retry';

const logger = getLogger('salesforce.slack');

/** Settings of the Slack channel. */
export interface SlackOptions {
    webhookUrl: string;
    /** Deadline of one post in milliseconds; default 10,000. */
    timeoutMs?: number;
    /** Accepts `http://127.0.0.1:<port>` URLs; for tests with a loopback server only. */
    allowLoopbackHttp?: boolean;
    retryPolicy?: RetryPolicy;
    clock?: RetryClock;
}

/** Result of one post. */
export interface SlackResult {
    sent: boolean;
    /** HTTP status of the last attempt, when a response arrived. */
    status: number | undefined;
    attempts: number;
    error: string | undefined;
}

/** Checks a webhook URL; raises `SalesforceUsageError` naming what is wrong, not the URL. */
export function checkWebhookUrl(url: string, allowLoopbackHttp: boolean): URL {
    let parsed: URL;
    try {
        parsed = new URL(url);
    } catch {
        throw new SalesforceUsageError(
            'The Slack webhook URL is not a valid URL; expected https://hooks.slack.com/services/...'
        );
    }
    const loopback =
        allowLoopbackHttp && parsed.protocol === 'http:' && parsed.hostname === '127.0.0.1';
    if (parsed.protocol !== 'https:' && !loopback) {
        throw new SalesforceUsageError(
            `The Slack webhook URL must use https; it uses ${parsed.protocol.replace(':', '')}.`
        );
    }
    return parsed;
}

/** Posts messages to one incoming webhook. */
export class SlackNotifier {
    private readonly url: URL;
    private readonly timeoutMs: number;
    private readonly policy: RetryPolicy;
    private readonly clock: RetryClock;

    public constructor(options: SlackOptions) {
        registerSecret(options.webhookUrl);
        this.url = checkWebhookUrl(options.webhookUrl, options.allowLoopbackHttp === true);
        this.timeoutMs = options.timeoutMs ?? 10_000;
        this.policy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;
        this.clock = options.clock ?? SYSTEM_CLOCK;
    }

    /**
     * Posts a message. 5xx and 429 responses are retried with backoff; a timeout or a
     * dropped connection is not, because Slack may already have posted the message.
     */
    public async post(text: string): Promise<SlackResult> {
        let result: SlackResult = { sent: false, status: undefined, attempts: 0, error: undefined };
        for (let attempt = 1; attempt <= this.policy.maxAttempts; attempt += 1) {
            result = await this.postOnce(text, attempt);
            const status = result.status;
            const retryable = status !== undefined && (status >= 500 || status === 429);
            if (result.sent || !retryable || attempt === this.policy.maxAttempts) {
                break;
            }
            await this.clock.sleep(backoffDelay(attempt, this.policy, this.clock.random));
        }
        if (!result.sent) {
            logger.warn('The Slack alert was not delivered; the alert stays in Salesforce only.', {
                status: result.status,
                attempts: result.attempts,
                error: result.error
            });
        }
        return result;
    }

    private async postOnce(text: string, attempt: number): Promise<SlackResult> {
        try {
            const response = await fetch(this.url, {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify({ text }),
                signal: AbortSignal.timeout(this.timeoutMs),
                redirect: 'error'
            });
            // Read the body so the connection can be reused.
            await response.text();
            return {
                sent: response.ok,
                status: response.status,
                attempts: attempt,
                error: response.ok ? undefined : `HTTP ${response.status}`
            };
        } catch (error) {
            const name = nameOf(error);
            const reason =
                name === 'TimeoutError'
                    ? `no response after ${this.timeoutMs} ms`
                    : 'the connection failed';
            return { sent: false, status: undefined, attempts: attempt, error: reason };
        }
    }
}
