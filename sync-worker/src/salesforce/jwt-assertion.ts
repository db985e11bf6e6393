/**
 * The assertion of the OAuth 2.0 JWT bearer flow (RFC 7523) as Salesforce expects it.
 * It is an RS256-signed JWT: `iss` is the connected app's consumer key, `sub` the
 * integration user's username, `aud` the login URL and `exp` a few minutes ahead.
 */
import { createPrivateKey, createSign, type KeyObject } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { getLogger } from '../logging';
import { SalesforceUsageError } from './errors';

const logger = getLogger('salesforce.auth');

/** Permission bits of the group and of other users (POSIX). */
const SHARED_MODE_BITS = 0o077;

/** Lifetime of an assertion in seconds; Salesforce accepts at most 3 minutes. */
export const ASSERTION_LIFETIME_SECONDS = 180;

/** Claims of one assertion. */
export interface JwtAssertionClaims {
    /** Consumer key of the connected app. */
    clientId: string;
    /** Username of the integration user. */
    username: string;
    /** Login URL such as `https://login.salesforce.com`; the token endpoint's host. */
    audience: string;
}

function base64UrlJson(value: object): string {
    return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/**
 * Builds and signs an assertion. `nowMs` is the current time in milliseconds since the
 * epoch; `exp` is set `ASSERTION_LIFETIME_SECONDS` later.
 */
export function buildJwtAssertion(
    claims: JwtAssertionClaims,
    privateKey: KeyObject,
    nowMs: number
): string {
    const header = base64UrlJson({ alg: 'RS256', typ: 'JWT' });
    const payload = base64UrlJson({
        iss: claims.clientId,
        sub: claims.username,
        aud: claims.audience,
        exp: Math.floor(nowMs / 1000) + ASSERTION_LIFETIME_SECONDS
    });
    const signer = createSign('RSA-SHA256');
    signer.update(`${header}.${payload}`);
    const signature = signer.sign(privateKey).toString('base64url');
    return `${header}.${payload}.${signature}`;
}

/**
 * Warns when other users of the machine may read or change the key file: whoever can
 * read it can sign in as the integration user. Windows has no such mode bits.
 */
async function warnIfKeyFileShared(path: string): Promise<void> {
    if (process.platform === 'win32') {
        return;
    }
    const { mode } = await stat(path);
    if ((mode & SHARED_MODE_BITS) !== 0) {
        logger.warn(
            "The JWT key file is open to other users of this machine; allow only the worker's account (chmod 600).",
            { file: path, mode: (mode & 0o777).toString(8) }
        );
    }
}

/**
 * Loads the RSA private key of the connected app's certificate from a PEM file. The
 * error names the file but never shows its content. A key file that other users may
 * read or change is used, with a warning.
 */
export async function loadPrivateKey(path: string): Promise<KeyObject> {
    let pem: string;
    try {
        pem = await readFile(path, 'utf8');
    } catch (error) {
        const code =
            typeof error === 'object' && error !== null && 'code' in error
                ? String(error.code)
                : 'unreadable';
        throw new SalesforceUsageError(
            `The JWT key file ${path} could not be read (${code}); check SF_JWT_KEY_FILE.`
        );
    }
    let key: KeyObject;
    try {
        key = createPrivateKey(pem);
    } catch {
        throw new SalesforceUsageError(
            `The JWT key file ${path} is not a PEM private key; check SF_JWT_KEY_FILE.`
        );
    }
    if (key.asymmetricKeyType !== 'rsa') {
        throw new SalesforceUsageError(
            `The JWT key file ${path} contains a ${String(key.asymmetricKeyType)} key, but RS256 needs an RSA key.`
        );
    }
    await warnIfKeyFileShared(path);
    return key;
}
