import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { validate as isValidCron } from 'node-cron';
import { z } from 'zod';
import { redactText, registerSecret } from '../logging';

/**
 * The worker's settings, read from the environment and an optional `.env` file (the
 * environment wins) and validated at start. Secrets are registered for redaction
 * before anything is validated, and no message ever contains a secret's value.
 */

/** Connection to Salesforce. The mode follows from the variables that are set. */
export type ConnectionSettings =
    | { readonly mode: 'access-token'; readonly instanceUrl: string; readonly accessToken: string }
    | {
          readonly mode: 'jwt';
          readonly loginUrl: string;
          readonly clientId: string;
          readonly username: string;
          readonly jwtKeyFile: string;
      }
    | {
          readonly mode: 'refresh-token';
          readonly loginUrl: string;
          readonly clientId: string;
          readonly clientSecret: string;
          readonly refreshToken: string;
      };

export const LOG_LEVELS = ['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly'] as const;
export const LOG_FORMATS = ['auto', 'json', 'text'] as const;

/** Variables whose values are secrets: registered for redaction, never echoed. */
const SECRET_VARIABLES = [
    'SF_ACCESS_TOKEN',
    'SF_CLIENT_SECRET',
    'SF_REFRESH_TOKEN',
    'SLACK_WEBHOOK_URL'
] as const;

/** A problem with one variable; `message` is the whole line shown to the operator. */
export interface SettingsProblem {
    readonly variable: string;
    readonly message: string;
}

/** Missing or invalid settings (code `SETTINGS_INVALID`), one line per variable. */
export class SettingsError extends Error {
    override readonly name = 'SettingsError';
    readonly code = 'SETTINGS_INVALID';

    readonly problems: readonly SettingsProblem[];

    constructor(problems: readonly SettingsProblem[]) {
        // Redacted again in case a secret was pasted into a variable that is not secret.
        const safe = problems.map((problem) => ({
            ...problem,
            message: redactText(problem.message)
        }));
        super(
            `Invalid settings; fix these environment variables (or .env entries):\n${safe
                .map((problem) => `  ${problem.message}`)
                .join('\n')}`
        );
        this.problems = safe;
    }
}

const emptyAsMissing = (value: unknown): unknown =>
    typeof value === 'string' && value.trim() === '' ? undefined : value;

function withDefault<T extends z.ZodType>(schema: T, fallback: z.util.NoUndefined<z.output<T>>) {
    return z.preprocess(emptyAsMissing, schema.default(fallback));
}

function optional<T extends z.ZodType>(schema: T) {
    return z.preprocess(emptyAsMissing, schema.optional());
}

function wholeNumber(minimum: number, maximum: number, text: string) {
    return z.coerce
        .number({ error: text })
        .int({ error: text })
        .min(minimum, { error: text })
        .max(maximum, { error: text });
}

/** HTTPS URL, or HTTP on this machine (the local org on 127.0.0.1). */
function serverUrl(text: string) {
    return z
        .url({ error: text })
        .refine((value) => isHttpsOrLocal(value), { error: text })
        .transform((value) => value.replace(/\/+$/, ''));
}

function isHttpsOrLocal(value: string): boolean {
    if (!URL.canParse(value)) {
        return false;
    }
    const url = new URL(value);
    const local = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    return url.protocol === 'https:' || (url.protocol === 'http:' && local);
}

const required = (text: string) => z.string({ error: text }).trim().min(1, { error: text });

const serviceSchema = z.object({
    SF_API_VERSION: withDefault(
        z.string().regex(/^\d{2,3}\.0$/, { error: 'an API version such as 65.0' }),
        '65.0'
    ),
    SYNC_SCHEDULE: withDefault(
        z.string().refine((value) => isValidCron(value), {
            error: 'a cron expression such as "* * * * *" (every minute)'
        }),
        '* * * * *'
    ),
    API_RESERVE_PERCENT: withDefault(
        z.coerce
            .number({ error: 'a percentage from 0 to 99' })
            .min(0, { error: 'a percentage from 0 to 99' })
            .max(99, { error: 'a percentage from 0 to 99' }),
        10
    ),
    HEALTH_PORT: withDefault(
        wholeNumber(0, 65535, 'a TCP port from 0 to 65535 (0 picks a free port)'),
        8080
    ),
    SLACK_WEBHOOK_URL: optional(
        z
            .url({ error: 'an https:// Slack incoming-webhook URL' })
            .refine((value) => value.startsWith('https://'), {
                error: 'an https:// Slack incoming-webhook URL'
            })
    ),
    JOURNAL_DIR: withDefault(z.string(), path.join('.lead-sla', 'journal')),
    LOG_LEVEL: withDefault(
        z.enum(LOG_LEVELS, { error: `one of ${LOG_LEVELS.join(', ')}` }),
        'info'
    ),
    LOG_FORMAT: withDefault(
        z.enum(LOG_FORMATS, { error: `one of ${LOG_FORMATS.join(', ')}` }),
        'auto'
    ),
    POLICY_FILE: optional(z.string()),
    BULK_THRESHOLD: withDefault(
        wholeNumber(1, 100_000_000, 'a whole number of records of at least 1'),
        10_000
    ),
    OVERLAP_SECONDS: withDefault(
        wholeNumber(0, 86_400, 'a whole number of seconds from 0 to 86400'),
        300
    )
});

