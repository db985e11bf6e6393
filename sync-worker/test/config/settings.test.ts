import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadSettings, SettingsError, type LoadSettingsOptions } from '../../src/config/settings';
import { redactText } from '../../src/logging';

let folder: string;
let keyFile: string;

beforeAll(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'lead-sla-settings-'));
    keyFile = path.join(folder, 'server.key');
    writeFileSync(
        keyFile,
        '-----BEGIN PRIVATE KEY-----\nnot a real key\n-----END PRIVATE KEY-----\n'
    );
});

afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
});

const ACCESS_TOKEN = {
    SF_INSTANCE_URL: 'https://example.my.salesforce.com',
    SF_ACCESS_TOKEN: '00D000000000001!AQ4AQFakeAccessToken'
};

function load(env: Record<string, string>, options: Partial<LoadSettingsOptions> = {}) {
    return loadSettings({ env, envFile: false, baseDir: folder, ...options });
}

function problemsOf(
    env: Record<string, string>,
    options: Partial<LoadSettingsOptions> = {}
): string[] {
    try {
        load(env, options);
    } catch (error) {
        if (error instanceof SettingsError) {
            expect(error.code).toBe('SETTINGS_INVALID');
            return error.problems.map((problem) => problem.message);
        }
        throw error;
    }
    throw new Error('expected the settings to be rejected');
}

describe('connection modes', () => {
    it('reads an instance URL and access token', () => {
        expect(load(ACCESS_TOKEN).connection).toEqual({
            mode: 'access-token',
            instanceUrl: 'https://example.my.salesforce.com',
            accessToken: ACCESS_TOKEN.SF_ACCESS_TOKEN
        });
    });

    it('reads the JWT bearer flow with the default login URL', () => {
        const settings = load({
            SF_CLIENT_ID: '3MVG9client',
            SF_USERNAME: 'worker@example.com',
            SF_JWT_KEY_FILE: 'server.key'
        });
        expect(settings.connection).toEqual({
            mode: 'jwt',
            loginUrl: 'https://login.salesforce.com',
            clientId: '3MVG9client',
            username: 'worker@example.com',
            jwtKeyFile: keyFile
        });
    });

    it('reads the refresh token flow', () => {
        const settings = load({
            SF_LOGIN_URL: 'https://test.salesforce.com/',
            SF_CLIENT_ID: '3MVG9client',
            SF_CLIENT_SECRET: 'client-secret-value',
            SF_REFRESH_TOKEN: '5Aep861refresh'
        });
        expect(settings.connection).toEqual({
            mode: 'refresh-token',
            loginUrl: 'https://test.salesforce.com',
            clientId: '3MVG9client',
            clientSecret: 'client-secret-value',
            refreshToken: '5Aep861refresh'
        });
    });

    it('allows plain HTTP only on this machine', () => {
        const local = load({ ...ACCESS_TOKEN, SF_INSTANCE_URL: 'http://127.0.0.1:8765' });
        expect(local.connection).toMatchObject({ instanceUrl: 'http://127.0.0.1:8765' });
        expect(
            problemsOf({ ...ACCESS_TOKEN, SF_INSTANCE_URL: 'http://example.my.salesforce.com' })
        ).toEqual([
            'SF_INSTANCE_URL: "http://example.my.salesforce.com" is invalid; expected the https:// URL of the org, such as https://example.my.salesforce.com'
        ]);
    });

    it('needs no connection when the caller supplies one', () => {
        expect(load({}, { requireConnection: false }).connection).toBeNull();
    });
});

