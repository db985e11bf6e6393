import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { Command } from 'commander';
import { z } from 'zod';
import { loadSettings } from '../../config/settings';
import { OrgStore } from '../../local-org/store';
import { DATABASE_FILE } from '../../local-org/store/database';
import { storeSource } from '../../report';
import { connectSalesforce } from '../../salesforce';
import { loadOrgSchema } from '../../schema';
import {
    formatSimulation,
    liveHistorySource,
    simulate,
    type SimulateOptions,
    type SimulationResult
} from '../../simulate';
import { DEFAULT_LOCAL_ORG_DATA_DIR } from './local-org';
import { parseNow } from './sync';

const optionsSchema = z.object({
    policy: z.string().min(1),
    from: z.string().min(1),
    to: z.string().min(1),
    dataDir: z.string().min(1),
    forceApp: z.string().min(1),
    live: z.boolean().optional(),
    currentPolicy: z.string().min(1).optional(),
    json: z.boolean().optional(),
    now: z.string().optional(),
    cycleMinutes: z.coerce
        .number()
        .int('must be a whole number of minutes')
        .min(1, 'must be at least 1')
        .max(1440, 'must be at most 1440')
});

type CommandOptions = z.infer<typeof optionsSchema>;

type Window = Omit<SimulateOptions, 'source' | 'currentPolicyFile'>;

/**
 * Copies the local org's database into a new temporary folder with SQLite's `VACUUM INTO`
 * over a read-only connection. The copy is consistent even while the local org runs,
 * and opening a store on it leaves the original untouched: opening a store refreshes
 * its setup records from force-app, which is a write.
 */
function copyLocalOrg(folder: string): string {
    const copy = mkdtempSync(join(tmpdir(), 'lead-sla-simulate-'));
    const database = new DatabaseSync(join(folder, DATABASE_FILE), { readOnly: true });
    try {
        database.prepare('VACUUM INTO ?').run(join(copy, DATABASE_FILE));
    } finally {
        database.close();
    }
    return copy;
}

/** Simulates on a copy of the local org in `dataDir`, which must exist. */
async function simulateOnLocalOrg(
    options: CommandOptions,
    window: Window
): Promise<SimulationResult> {
    const folder = resolve(options.dataDir);
    if (!existsSync(join(folder, DATABASE_FILE))) {
        throw new Error(
            `No local org in ${folder}: load one with \`lead-sla import\` or \`npm start\`, or give --data-dir.`
        );
    }
    const copy = copyLocalOrg(folder);
    try {
        const store = new OrgStore({ dataDir: copy, schema: loadOrgSchema(options.forceApp) });
        try {
            return await simulate({
                ...window,
                source: storeSource(store, `the local org in ${folder}`),
                currentPolicyFile: options.currentPolicy ?? null
            });
        } finally {
            store.close();
        }
    } finally {
        rmSync(copy, { recursive: true, force: true });
    }
}

/** Simulates on the org of the connection settings; the policy file of the settings is the current policy, as for the worker. */
async function simulateOnLiveOrg(
    options: CommandOptions,
    window: Window
): Promise<SimulationResult> {
    const settings = loadSettings();
    if (settings.connection === null) {
        throw new Error('No Salesforce connection is set up; see docs/operations.md.');
    }
    const session = await connectSalesforce({
        auth: settings.connection,
        apiVersion: settings.apiVersion
    });
    return simulate({
        ...window,
        source: liveHistorySource(session),
        currentPolicyFile: options.currentPolicy ?? settings.policyFile
    });
}

/** Prints the result as text, or as JSON with every difference. */
function printResult(result: SimulationResult, json: boolean): void {
    process.stdout.write(json ? `${JSON.stringify(result, null, 2)}\n` : formatSimulation(result));
}

/**
 * `lead-sla simulate`: replays the org's history between two times under the current
 * policy and under a policy file, without writing anything, and prints the decisions
 * that would change.
 */
export function registerSimulateCommand(program: Command): void {
    program
        .command('simulate')
        .description(
            'Replay the history of an org between two times under the current policy and under a policy file, in memory without writing anything, and print the routes, handoffs, breaches, escalations and reviews that would change.'
        )
        .requiredOption(
            '--policy <file>',
            'JSON file of policy fields to try (as in docs/policy.md), merged onto the current policy'
        )
        .requiredOption(
            '--from <date>',
            "start of the window: a date (YYYY-MM-DD, from midnight in the org's time zone) or an ISO 8601 time with a zone"
        )
        .requiredOption(
            '--to <date>',
            'end of the window: a date (included, to the following midnight) or an ISO 8601 time with a zone; not later than now'
        )
        .option(
            '--data-dir <folder>',
            'data folder of the local org to read; the replay reads a copy of its database',
            DEFAULT_LOCAL_ORG_DATA_DIR
        )
        .option('--force-app <folder>', 'metadata folder that defines the org schema', 'force-app')
        .option(
            '--live',
            'read the org of the connection settings (SF_* variables, see docs/operations.md) instead of the local org'
        )
        .option(
            '--current-policy <file>',
            "policy file the worker runs with, instead of the org's SLA_Policy__mdt custom metadata (with --live, POLICY_FILE by default)"
        )
        .option(
            '--cycle-minutes <minutes>',
            "minutes between two cycles of the simulated worker, 1 to 1440 (default 1, as SYNC_SCHEDULE's default); larger values replay faster but start clocks up to that much later",
            '1'
        )
        .option('--json', 'print the result as JSON, with every difference')
        .option(
            '--now <time>',
            'ISO 8601 time with a zone that the window must end by; default the clock'
        )
        .action(async (raw: Record<string, unknown>) => {
            const parsed = optionsSchema.safeParse(raw);
            if (!parsed.success) {
                const issue = parsed.error.issues[0];
                throw new Error(
                    `Invalid option ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid value'}`
                );
            }
            const options = parsed.data;
            const window: Window = {
                policyFile: options.policy,
                from: options.from,
                to: options.to,
                now: options.now === undefined ? new Date() : parseNow(options.now),
                cycleMinutes: options.cycleMinutes
            };
            const result =
                options.live === true
                    ? await simulateOnLiveOrg(options, window)
                    : await simulateOnLocalOrg(options, window);
            printResult(result, options.json === true);
            process.exitCode = 0;
        });
}
