import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { loadSettings } from '../../config/settings';
import { OrgStore } from '../../local-org/store';
import { DATABASE_FILE } from '../../local-org/store/database';
import { connectSalesforce } from '../../salesforce';
import {
    buildChartData,
    buildReport,
    formatReport,
    renderHtmlReport,
    sessionSource,
    storeSource,
    type ReportSource,
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
    html: z.string().min(1).optional(),
    policy: z.string().min(1).optional(),
    now: z.string().optional()
});

/** Options of `lead-sla report`, validated. */
export type ReportOptions = z.infer<typeof optionsSchema>;

/** Opens the local org in `dataDir`, which must exist, runs `read` on it and closes it. */
async function readLocalOrg<T>(
    dataDir: string,
    forceApp: string,
    read: (source: ReportSource) => Promise<T>
): Promise<T> {
    const folder = resolve(dataDir);
    if (!existsSync(join(folder, DATABASE_FILE))) {
        throw new Error(
            `No local org in ${folder}: load one with \`lead-sla import\` or \`npm start\`, or give --data-dir.`
        );
    }
    const store = new OrgStore({ dataDir: folder, schema: loadOrgSchema(forceApp) });
    try {
        return await read(storeSource(store, `the local org in ${folder}`));
    } finally {
        store.close();
    }
}

/** Reads the report of the local org in `dataDir`, which must exist. */
export function reportOfLocalOrg(dataDir: string, forceApp: string, now: Date): Promise<SlaReport> {
    return readLocalOrg(dataDir, forceApp, (source) => buildReport(source, now));
}

/** Connects to the org of the connection settings (SF_* variables or .env) and runs `read` on it. */
async function readLiveOrg<T>(read: (source: ReportSource) => Promise<T>): Promise<T> {
    const settings = loadSettings();
    if (settings.connection === null) {
        throw new Error('No Salesforce connection is set up; see docs/operations.md.');
    }
    const session = await connectSalesforce({
        auth: settings.connection,
        apiVersion: settings.apiVersion
    });
    return read(sessionSource(session));
}

/** Reads the report and the chart figures, and writes the HTML page to `file`. */
async function writeHtmlReport(
    source: ReportSource,
    now: Date,
    file: string,
    policyFile: string | null
): Promise<string> {
    const report = await buildReport(source, now);
    const charts = await buildChartData(source, report, { policyFile });
    const target = resolve(file);
    await writeFile(target, await renderHtmlReport(report, charts), 'utf8');
    return target;
}

/**
 * `lead-sla report`: what the last sync cycle decided in an org: lifecycle stages,
 * routing decisions, open clocks, breaches, monthly rates, MEDDPICC completeness,
 * teams and the most urgent clocks. With `--html` it writes the report with charts to
 * one HTML page (docs/report.md).
 */
export function registerReportCommand(program: Command): void {
    program
        .command('report')
        .description(
            'Print what the last sync cycle decided: lifecycle stages, routing decisions, open clocks, breaches, breach and rejection rates by month, MEDDPICC completeness, teams and the ten most urgent clocks. With --html, write it with charts to an HTML file.'
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
            '--html <file>',
            'write the report with charts to this HTML file (one self-contained page) instead of printing it'
        )
        .option(
            '--policy <file>',
            "with --html: policy JSON file whose thresholds the charts draw instead of the org's custom metadata"
        )
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
            if (options.html !== undefined && options.json === true) {
                throw new Error('Give --json or --html, not both.');
            }
            if (options.policy !== undefined && options.html === undefined) {
                throw new Error('--policy sets the thresholds of the charts, so it needs --html.');
            }
            const now = options.now === undefined ? new Date() : parseNow(options.now);
            const read = <T>(reader: (source: ReportSource) => Promise<T>): Promise<T> =>
                options.live === true
                    ? readLiveOrg(reader)
                    : readLocalOrg(options.dataDir, options.forceApp, reader);
            const { html, policy } = options;
            if (html !== undefined) {
                const written = await read((source) =>
                    writeHtmlReport(source, now, html, policy ?? null)
                );
                process.stdout.write(`Wrote the SLA report with charts to ${written}\n`);
            } else {
                const report = await read((source) => buildReport(source, now));
                process.stdout.write(
                    options.json === true
                        ? `${JSON.stringify(report, null, 2)}\n`
                        : formatReport(report)
                );
            }
            process.exitCode = 0;
        });
}
