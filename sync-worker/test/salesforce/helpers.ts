/**
 * Test helpers of the Salesforce access layer: a local org with the force-app schema and
 * a JWT certificate, a session to it, and a retry clock that records waits instead of
 * sleeping.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import winston from 'winston';
import { startLocalOrg, type LocalOrg, type LocalOrgOptions } from '../../src/local-org';
import { getLogger } from '../../src/logging';
import { loadOrgSchema, type OrgSchema } from '../../src/schema';
import {
    connectSalesforce,
    RestClient,
    type RetryClock,
    type SalesforceAuth,
    type SalesforceConnectionSettings,
    type SalesforceSession
} from '../../src/salesforce';

let schema: OrgSchema | undefined;

/** Returns the force-app schema, read once per test file. */
export function testSchema(): OrgSchema {
    schema ??= loadOrgSchema('force-app');
    return schema;
}

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });

/** PEM private key of the test connected app. */
export const TEST_PRIVATE_KEY = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

/** PEM public key the local org verifies assertions with. */
export const TEST_PUBLIC_KEY = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();

/** Writes the test private key to a temporary file; returns its path and a cleanup. */
export function writeKeyFile(): { path: string; remove: () => void } {
    const folder = mkdtempSync(join(tmpdir(), 'lead-sla-key-'));
    const path = join(folder, 'server.key');
    writeFileSync(path, TEST_PRIVATE_KEY, { mode: 0o600 });
    return {
        path,
        remove: () => {
            rmSync(folder, { recursive: true, force: true });
        }
    };
}

/** Starts an in-memory local org that accepts the test JWT key. */
export function startTestOrg(options: LocalOrgOptions = {}): Promise<LocalOrg> {
    return startLocalOrg({ schema: testSchema(), jwtCertificate: TEST_PUBLIC_KEY, ...options });
}

/** A retry clock that records each wait and returns at once. */
export interface RecordingClock extends RetryClock {
    waits: number[];
}

/** Creates a clock whose jitter is always the middle of its range. */
export function recordingClock(): RecordingClock {
    const waits: number[] = [];
    return {
        waits,
        sleep: (ms) => {
            waits.push(ms);
            return Promise.resolve();
        },
        random: () => 0.5
    };
}

/** Access-token settings for the org's start-up token. */
export function accessTokenAuth(org: LocalOrg): SalesforceAuth {
    return { mode: 'access-token', instanceUrl: org.instanceUrl, accessToken: org.accessToken };
}

/** Connects to the org and starts a cycle; returns the session and a client. */
export async function connectTestSession(
    org: LocalOrg,
    settings: Partial<SalesforceConnectionSettings> = {},
    clock: RetryClock = recordingClock()
): Promise<{ session: SalesforceSession; client: RestClient }> {
    const session = await connectSalesforce(
        { auth: accessTokenAuth(org), requestTimeoutMs: 5_000, ...settings },
        { clock }
    );
    session.beginCycle();
    return { session, client: new RestClient(session) };
}

/** Inserts `count` leads in one store transaction; returns their Ids in order. */
export function insertLeads(org: LocalOrg, count: number, company = 'Acme'): string[] {
    return org.store.transaction(() => {
        const ids: string[] = [];
        for (let index = 0; index < count; index += 1) {
            ids.push(org.store.insert('Lead', { LastName: `Lead ${index}`, Company: company }));
        }
        return ids;
    });
}

/** A captured log entry. */
export interface CapturedLog {
    level: string;
    message: string;
    module: string;
    [key: string]: unknown;
}

/**
 * Sends every log entry of the process to memory from now on, instead of the console,
 * and returns the list they are appended to. Module loggers are children of the root
 * logger and share its transports, so replacing those reaches them all.
 */
export function captureLogs(): CapturedLog[] {
    const entries: CapturedLog[] = [];
    const root = Object.getPrototypeOf(getLogger('test')) as winston.Logger;
    const stream = new Writable({
        write(chunk: Buffer, _encoding, done) {
            entries.push(JSON.parse(chunk.toString('utf8')) as CapturedLog);
            done();
        }
    });
    root.clear();
    // winston types its transports as interfaces, which this rule cannot see through.
    // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment
    root.add(new winston.transports.Stream({ stream, format: winston.format.json() }));
    return entries;
}
