/**
 * The local org: an embedded Salesforce-compatible REST API on 127.0.0.1, backed by an
 * SQLite store with the schema deployed from force-app. `startLocalOrg` runs it in
 * process for tests and scripts; `lead-sla local-org` runs it from the command line.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { getLogger, registerSecret } from '../logging';
import { loadOrgSchema } from '../schema';
import type { OrgSchema } from '../schema';
import { resolveForceAppDir } from './force-app-location';
import { clampRestBatchSize, OrgStore, type SeedOptions, type StoredNotification } from './store';
import { DATABASE_FILE } from './store/database';
import { ApiUsage } from './server/api-usage';
import { BulkJobs } from './server/bulk/jobs';
import type { OrgServices } from './server/context';
import { handleFaultControl } from './server/fault-control';
import { FaultInjector } from './server/faults';
import { LocalOrgHttpServer, LOOPBACK_HOST } from './server/http-server';
import { loadVerificationKey } from './server/jwt';
import type { OAuthSettings } from './server/oauth';
import { RequestLog, DEFAULT_REQUEST_LOG_SIZE } from './server/request-log';
import { buildRouter } from './server/routes';
import { SessionStore, type SessionUser } from './server/sessions';
import { StoreUserDirectory } from './server/user-directory';
import { DEFAULT_MAX_API_VERSION } from './server/versions';

export { FaultInjector } from './server/faults';
export type {
    FaultEffect,
    FaultMatch,
    FaultRule,
    RandomFaultEffect,
    RandomFaultSettings
} from './server/faults';
export type { LoggedRequest, RequestLog } from './server/request-log';
export { JWT_BEARER_GRANT } from './server/oauth';

const logger = getLogger('local-org');

/** Credentials of the username-password grant. */
export interface LocalOrgUser {
    username: string;
    password: string;
}

/** Options of `startLocalOrg`. Everything is optional. */
export interface LocalOrgOptions {
    /** TCP port; 0 (the default) picks a free port. */
    port?: number;
    /** Must be 127.0.0.1 or localhost when given: the org never listens on other addresses. */
    host?: string;
    /** Folder of the SQLite file and job files; an in-memory database when absent. */
    dataDir?: string;
    /** Starts from an empty database (seeded again) instead of the data folder's. */
    reset?: boolean;
    /** Values of the records the store creates on first open (organization, users, business hours). */
    seed?: SeedOptions;
    /** Loads data into a new or reset database after the store opens, such as a sample org. */
    seedData?: (store: OrgStore) => void | Promise<void>;
    /** Schema to serve; read from `forceAppDir` when absent. */
    schema?: OrgSchema;
    /**
     * Package folder with the deployed metadata; default `force-app` in the project root
     * (the folder with `sfdx-project.json` above this module). Start fails when it is
     * missing or has no objects.
     */
    forceAppDir?: string;
    /** A fixed access token that never expires, for scripts. */
    accessToken?: string;
    /** Inactivity after which OAuth sessions expire, in seconds; default 7,200 (2 hours). */
    sessionTimeoutSeconds?: number;
    /** PEM certificate or public key that verifies JWT bearer assertions. */
    jwtCertificate?: string;
    /** Consumer key of the connected app; default `local-org-client`. */
    clientId?: string;
    /** Consumer secret of the connected app; default `local-org-secret`. */
    clientSecret?: string;
    /** Users that may sign in with the username-password grant. */
    users?: LocalOrgUser[];
    /** User the client-credentials grant runs as; default the seeded integration user. */
    runAsUsername?: string;
    /** `DailyApiRequests.Max`; default 100,000. */
    dailyApiRequests?: number;
    /** Newest REST API version served; default 65. */
    maxApiVersion?: number;
    /** Records per Bulk API 2.0 result page when a call gives no `maxRecords`; default 50,000. */
    bulkResultsPageSize?: number;
    /**
     * Records per REST query page when a call gives no `batchSize`: 200 to 2,000, default
     * 2,000. Salesforce may return smaller pages than asked for; tests use this to page.
     */
    queryPageSize?: number;
    /** Requests kept in `requests`, Composite subrequests included; default 1,000. */
    requestLogSize?: number;
    /** Time source of the store, sessions and jobs; default the system clock. */
    clock?: () => Date;
}

/** A running local org. */
export interface LocalOrg {
    /** Base URL of the REST API, such as `http://127.0.0.1:8483`. */
    instanceUrl: string;
    /** Base URL of the OAuth endpoints and the JWT `aud`; the same as `instanceUrl`. */
    loginUrl: string;
    port: number;
    /** The fixed token when one was set, else a fresh session of the integration user. */
    accessToken: string;
    /** Consumer key and secret the OAuth grants check. */
    clientId: string;
    clientSecret: string;
    store: OrgStore;
    faults: FaultInjector;
    usage: ApiUsage;
    sessions: SessionStore;
    /** Latest requests served (method, path, headers without credentials, status). */
    requests: RequestLog;
    notifications: { list(): StoredNotification[] };
    /** Issues a refresh token for a user, as a web-server OAuth flow would hand one out. */
    issueRefreshToken(username?: string): string;
    /** Stops the server, ends every connection and closes the database. */
    close(): Promise<void>;
}

/** Default daily API allocation: 100,000, the base of an Enterprise Edition org. */
export const DEFAULT_DAILY_API_REQUESTS = 100_000;

/** Default inactivity timeout of OAuth sessions: 2 hours, Salesforce's default. */
export const DEFAULT_SESSION_TIMEOUT_SECONDS = 7_200;

/** Records per Bulk API 2.0 result page when a call gives no `maxRecords`. */
export const DEFAULT_BULK_RESULTS_PAGE_SIZE = 50_000;