describe('missing and invalid connection variables', () => {
    const cases: { name: string; env: Record<string, string>; problems: string[] }[] = [
        {
            name: 'no connection at all',
            env: {},
            problems: [
                'SF_ACCESS_TOKEN, SF_JWT_KEY_FILE or SF_REFRESH_TOKEN: missing; expected one connection mode: SF_INSTANCE_URL with SF_ACCESS_TOKEN; SF_CLIENT_ID, SF_USERNAME and SF_JWT_KEY_FILE (JWT bearer); or SF_CLIENT_ID, SF_CLIENT_SECRET and SF_REFRESH_TOKEN'
            ]
        },
        {
            name: 'access token without instance URL',
            env: { SF_ACCESS_TOKEN: ACCESS_TOKEN.SF_ACCESS_TOKEN },
            problems: [
                'SF_INSTANCE_URL: missing; expected the https:// URL of the org, such as https://example.my.salesforce.com'
            ]
        },
        {
            name: 'JWT without client id and key file',
            env: { SF_USERNAME: 'worker@example.com' },
            problems: [
                'SF_CLIENT_ID: missing; expected the consumer key of the connected app',
                'SF_JWT_KEY_FILE: missing; expected the path of the PEM private key file of the connected app'
            ]
        },
        {
            name: 'JWT key file that does not exist',
            env: {
                SF_CLIENT_ID: 'id',
                SF_USERNAME: 'worker@example.com',
                SF_JWT_KEY_FILE: 'absent.key'
            },
            problems: [
                'SF_JWT_KEY_FILE: "absent.key" is invalid; expected a readable PEM private key file'
            ]
        },
        {
            name: 'refresh token without client secret',
            env: { SF_CLIENT_ID: 'id', SF_REFRESH_TOKEN: '5Aep861refresh' },
            problems: [
                'SF_CLIENT_SECRET: missing; expected the consumer secret of the connected app'
            ]
        },
        {
            name: 'two connection modes',
            env: { ...ACCESS_TOKEN, SF_REFRESH_TOKEN: '5Aep861refresh' },
            problems: [
                'SF_ACCESS_TOKEN, SF_REFRESH_TOKEN: set for more than one connection mode; keep the variables of one mode only'
            ]
        }
    ];

    it.each(cases)('$name', ({ env, problems }) => {
        expect(problemsOf(env)).toEqual(problems);
    });
});

describe('service settings', () => {
    it('has defaults', () => {
        const settings = load(ACCESS_TOKEN);
        expect(settings).toMatchObject({
            apiVersion: '65.0',
            syncSchedule: '* * * * *',
            apiReservePercent: 10,
            healthPort: 8080,
            slackWebhookUrl: null,
            journalDir: path.join(folder, '.lead-sla', 'journal'),
            logLevel: 'info',
            logFormat: 'auto',
            policyFile: null,
            bulkThreshold: 10_000,
            overlapSeconds: 300
        });
    });

    it('reads every variable', () => {
        const settings = load({
            ...ACCESS_TOKEN,
            SF_API_VERSION: '64.0',
            SYNC_SCHEDULE: '*/5 * * * *',
            API_RESERVE_PERCENT: '25',
            HEALTH_PORT: '0',
            SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T000/B000/XXXX',
            JOURNAL_DIR: '/var/lib/lead-sla',
            LOG_LEVEL: 'debug',
            LOG_FORMAT: 'json',
            POLICY_FILE: 'policy.json',
            BULK_THRESHOLD: '5000',
            OVERLAP_SECONDS: '60'
        });
        expect(settings).toMatchObject({
            apiVersion: '64.0',
            syncSchedule: '*/5 * * * *',
            apiReservePercent: 25,
            healthPort: 0,
            slackWebhookUrl: 'https://hooks.slack.com/services/T000/B000/XXXX',
            journalDir: '/var/lib/lead-sla',
            logLevel: 'debug',
            logFormat: 'json',
            policyFile: path.join(folder, 'policy.json'),
            bulkThreshold: 5000,
            overlapSeconds: 60
        });
    });

    it('treats an empty value as unset', () => {
        expect(load({ ...ACCESS_TOKEN, API_RESERVE_PERCENT: '', POLICY_FILE: ' ' })).toMatchObject({
            apiReservePercent: 10,
            policyFile: null
        });
    });

    const invalid: [string, string, string][] = [
        [
            'SF_API_VERSION',
            '65',
            'SF_API_VERSION: "65" is invalid; expected an API version such as 65.0'
        ],
        [
            'SYNC_SCHEDULE',
            'every minute',
            'SYNC_SCHEDULE: "every minute" is invalid; expected a cron expression such as "* * * * *" (every minute)'
        ],
        [
            'API_RESERVE_PERCENT',
            'ten',
            'API_RESERVE_PERCENT: "ten" is invalid; expected a percentage from 0 to 99'
        ],
        [
            'API_RESERVE_PERCENT',
            '100',
            'API_RESERVE_PERCENT: "100" is invalid; expected a percentage from 0 to 99'
        ],
        [
            'HEALTH_PORT',
            '70000',
            'HEALTH_PORT: "70000" is invalid; expected a TCP port from 0 to 65535 (0 picks a free port)'
        ],
        [
            'LOG_LEVEL',
            'loud',
            'LOG_LEVEL: "loud" is invalid; expected one of error, warn, info, http, verbose, debug, silly'
        ],
        ['LOG_FORMAT', 'xml', 'LOG_FORMAT: "xml" is invalid; expected one of auto, json, text'],
        [
            'BULK_THRESHOLD',
            '0',
            'BULK_THRESHOLD: "0" is invalid; expected a whole number of records of at least 1'
        ],
        [
            'OVERLAP_SECONDS',
            '1.5',
            'OVERLAP_SECONDS: "1.5" is invalid; expected a whole number of seconds from 0 to 86400'
        ],
        [
            'SLACK_WEBHOOK_URL',
            'http://hooks.slack.com/services/T000/B000/XXXX',
            'SLACK_WEBHOOK_URL: invalid (value hidden); expected an https:// Slack incoming-webhook URL'
        ]
    ];

    it.each(invalid)('rejects %s=%s', (variable, value, message) => {
        expect(problemsOf({ ...ACCESS_TOKEN, [variable]: value })).toEqual([message]);
    });

    it('lists every problem in one error', () => {
        const problems = problemsOf({
            SF_ACCESS_TOKEN: 'x'.repeat(10),
            LOG_LEVEL: 'loud',
            HEALTH_PORT: '-1'
        });
        expect(problems.map((line) => line.split(':')[0])).toEqual([
            'SF_INSTANCE_URL',
            'HEALTH_PORT',
            'LOG_LEVEL'
        ]);
    });
});

