import { createPublicKey, createVerify, generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildJwtAssertion, loadPrivateKey, SalesforceUsageError } from '../../src/salesforce';
import { ASSERTION_LIFETIME_SECONDS } from '../../src/salesforce/jwt-assertion';
import { TEST_PRIVATE_KEY, TEST_PUBLIC_KEY, writeKeyFile } from './helpers';

function decode(part: string | undefined): Record<string, unknown> {
    return JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8')) as Record<
        string,
        unknown
    >;
}

describe('buildJwtAssertion', () => {
    const claims = {
        clientId: '3MVG9-consumer-key',
        username: 'integration@example.com',
        audience: 'https://login.salesforce.com'
    };
    const now = Date.UTC(2027, 2, 1, 10, 0, 0);

    it('signs header and claims with RS256', async () => {
        const keyFile = writeKeyFile();
        try {
            const assertion = buildJwtAssertion(claims, await loadPrivateKey(keyFile.path), now);
            const [header, payload, signature] = assertion.split('.');
            const verifier = createVerify('RSA-SHA256');
            verifier.update(`${header ?? ''}.${payload ?? ''}`);
            expect(
                verifier.verify(
                    createPublicKey(TEST_PUBLIC_KEY),
                    Buffer.from(signature ?? '', 'base64url')
                )
            ).toBe(true);
            expect(decode(header)).toEqual({ alg: 'RS256', typ: 'JWT' });
            expect(decode(payload)).toEqual({
                iss: claims.clientId,
                sub: claims.username,
                aud: claims.audience,
                exp: now / 1000 + ASSERTION_LIFETIME_SECONDS
            });
        } finally {
            keyFile.remove();
        }
    });

    it('fails verification with another key', async () => {
        const keyFile = writeKeyFile();
        try {
            const assertion = buildJwtAssertion(claims, await loadPrivateKey(keyFile.path), now);
            const [header, payload, signature] = assertion.split('.');
            const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey;
            const verifier = createVerify('RSA-SHA256');
            verifier.update(`${header ?? ''}.${payload ?? ''}`);
            expect(verifier.verify(other, Buffer.from(signature ?? '', 'base64url'))).toBe(false);
        } finally {
            keyFile.remove();
        }
    });
});

describe('loadPrivateKey', () => {
    it('names a missing file without reading anything', async () => {
        await expect(loadPrivateKey('/nonexistent/server.key')).rejects.toThrow(
            'The JWT key file /nonexistent/server.key could not be read (ENOENT)'
        );
    });

    it('rejects a file that is not a private key, without showing it', async () => {
        const keyFile = writeKeyFile();
        const path = join(keyFile.path, '..', 'public.pem');
        writeFileSync(path, TEST_PUBLIC_KEY);
        try {
            const error = await loadPrivateKey(path).catch((caught: unknown) => caught);
            expect(error).toBeInstanceOf(SalesforceUsageError);
            expect(String(error)).not.toContain('BEGIN');
        } finally {
            keyFile.remove();
        }
    });

    it('rejects an EC key', async () => {
        const keyFile = writeKeyFile();
        const path = join(keyFile.path, '..', 'ec.key');
        const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
        writeFileSync(path, ec.export({ type: 'pkcs8', format: 'pem' }).toString());
        try {
            await expect(loadPrivateKey(path)).rejects.toThrow('RS256 needs an RSA key');
        } finally {
            keyFile.remove();
        }
    });

    it('loads the RSA key', async () => {
        const keyFile = writeKeyFile();
        try {
            const key = await loadPrivateKey(keyFile.path);
            expect(key.asymmetricKeyType).toBe('rsa');
            expect(TEST_PRIVATE_KEY).toContain('BEGIN PRIVATE KEY');
        } finally {
            keyFile.remove();
        }
    });
});
