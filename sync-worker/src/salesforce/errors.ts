/**
 * Errors of the Salesforce access layer. Every failure of a call is turned into a
 * `SalesforceApiError` with a `kind` that the retry policy acts on, so callers never
 * inspect jsforce or undici errors themselves. Messages are redacted before they are
 * stored, so an error can be logged or shown as it is.
 */
import { redactText } from '../logging';

/**
 * Category of a failure, in the terms the retry policy needs:
 * - `server`: HTTP 5xx, including HTML maintenance pages.
 * - `timeout`: the request's deadline passed before a response.
 * - `connection`: the connection dropped or could not be opened.
 * - `lock`: `UNABLE_TO_LOCK_ROW`, another transaction held the record.
 * - `limit`: `REQUEST_LIMIT_EXCEEDED`, the org's API allowance is used up.
 * - `auth`: the session is invalid and could not be renewed.
 * - `client`: any other 4xx; sending the same request again cannot succeed.
 */
export type FailureKind =
    'server' | 'timeout' | 'connection' | 'lock' | 'limit' | 'auth' | 'client';

/** Kinds that a later attempt of the same request may get past. */
const TRANSIENT_KINDS: ReadonlySet<FailureKind> = new Set([
    'server',
    'timeout',
    'connection',
    'lock'
]);

/**
 * Kinds after which the org may have run the request although no response arrived, so a
 * request that is not idempotent must not be sent again blindly.
 */
const AMBIGUOUS_KINDS: ReadonlySet<FailureKind> = new Set(['timeout', 'connection']);

/** Maximum length of a message kept from a response body, because HTML error pages run to kilobytes. */
const MAX_MESSAGE_LENGTH = 300;

/**
 * Redacts and shortens text that came from a response or an exception. Redaction comes
 * first: cutting first could leave the start of a secret that no longer matches.
 */
export function cleanMessage(text: string): string {
    const oneLine = redactText(text)
        .replace(/<[^>]*>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
    const short =
        oneLine.length > MAX_MESSAGE_LENGTH
            ? `${oneLine.slice(0, MAX_MESSAGE_LENGTH)}...`
            : oneLine;
    return redactText(short);
}

/** Details of a failed call. */
export interface SalesforceApiErrorDetails {
    kind: FailureKind;
    /** Salesforce error code (`UNABLE_TO_LOCK_ROW`), or `HTTP_503`, `TIMEOUT`, `ECONNRESET`. */
    errorCode: string;
    message: string;
    /** HTTP status, when a response arrived. */
    status?: number;
    /** Method and resource of the call, such as `POST /composite`; never a token. */
    operation: string;
    cause?: unknown;
}

/** A call to Salesforce failed. */
export class SalesforceApiError extends Error {
    public readonly kind: FailureKind;
    public readonly errorCode: string;
    public readonly status: number | undefined;
    public readonly operation: string;

    public constructor(details: SalesforceApiErrorDetails) {
        const status = details.status === undefined ? '' : ` (HTTP ${details.status})`;
        super(
            `${details.operation} failed${status}: ${details.errorCode}: ${cleanMessage(details.message)}`,
            { cause: details.cause }
        );
        this.name = 'SalesforceApiError';
        this.kind = details.kind;
        this.errorCode = details.errorCode;
        this.status = details.status;
        this.operation = details.operation;
    }

    /** True when the same request may succeed if sent again later. */
    public get transient(): boolean {
        return TRANSIENT_KINDS.has(this.kind);
    }

    /** True when the org may have run the request although the call failed. */
    public get ambiguous(): boolean {
        return AMBIGUOUS_KINDS.has(this.kind);
    }
}

/**
 * Authentication failed and cannot be repaired within this cycle: the token endpoint
 * rejected the credentials, or a freshly issued token was rejected again. The cycle
 * must stop; retrying would only repeat the failure.
 */
export class AuthenticationError extends Error {
    public readonly errorCode: string;

    public constructor(message: string, errorCode = 'AUTHENTICATION_FAILED', cause?: unknown) {
        super(cleanMessage(message), { cause });
        this.name = 'AuthenticationError';
        this.errorCode = errorCode;
    }
}

/** A Bulk API 2.0 query job failed, timed out or returned results that cannot be paged. */
export class BulkQueryError extends Error {
    public readonly errorCode: string;
    /** Id of the job, so that an operator can look it up in Setup. */
    public readonly jobId: string | undefined;

    public constructor(message: string, errorCode: string, jobId?: string, cause?: unknown) {
        super(cleanMessage(message), { cause });
        this.name = 'BulkQueryError';
        this.errorCode = errorCode;
        this.jobId = jobId;
    }
}

/** Settings or arguments that the access layer rejects before any call is made. */
export class SalesforceUsageError extends Error {
    public constructor(message: string) {
        super(message);
        this.name = 'SalesforceUsageError';
    }
}

/** Failure kind of a Salesforce error code and HTTP status. */
export function kindOfErrorCode(errorCode: string, status: number | undefined): FailureKind {
    if (errorCode === 'UNABLE_TO_LOCK_ROW') {
        return 'lock';
    }
    if (errorCode === 'REQUEST_LIMIT_EXCEEDED') {
        return 'limit';
    }
    if (errorCode === 'INVALID_SESSION_ID' || status === 401) {
        return 'auth';
    }
    if (status !== undefined && status >= 500) {
        return 'server';
    }
    return 'client';
}
