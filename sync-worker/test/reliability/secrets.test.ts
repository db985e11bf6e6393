/**
 * No secret reaches any output. Known fake secrets (the connected app's private key and
 * client secret, refresh and access tokens, a Slack webhook URL, a password) go into a
 * local org and into workers in each connection mode. The workers run cycles that renew
 * sessions, meet error pages that echo credentials, breach and notify. A service serves
 * health and metrics and then fails, and the command line runs with good and bad settings.
 * Then every output is searched for each secret in its plain, partial and encoded forms:
 * log lines, standard output and error, journals and outboxes, health and metrics,
 * reports and errors, the org's request log, and what the worker wrote into the org.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalOrg } from '../../src/local-org';
import { getLogger } from '../../src/logging';
import { fieldNamesOf, type SObjectName } from '../../src/schema/records';
import { TEST_PRIVATE_KEY, TEST_PUBLIC_KEY, testSchema, writeKeyFile } from '../salesforce/helpers';
import { Fixture } from '../sync/fixtures';
import type { TestOrg } from '../sync/helpers';
import {
    INTEGRATION_USERNAME,
    runAccessTokenWorker,
    runCommandLine,
    runJwtWorker,
    runPasswordGrants,
    runRefreshService,
    type ScenarioContext,
    type ScenarioOutput
} from './secret-scenarios';
import { captureOutput, findLeaks, rootOf, secretForms, type Secret } from './secret-search';

jest.setTimeout(60_000);

/**
 * The org runs from module instances of its own, with its own logger and its own list
 * of registered secrets, as it would in another process. Sharing them would let the
 * secrets the org registers (its client secret) hide a secret the worker forgot.
 */
let orgModules: {
    localOrg: typeof import('../../src/local-org');
    logging: typeof import('../../src/logging');
    sessions: typeof import('../../src/local-org/server/sessions');
};
jest.isolateModules(() => {
    /* eslint-disable @typescript-eslint/no-require-imports -- jest.isolateModules loads only through require */
    orgModules = {
        localOrg: require('../../src/local-org') as typeof import('../../src/local-org'),
        logging: require('../../src/logging') as typeof import('../../src/logging'),
        sessions:
            require('../../src/local-org/server/sessions') as typeof import('../../src/local-org/server/sessions')
    };
    /* eslint-enable @typescript-eslint/no-require-imports */
});

/** Makes a fake secret from a recognisable label and random text. */
function fakeSecret(label: string): string {
    return `${label}-${randomBytes(24).toString('base64url')}`;
}

/** Objects whose records the worker writes, with its reasons, tasks and notification texts. */
const WRITTEN_OBJECTS: readonly SObjectName[] = [
    'Lead',
    'Contact',
    'Account',
    'Task',
    'SLA_Clock__c',
    'SLA_Breach__c',
    'SLA_Review__c',
    'SLA_Scorecard__c'
];

/** Contents of every file under a folder, by path. */
function filesUnder(folder: string): Record<string, string> {
    const files: Record<string, string> = {};
    for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
        if (entry.isFile()) {
            const path = join(entry.parentPath, entry.name);
            files[path] = readFileSync(path, 'utf8');
        }
    }
    return files;
}

/** Starts a loopback stand-in for the Slack webhook that keeps each posted body. */
async function startSlackStandIn(bodies: string[]): Promise<{ server: Server; port: number }> {
    const server = createServer((request, response) => {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => {
            bodies.push(Buffer.concat(chunks).toString('utf8'));
            response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
        });
    });
    await new Promise<void>((resolve) => {
        server.listen(0, '127.0.0.1', resolve);
    });
    return { server, port: (server.address() as AddressInfo).port };
}

