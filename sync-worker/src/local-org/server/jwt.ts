/**
 * Verification of the JWT bearer assertion (RFC 7523) that the OAuth token endpoint
 * accepts: an RS256 signature checked against the connected app's certificate, and the
 * `iss`, `sub`, `aud` and `exp` claims checked as Salesforce checks them.
 */
import { createPublicKey, createVerify, X509Certificate, type KeyObject } from 'node:crypto';
import { z } from 'zod';

/** An OAuth error: `error` and `error_description` of a 400 token response. */
export interface OAuthFailure {
    error: string;
    description: string;
}

/** Settings the token endpoint checks an assertion against. */
export interface JwtBearerSettings {
    publicKey: KeyObject;
    /** Consumer key of the connected app; the assertion's `iss`. */
    clientId: string;
    /** Accepted `aud` values: the login URL, with and without a trailing slash. */
    audiences: readonly string[];
    /** Tolerated clock difference for `exp`, in seconds. */
    clockSkewSeconds: number;
}

const headerSchema = z.object({ alg: z.string() });

const claimsSchema = z.object({
    iss: z.string(),
    sub: z.string(),
    aud: z.union([z.string(), z.array(z.string())]),
    exp: z.number()
});

/**
 * Loads the key that verifies assertions from PEM text: an X.509 certificate (what a
 * connected app stores) or a bare public key.
 */
export function loadVerificationKey(pem: string): KeyObject {
    if (pem.includes('BEGIN CERTIFICATE')) {
        return new X509Certificate(pem).publicKey;
    }
    return createPublicKey(pem);
}

function decodeJsonPart(part: string): unknown {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
}

const invalidAssertion: OAuthFailure = { error: 'invalid_grant', description: 'invalid assertion' };

/**
 * Verifies an assertion and returns the username in `sub`, or the OAuth failure that
 * Salesforce reports for the first check that fails. `nowSeconds` is Unix time.
 */
export function verifyJwtAssertion(
    assertion: string,
    settings: JwtBearerSettings,
    nowSeconds: number
): { username: string } | OAuthFailure {
    const parts = assertion.split('.');
    if (parts.length !== 3) {
        return invalidAssertion;
    }
    const [headerPart = '', claimsPart = '', signaturePart = ''] = parts;
    let header: z.infer<typeof headerSchema>;
    let claims: z.infer<typeof claimsSchema>;
    try {
        header = headerSchema.parse(decodeJsonPart(headerPart));
        claims = claimsSchema.parse(decodeJsonPart(claimsPart));
    } catch {
        return invalidAssertion;
    }
    if (header.alg !== 'RS256') {
        return {
            error: 'invalid_grant',
            description: 'invalid assertion: algorithm must be RS256'
        };
    }
    const verifier = createVerify('RSA-SHA256');
    verifier.update(`${headerPart}.${claimsPart}`);
    if (!verifier.verify(settings.publicKey, Buffer.from(signaturePart, 'base64url'))) {
        return invalidAssertion;
    }
    if (claims.iss !== settings.clientId) {
        return { error: 'invalid_client_id', description: 'client identifier invalid' };
    }
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!audiences.some((audience) => settings.audiences.includes(audience))) {
        return { error: 'invalid_grant', description: 'audience is invalid' };
    }
    // NOTE: this description is borrowed from other Salesforce token errors. Check it by
    // sending an assertion whose exp has passed to a real org.
    if (claims.exp + settings.clockSkewSeconds < nowSeconds) {
        return { error: 'invalid_grant', description: 'expired access/refresh token' };
    }
    return { username: claims.sub };
}
