import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { loadSettings } from '../../config/settings';
import { OrgStore } from '../../local-org/store';
import { DATABASE_FILE } from '../../local-org/store/database';
import { connectSalesforce } from '../../salesforce';
import {
    buildReport,
    formatReport,
    sessionSource,
    storeSource,
    type SlaReport
} from '../../report';
import { loadOrgSchema } from '../../schema';
import { DEFAULT_LOCAL_ORG_DATA_DIR } from './local-org';
import { parseNow } from './sync';

const optionsSchema = z.object({
    dataDir: z.string().min(1),
    forceApp: z.string().min(1),
    live: z.boolean().optional(),
    json: z.boolean().optional(),
    now: z.string().optional()
});

/** Options of `lead-sla report`, validated. */
export type ReportOptions = z.infer<typeof optionsSchema>;

/** Reads the report of the local org in `dataDir`, which must exist. */
export async function reportOfLocalOrg(
    dataDir: string,
    forceApp: string,
    now: Date
): Promise<SlaReport> {
    const folder = resolve(dataDir);
    if (!existsSync(join(folder, DATABASE_FILE))) {
        throw new Error(
            `No local org in ${folder}: load one with \`lead-sla import\` or \`npm start\`, or give --data-dir.`
        );
    }
    const store = new OrgStore({ dataDir: folder, schema: loadOrgSchema(forceApp) });
    try {
        return await buildReport(storeSource(store, `the local org in ${folder}`), now);
    } finally {
        store.close();
    }
}

/** Reads the report of the org of the connection settings (SF_* variables or .env). */
async function reportOfLiveOrg(now: Date): Promise<SlaReport> {
    const settings = loadSettings();
    if (settings.connection === null) {
        throw new Error('No Salesforce connection is set up; see docs/operations.md.');
    }
    const session = await connectSalesforce({
        auth: settings.connection,
        apiVersion: settings.apiVersion
    });
    return buildReport(sessionSource(session), now);
}

/**
 * `lead-sla report`: what the last sync cycle decided in an org: lifecycle stages,
 * routing decisions, open clocks, breaches, monthly rates, MEDDPICC completeness,
 * teams and the most urgent clocks.
 */
export function registerReportCommand(program: Command): void {
    program
        .command('report')
        .description(
            'Print what the last sync cycle decided: lifecycle stages, routing decisions, open clocks, breaches, breach and rejection rates by month, MEDDPICC completeness, teams and the ten most urgent clocks.'
        )
        .option(
            '--data-dir <folder>',
            'data folder of the local org to read',
            DEFAULT_LOCAL_ORG_DATA_DIR
        )
        .option('--force-app <folder>', 'metadata folder that defines the org schema', 'force-app')
        .option(
            '--live',
            'read the org of the connection settings (SF_* variables, see docs/operations.md) instead of the local org'
        )
        .option('--json', 'print the report as JSON instead of text')
        .option(
            '--now <time>',
            'ISO 8601 time with a zone that "due in" and "overdue" are measured against; default the clock'
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
            const now = options.now === undefined ? new Date() : parseNow(options.now);
            const report =
                options.live === true
                    ? await reportOfLiveOrg(now)
                    : await reportOfLocalOrg(options.dataDir, options.forceApp, now);
            process.stdout.write(
                options.json === true
                    ? `${JSON.stringify(report, null, 2)}\n`
                    : formatReport(report)
            );
            process.exitCode = 0;
        });
}
