/**
 * The runs of the secrets test: workers in each connection mode against one local org,
 * a service with its health endpoint, and the command line. Each run keeps what it
 * returned (reports, errors, response bodies, exit codes) for the search.
 */
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import type { LocalOrg } from '../../src/local-org';
import {
    connectSalesforce,
    type SalesforceAuth,
    type SalesforceSession
} from '../../src/salesforce';
import { runService, SyncWorker, type CycleReport } from '../../src/sync';
import { recordingClock } from '../salesforce/helpers';
import { hoursAfter } from '../sync/fixtures';
import { testSyncOptions, type TestOrg } from '../sync/helpers';

/** Username of the local org's seeded integration user. */
export const INTEGRATION_USERNAME = 'integration@local-org.test';

/** Everything the runs need. */
export interface ScenarioContext {
    readonly org: LocalOrg;
    readonly testOrg: TestOrg;
    /** Folder of the journals and outboxes; every file in it is searched. */
    readonly folder: string;
    readonly keyFile: string;
    readonly password: string;
    /** Webhook of the loopback Slack stand-in. */
    readonly slackUrl: string;
    /** An https webhook on 127.0.0.1 that refuses connections, for the command line. */
    readonly refusedSlackUrl: string;
    /** A client secret the org does not accept. */
    readonly wrongClientSecret: string;
    /** Evaluation time of the first cycle. */
    readonly start: Date;
}

/** What the runs returned. */
export interface ScenarioOutput {
    readonly reports: CycleReport[];
    /** Message and stack of every error a run raised. */
    readonly errors: string[];
    /** Bodies of the health endpoint's responses, by moment. */
    readonly responses: Record<string, string>;
    readonly exitCodes: Record<string, number>;
    /** Tokens the runs got from the org besides the settings: refresh and access tokens. */
    readonly issuedTokens: string[];
    /** Sessions the JWT and refresh-token workers renewed. */
    renewals: number;
}

/** Filler that puts an echoed secret across the 300-character cut of error messages. */
const FILLER = 'x'.repeat(279);

/**
 * Error texts such as a gateway or a failing Apex class may return, echoing credentials
 * of the request: one across the cut of error messages, then each in plain, bearer,
 * percent-encoded, form-encoded, JSON and Base64 forms.
 */
function echoTexts(secrets: {
    refreshToken: string;
    accessToken: string;
    clientSecret: string;
    webhookUrl: string;
}): string[] {
    const { refreshToken, accessToken, clientSecret, webhookUrl } = secrets;
    const form = (value: string): string => new URLSearchParams({ value }).toString();
    const base64 = (value: string): string => Buffer.from(value, 'utf8').toString('base64');
    return [
        `${FILLER} ${refreshToken}`,
        `Authorization: Bearer ${accessToken}; sid=${encodeURIComponent(accessToken)}; ${JSON.stringify({ session: accessToken })}`,
        `token ${accessToken} ${form(accessToken)} ${base64(accessToken)}`,
        `secret ${clientSecret} ${form(clientSecret)} ${base64(clientSecret)} ${refreshToken}`,
        `hook ${webhookUrl} ${form(webhookUrl)} ${encodeURIComponent(webhookUrl)}`,
        `hook ${JSON.stringify({ url: webhookUrl })} ${base64(webhookUrl)}`
    ];
}

/** Builds a maintenance page, as a proxy returns one, that echoes the bearer token across the cut. */
function echoPage(accessToken: string): string {
    return `<html><body><p>${FILLER}</p><p>Authorization: Bearer ${accessToken}</p></body></html>`;
}

async function clientCredentialsToken(org: LocalOrg): Promise<string> {
    const response = await fetch(`${org.loginUrl}/services/oauth2/token`, {
        method: 'POST',
        body: new URLSearchParams({
            grant_type: 'client_credentials',
            client_id: org.clientId,
            client_secret: org.clientSecret
        })
    });
    const body = (await response.json()) as { access_token?: string };
    if (body.access_token === undefined) {
        throw new Error(`The local org issued no token: HTTP ${response.status}`);
    }
    return body.access_token;
}

