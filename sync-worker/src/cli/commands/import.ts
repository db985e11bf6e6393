import { resolve } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import {
    formatImportSummary,
    IMPORT_KINDS,
    runImport,
    type ImportResult
} from '../../../../scripts/import';
import { createProgressBar } from '../../../../scripts/import/progress-bar';
import { OrgStore } from '../../local-org/store';
import { loadOrgSchema } from '../../schema';
import { DEFAULT_LOCAL_ORG_DATA_DIR } from './local-org';

/** Exit status of `import`: 0 every row loaded, 1 the import failed, 2 some rows were rejected. */
export const IMPORT_EXIT_STATUS = { success: 0, failure: 1, partial: 2 } as const;

const argumentsSchema = z.object({
    kind: z.enum(IMPORT_KINDS, { error: `expected one of ${IMPORT_KINDS.join(', ')}` }),
    folder: z.string().min(1),
    dataDir: z.string().min(1),
    forceApp: z.string().min(1)
});

/** Options and arguments of `lead-sla import`, validated. */
export type ImportArguments = z.infer<typeof argumentsSchema>;

/**
 * Opens the local org of `dataDir` (creating it when new), imports the folder and closes
 * the store. Progress goes to `progress` when given (a terminal).
 */
export function importIntoLocalOrg(
    args: ImportArguments,
    progress?: NodeJS.WritableStream
): ImportResult {
    const dataDir = resolve(args.dataDir);
    const store = new OrgStore({ dataDir, schema: loadOrgSchema(args.forceApp) });
    const bar = progress === undefined ? undefined : createProgressBar(progress);
    try {
        return runImport(args.kind, resolve(args.folder), {
            store,
            dataDir,
            ...(bar === undefined ? {} : { onProgress: bar.listener })
        });
    } finally {
        bar?.finish();
        store.close();
    }
}

/**
 * `lead-sla import <kind> <folder>`: loads a Salesforce export or the CRM pipeline data
 * set into the local org's data folder, then prints the counts by object and every
 * rejected row.
 */
export function registerImportCommand(program: Command): void {
    program
        .command('import')
        .description(
            'Load a folder of CSV files into the local org (created when new): a Salesforce data export or Data Loader extract, or the CRM + Sales + Opportunities data set.'
        )
        .argument('<kind>', `what the folder holds: ${IMPORT_KINDS.join(' or ')}`)
        .argument('<folder>', 'folder of the CSV files')
        .option(
            '--data-dir <folder>',
            'data folder of the local org to load into',
            DEFAULT_LOCAL_ORG_DATA_DIR
        )
        .option('--force-app <folder>', 'metadata folder that defines the org schema', 'force-app')
        .addHelpText(
            'after',
            '\nRun it while the local org is stopped. A second run of the same import loads nothing twice: the Ids it gave each record are kept in import-ids.json in the data folder. Exit status 0 when every row loaded, 2 when some rows were rejected (listed with file and line), 1 when the import failed. See docs/import.md.\n'
        )
        .action((kind: string, folder: string, options: Record<string, unknown>) => {
            const parsed = argumentsSchema.safeParse({ kind, folder, ...options });
            if (!parsed.success) {
                const issue = parsed.error.issues[0];
                throw new Error(
                    `Invalid ${issue?.path.join('.') ?? 'argument'}: ${issue?.message ?? 'invalid value'}`
                );
            }
            const progress = process.stderr.isTTY ? process.stderr : undefined;
            const result = importIntoLocalOrg(parsed.data, progress);
            process.stdout.write(formatImportSummary(result));
            process.exitCode =
                result.issues.length > 0 ? IMPORT_EXIT_STATUS.partial : IMPORT_EXIT_STATUS.success;
        });
}
