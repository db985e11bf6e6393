/**
 * Renewal of expired sessions without loops. jsforce calls the connection's `refreshFn`
 * on every 401 and resends the request; when the new token is rejected too, it would
 * renew and resend forever. The guard allows one renewal until a REST call succeeds
 * again: a second 401 before that means the org rejects freshly issued tokens, and the
 * cycle stops with an `AuthenticationError`.
 */
import type { Connection } from 'jsforce';
import type { HttpRequest, HttpResponse } from 'jsforce/lib/types';
import { getLogger, registerSecret } from '../logging';
import { messageOf } from './classify';
import { AuthenticationError, SalesforceApiError } from './errors';
import { restResourceOf } from './meter';
import type { TransportObserver } from './transport';

const logger = getLogger('salesforce.auth');

/** A token issued by the OAuth token endpoint. */
export interface TokenGrant {
    accessToken: string;
    instanceUrl: string;
}

/** Issues a new access token (JWT bearer or refresh token grant). */
export type TokenMinter = () => Promise<TokenGrant>;

/** The callback jsforce passes to a `refreshFn`. */
type RefreshCallback = (error: Error | null | undefined, accessToken?: string) => void;

/** Tracks renewals and turns repeated rejections into an `AuthenticationError`. */
export class SessionGuard implements TransportObserver {
    private renewedSinceLastSuccess = false;
    private lastFailure: AuthenticationError | undefined;
    private renewals = 0;

    /** Forgets the state of the previous cycle, so that a new cycle may renew once more. */
    public reset(): void {
        this.renewedSinceLastSuccess = false;
        this.lastFailure = undefined;
    }

    /** Returns the failure that stopped authentication in this cycle, if any. */
    public get failure(): AuthenticationError | undefined {
        return this.lastFailure;
    }

    /** Sessions renewed since the guard was created. */
    public get renewalCount(): number {
        return this.renewals;
    }

    public onResponse(request: HttpRequest, response: HttpResponse): void {
        if (response.statusCode !== 401 && restResourceOf(request.url) !== undefined) {
            this.renewedSinceLastSuccess = false;
        }
    }

    /**
     * Returns the jsforce `refreshFn` that renews the session with `mint`, or `undefined`
     * when the connection cannot renew (a fixed access token).
     */
    public refreshFunction(
        mint: TokenMinter | undefined
    ): ((conn: Connection, callback: RefreshCallback) => void) | undefined {
        if (mint === undefined) {
            return undefined;
        }
        return (conn, callback) => {
            if (this.renewedSinceLastSuccess) {
                this.lastFailure = new AuthenticationError(
                    'Salesforce rejected a freshly issued access token (INVALID_SESSION_ID). Check that the integration user is active, its profile or permission set allows API access, and the connected app is approved for it.',
                    'SESSION_REJECTED_AFTER_REFRESH'
                );
                logger.error('Authentication failed after renewing the session; the cycle stops.', {
                    errorCode: this.lastFailure.errorCode
                });
                callback(this.lastFailure);
                return;
            }
            this.renewedSinceLastSuccess = true;
            logger.info('The Salesforce session expired; requesting a new access token.');
            mint().then(
                (grant) => {
                    this.renewals += 1;
                    conn.instanceUrl = grant.instanceUrl;
                    callback(null, grant.accessToken);
                },
                (error: unknown) => {
                    this.lastFailure = toAuthenticationError(error);
                    logger.error('Requesting a new access token failed; the cycle stops.', {
                        errorCode: this.lastFailure.errorCode,
                        error: this.lastFailure.message
                    });
                    callback(this.lastFailure);
                }
            );
        };
    }
}

/** Registers a newly issued token for redaction before anything can log it. */
export function acceptGrant(grant: TokenGrant): TokenGrant {
    registerSecret(grant.accessToken);
    return grant;
}

/** Wraps a token request failure as an `AuthenticationError`, keeping its code. */
export function toAuthenticationError(error: unknown): AuthenticationError {
    if (error instanceof AuthenticationError) {
        return error;
    }
    if (error instanceof SalesforceApiError) {
        return new AuthenticationError(
            `The OAuth token request failed: ${error.message}`,
            error.errorCode,
            error
        );
    }
    const message = messageOf(error);
    return new AuthenticationError(
        `The OAuth token request failed: ${message}`,
        'TOKEN_REQUEST_FAILED',
        error
    );
}