async function createWorker(
    context: ScenarioContext,
    auth: SalesforceAuth,
    journal: string
): Promise<{ worker: SyncWorker; session: SalesforceSession }> {
    const session = await connectSalesforce(
        { auth, requestTimeoutMs: 5_000 },
        { clock: recordingClock() }
    );
    const worker = new SyncWorker(
        session,
        testSyncOptions(context.testOrg, {
            journalDir: join(context.folder, journal),
            slackWebhookUrl: context.slackUrl,
            allowLoopbackSlack: true,
            connection: auth
        })
    );
    return { worker, session };
}

/**
 * Runs the JWT bearer worker. Its first cycle opens clocks. In the second, the session
 * ends mid-cycle, an error page echoes the session token, and clocks breach and notify.
 */
export async function runJwtWorker(
    context: ScenarioContext,
    output: ScenarioOutput
): Promise<void> {
    const { org } = context;
    const auth: SalesforceAuth = {
        mode: 'jwt',
        loginUrl: org.loginUrl,
        clientId: org.clientId,
        username: INTEGRATION_USERNAME,
        jwtKeyFile: context.keyFile
    };
    const { worker, session } = await createWorker(context, auth, 'journal-jwt');
    output.reports.push(await worker.runCycle(context.start));
    const token = session.conn.accessToken ?? '';
    org.faults.inject({
        kind: 'status',
        status: 401,
        errorCode: 'INVALID_SESSION_ID',
        message: 'Session expired or invalid',
        match: { pathPattern: '/composite$' },
        skip: 1
    });
    org.faults.inject({
        kind: 'status',
        status: 503,
        contentType: 'text/html',
        body: echoPage(token),
        match: { pathPattern: '/composite$' },
        skip: 3
    });
    output.reports.push(await worker.runCycle(hoursAfter(context.start, 3)));
    output.renewals += session.guard.renewalCount;
}