/** Tolerated clock difference for a JWT's `exp`, in seconds. */
const JWT_CLOCK_SKEW_SECONDS = 30;

/** Default consumer key and secret, for a loopback-only org. */
export const DEFAULT_CLIENT_ID = 'local-org-client';
export const DEFAULT_CLIENT_SECRET = 'local-org-secret';

function checkHost(host: string | undefined): void {
    if (host !== undefined && host !== LOOPBACK_HOST && host !== 'localhost') {
        throw new Error(
            `The local org listens on ${LOOPBACK_HOST} only; host ${host} is not allowed.`
        );
    }
}

/** Opens the store and runs `seedData` when the database is new or was reset. */
async function openStore(options: LocalOrgOptions, clock: () => Date): Promise<OrgStore> {
    const isNewDatabase =
        options.dataDir === undefined ||
        options.reset === true ||
        !existsSync(join(options.dataDir, DATABASE_FILE));
    const store = new OrgStore({
        schema: options.schema ?? loadOrgSchema(resolveForceAppDir(options.forceAppDir)),
        clock,
        ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
        ...(options.reset === undefined ? {} : { reset: options.reset }),
        ...(options.seed === undefined ? {} : { seed: options.seed })
    });
    if (isNewDatabase && options.seedData !== undefined) {
        await options.seedData(store);
    }
    return store;
}

/** Returns the fixed token when one is set, else a new session token of the user. */
function startupToken(options: LocalOrgOptions, sessions: SessionStore, user: SessionUser): string {
    if (options.accessToken === undefined) {
        return sessions.issue(user).token;
    }
    registerSecret(options.accessToken);
    sessions.addFixedToken(options.accessToken, user);
    return options.accessToken;
}

/** Starts a local org and resolves once it listens. */
export async function startLocalOrg(options: LocalOrgOptions = {}): Promise<LocalOrg> {
    checkHost(options.host);
    const clock = options.clock ?? (() => new Date());
    const now = (): number => clock().getTime();
    const store = await openStore(options, clock);
    const clientId = options.clientId ?? DEFAULT_CLIENT_ID;
    const clientSecret = options.clientSecret ?? DEFAULT_CLIENT_SECRET;
    registerSecret(clientSecret);

    const users = new StoreUserDirectory(store);
    const integration = users.findById(store.seeded.integrationUserId);
    const sessions = new SessionStore({
        organizationId: store.seeded.organizationId,
        timeoutSeconds: options.sessionTimeoutSeconds ?? DEFAULT_SESSION_TIMEOUT_SECONDS,
        now
    });
    const usage = new ApiUsage(options.dailyApiRequests ?? DEFAULT_DAILY_API_REQUESTS, now);
    const faults = new FaultInjector({
        expireSessions: () => sessions.expireAll(),
        exhaustApiLimit: () => {
            usage.exhaust();
        },
        resetApiUsage: () => {
            usage.reset();
        }
    });
    const bulk = new BulkJobs({
        store,
        dataDir: options.dataDir,
        now: clock,
        resultsPageSize: options.bulkResultsPageSize ?? DEFAULT_BULK_RESULTS_PAGE_SIZE
    });

    // The base URL is known only once the server listens on its port.
    let baseUrl = '';
    const requests = new RequestLog(options.requestLogSize ?? DEFAULT_REQUEST_LOG_SIZE);
    const services: OrgServices = {
        store,
        usage,
        faults,
        requestLog: requests,
        bulk,
        router: buildRouter(),
        maxApiVersion: options.maxApiVersion ?? DEFAULT_MAX_API_VERSION,
        queryPageSize: clampRestBatchSize(options.queryPageSize),
        baseUrl: () => baseUrl
    };
    const oauth: OAuthSettings = {
        sessions,
        users,
        clientId,
        clientSecret,
        passwords: new Map((options.users ?? []).map((user) => [user.username, user.password])),
        runAsUsername: options.runAsUsername ?? integration.username,
        jwt: undefined,
        organizationId: store.seeded.organizationId,
        baseUrl: () => baseUrl,
        now
    };
    const server = new LocalOrgHttpServer({
        services,
        sessions,
        oauth,
        faultControl: (request) => handleFaultControl(request, faults)
    });
    let port: number;
    try {
        port = await server.listen(options.port ?? 0);
    } catch (error) {
        bulk.close();
        store.close();
        throw error;
    }
    baseUrl = `http://${LOOPBACK_HOST}:${port}`;
    if (options.jwtCertificate !== undefined) {
        oauth.jwt = {
            publicKey: loadVerificationKey(options.jwtCertificate),
            clientId,
            audiences: [baseUrl, `${baseUrl}/`],
            clockSkewSeconds: JWT_CLOCK_SKEW_SECONDS
        };
    }
    const accessToken = startupToken(options, sessions, integration);
    logger.info('Local org listening', { url: baseUrl, dataDir: options.dataDir ?? 'memory' });

    return {
        instanceUrl: baseUrl,
        loginUrl: baseUrl,
        port,
        accessToken,
        clientId,
        clientSecret,
        store,
        faults,
        usage,
        sessions,
        requests,
        notifications: { list: () => store.listNotifications() },
        issueRefreshToken: (username = integration.username) => {
            const user = users.findByUsername(username);
            if (user === undefined) {
                throw new Error(`No active user has the username ${username}.`);
            }
            return sessions.issueRefreshToken(user, clientId);
        },
        close: async () => {
            await server.close();
            bulk.close();
            store.close();
            logger.info('Local org stopped', { url: baseUrl });
        }
    };
}
