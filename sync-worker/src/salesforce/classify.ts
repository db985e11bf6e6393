/**
 * Turns what jsforce and undici throw into `SalesforceApiError`s. For a 4xx/5xx response
 * jsforce raises an `HttpApiError` with the Salesforce error code, or `ERROR_HTTP_503`
 * when the body is not a Salesforce error (an HTML page). undici raises a `TypeError`
 * "fetch failed" whose cause contains the socket error code. A request past its deadline
 * ends with an `AbortError` or jsforce's "Request Timeout".
 */
import type { HttpResponse } from 'jsforce/lib/types';
import { z } from 'zod';
import { kindOfErrorCode, SalesforceApiError } from './errors';

/** Socket error codes that mean the connection dropped or could not be opened. */
const CONNECTION_CODES = new Set([
    'ECONNRESET',
    'ECONNREFUSED',
    'ECONNABORTED',
    'EPIPE',
    'ENOTFOUND',
    'ENETDOWN',
    'ENETUNREACH',
    'EHOSTDOWN',
    'EHOSTUNREACH',
    'EAI_AGAIN',
    'UND_ERR_SOCKET',
    'UND_ERR_CLOSED'
]);

const CONNECTION_MESSAGES = /socket hang up|other side closed|ECONNRESET|fetch failed|terminated/i;

function stringProperty(value: unknown, key: string): string | undefined {
    if (typeof value !== 'object' || value === null || !(key in value)) {
        return undefined;
    }
    const property: unknown = (value as Record<string, unknown>)[key];
    return typeof property === 'string' ? property : undefined;
}

/** Walks the `cause` chain for a socket error code such as `ECONNRESET`. */
function socketCodeOf(error: unknown): string | undefined {
    let current: unknown = error;
    for (let depth = 0; depth < 5 && current !== undefined && current !== null; depth += 1) {
        const code = stringProperty(current, 'code');
        if (code !== undefined && CONNECTION_CODES.has(code)) {
            return code;
        }
        current = typeof current === 'object' && 'cause' in current ? current.cause : undefined;
    }
    return undefined;
}

/**
 * Message of an error. Property reads instead of `instanceof Error`, because errors from
 * Node internals (`DOMException`, fs errors) may come from another realm under Jest.
 */
export function messageOf(error: unknown): string {
    return stringProperty(error, 'message') ?? String(error);
}

/** Name of an error such as `AbortError`, or undefined. */
export function nameOf(error: unknown): string | undefined {
    return stringProperty(error, 'name');
}

/** True when the error is a request that ran past its deadline. */
function isTimeout(error: unknown): boolean {
    const name = stringProperty(error, 'name');
    return (
        name === 'AbortError' ||
        name === 'TimeoutError' ||
        /Request Timeout/i.test(messageOf(error))
    );
}

const errorEntrySchema = z.object({ errorCode: z.string(), message: z.string().optional() });
const errorBodySchema = z.union([z.array(errorEntrySchema).min(1), errorEntrySchema]);

/**
 * Reads `[{errorCode, message}]` (REST) or `{errorCode, message}` from a parsed error
 * body; undefined for anything else.
 */
export function errorEntryOf(value: unknown): { errorCode: string; message: string } | undefined {
    const parsed = errorBodySchema.safeParse(value);
    if (!parsed.success) {
        return undefined;
    }
    const entry = Array.isArray(parsed.data) ? parsed.data[0] : parsed.data;
    return entry === undefined
        ? undefined
        : { errorCode: entry.errorCode, message: entry.message ?? '' };
}

/** Like `errorEntryOf` for a raw body; undefined when it is not JSON, such as an HTML page. */
export function parseErrorBody(body: string): { errorCode: string; message: string } | undefined {
    try {
        return errorEntryOf(JSON.parse(body));
    } catch {
        return undefined;
    }
}

/** Error code of a response: the Salesforce code, or `HTTP_<status>` for a bare status. */
function errorCodeOf(error: unknown, status: number): string {
    const code = stringProperty(error, 'errorCode') ?? stringProperty(error, 'name') ?? '';
    if (
        code === '' ||
        /^ERROR_HTTP_\d+$/.test(code) ||
        code === 'Error' ||
        code === 'HttpApiError'
    ) {
        return `HTTP_${status}`;
    }
    return code;
}

/**
 * Converts a failure of `operation` into a `SalesforceApiError`. `response` is the last
 * response seen for the call, when one arrived; without it the failure happened on the
 * network.
 */
export function toSalesforceApiError(
    error: unknown,
    operation: string,
    response: HttpResponse | undefined,
    timeoutMs?: number
): SalesforceApiError {
    if (error instanceof SalesforceApiError) {
        return error;
    }
    if (response !== undefined && response.statusCode >= 400) {
        const status = response.statusCode;
        const fromBody =
            typeof response.body === 'string' ? parseErrorBody(response.body) : undefined;
        const errorCode = fromBody?.errorCode ?? errorCodeOf(error, status);
        return new SalesforceApiError({
            kind: kindOfErrorCode(errorCode, status),
            errorCode,
            status,
            message: fromBody?.message ?? messageOf(error),
            operation,
            cause: error
        });
    }
    if (isTimeout(error)) {
        const limit = timeoutMs === undefined ? '' : ` after ${timeoutMs} ms`;
        return new SalesforceApiError({
            kind: 'timeout',
            errorCode: 'TIMEOUT',
            message: `no response${limit}`,
            operation,
            cause: error
        });
    }
    const socketCode = socketCodeOf(error);
    if (socketCode !== undefined || CONNECTION_MESSAGES.test(messageOf(error))) {
        return new SalesforceApiError({
            kind: 'connection',
            errorCode: socketCode ?? 'CONNECTION_LOST',
            message: messageOf(error),
            operation,
            cause: error
        });
    }
    return new SalesforceApiError({
        kind: 'client',
        errorCode: stringProperty(error, 'errorCode') ?? 'UNEXPECTED_RESPONSE',
        message: messageOf(error),
        operation,
        cause: error
    });
}
