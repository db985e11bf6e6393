/**
 * The OAuth 2.0 token endpoint, `POST /services/oauth2/token`, with the grants the
 * worker and scripts use: JWT bearer, client credentials, username-password and refresh
 * token. Successful responses carry the fields Salesforce sends, including the
 * `signature` (HMAC-SHA256 of `id` + `issued_at` keyed with the client secret).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { emptyResponse, jsonResponse, type ApiRequest, type ApiResponse } from './api-types';
import { verifyJwtAssertion, type JwtBearerSettings, type OAuthFailure } from './jwt';
import type { SessionStore, SessionUser } from './sessions';

/** Grant type URN of the JWT bearer flow (RFC 7523). */
export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** Looks users up by username; the local org answers from its User records. */
export interface UserDirectory {
    findByUsername(username: string): SessionUser | undefined;
}

/** Everything the token endpoint checks requests against. */
export interface OAuthSettings {
    sessions: SessionStore;
    users: UserDirectory;
    clientId: string;
    clientSecret: string;
    /** Passwords of the username-password grant, by username. */
    passwords: ReadonlyMap<string, string>;
    /** Username the client-credentials grant runs as (the connected app's "Run As" user). */
    runAsUsername: string;
    /** Set when a certificate was configured; without it the JWT grant fails. */
    jwt: JwtBearerSettings | undefined;
    organizationId: string;
    /** Base URL of the org, such as `http://127.0.0.1:8483`, for `instance_url` and `id`. */
    baseUrl(): string;
    /** Milliseconds since the epoch. */
    now(): number;
}

function failure(error: string, description: string): ApiResponse {
    return jsonResponse(400, { error, error_description: description });
}

function fromFailure(value: OAuthFailure): ApiResponse {
    return failure(value.error, value.description);
}

/** Compares two secrets in constant time. */
function secretsEqual(actual: string | null, expected: string): boolean {
    const left = Buffer.from(actual ?? '');
    const right = Buffer.from(expected);
    return left.length === right.length && timingSafeEqual(left, right);
}

function checkClient(
    form: URLSearchParams,
    settings: OAuthSettings,
    requireSecret: boolean
): OAuthFailure | undefined {
    if (form.get('client_id') !== settings.clientId) {
        return { error: 'invalid_client_id', description: 'client identifier invalid' };
    }
    if (requireSecret && !secretsEqual(form.get('client_secret'), settings.clientSecret)) {
        return { error: 'invalid_client', description: 'invalid client credentials' };
    }
    return undefined;
}

function grantSession(
    user: SessionUser,
    settings: OAuthSettings,
    refreshToken?: string
): ApiResponse {
    const session = settings.sessions.issue(user);
    const baseUrl = settings.baseUrl();
    const id = `${baseUrl}/id/${settings.organizationId}/${user.userId}`;
    const issuedAt = String(session.issuedAt);
    const signature = createHmac('sha256', settings.clientSecret)
        .update(id + issuedAt)
        .digest('base64');
    const body: Record<string, string> = {
        access_token: session.token,
        instance_url: baseUrl,
        id,
        token_type: 'Bearer',
        issued_at: issuedAt,
        signature,
        scope: 'api'
    };
    if (refreshToken !== undefined) {
        body.refresh_token = refreshToken;
    }
    return jsonResponse(200, body);
}

function jwtGrant(form: URLSearchParams, settings: OAuthSettings): ApiResponse {
    if (settings.jwt === undefined) {
        return failure(
            'invalid_grant',
            'The JWT bearer grant is not configured: start the local org with a certificate.'
        );
    }
    const assertion = form.get('assertion');
    if (assertion === null) {
        return failure('invalid_grant', 'invalid assertion');
    }
    const verified = verifyJwtAssertion(assertion, settings.jwt, Math.floor(settings.now() / 1000));
    if ('error' in verified) {
        return fromFailure(verified);
    }
    const user = settings.users.findByUsername(verified.username);
    if (user === undefined) {
        return failure('invalid_grant', "user hasn't approved this consumer");
    }
    return grantSession(user, settings);
}

function clientCredentialsGrant(form: URLSearchParams, settings: OAuthSettings): ApiResponse {
    const clientFailure = checkClient(form, settings, true);
    if (clientFailure !== undefined) {
        return fromFailure(clientFailure);
    }
    const user = settings.users.findByUsername(settings.runAsUsername);
    if (user === undefined) {
        return failure('invalid_grant', 'no client credentials user enabled');
    }
    return grantSession(user, settings);
}

function passwordGrant(form: URLSearchParams, settings: OAuthSettings): ApiResponse {
    const clientFailure = checkClient(form, settings, true);
    if (clientFailure !== undefined) {
        return fromFailure(clientFailure);
    }
    const username = form.get('username') ?? '';
    const expected = settings.passwords.get(username);
    const user = settings.users.findByUsername(username);
    if (
        expected === undefined ||
        user === undefined ||
        !secretsEqual(form.get('password'), expected)
    ) {
        return failure('invalid_grant', 'authentication failure');
    }
    return grantSession(user, settings);
}

function refreshTokenGrant(form: URLSearchParams, settings: OAuthSettings): ApiResponse {
    const clientFailure = checkClient(form, settings, false);
    if (clientFailure !== undefined) {
        return fromFailure(clientFailure);
    }
    // A client secret, when sent, must be right; public clients may omit it.
    const secret = form.get('client_secret');
    if (secret !== null && !secretsEqual(secret, settings.clientSecret)) {
        return failure('invalid_client', 'invalid client credentials');
    }
    const user = settings.sessions.redeemRefreshToken(
        form.get('refresh_token') ?? '',
        settings.clientId
    );
    if (user === undefined) {
        return failure('invalid_grant', 'expired access/refresh token');
    }
    return grantSession(user, settings);
}

/** Handles `POST /services/oauth2/token` with a form-encoded body. */
export function handleTokenRequest(request: ApiRequest, settings: OAuthSettings): ApiResponse {
    const form = new URLSearchParams(request.body);
    switch (form.get('grant_type')) {
        case JWT_BEARER_GRANT:
            return jwtGrant(form, settings);
        case 'client_credentials':
            return clientCredentialsGrant(form, settings);
        case 'password':
            return passwordGrant(form, settings);
        case 'refresh_token':
            return refreshTokenGrant(form, settings);
        default:
            return failure('unsupported_grant_type', 'grant type not supported');
    }
}

/** Handles `POST /services/oauth2/revoke`: ends an access or refresh token. */
export function handleRevokeRequest(request: ApiRequest, settings: OAuthSettings): ApiResponse {
    const form = new URLSearchParams(request.body);
    const token = form.get('token') ?? request.query.get('token') ?? '';
    if (!settings.sessions.revoke(token)) {
        return failure('unsupported_token_type', 'this token type is not supported');
    }
    return emptyResponse(200);
}
