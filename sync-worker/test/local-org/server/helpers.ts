/**
 * Test helpers: a local org on a free port with the force-app schema, a jsforce
 * connection to it, and a signer of JWT bearer assertions.
 */
import './quiet-logs';
import { createSign, generateKeyPairSync } from 'node:crypto';
import { Connection } from 'jsforce';

import { buildId, loadOrgSchema, type OrgSchema } from '../../../src/schema';
import { startLocalOrg, type LocalOrg, type LocalOrgOptions } from '../../../src/local-org';

/** API version the tests use, as the worker does. */
export const API_VERSION = '65.0';

let schema: OrgSchema | undefined;

/** Returns the force-app schema, read once per test file. */
export function testSchema(): OrgSchema {
    schema ??= loadOrgSchema('force-app');
    return schema;
}

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });

/** PEM public key that verifies assertions from `signAssertion`. */
export const TEST_PUBLIC_KEY = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();

/** Signs a JWT bearer assertion with the test key; claims default to a valid one for `org`. */
export function signAssertion(
    org: LocalOrg,
    username: string,
    claims: Record<string, unknown> = {}
): string {
    const encode = (value: unknown): string =>
        Buffer.from(JSON.stringify(value)).toString('base64url');
    const body = {
        iss: org.clientId,
        sub: username,
        aud: org.loginUrl,
        exp: Math.floor(Date.now() / 1000) + 180,
        ...claims
    };
    const unsigned = `${encode({ alg: 'RS256' })}.${encode(body)}`;
    const signature = createSign('RSA-SHA256')
        .update(unsigned)
        .sign(keys.privateKey)
        .toString('base64url');
    return `${unsigned}.${signature}`;
}

/** Starts an in-memory org with the force-app schema and the test JWT key. */
export function startTestOrg(options: LocalOrgOptions = {}): Promise<LocalOrg> {
    return startLocalOrg({ schema: testSchema(), jwtCertificate: TEST_PUBLIC_KEY, ...options });
}

/** Opens a jsforce connection with the org's start-up token. */
export function connect(org: LocalOrg, options: { accessToken?: string } = {}): Connection {
    return new Connection({
        instanceUrl: org.instanceUrl,
        accessToken: options.accessToken ?? org.accessToken,
        version: API_VERSION
    });
}

/** Username of the seeded integration user. */
export function integrationUsername(org: LocalOrg): string {
    const result = org.store.query(
        `SELECT Username FROM User WHERE Id = '${org.store.seeded.integrationUserId}'`
    );
    return String(result.records[0]?.Username);
}

/** Returns a well-formed Id (valid case-safe suffix) that no record has: counter 999999999 of the prefix. */
export function unusedId(keyPrefix: string): string {
    return buildId(keyPrefix, 'ZZ', 999_999_999);
}

/** Sends a raw HTTP call with the org's token, for checks below jsforce (headers, status). */
export async function rawRequest(
    org: LocalOrg,
    method: string,
    path: string,
    options: { body?: string; headers?: Record<string, string>; token?: string | null } = {}
): Promise<{ status: number; headers: Headers; text: string; json: () => unknown }> {
    const headers: Record<string, string> = { ...options.headers };
    const token = options.token === undefined ? org.accessToken : options.token;
    if (token !== null) {
        headers.Authorization = `Bearer ${token}`;
    }
    if (options.body !== undefined && headers['Content-Type'] === undefined) {
        headers['Content-Type'] = 'application/json';
    }
    const response = await fetch(`${org.instanceUrl}${path}`, {
        method,
        headers,
        ...(options.body === undefined ? {} : { body: options.body })
    });
    const text = await response.text();
    return {
        status: response.status,
        headers: response.headers,
        text,
        json: () => JSON.parse(text) as unknown
    };
}

/** Path prefix of the REST API at the test version. */
export const DATA = `/services/data/v${API_VERSION}`;
