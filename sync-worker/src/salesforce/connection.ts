/**
 * Creates the jsforce `Connection` for one of the three connection modes and wires it to
 * the call meter, the session guard and the per-request deadline. Every token, secret and
 * key passed in is registered for redaction before the first request.
 */
import { Connection, OAuth2 } from 'jsforce';
import type { HttpRequest, HttpResponse } from 'jsforce/lib/types';
import type { ConnectionSettings } from '../config/settings';
import { getLogger, registerSecret } from '../logging';
import { SalesforceUsageError, type SalesforceApiError } from './errors';
import { loadPrivateKey } from './jwt-assertion';
import { ApiCallMeter } from './meter';
import { DEFAULT_RETRY_POLICY, SYSTEM_CLOCK, type RetryClock, type RetryPolicy } from './retry';
import { SessionGuard, type TokenGrant, type TokenMinter } from './session-guard';
import { jwtBearerMinter, refreshTokenMinter, type TokenRequestContext } from './token-grants';
import { ObservedTransport } from './transport';

const logger = getLogger('salesforce.connection');

/** The API version the worker is written and tested against. */
export const DEFAULT_API_VERSION = '65.0';

/** Deadline of one request in milliseconds, from sending to the response headers. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;

/**
 * Connection mode. A fixed access token cannot be renewed when it expires. The OAuth 2.0
 * JWT bearer flow signs with the connected app's private key, and the refresh token flow
 * sends the connected app's client id and secret.
 */
export type SalesforceAuth = ConnectionSettings;

/** Settings of a connection. */
export interface SalesforceConnectionSettings {
    auth: SalesforceAuth;
    /** REST API version such as `65.0`; default `DEFAULT_API_VERSION`. */
    apiVersion?: string;
    /** Deadline of each request in milliseconds; default `DEFAULT_REQUEST_TIMEOUT_MS`. */
    requestTimeoutMs?: number;
    /** Retry policy of every call; default `DEFAULT_RETRY_POLICY`. */
    retryPolicy?: RetryPolicy;
}

/** Replaceable time sources, for tests. */
export interface SalesforceConnectionDependencies {
    clock?: RetryClock;
    /** Current time in milliseconds since the epoch, for JWT `exp`; default `Date.now`. */
    now?: () => number;
}

/** A signed-in connection and what the access layer keeps beside it. */
export interface SalesforceSession {
    conn: Connection;
    meter: ApiCallMeter;
    guard: SessionGuard;
    apiVersion: string;
    requestTimeoutMs: number;
    retryPolicy: RetryPolicy;
    clock: RetryClock;
    /** Number of the current cycle; 0 before the first `beginCycle`. */
    readonly cycle: number;
    /**
     * The `REQUEST_LIMIT_EXCEEDED` failure of the current cycle, if a call met one. Calls
     * after it are rejected without being sent, because each would only count against
     * the same limit again.
     */
    limitFailure: SalesforceApiError | undefined;
    /** Starts a cycle: resets the per-cycle call count, the limit failure, and allows one session renewal. */
    beginCycle(): void;
}

const API_VERSION_PATTERN = /^\d{2,3}\.0$/;

function checkSettings(settings: SalesforceConnectionSettings): {
    apiVersion: string;
    timeoutMs: number;
} {
    const apiVersion = settings.apiVersion ?? DEFAULT_API_VERSION;
    if (!API_VERSION_PATTERN.test(apiVersion)) {
        throw new SalesforceUsageError(
            `The API version ${apiVersion} is invalid; expected a version such as ${DEFAULT_API_VERSION}.`
        );
    }
    const timeoutMs = settings.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) {
        throw new SalesforceUsageError(
            `The request timeout ${timeoutMs} is invalid; expected a positive number of milliseconds.`
        );
    }
    return { apiVersion, timeoutMs };
}