describe('secrets in the output of the worker and the local org', () => {
    const folder = mkdtempSync(join(tmpdir(), 'lead-sla-secrets-'));
    const keyFile = writeKeyFile();
    const slackBodies: string[] = [];
    const issuedSessions: string[] = [];
    const output: ScenarioOutput = {
        reports: [],
        errors: [],
        responses: {},
        exitCodes: {},
        issuedTokens: [],
        renewals: 0
    };
    const password = fakeSecret('password');
    let secrets: Secret[] = [];
    let sources: Record<string, string> = {};
    let passwordStatuses: number[] = [];
    let logLines: string[] = [];
    let org: LocalOrg;
    let slack: { server: Server; port: number };

    beforeAll(async () => {
        const capture = captureOutput([
            rootOf(getLogger('test')),
            rootOf(orgModules.logging.getLogger('test'))
        ]);
        const issue = jest.spyOn(orgModules.sessions.SessionStore.prototype, 'issue');
        const fixedToken = fakeSecret('fixed-token');
        const clientSecret = fakeSecret('client-secret');
        const slackPath = `/services/T0${fakeSecret('team')}/B0${fakeSecret('hook')}`;
        const refusedSlackPath = `/services/T1${fakeSecret('team')}/B1${fakeSecret('hook')}`;
        const wrongClientSecret = fakeSecret('wrong-client-secret');
        try {
            slack = await startSlackStandIn(slackBodies);
            org = await orgModules.localOrg.startLocalOrg({
                schema: testSchema(),
                jwtCertificate: TEST_PUBLIC_KEY,
                accessToken: fixedToken,
                clientSecret,
                users: [{ username: INTEGRATION_USERNAME, password }],
                requestLogSize: 100_000
            });
            const testOrg: TestOrg = {
                org,
                dataDir: folder,
                journalDir: join(folder, 'journal'),
                adminId: org.store.seeded.adminUserId,
                integrationUserId: org.store.seeded.integrationUserId,
                close: () => org.close()
            };
            const fixture = new Fixture(testOrg);
            const team = fixture.team();
            for (const name of ['ada', 'bob', 'cyd']) {
                fixture.lead(`${name}@secrets.example`, {
                    LeadSource: 'Demo Request',
                    OwnerId: team.salesReps[0]
                });
            }
            const context: ScenarioContext = {
                org,
                testOrg,
                folder,
                keyFile: keyFile.path,
                password,
                slackUrl: `http://127.0.0.1:${slack.port}${slackPath}`,
                refusedSlackUrl: `https://127.0.0.1:1${refusedSlackPath}`,
                wrongClientSecret,
                start: new Date(Math.floor(Date.now() / 60_000) * 60_000)
            };
            for (const run of [
                runJwtWorker,
                runRefreshService,
                runAccessTokenWorker,
                runCommandLine
            ]) {
                try {
                    await run(context, output);
                } catch (error) {
                    output.errors.push(
                        error instanceof Error
                            ? `${error.message}\n${error.stack ?? ''}`
                            : String(error)
                    );
                }
            }
            passwordStatuses = await runPasswordGrants(context);
            for (const result of issue.mock.results) {
                if (result.type === 'return') {
                    issuedSessions.push((result.value as { token: string }).token);
                }
            }
            secrets = [
                {
                    name: 'JWT private key',
                    value: TEST_PRIVATE_KEY,
                    distinctive: pemBody(TEST_PRIVATE_KEY)
                },
                { name: 'client secret', value: clientSecret },
                { name: 'wrong client secret', value: wrongClientSecret },
                { name: 'password', value: password },
                { name: 'fixed access token', value: fixedToken },
                { name: 'Slack webhook URL', value: context.slackUrl, distinctive: slackPath },
                {
                    name: 'refused Slack webhook URL',
                    value: context.refusedSlackUrl,
                    distinctive: refusedSlackPath
                },
                ...output.issuedTokens.map((value, index) => ({
                    name: `issued token ${index + 1}`,
                    value
                })),
                ...issuedSessions.map((value, index) => ({ name: `session ${index + 1}`, value }))
            ];
        } finally {
            issue.mockRestore();
            capture.restore();
        }
        logLines = capture.logs;
        sources = {
            logs: capture.logs.join(''),
            stdout: capture.stdout.join(''),
            stderr: capture.stderr.join(''),
            console: capture.console.join('\n'),
            ...filesUnder(folder),
            ...output.responses,
            reports: JSON.stringify(output.reports),
            'report errors': output.reports.map((report) => report.error ?? '').join('\n'),
            'raised errors': output.errors.join('\n'),
            'request log': JSON.stringify(org.requests.entries()),
            'custom notifications': JSON.stringify(org.notifications.list()),
            'Slack posts': slackBodies.join('\n'),
            ...Object.fromEntries(
                WRITTEN_OBJECTS.map((object) => [
                    `${object} records`,
                    JSON.stringify(
                        org.store.query(`SELECT ${fieldNamesOf(object).join(', ')} FROM ${object}`)
                            .records
                    )
                ])
            )
        };
    });

    afterAll(async () => {
        await org.close();
        await new Promise((resolve) => slack.server.close(resolve));
        keyFile.remove();
        rmSync(folder, { recursive: true, force: true });
    });

    it('ran every scenario', () => {
        expect(output.errors).toEqual([]);
        expect(output.renewals).toBeGreaterThanOrEqual(1);
        expect(output.reports.map((report) => report.outcome)).toContain('failure');
        expect(output.responses['healthz after error page 6']).toContain('"failing"');
        expect(output.responses['healthz after a cycle']).toContain('"ok"');
        expect(output.responses['healthz after a failed renewal']).toContain('"failing"');
        expect(output.exitCodes.dryRun).toBe(0);
        expect(output.exitCodes.invalidSettings).toBe(1);
        expect(output.exitCodes.wrongSecret).toBe(1);
        expect([0, 2]).toContain(output.exitCodes.once);
        expect(passwordStatuses).toEqual([200, 400]);
        expect(slackBodies.length).toBeGreaterThan(0);
        expect(logLines.some((line) => line.includes('HTTP_503'))).toBe(true);
        expect(logLines.length).toBeGreaterThan(100);
        expect(issuedSessions.length).toBeGreaterThanOrEqual(4);
    });

    it('finds each secret form when it is there', () => {
        for (const secret of secrets) {
            for (const [form, text] of secretForms(secret)) {
                expect({
                    form,
                    found: findLeaks({ probe: `before ${text} after` }, [secret]).length > 0
                }).toEqual({
                    form,
                    found: true
                });
            }
        }
    });

    it('leaks no secret into any output', () => {
        expect(Object.keys(sources).length).toBeGreaterThan(20);
        expect(findLeaks(sources, secrets)).toEqual([]);
    });
});

/** Returns the Base64 body of a PEM block, without its header lines. */
function pemBody(pem: string): string {
    return pem
        .split('\n')
        .filter((line) => line !== '' && !line.startsWith('-----'))
        .join('');
}