describe('.env file', () => {
    it('fills variables the environment leaves unset', () => {
        const envFile = path.join(folder, 'fill.env');
        writeFileSync(
            envFile,
            'SF_INSTANCE_URL=https://from-file.my.salesforce.com\nSF_ACCESS_TOKEN=file-token-123456\nLOG_LEVEL=warn\n'
        );
        const settings = load({ LOG_LEVEL: 'debug' }, { envFile });
        expect(settings.connection).toMatchObject({
            instanceUrl: 'https://from-file.my.salesforce.com'
        });
        expect(settings.logLevel).toBe('debug');
    });

    it('is optional', () => {
        expect(() =>
            load(ACCESS_TOKEN, { envFile: path.join(folder, 'absent.env') })
        ).not.toThrow();
    });
});

describe('secrets', () => {
    const token = '00D000000000002!AQsecret-session-token';

    it('never appear in error messages', () => {
        let message = '';
        try {
            load({ SF_ACCESS_TOKEN: token, SF_INSTANCE_URL: 'ftp://nowhere', HEALTH_PORT: token });
        } catch (error) {
            message = error instanceof Error ? error.message : '';
        }
        expect(message).toContain('SF_INSTANCE_URL');
        expect(message).not.toContain(token);
    });

    it('are registered for redaction', () => {
        const secret = 'refresh-token-that-matches-no-pattern';
        load({
            SF_CLIENT_ID: 'id',
            SF_CLIENT_SECRET: 'client-secret-registered',
            SF_REFRESH_TOKEN: secret
        });
        expect(redactText(`retry with ${secret}`)).toBe('retry with [REDACTED]');
        expect(redactText('client-secret-registered')).toBe('[REDACTED]');
    });

    it('are registered even when the settings are invalid', () => {
        const secret = 'slack-webhook-secret-path';
        expect(() => load({ SLACK_WEBHOOK_URL: secret })).toThrow(SettingsError);
        expect(redactText(secret)).toBe('[REDACTED]');
    });
});
