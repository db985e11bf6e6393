/**
 * Token requests of the two renewable connection modes: the JWT bearer grant (a new
 * signed assertion each time) and the refresh token grant. A transient failure of the
 * token endpoint (5xx, timeout, dropped connection) is retried. An OAuth error such as
 * `invalid_grant` is final and raised as an `AuthenticationError`.
 */
import type { KeyObject } from 'node:crypto';
import type { OAuth2 } from 'jsforce';
import { z } from 'zod';
import type { Logger } from '../logging';
import { messageOf, nameOf, toSalesforceApiError } from './classify';
import { AuthenticationError, SalesforceApiError } from './errors';
import { buildJwtAssertion, type JwtAssertionClaims } from './jwt-assertion';
import { withRetry, type RetryClock, type RetryPolicy } from './retry';
import { acceptGrant, type TokenGrant, type TokenMinter } from './session-guard';

/** Grant type of the JWT bearer flow (RFC 7523). */
export const JWT_BEARER_GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

const tokenResponseSchema = z.object({
    access_token: z.string().min(1),
    instance_url: z.url()
});

/** Dependencies of token requests besides the grant itself. */
export interface TokenRequestContext {
    oauth2: OAuth2;
    policy: RetryPolicy;
    clock: RetryClock;
    logger: Logger;
    timeoutMs: number;
}

/** OAuth error codes are lower-case words (`invalid_grant`); jsforce puts them in `name`. */
function oauthErrorCode(error: unknown): string | undefined {
    const name = nameOf(error);
    return name !== undefined && /^[a-z_]+$/.test(name) ? name : undefined;
}

function classifyTokenError(error: unknown, operation: string, timeoutMs: number): Error {
    const oauthCode = oauthErrorCode(error);
    if (oauthCode !== undefined) {
        const description = messageOf(error);
        return new AuthenticationError(
            `The token endpoint rejected the ${operation}: ${oauthCode}: ${description}`,
            oauthCode,
            error
        );
    }
    const status = /^ERROR_HTTP_(\d+)$/.exec(nameOf(error) ?? '')?.[1];
    if (status !== undefined) {
        const code = Number(status);
        if (code < 500) {
            return new AuthenticationError(
                `The token endpoint returned HTTP ${code} to the ${operation}.`,
                `HTTP_${code}`,
                error
            );
        }
        return new SalesforceApiError({
            kind: 'server',
            errorCode: `HTTP_${code}`,
            status: code,
            message: 'the token endpoint is unavailable',
            operation,
            cause: error
        });
    }
    return toSalesforceApiError(error, operation, undefined, timeoutMs);
}

async function requestGrant(
    context: TokenRequestContext,
    operation: string,
    send: () => Promise<unknown>
): Promise<TokenGrant> {
    return withRetry(
        async () => {
            let raw: unknown;
            try {
                raw = await send();
            } catch (error) {
                throw classifyTokenError(error, operation, context.timeoutMs);
            }
            const parsed = tokenResponseSchema.safeParse(raw);
            if (!parsed.success) {
                throw new AuthenticationError(
                    `The token endpoint returned no access token and instance URL to the ${operation}.`,
                    'INVALID_TOKEN_RESPONSE'
                );
            }
            return acceptGrant({
                accessToken: parsed.data.access_token,
                instanceUrl: parsed.data.instance_url
            });
        },
        {
            policy: context.policy,
            clock: context.clock,
            idempotent: true,
            operation,
            logger: context.logger
        }
    );
}

/** Returns a minter that signs a fresh JWT assertion for every token request. */
export function jwtBearerMinter(
    context: TokenRequestContext,
    claims: JwtAssertionClaims,
    privateKey: KeyObject,
    now: () => number
): TokenMinter {
    return () =>
        requestGrant(context, 'JWT bearer token request', () => {
            const assertion = buildJwtAssertion(claims, privateKey, now());
            return context.oauth2.requestToken({ grant_type: JWT_BEARER_GRANT_TYPE, assertion });
        });
}

/** Returns a minter that redeems the refresh token (client secret sent by `oauth2`). */
export function refreshTokenMinter(
    context: TokenRequestContext,
    refreshToken: string
): TokenMinter {
    return () =>
        requestGrant(context, 'refresh token request', () =>
            context.oauth2.refreshToken(refreshToken)
        );
}