const LOGIN_URL_TEXT = 'an https:// login URL such as https://login.salesforce.com';

const accessTokenSchema = z.object({
    SF_INSTANCE_URL: serverUrl(
        'the https:// URL of the org, such as https://example.my.salesforce.com'
    ),
    SF_ACCESS_TOKEN: required('an OAuth access token (session id)')
});

const jwtSchema = z.object({
    SF_LOGIN_URL: withDefault(serverUrl(LOGIN_URL_TEXT), 'https://login.salesforce.com'),
    SF_CLIENT_ID: required('the consumer key of the connected app'),
    SF_USERNAME: required('the username of the integration user'),
    SF_JWT_KEY_FILE: required('the path of the PEM private key file of the connected app')
});

const refreshTokenSchema = z.object({
    SF_LOGIN_URL: withDefault(serverUrl(LOGIN_URL_TEXT), 'https://login.salesforce.com'),
    SF_CLIENT_ID: required('the consumer key of the connected app'),
    SF_CLIENT_SECRET: required('the consumer secret of the connected app'),
    SF_REFRESH_TOKEN: required('an OAuth refresh token of the integration user')
});

/** The worker's validated settings. */
export interface Settings {
    /** Null only when `requireConnection` is false and no connection variable is set. */
    readonly connection: ConnectionSettings | null;
    /** Salesforce REST API version, pinned (default 65.0). */
    readonly apiVersion: string;
    /** node-cron expression of the sync cycle (default every minute). */
    readonly syncSchedule: string;
    /** Share of the daily API request allowance the worker never uses, in percent (default 10). */
    readonly apiReservePercent: number;
    /** Port of the health endpoint on 127.0.0.1 (default 8080; 0 picks a free port). */
    readonly healthPort: number;
    readonly slackWebhookUrl: string | null;
    /** Absolute path of the decision journal folder. */
    readonly journalDir: string;
    readonly logLevel: (typeof LOG_LEVELS)[number];
    /** `auto` writes JSON lines unless standard output is a terminal. */
    readonly logFormat: (typeof LOG_FORMATS)[number];
    /** Absolute path of a policy JSON file that replaces the org's policy, or null. */
    readonly policyFile: string | null;
    /**
     * Records of one object above which the first sync reads through Bulk API 2.0 (default
     * 10,000). Below it REST query pages of up to 2,000 records cost at most 5 calls, which
     * is about what a Bulk job costs (create, poll, result pages).
     */
    readonly bulkThreshold: number;
    /** Seconds each incremental read reaches back before the last watermark (default 300). */
    readonly overlapSeconds: number;
}

export interface LoadSettingsOptions {
    /** Variables to read; the default is `process.env`. */
    readonly env?: Readonly<Record<string, string | undefined>>;
    /** `.env` file to read when it exists; false reads none. The default is `.env` in the working directory. */
    readonly envFile?: string | false;
    /** When false, no connection variables is valid (the local org supplies its own). Default true. */
    readonly requireConnection?: boolean;
    /** Folder that relative paths are resolved against; the default is the working directory. */
    readonly baseDir?: string;
}

function readEnvFile(file: string | false): Record<string, string> {
    if (file === false || !existsSync(file)) {
        return {};
    }
    return parseDotenv(readFileSync(file));
}

function problemsOf(
    error: z.ZodError,
    env: Readonly<Record<string, string | undefined>>
): SettingsProblem[] {
    return error.issues.map((issue) => {
        const variable = String(issue.path[0] ?? '');
        const value = env[variable];
        const secret = (SECRET_VARIABLES as readonly string[]).includes(variable);
        let shown: string;
        if (value === undefined || value.trim() === '') {
            shown = 'missing';
        } else if (secret) {
            shown = 'invalid (value hidden)';
        } else {
            shown = `${JSON.stringify(value)} is invalid`;
        }
        return { variable, message: `${variable}: ${shown}; expected ${issue.message}` };
    });
}

