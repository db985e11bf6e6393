/**
 * The `salesforce-export` import: a Salesforce data export or Data Loader extract, one
 * CSV per object with API names in the header, loaded into the local org. Lookups keep
 * pointing at the same records through the import's Id map, because the store gives
 * every record a new Id.
 */
import { normalizeId, type RecordInput } from '../../../sync-worker/src/local-org/store';
import type { ObjectDefinition } from '../../../sync-worker/src/schema/types';
import { readCsvFile, type CsvRow, type CsvTable } from '../csv-file';
import type { ProgressListener } from '../progress';
import type { RecordWriter, RowOrigin } from '../record-writer';
import { columnsOf, planColumns, type ColumnPlan } from './columns';
import { listExportFiles } from './files';
import { ReferenceResolver, type PendingReference } from './references';
import { convertRow, rowKey } from './rows';
import { ValueError } from '../values';

/** A loaded record with lookups that waited for records later in the export. */
interface WaitingRecord {
    readonly objectName: string;
    readonly id: string;
    readonly pending: readonly PendingReference[];
    readonly origin: RowOrigin;
}

/** State shared by the files of one run. */
interface ExportRun {
    readonly writer: RecordWriter;
    readonly resolver: ReferenceResolver;
    readonly waiting: WaitingRecord[];
    /** Users that are inactive in the export; deactivated last, since an org rejects inactive owners. */
    readonly inactiveUsers: { id: string; origin: RowOrigin }[];
    readonly onProgress: ProgressListener;
}

interface ExportTable {
    readonly object: ObjectDefinition;
    readonly table: CsvTable;
}

/** Collects every export Id of every file with its object, so that forward lookups can wait. */
function collectExportIds(tables: readonly ExportTable[]): Map<string, string> {
    const ids = new Map<string, string>();
    for (const { object, table } of tables) {
        const column = table.header.findIndex((name) => name.toLowerCase() === 'id');
        if (column === -1) {
            continue;
        }
        for (const row of table.rows) {
            // Malformed Ids are reported when their row is converted.
            const id = normalizeId(row.values[column]?.trim() ?? '');
            if (id !== null) {
                ids.set(id, object.name);
            }
        }
    }
    return ids;
}

/** Reports the columns the import reads no value from, once per file. */
function reportColumns(run: ExportRun, file: string, plan: readonly ColumnPlan[]): void {
    for (const name of columnsOf(plan, 'unknown')) {
        run.writer.log.skipColumn(file, name);
    }
    for (const name of columnsOf(plan, 'duplicate')) {
        run.writer.log.skipColumn(file, `${name} (repeated column)`);
    }
    const computed = columnsOf(plan, 'computed');
    if (computed.length > 0) {
        run.writer.log.note(
            `${file}: the org sets ${computed.join(', ')} on every write, so the export's values were not imported.`
        );
    }
    if (columnsOf(plan, 'id').length === 0) {
        run.writer.log.note(
            `${file} has no Id column: its rows are recognised on a later run by their content only.`
        );
    }
}

/** Loads one converted row; inactive users are inserted active and deactivated at the end. */
function loadRecord(
    run: ExportRun,
    object: ObjectDefinition,
    key: string,
    { input, pending }: { input: RecordInput; pending: PendingReference[] },
    origin: RowOrigin
): void {
    const inactiveUser = object.name === 'User' && input.IsActive === false;
    const fields = inactiveUser ? { ...input, IsActive: true } : input;
    // A row with an Id keeps it, so lookups from other files and other tools still match.
    const recordId = normalizeId(key) === key ? key : undefined;
    const outcome = run.writer.load(object.name, key, fields, origin, recordId);
    if (outcome?.created !== true) {
        return;
    }
    if (pending.length > 0) {
        run.waiting.push({ objectName: object.name, id: outcome.id, pending, origin });
    }
    if (inactiveUser) {
        run.inactiveUsers.push({ id: outcome.id, origin });
    }
}

/** Loads one row unless an earlier run did; returns 'deleted' for a row of a deleted record. */
function loadRow(
    run: ExportRun,
    object: ObjectDefinition,
    plan: readonly ColumnPlan[],
    row: CsvRow,
    origin: RowOrigin
): 'deleted' | 'done' {
    let key: string;
    try {
        key = rowKey(object, plan, row);
    } catch (error) {
        if (!(error instanceof ValueError)) {
            throw error;
        }
        run.writer.reject(object.name, origin, `Id: ${error.message}`);
        return 'done';
    }
    // Checked before converting, so that a rerun reports nothing about rows it skips.
    if (run.writer.existing(object.name, key) !== undefined) {
        return 'done';
    }
    const converted = convertRow(object, plan, row, run.resolver);
    if (converted.kind === 'deleted') {
        return 'deleted';
    }
    if (converted.kind === 'invalid') {
        run.writer.reject(object.name, origin, converted.reasons.join('; '));
    } else {
        loadRecord(run, object, key, converted, origin);
    }
    return 'done';
}

function loadTable(run: ExportRun, { object, table }: ExportTable): void {
    const writer = run.writer;
    writer.log.addIssues(table.issues);
    const unreadable = table.issues.filter((issue) => issue.line > 0).length;
    const tally = writer.log.tally(object.name);
    tally.read += unreadable;
    tally.rejected += unreadable;
    const plan = planColumns(object, table.header);
    reportColumns(run, table.file, plan);
    let deleted = 0;
    table.rows.forEach((row, index) => {
        writer.read(object.name);
        const origin = { file: table.file, line: row.line };
        const outcome = loadRow(run, object, plan, row, origin);
        deleted += outcome === 'deleted' ? 1 : 0;
        run.onProgress({ label: table.file, done: index + 1, total: table.rows.length });
    });
    if (deleted > 0) {
        writer.log.note(
            `${table.file}: ${deleted} rows of deleted records (IsDeleted) were skipped.`
        );
    }
}

/** Sets the lookups that waited; a parent that never loaded is treated as dangling. */
function setWaitingReferences(run: ExportRun): void {
    for (const record of run.waiting) {
        const input: RecordInput = {};
        for (const reference of record.pending) {
            const resolution = run.resolver.resolve(
                record.objectName,
                reference.field,
                reference.target,
                true
            );
            if (resolution.kind === 'value' && resolution.id !== null) {
                input[reference.field.name] = resolution.id;
            }
        }
        if (Object.keys(input).length > 0) {
            run.writer.update(record.objectName, record.id, input, record.origin);
        }
    }
}

/**
 * Loads every importable CSV of `folder` through `writer`. Files of objects the schema
 * lacks or that come with the org are skipped with a note. Bad rows are reported and
 * the import goes on. Records loaded by an earlier run are left as they are.
 */
export function importSalesforceExport(
    folder: string,
    writer: RecordWriter,
    onProgress: ProgressListener
): void {
    const { files, skipped } = listExportFiles(folder, writer.store.schema);
    for (const file of skipped) {
        writer.log.note(`${file.file} was not imported: ${file.reason}.`);
    }
    const tables = files.map((file) => ({ object: file.object, table: readCsvFile(file.path) }));
    const run: ExportRun = {
        writer,
        resolver: new ReferenceResolver(writer, writer.store.schema, collectExportIds(tables)),
        waiting: [],
        inactiveUsers: [],
        onProgress
    };
    for (const table of tables) {
        loadTable(run, table);
    }
    setWaitingReferences(run);
    for (const user of run.inactiveUsers) {
        writer.update('User', user.id, { IsActive: false }, user.origin);
    }
}
