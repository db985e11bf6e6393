/**
 * Test helpers of the sync worker: a local org in its own temporary data folder, records
 * written as a person would (the admin user, not the integration user), a worker
 * connected through jsforce over HTTP, and reads of the results through the REST API.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_POLICY } from '../../src/config/policy-schema';
import type { LocalOrg, LocalOrgOptions } from '../../src/local-org';
import type { RecordInput } from '../../src/local-org/store';
import {
    connectSalesforce,
    type RetryClock,
    type SalesforceConnectionSettings,
    type SalesforceSession
} from '../../src/salesforce';
import { SyncWorker, type SyncOptions } from '../../src/sync';
import {
    accessTokenAuth,
    captureLogs,
    recordingClock,
    startTestOrg,
    type CapturedLog
} from '../salesforce/helpers';

export { captureLogs, recordingClock, writeKeyFile, type CapturedLog } from '../salesforce/helpers';

/** Token of the local orgs the tests start. */
const FIXED_TOKEN = 'sync-test-token-never-expires';

/** A local org in a temporary folder and a way to remove both. */
export interface TestOrg {
    readonly org: LocalOrg;
    readonly dataDir: string;
    readonly journalDir: string;
    /** The admin user: records written as a person would. */
    readonly adminId: string;
    readonly integrationUserId: string;
    close(): Promise<void>;
}

/** Starts a local org on port 0 with its own temporary data folder. */
export async function startSyncOrg(options: LocalOrgOptions = {}): Promise<TestOrg> {
    const dataDir = mkdtempSync(join(tmpdir(), 'lead-sla-sync-'));
    // A fixed token never expires, so reads of the results work after a test ends sessions.
    const org = await startTestOrg({
        dataDir: join(dataDir, 'org'),
        accessToken: FIXED_TOKEN,
        ...options
    });
    return {
        org,
        dataDir,
        journalDir: join(dataDir, 'journal'),
        adminId: org.store.seeded.adminUserId,
        integrationUserId: org.store.seeded.integrationUserId,
        close: async () => {
            await org.close();
            rmSync(dataDir, { recursive: true, force: true });
        }
    };
}

/** Options of a test worker: small thresholds and no waiting. */
export function testSyncOptions(
    testOrg: TestOrg,
    overrides: Partial<SyncOptions> = {}
): SyncOptions {
    return {
        overlapSeconds: 300,
        bulkThreshold: 10_000,
        maxFetch: 50_000,
        bulkPollIntervalMs: 20,
        activityHistoryDays: 365,
        policyFile: null,
        policy: DEFAULT_POLICY,
        journalDir: testOrg.journalDir,
        dryRun: false,
        apiReservePercent: 10,
        slackWebhookUrl: null,
        integrationUserId: testOrg.integrationUserId,
        connection: null,
        ...overrides
    };
}

/** Connects to the org with its start-up token. */
export function connectTo(
    testOrg: TestOrg,
    settings: Partial<SalesforceConnectionSettings> = {},
    clock: RetryClock = recordingClock()
): Promise<SalesforceSession> {
    return connectSalesforce(
        { auth: accessTokenAuth(testOrg.org), requestTimeoutMs: 5_000, ...settings },
        { clock }
    );
}

/** Requests an OAuth session token of the integration user (client-credentials grant); it expires with the org's sessions. */
export async function sessionToken(testOrg: TestOrg): Promise<string> {
    const body = new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: testOrg.org.clientId,
        client_secret: testOrg.org.clientSecret
    });
    const response = await fetch(`${testOrg.org.loginUrl}/services/oauth2/token`, {
        method: 'POST',
        body
    });
    const json = (await response.json()) as { access_token?: string };
    if (json.access_token === undefined) {
        throw new Error(`The local org issued no token: HTTP ${response.status}`);
    }
    return json.access_token;
}

/** Creates a worker connected to the org. */
export async function createWorker(
    testOrg: TestOrg,
    overrides: Partial<SyncOptions> = {},
    settings: Partial<SalesforceConnectionSettings> = {}
): Promise<SyncWorker> {
    return new SyncWorker(await connectTo(testOrg, settings), testSyncOptions(testOrg, overrides));
}

/** Inserts a record as the admin user, as a person working in the org would. */
export function insertAsPerson(testOrg: TestOrg, object: string, fields: RecordInput): string {
    return testOrg.org.store.insert(object, fields, { userId: testOrg.adminId });
}

/** Updates a record as the admin user. */
export function updateAsPerson(
    testOrg: TestOrg,
    object: string,
    id: string,
    fields: RecordInput
): void {
    testOrg.org.store.update(object, id, fields, { userId: testOrg.adminId });
}

/** Inserts setup records (users, business hours) with local set-up access. */
export function insertSetup(testOrg: TestOrg, object: string, fields: RecordInput): string {
    return testOrg.org.store.insert(object, fields, { system: true, userId: testOrg.adminId });
}

/** Queries the org through the REST API (jsforce over HTTP), every page. */
export async function queryOrg<T extends object = Record<string, unknown>>(
    testOrg: TestOrg,
    soql: string
): Promise<T[]> {
    const session = await connectTo(testOrg);
    const result = await session.conn.query(soql, { autoFetch: true, maxFetch: 100_000 });
    // The rows are JSON from the org, without `attributes`; the test names the fields it selected.
    return result.records.map(({ attributes: _attributes, ...fields }) => fields) as unknown as T[];
}

/** Silences the logs of a test file and returns what they would have printed. */
export function quietLogs(): CapturedLog[] {
    return captureLogs();
}