/** Registers every secret of the settings for redaction. */
function registerAuthSecrets(auth: SalesforceAuth): void {
    if (auth.mode === 'access-token') {
        registerSecret(auth.accessToken);
    } else if (auth.mode === 'refresh-token') {
        registerSecret(auth.clientSecret);
        registerSecret(auth.refreshToken);
    }
}

/** Signs in: the first token and, for the renewable modes, the minter of later ones. */
async function signIn(
    auth: SalesforceAuth,
    context: TokenRequestContext,
    now: () => number
): Promise<{ grant: TokenGrant; mint: TokenMinter | undefined }> {
    switch (auth.mode) {
        case 'access-token':
            return {
                grant: { instanceUrl: auth.instanceUrl, accessToken: auth.accessToken },
                mint: undefined
            };
        case 'jwt': {
            const key = await loadPrivateKey(auth.jwtKeyFile);
            const claims = {
                clientId: auth.clientId,
                username: auth.username,
                audience: auth.loginUrl
            };
            const mint = jwtBearerMinter(context, claims, key, now);
            return { grant: await mint(), mint };
        }
        case 'refresh-token': {
            const mint = refreshTokenMinter(context, auth.refreshToken);
            return { grant: await mint(), mint };
        }
    }
}

/** Creates the transport shared by the connection and its OAuth client. */
function observedTransport(
    timeoutMs: number,
    meter: ApiCallMeter,
    guard: SessionGuard
): ObservedTransport {
    const meterObserver = {
        onRequest: (request: HttpRequest) => {
            meter.recordRequest(request.url);
        },
        onResponse: (_request: HttpRequest, response: HttpResponse) => {
            meter.recordResponse(response.headers);
        }
    };
    return new ObservedTransport(timeoutMs, [meterObserver, guard]);
}

/**
 * Signs in and returns the session. The JWT and refresh token modes send one token
 * request. A fixed access token is used as it is, so the first call checks it.
 */
export async function connectSalesforce(
    settings: SalesforceConnectionSettings,
    dependencies: SalesforceConnectionDependencies = {}
): Promise<SalesforceSession> {
    const { apiVersion, timeoutMs } = checkSettings(settings);
    const { auth } = settings;
    registerAuthSecrets(auth);
    const clock = dependencies.clock ?? SYSTEM_CLOCK;
    const retryPolicy = settings.retryPolicy ?? DEFAULT_RETRY_POLICY;
    const meter = new ApiCallMeter();
    const guard = new SessionGuard();
    const transport = observedTransport(timeoutMs, meter, guard);

    const oauth2 = new OAuth2(
        auth.mode === 'refresh-token'
            ? { loginUrl: auth.loginUrl, clientId: auth.clientId, clientSecret: auth.clientSecret }
            : { loginUrl: auth.mode === 'jwt' ? auth.loginUrl : auth.instanceUrl }
    );
    oauth2._transport = transport;
    const context: TokenRequestContext = { oauth2, policy: retryPolicy, clock, logger, timeoutMs };
    const { grant, mint } = await signIn(auth, context, dependencies.now ?? Date.now);

    const conn = new Connection({
        oauth2,
        version: apiVersion,
        instanceUrl: grant.instanceUrl,
        accessToken: grant.accessToken,
        refreshFn: guard.refreshFunction(mint)
    });
    conn._transport = transport;
    conn.on('refresh', (accessToken: string) => {
        registerSecret(accessToken);
    });

    logger.info('Connected to Salesforce.', {
        mode: auth.mode,
        instanceUrl: conn.instanceUrl,
        apiVersion
    });
    let cycle = 0;
    const session: SalesforceSession = {
        conn,
        meter,
        guard,
        apiVersion,
        requestTimeoutMs: timeoutMs,
        retryPolicy,
        clock,
        get cycle() {
            return cycle;
        },
        limitFailure: undefined,
        beginCycle: () => {
            cycle += 1;
            meter.startCycle();
            guard.reset();
            session.limitFailure = undefined;
        }
    };
    return session;
}