/** Picks the connection mode from the distinguishing variable that is set. */
function connectionOf(
    env: Readonly<Record<string, string | undefined>>,
    requireConnection: boolean,
    problems: SettingsProblem[]
): ConnectionSettings | null {
    const isSet = (name: string): boolean => (emptyAsMissing(env[name]) ?? '') !== '';
    const markers = ['SF_ACCESS_TOKEN', 'SF_JWT_KEY_FILE', 'SF_REFRESH_TOKEN'].filter(isSet);
    if (markers.length > 1) {
        problems.push({
            variable: markers.join(', '),
            message: `${markers.join(', ')}: set for more than one connection mode; keep the variables of one mode only`
        });
        return null;
    }
    const marker = markers[0] ?? (isSet('SF_USERNAME') ? 'SF_JWT_KEY_FILE' : undefined);
    if (marker === undefined) {
        if (requireConnection) {
            problems.push({
                variable: 'SF_ACCESS_TOKEN',
                message:
                    'SF_ACCESS_TOKEN, SF_JWT_KEY_FILE or SF_REFRESH_TOKEN: missing; expected one connection mode: ' +
                    'SF_INSTANCE_URL with SF_ACCESS_TOKEN; SF_CLIENT_ID, SF_USERNAME and SF_JWT_KEY_FILE (JWT bearer); ' +
                    'or SF_CLIENT_ID, SF_CLIENT_SECRET and SF_REFRESH_TOKEN'
            });
        }
        return null;
    }
    if (marker === 'SF_ACCESS_TOKEN') {
        const parsed = accessTokenSchema.safeParse(env);
        if (!parsed.success) {
            problems.push(...problemsOf(parsed.error, env));
            return null;
        }
        return {
            mode: 'access-token',
            instanceUrl: parsed.data.SF_INSTANCE_URL,
            accessToken: parsed.data.SF_ACCESS_TOKEN
        };
    }
    if (marker === 'SF_JWT_KEY_FILE') {
        const parsed = jwtSchema.safeParse(env);
        if (!parsed.success) {
            problems.push(...problemsOf(parsed.error, env));
            return null;
        }
        return {
            mode: 'jwt',
            loginUrl: parsed.data.SF_LOGIN_URL,
            clientId: parsed.data.SF_CLIENT_ID,
            username: parsed.data.SF_USERNAME,
            jwtKeyFile: parsed.data.SF_JWT_KEY_FILE
        };
    }
    const parsed = refreshTokenSchema.safeParse(env);
    if (!parsed.success) {
        problems.push(...problemsOf(parsed.error, env));
        return null;
    }
    return {
        mode: 'refresh-token',
        loginUrl: parsed.data.SF_LOGIN_URL,
        clientId: parsed.data.SF_CLIENT_ID,
        clientSecret: parsed.data.SF_CLIENT_SECRET,
        refreshToken: parsed.data.SF_REFRESH_TOKEN
    };
}

/**
 * Reads and validates the settings. Throws `SettingsError` listing every missing or
 * invalid variable with what it expects. When `env` is `process.env`, values from the
 * `.env` file are also copied into `process.env` (without overriding) so that the
 * logger reads `LOG_LEVEL` and `LOG_FORMAT` from there.
 */
export function loadSettings(options: LoadSettingsOptions = {}): Settings {
    const processEnv = options.env ?? process.env;
    const baseDir = options.baseDir ?? process.cwd();
    const envFile = options.envFile ?? path.join(baseDir, '.env');
    const fromFile = readEnvFile(envFile);
    const env: Record<string, string | undefined> = { ...fromFile, ...processEnv };
    if (processEnv === process.env) {
        for (const [name, value] of Object.entries(fromFile)) {
            process.env[name] ??= value;
        }
    }
    for (const name of SECRET_VARIABLES) {
        registerSecret(env[name]);
    }

    const problems: SettingsProblem[] = [];
    const connection = connectionOf(env, options.requireConnection ?? true, problems);
    if (connection?.mode === 'jwt') {
        const keyFile = path.resolve(baseDir, connection.jwtKeyFile);
        try {
            accessSync(keyFile, constants.R_OK);
        } catch {
            problems.push({
                variable: 'SF_JWT_KEY_FILE',
                message: `SF_JWT_KEY_FILE: ${JSON.stringify(connection.jwtKeyFile)} is invalid; expected a readable PEM private key file`
            });
        }
    }
    const service = serviceSchema.safeParse(env);
    if (!service.success) {
        problems.push(...problemsOf(service.error, env));
    }
    if (problems.length > 0 || !service.success) {
        throw new SettingsError(problems);
    }
    const values = service.data;
    return {
        connection:
            connection?.mode === 'jwt'
                ? { ...connection, jwtKeyFile: path.resolve(baseDir, connection.jwtKeyFile) }
                : connection,
        apiVersion: values.SF_API_VERSION,
        syncSchedule: values.SYNC_SCHEDULE,
        apiReservePercent: values.API_RESERVE_PERCENT,
        healthPort: values.HEALTH_PORT,
        slackWebhookUrl: values.SLACK_WEBHOOK_URL ?? null,
        journalDir: path.resolve(baseDir, values.JOURNAL_DIR),
        logLevel: values.LOG_LEVEL,
        logFormat: values.LOG_FORMAT,
        policyFile:
            values.POLICY_FILE === undefined ? null : path.resolve(baseDir, values.POLICY_FILE),
        bulkThreshold: values.BULK_THRESHOLD,
        overlapSeconds: values.OVERLAP_SECONDS
    };
}
