/**
 * The one way the access layer calls the REST API. Each call is a jsforce `HttpApi`
 * request, so the session guard can renew an expired session, and it returns status,
 * headers and body. Every attempt has a deadline, failures are classified into
 * `SalesforceApiError`, and retries follow the session's policy.
 */
import HttpApi from 'jsforce/lib/http-api';
import type { HttpMethods, HttpRequest, HttpResponse } from 'jsforce/lib/types';
import { getLogger } from '../logging';
import { messageOf, toSalesforceApiError } from './classify';
import type { SalesforceSession } from './connection';
import { AuthenticationError, SalesforceApiError } from './errors';
import { withRetry } from './retry';

const logger = getLogger('salesforce.api');

/**
 * Extra time after the transport's own deadline before the outer deadline ends an
 * attempt, in milliseconds. The transport deadline stops waiting for response headers;
 * the outer one also bounds reading the body.
 */
const BODY_GRACE_MS = 1_000;

/** A REST call. */
export interface RestRequest {
    method: HttpMethods;
    /**
     * Path under the version root (`/composite`, `/limits`), or a full path from the
     * instance root (`/services/data/v65.0/query/01g...-2000`).
     */
    path: string;
    /** JSON body; serialised here. */
    body?: unknown;
    headers?: Record<string, string>;
}

/** Response of a call. Header names are lower case. */
export interface RestResponse {
    status: number;
    headers: Record<string, string>;
    /** Parsed JSON, or the raw text with `responseType: 'text'`. */
    body: unknown;
}

/** How to send a call. */
export interface SendOptions {
    /** True when sending the call twice has the same effect as once; decides retries. */
    idempotent: boolean;
    /** `text` returns the body unparsed (Bulk API CSV); default `json`. */
    responseType?: 'json' | 'text';
    /** False sends the call once; default true. */
    retry?: boolean;
    /**
     * Error statuses whose JSON body is returned instead of raised, for resources that
     * return per-item results with a 4xx status (invocable actions).
     */
    acceptStatus?: readonly number[];
}

/** Short description of a call for logs and errors, without the query string. */
function describeCall(request: RestRequest): string {
    const path = request.path.split('?')[0] ?? request.path;
    const resource = path.replace(/^\/services\/data\/v\d+\.\d+/, '');
    return `${request.method} ${resource}`;
}

/** Returns an error response as a result when its status is accepted and its body is JSON. */
function acceptedErrorResponse(
    response: HttpResponse | undefined,
    options: SendOptions
): RestResponse | undefined {
    if (response === undefined || !(options.acceptStatus ?? []).includes(response.statusCode)) {
        return undefined;
    }
    try {
        const body: unknown = JSON.parse(response.body);
        return { status: response.statusCode, headers: response.headers, body };
    } catch {
        return undefined;
    }
}

/** Calls the REST API of one session. */
export class RestClient {
    public readonly session: SalesforceSession;

    public constructor(session: SalesforceSession) {
        this.session = session;
    }

    /** Path of a resource under the version root, such as `/services/data/v65.0/composite`. */
    public versionPath(resource: string): string {
        return `/services/data/v${this.session.apiVersion}${resource}`;
    }

    /**
     * Sends a call, retrying transient failures, and raises the last failure. Once a call
     * of the cycle met `REQUEST_LIMIT_EXCEEDED`, later calls raise that error code
     * without being sent.
     */
    public async send(request: RestRequest, options: SendOptions): Promise<RestResponse> {
        const operation = describeCall(request);
        const { retryPolicy, clock, guard } = this.session;
        if (guard.failure !== undefined) {
            // Authentication already failed in this cycle; more calls would fail the same way.
            throw guard.failure;
        }
        const limit = this.session.limitFailure;
        if (limit !== undefined) {
            throw new SalesforceApiError({
                kind: 'limit',
                errorCode: limit.errorCode,
                message: `not sent, because ${limit.operation} met the API limit earlier in this cycle`,
                operation
            });
        }
        const policy = options.retry === false ? { ...retryPolicy, maxAttempts: 1 } : retryPolicy;
        try {
            return await withRetry(() => this.sendOnce(request, options, operation), {
                policy,
                clock,
                idempotent: options.idempotent,
                operation,
                logger
            });
        } catch (error) {
            if (error instanceof SalesforceApiError && error.kind === 'limit') {
                logger.warn(
                    `${operation} met ${error.errorCode}; no further call is sent in this cycle.`,
                    { errorCode: error.errorCode }
                );
                this.session.limitFailure = error;
            }
            throw error;
        }
    }

    private absoluteUrl(path: string): string {
        const { conn } = this.session;
        return path.startsWith('/services/')
            ? `${conn.instanceUrl}${path}`
            : `${conn.instanceUrl}${this.versionPath(path)}`;
    }

    private async sendOnce(
        request: RestRequest,
        options: SendOptions,
        operation: string
    ): Promise<RestResponse> {
        const { conn, requestTimeoutMs, guard } = this.session;
        const api = new HttpApi(conn, {
            responseType: options.responseType === 'text' ? 'text/plain' : undefined,
            noContentResponse: null
        });
        const httpRequest: HttpRequest = {
            method: request.method,
            url: this.absoluteUrl(request.path),
            headers: { ...request.headers }
        };
        if (request.body !== undefined) {
            httpRequest.body = JSON.stringify(request.body);
            httpRequest.headers = { ...httpRequest.headers, 'content-type': 'application/json' };
        }
        let last: HttpResponse | undefined;
        let timer: NodeJS.Timeout | undefined;
        const deadline = new Promise<never>((_resolve, reject) => {
            api.on('request', () => {
                clearTimeout(timer);
                timer = setTimeout(() => {
                    reject(
                        new SalesforceApiError({
                            kind: 'timeout',
                            errorCode: 'TIMEOUT',
                            message: `no complete response after ${requestTimeoutMs} ms`,
                            operation
                        })
                    );
                }, requestTimeoutMs + BODY_GRACE_MS);
            });
        });
        api.on('response', (response: HttpResponse) => {
            clearTimeout(timer);
            last = response;
        });
        try {
            const body: unknown = await Promise.race([api.request(httpRequest), deadline]);
            return { status: last?.statusCode ?? 200, headers: last?.headers ?? {}, body };
        } catch (error) {
            const accepted = acceptedErrorResponse(last, options);
            if (accepted !== undefined) {
                return accepted;
            }
            // jsforce rewraps a failed renewal as "Unable to refresh session due to: ...".
            const renewalFailed =
                error === guard.failure || messageOf(error).includes('Unable to refresh session');
            if (guard.failure !== undefined && renewalFailed) {
                throw guard.failure;
            }
            const failure = toSalesforceApiError(error, operation, last, requestTimeoutMs);
            if (failure.kind === 'auth') {
                throw new AuthenticationError(
                    `Salesforce rejected the session (${failure.errorCode}) and it cannot be renewed: ${failure.message}`,
                    failure.errorCode,
                    failure
                );
            }
            throw failure;
        } finally {
            clearTimeout(timer);
        }
    }
}