/** Polls `test` every 10 ms for up to 10 s. */
async function waitFor(test: () => boolean): Promise<void> {
    const started = Date.now();
    while (!test()) {
        if (Date.now() - started > 10_000) {
            throw new Error('The condition did not hold in time.');
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
    }
}

async function readHealth(url: string, output: ScenarioOutput, moment: string): Promise<void> {
    output.responses[`healthz ${moment}`] = await (await fetch(`${url}/healthz`)).text();
    output.responses[`metrics ${moment}`] = await (await fetch(`${url}/metrics`)).text();
}

/**
 * Runs the refresh-token worker as a service. Its first cycles fail on errors that echo
 * the refresh token, the session token, the client secret and the webhook URL, and the
 * next one succeeds. Then the refresh token is revoked and the session ends, so the last
 * cycle fails to renew it.
 */
export async function runRefreshService(
    context: ScenarioContext,
    output: ScenarioOutput
): Promise<void> {
    const { org } = context;
    const refreshToken = org.issueRefreshToken();
    output.issuedTokens.push(refreshToken);
    const auth: SalesforceAuth = {
        mode: 'refresh-token',
        loginUrl: org.loginUrl,
        clientId: org.clientId,
        clientSecret: org.clientSecret,
        refreshToken
    };
    const { worker, session } = await createWorker(context, auth, 'journal-refresh');
    const echoes = echoTexts({
        refreshToken,
        accessToken: session.conn.accessToken ?? '',
        clientSecret: org.clientSecret,
        webhookUrl: context.slackUrl
    });
    const failWith = (message: string): void => {
        org.faults.clear();
        org.faults.inject({
            kind: 'status',
            status: 500,
            errorCode: 'UNKNOWN_EXCEPTION',
            message,
            match: { pathPattern: '/composite$' },
            count: 'unlimited'
        });
    };
    failWith(echoes[0] ?? '');
    const reports: CycleReport[] = [];
    const service = await runService(worker, {
        expression: '0 0 1 1 *',
        healthPort: 0,
        runImmediately: true,
        onReport: (report) => reports.push(report),
        signals: ['SIGUSR2']
    });
    try {
        await waitFor(() => reports.length === 1);
        await readHealth(service.health.url, output, 'after error page 1');
        for (const [index, echo] of echoes.entries()) {
            if (index > 0) {
                failWith(echo);
                await service.schedule.tick();
                await readHealth(service.health.url, output, `after error page ${index + 1}`);
            }
        }
        org.faults.clear();
        await service.schedule.tick();
        await readHealth(service.health.url, output, 'after a cycle');
        org.sessions.revoke(refreshToken);
        org.faults.expireSessions();
        await service.schedule.tick();
        await readHealth(service.health.url, output, 'after a failed renewal');
    } finally {
        await service.stop('test end');
    }
    output.reports.push(...reports);
    output.renewals += session.guard.renewalCount;
}

/**
 * Runs the access-token worker for one cycle. Then a script revokes the token with a
 * query parameter, and the next cycle fails because a fixed token cannot be renewed.
 */
export async function runAccessTokenWorker(
    context: ScenarioContext,
    output: ScenarioOutput
): Promise<void> {
    const { org } = context;
    const token = await clientCredentialsToken(org);
    output.issuedTokens.push(token);
    const auth: SalesforceAuth = {
        mode: 'access-token',
        instanceUrl: org.instanceUrl,
        accessToken: token
    };
    const { worker } = await createWorker(context, auth, 'journal-token');
    output.reports.push(await worker.runCycle(hoursAfter(context.start, 3)));
    await fetch(`${org.loginUrl}/services/oauth2/revoke?token=${encodeURIComponent(token)}`, {
        method: 'POST'
    });
    output.reports.push(await worker.runCycle(hoursAfter(context.start, 4)));
}

/** Sends password grants with the right and a wrong password, as a script signing in would. */
export async function runPasswordGrants(context: ScenarioContext): Promise<number[]> {
    const { org } = context;
    const statuses: number[] = [];
    for (const password of [context.password, `${context.password}-wrong`]) {
        const response = await fetch(`${org.loginUrl}/services/oauth2/token`, {
            method: 'POST',
            body: new URLSearchParams({
                grant_type: 'password',
                client_id: org.clientId,
                client_secret: org.clientSecret,
                username: INTEGRATION_USERNAME,
                password
            })
        });
        await response.text();
        statuses.push(response.status);
    }
    return statuses;
}

/** Runs the command line with extra environment variables; returns its exit code. */
async function runCli(args: readonly string[], env: Record<string, string>): Promise<number> {
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
        process.exitCode = undefined;
        return await main(['node', 'lead-sla', ...args]);
    } finally {
        process.exitCode = undefined;
        process.env = saved;
    }
}

/**
 * Runs the command line in the refresh-token mode: a cycle, a dry run, settings with an
 * invalid webhook URL, and a client secret the org rejects.
 */
export async function runCommandLine(
    context: ScenarioContext,
    output: ScenarioOutput
): Promise<void> {
    const { org } = context;
    const refreshToken = org.issueRefreshToken();
    output.issuedTokens.push(refreshToken);
    const env = {
        SF_LOGIN_URL: org.loginUrl,
        SF_CLIENT_ID: org.clientId,
        SF_CLIENT_SECRET: org.clientSecret,
        SF_REFRESH_TOKEN: refreshToken,
        JOURNAL_DIR: join(context.folder, 'journal-cli'),
        SLACK_WEBHOOK_URL: context.refusedSlackUrl,
        LOG_LEVEL: 'silly'
    };
    const at = (hours: number): string => hoursAfter(context.start, hours).toISOString();
    output.exitCodes.once = await runCli(['sync', '--once', '--now', at(5)], env);
    output.exitCodes.dryRun = await runCli(['sync', '--dry-run', '--now', at(6)], env);
    output.exitCodes.invalidSettings = await runCli(['sync', '--once'], {
        ...env,
        SLACK_WEBHOOK_URL: context.slackUrl.replace('http:', 'ftp:')
    });
    output.exitCodes.wrongSecret = await runCli(['sync', '--once'], {
        ...env,
        SF_CLIENT_SECRET: context.wrongClientSecret
    });
}
