import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

import type { Command } from 'commander';
import { z } from 'zod';
import { getLogger } from '../../logging';
import { startLocalOrg, type LocalOrgOptions } from '../../local-org';
import type { OrgStore } from '../../local-org/store';

const logger = getLogger('local-org.cli');

/** Default port of `lead-sla local-org`. */
export const DEFAULT_LOCAL_ORG_PORT = 8483;

/** Default data folder, relative to the working folder (ignored by git). */
export const DEFAULT_LOCAL_ORG_DATA_DIR = '.local-org';

const optionsSchema = z.object({
    port: z.coerce.number().int().min(0).max(65_535),
    host: z.string().optional(),
    dataDir: z.string(),
    seed: z.string().optional(),
    reset: z.boolean().optional(),
    accessToken: z.string().min(8, 'must be at least 8 characters').optional(),
    jwtCertificate: z.string().optional(),
    clientId: z.string().optional(),
    sessionTimeout: z.coerce.number().int().positive().optional(),
    forceApp: z.string().optional()
});

type CommandOptions = z.infer<typeof optionsSchema>;

function seedFunctionOf(value: unknown): ((store: OrgStore) => unknown) | undefined {
    if (typeof value !== 'object' || value === null || !('seedLocalOrg' in value)) {
        return undefined;
    }
    const candidate = value.seedLocalOrg;
    if (typeof candidate !== 'function') {
        return undefined;
    }
    // The module is plain JavaScript, so its signature is taken on trust from the contract.
    const seed = candidate as (store: OrgStore) => unknown;
    return (store) => seed(store);
}

/**
 * Loads a seed module: a CommonJS module (such as a compiled `.js` file) exporting
 * `seedLocalOrg(store)`, which fills a new or reset database.
 */
function loadSeedModule(path: string): (store: OrgStore) => Promise<void> {
    const loadModule = createRequire(__filename);
    const seed = seedFunctionOf(loadModule(resolve(path)));
    if (seed === undefined) {
        throw new Error(`The seed module ${path} does not export a seedLocalOrg(store) function.`);
    }
    return async (store) => {
        await seed(store);
    };
}

function toStartOptions(options: CommandOptions): LocalOrgOptions {
    const accessToken = options.accessToken ?? process.env.LOCAL_ORG_ACCESS_TOKEN;
    const clientSecret = process.env.LOCAL_ORG_CLIENT_SECRET;
    return {
        port: options.port,
        dataDir: options.dataDir,
        ...(options.host === undefined ? {} : { host: options.host }),
        ...(options.reset === undefined ? {} : { reset: options.reset }),
        ...(options.forceApp === undefined ? {} : { forceAppDir: options.forceApp }),
        ...(options.seed === undefined ? {} : { seedData: loadSeedModule(options.seed) }),
        ...(accessToken === undefined || accessToken === '' ? {} : { accessToken }),
        ...(options.jwtCertificate === undefined
            ? {}
            : { jwtCertificate: readFileSync(options.jwtCertificate, 'utf8') }),
        ...(options.clientId === undefined ? {} : { clientId: options.clientId }),
        ...(clientSecret === undefined || clientSecret === '' ? {} : { clientSecret }),
        ...(options.sessionTimeout === undefined
            ? {}
            : { sessionTimeoutSeconds: options.sessionTimeout })
    };
}

/**
 * `lead-sla local-org`: runs the local org in the foreground until interrupted.
 * Secrets come from the environment (`LOCAL_ORG_ACCESS_TOKEN`, `LOCAL_ORG_CLIENT_SECRET`)
 * or options; they are never printed.
 */
export function registerLocalOrgCommand(program: Command): void {
    program
        .command('local-org')
        .description(
            'Run the local org: a Salesforce-compatible REST API on 127.0.0.1 backed by SQLite.'
        )
        .option(
            '--port <port>',
            'TCP port to listen on (0 picks a free port)',
            String(DEFAULT_LOCAL_ORG_PORT)
        )
        .option('--host <host>', 'address to bind; only 127.0.0.1 or localhost are accepted')
        .option(
            '--data-dir <folder>',
            'folder of the SQLite database and Bulk API job files',
            DEFAULT_LOCAL_ORG_DATA_DIR
        )
        .option(
            '--seed <module>',
            'module exporting seedLocalOrg(store), run on a new or reset database'
        )
        .option(
            '--force-app <folder>',
            'package folder whose objects and metadata the org serves (default: force-app in the project root)'
        )
        .option('--reset', 'start from an empty database instead of the data folder')
        .option(
            '--access-token <token>',
            'fixed access token that never expires (or LOCAL_ORG_ACCESS_TOKEN)'
        )
        .option(
            '--jwt-certificate <file>',
            'PEM certificate or public key that verifies JWT bearer assertions'
        )
        .option(
            '--client-id <id>',
            'consumer key of the connected app (secret: LOCAL_ORG_CLIENT_SECRET)'
        )
        .option(
            '--session-timeout <seconds>',
            'inactivity after which OAuth sessions expire, in seconds'
        )
        .action(async (raw: Record<string, unknown>) => {
            const parsed = optionsSchema.safeParse(raw);
            if (!parsed.success) {
                const issue = parsed.error.issues[0];
                throw new Error(
                    `Invalid option ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid value'}`
                );
            }
            if (parsed.data.seed === undefined) {
                logger.info(
                    'No --seed module given: the org starts with the seeded organization and users only.'
                );
            }
            const org = await startLocalOrg(toStartOptions(parsed.data));
            process.stdout.write(
                [
                    `Local org listening on ${org.instanceUrl}`,
                    `  instance URL and login URL: ${org.instanceUrl}`,
                    `  OAuth token endpoint:       ${org.loginUrl}/services/oauth2/token`,
                    `  fault control (with token): ${org.instanceUrl}/__local/faults`,
                    `  data folder:                ${resolve(parsed.data.dataDir)}`,
                    'Press Ctrl+C to stop.',
                    ''
                ].join('\n')
            );
            await new Promise<void>((done) => {
                const stop = (): void => {
                    process.off('SIGINT', stop);
                    process.off('SIGTERM', stop);
                    org.close().then(done, (error: unknown) => {
                        logger.error('The local org did not close cleanly.', {
                            error: String(error)
                        });
                        done();
                    });
                };
                process.on('SIGINT', stop);
                process.on('SIGTERM', stop);
            });
        });
}
