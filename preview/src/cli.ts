/**
 * Command line of `npm run preview`. Prints the URLs of the pages and serves them until
 * Ctrl+C (SIGINT) or SIGTERM.
 */
import path from 'node:path';
import { Command, Option } from 'commander';
import { z } from 'zod';
import { loadSettings } from '../../sync-worker/src/config/settings';
import { describeError, getLogger } from '../../sync-worker/src/logging';
import { DEFAULT_PREVIEW_PORT, startPreview, type Preview } from './index';
import { appPageUrl, recordPageUrl } from './pages';
import { pickSampleRecords } from './samples';

const logger = getLogger('preview.cli');

/** Default data folder of the preview's local org, inside the ignored `.local-org/`. */
export const DEFAULT_PREVIEW_DATA_DIR = path.join('.local-org', 'preview');

const optionsSchema = z.object({
    port: z.coerce.number().int().min(0).max(65_535),
    dataDir: z.string().min(1),
    scale: z.enum(['small', 'standard', 'large']),
    reset: z.boolean().optional(),
    connect: z.boolean().optional(),
    sync: z.boolean()
});

async function printPages(preview: Preview): Promise<void> {
    const samples = await pickSampleRecords(preview.org.session.conn);
    const lines = [`Preview of the Lightning pages: ${preview.url}/`];
    for (const page of preview.pages) {
        if (page.type === 'AppPage') {
            lines.push(`  ${page.label}: ${preview.url}${appPageUrl(page)}`);
            continue;
        }
        const sample = samples.find((candidate) => candidate.objectName === page.sobjectType);
        if (sample !== undefined) {
            const url = `${preview.url}${recordPageUrl(sample.objectName, sample.id)}`;
            lines.push(`  ${page.label} (${sample.name}): ${url}`);
        }
    }
    lines.push('Press Ctrl+C to stop.', '');
    process.stdout.write(lines.join('\n'));
}

async function run(raw: Record<string, unknown>): Promise<void> {
    const parsed = optionsSchema.safeParse(raw);
    if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new Error(
            `Invalid option --${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid value'}`
        );
    }
    const options = parsed.data;
    const connection = options.connect === true ? loadSettings().connection : undefined;
    if (options.connect === true && connection === null) {
        throw new Error(
            '--connect needs the connection settings of lead-sla sync, such as SF_INSTANCE_URL and SF_ACCESS_TOKEN; see docs/operations.md.'
        );
    }
    const preview = await startPreview({
        port: options.port,
        scale: options.scale,
        sync: options.sync,
        ...(connection === undefined || connection === null
            ? { dataDir: path.resolve(options.dataDir), reset: options.reset === true }
            : { connection })
    });
    await printPages(preview);
    await new Promise<void>((done) => {
        const stop = (): void => {
            process.off('SIGINT', stop);
            process.off('SIGTERM', stop);
            preview.close().then(done, (error: unknown) => {
                logger.error('The preview did not stop cleanly.', { error: describeError(error) });
                done();
            });
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
    });
}

/** Builds the `preview` command. */
export function previewProgram(): Command {
    return new Command('preview')
        .description(
            "Serve force-app's Lightning pages with the compiled components on 127.0.0.1, with data from a local org."
        )
        .addOption(
            new Option('--port <port>', 'TCP port of the preview server (0 picks a free port)')
                .env('PREVIEW_PORT')
                .default(String(DEFAULT_PREVIEW_PORT))
        )
        .option(
            '--data-dir <folder>',
            'data folder of the local org the preview starts',
            DEFAULT_PREVIEW_DATA_DIR
        )
        .addOption(
            new Option('--scale <scale>', 'size of the sample org a new data folder is seeded with')
                .choices(['small', 'standard', 'large'])
                .default('small')
        )
        .option('--reset', 'start the local org from an empty data folder, seeded again')
        .option(
            '--connect',
            'use a running org with the connection settings of lead-sla sync (SF_INSTANCE_URL, SF_ACCESS_TOKEN, ...) instead of starting one'
        )
        .option('--no-sync', 'serve the org as it is, without running a sync cycle first')
        .action(async (raw: Record<string, unknown>) => {
            await run(raw);
        });
}

/** Runs the command line; resolves with the exit status. */
export async function main(argv: readonly string[]): Promise<number> {
    try {
        await previewProgram().parseAsync([...argv]);
        return 0;
    } catch (error) {
        process.stderr.write(`${describeError(error)}\n`);
        return 1;
    }
}

if (require.main === module) {
    void main(process.argv).then((status) => {
        process.exitCode = status;
    });
}
