import { execFileSync } from 'node:child_process';
import { createSign, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
    loadVerificationKey,
    verifyJwtAssertion,
    type JwtBearerSettings
} from '../../../src/local-org/server/jwt';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
const NOW = 1_800_000_000;

const settings: JwtBearerSettings = {
    publicKey: loadVerificationKey(publicKey.export({ type: 'spki', format: 'pem' }).toString()),
    clientId: 'client-1',
    audiences: ['http://127.0.0.1:9999'],
    clockSkewSeconds: 30
};

function sign(claims: Record<string, unknown>, key = privateKey, alg = 'RS256'): string {
    const encode = (value: unknown): string =>
        Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${encode({ alg, typ: 'JWT' })}.${encode(claims)}`;
    const signature = createSign('RSA-SHA256').update(unsigned).sign(key).toString('base64url');
    return `${unsigned}.${signature}`;
}

const valid = {
    iss: 'client-1',
    sub: 'user@local-org.test',
    aud: 'http://127.0.0.1:9999',
    exp: NOW + 120
};

describe('verifyJwtAssertion', () => {
    it('accepts a valid assertion', () => {
        expect(verifyJwtAssertion(sign(valid), settings, NOW)).toEqual({
            username: 'user@local-org.test'
        });
    });

    it.each([
        ['wrong signing key', sign(valid, other.privateKey), 'invalid_grant', 'invalid assertion'],
        [
            'HS256 header',
            sign(valid, privateKey, 'HS256'),
            'invalid_grant',
            'invalid assertion: algorithm must be RS256'
        ],
        [
            'unknown issuer',
            sign({ ...valid, iss: 'someone' }),
            'invalid_client_id',
            'client identifier invalid'
        ],
        [
            'wrong audience',
            sign({ ...valid, aud: 'https://login.salesforce.com' }),
            'invalid_grant',
            'audience is invalid'
        ],
        [
            'expired',
            sign({ ...valid, exp: NOW - 31 }),
            'invalid_grant',
            'expired access/refresh token'
        ],
        ['not a JWT', 'abc.def', 'invalid_grant', 'invalid assertion']
    ])('rejects %s', (_name, assertion, error, description) => {
        expect(verifyJwtAssertion(assertion, settings, NOW)).toEqual({ error, description });
    });

    it('tolerates clock skew on exp', () => {
        expect(verifyJwtAssertion(sign({ ...valid, exp: NOW - 29 }), settings, NOW)).toEqual({
            username: 'user@local-org.test'
        });
    });
});

/** True when the openssl command exists, to make a self-signed certificate. */
function hasOpenssl(): boolean {
    try {
        execFileSync('openssl', ['version'], { stdio: 'ignore' });
        return true;
    } catch {
        return false;
    }
}

describe('loadVerificationKey', () => {
    (hasOpenssl() ? it : it.skip)('verifies with an X.509 certificate', () => {
        const folder = mkdtempSync(join(tmpdir(), 'local-org-cert-'));
        try {
            const keyFile = join(folder, 'key.pem');
            const certificateFile = join(folder, 'certificate.pem');
            writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
            execFileSync(
                'openssl',
                [
                    'req',
                    '-new',
                    '-x509',
                    '-key',
                    keyFile,
                    '-out',
                    certificateFile,
                    '-days',
                    '2',
                    '-subj',
                    '/CN=local-org-test'
                ],
                {
                    stdio: 'ignore'
                }
            );
            const fromCertificate = {
                ...settings,
                publicKey: loadVerificationKey(readFileSync(certificateFile, 'utf8'))
            };
            expect(verifyJwtAssertion(sign(valid), fromCertificate, NOW)).toEqual({
                username: 'user@local-org.test'
            });
            expect(verifyJwtAssertion(sign(valid, other.privateKey), fromCertificate, NOW)).toEqual(
                {
                    error: 'invalid_grant',
                    description: 'invalid assertion'
                }
            );
        } finally {
            rmSync(folder, { recursive: true, force: true });
        }
    });
});
