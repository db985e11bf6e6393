/**
 * Importers that load real exports into the local org, so that RevOps can see what the
 * SLA makes of their own data:
 *
 *     const result = runImport('salesforce-export', folder, { store, dataDir });
 *     process.stdout.write(formatImportSummary(result));
 *
 * - `salesforce-export`: a Salesforce data export or Data Loader extract (one CSV per
 *   object, API names in the header).
 * - `crm-pipeline`: the "CRM + Sales + Opportunities" practice data set (sales teams,
 *   accounts, products and a sales pipeline); docs/import.md gives the mapping.
 */
import { existsSync, statSync } from 'node:fs';
import type { OrgStore, WriteContext } from '../../sync-worker/src/local-org/store';
import { getLogger } from '../../sync-worker/src/logging';
import { importCrmPipeline } from './crm-pipeline';
import { IdMap } from './id-map';
import { ImportLog, totalOf, type ImportResult } from './issues';
import { NO_PROGRESS, type ProgressListener } from './progress';
import { RecordWriter } from './record-writer';
import { importSalesforceExport } from './salesforce-export';

export { formatImportSummary } from './summary';
export { ID_MAP_FILE, IdMap } from './id-map';
export { readCsvFile, parseCsv, type CsvRow, type CsvTable } from './csv-file';
export { PLACEHOLDER_DOMAIN } from './salesforce-export/references';
export { CRM_USER_DOMAIN } from './crm-pipeline/users';
export type { ImportIssue, ImportResult, ObjectTally, DanglingReference } from './issues';
export type { ImportProgress, ProgressListener } from './progress';

const log = getLogger('import');

/** The kinds of folder `runImport` reads. */
export const IMPORT_KINDS = ['salesforce-export', 'crm-pipeline'] as const;

export type ImportKind = (typeof IMPORT_KINDS)[number];

/** Returns true when `text` names an import kind. */
export function isImportKind(text: string): text is ImportKind {
    return (IMPORT_KINDS as readonly string[]).includes(text);
}

/** Options of `runImport`. */
export interface RunImportOptions {
    readonly store: OrgStore;
    /** Data folder of the store, where the Id map is kept; null keeps the map in memory. */
    readonly dataDir: string | null;
    readonly onProgress?: ProgressListener;
}

const IMPORTERS: Readonly<
    Record<ImportKind, (folder: string, writer: RecordWriter, onProgress: ProgressListener) => void>
> = {
    'salesforce-export': importSalesforceExport,
    'crm-pipeline': importCrmPipeline
};

/**
 * Imports `folder` into the store in one transaction, then saves the Id map. A row the
 * store rejects is reported in the result and the import goes on. An error that is not
 * about one row (a missing file or folder) rolls everything back and is thrown.
 */
export function runImport(
    kind: ImportKind,
    folder: string,
    options: RunImportOptions
): ImportResult {
    if (!existsSync(folder) || !statSync(folder).isDirectory()) {
        throw new Error(`The import folder ${folder} does not exist or is not a folder.`);
    }
    const started = Date.now();
    const ids = IdMap.open(options.dataDir, options.store);
    const importLog = new ImportLog(kind, folder);
    // Imported records are written as the admin user, as a person's data load would be,
    // so the sync worker never takes them for its own writes.
    const context: WriteContext = {
        system: true,
        allowAuditFields: true,
        userId: options.store.seeded.adminUserId
    };
    const writer = new RecordWriter(options.store, ids, importLog, context);
    options.store.transaction(() => {
        IMPORTERS[kind](folder, writer, options.onProgress ?? NO_PROGRESS);
    });
    ids.save();
    const total = totalOf(importLog.result);
    log.info('Import finished', {
        kind,
        folder,
        read: total.read,
        loaded: total.loaded,
        existing: total.existing,
        rejected: total.rejected,
        ms: Date.now() - started
    });
    return importLog.result;
}
