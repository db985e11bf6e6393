/**
 * The `crm-pipeline` import: the "CRM + Sales + Opportunities" practice data set
 * (Maven Analytics). Sales teams become Users, accounts become Accounts and the sales
 * pipeline becomes Opportunities. The data set has no leads, contacts, activities or
 * times of day, and the import invents none of them; docs/import.md lists what it lacks.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readCsvFile, rowObject, type CsvTable } from '../csv-file';
import type { ProgressListener } from '../progress';
import type { RecordWriter } from '../record-writer';
import { importAccounts } from './accounts';
import { checkColumns, productKey } from './mapping';
import { importOpportunities, type Product } from './opportunities';
import { importUsers } from './users';

/** Files the import needs; `products.csv` is optional. */
export const REQUIRED_FILES = ['sales_teams.csv', 'accounts.csv', 'sales_pipeline.csv'] as const;

const PRODUCT_COLUMNS = ['product', 'series', 'sales_price'] as const;

function readRequired(folder: string, file: string): CsvTable {
    const path = join(folder, file);
    if (!existsSync(path)) {
        throw new Error(
            `${file} is missing from ${folder}; a crm-pipeline folder contains ${REQUIRED_FILES.join(', ')} and optionally products.csv.`
        );
    }
    return readCsvFile(path);
}

/** Reads products.csv when present; products are described on each opportunity. */
function readProducts(folder: string, writer: RecordWriter): Map<string, Product> {
    const products = new Map<string, Product>();
    const path = join(folder, 'products.csv');
    if (!existsSync(path)) {
        writer.log.note(
            'products.csv is absent: opportunities name their product as the pipeline spells it.'
        );
        return products;
    }
    const table = readCsvFile(path);
    writer.log.addIssues(table.issues);
    checkColumns(table, PRODUCT_COLUMNS, writer.log);
    for (const row of table.rows) {
        const values = rowObject(table, row);
        const name = values.product?.trim() ?? '';
        products.set(productKey(name), {
            name,
            series: values.series?.trim() ?? '',
            listPrice: values.sales_price?.trim() ?? ''
        });
    }
    writer.log.note(
        `products.csv: the org schema has no Product2, so each opportunity names its product, series and list price in Name and Description (${products.size} products).`
    );
    return products;
}

/** Returns the org's time zone, in which the data set's dates are read. */
function orgTimeZone(writer: RecordWriter): string {
    const result = writer.store.query('SELECT TimeZoneSidKey FROM Organization LIMIT 1');
    const zone = result.records[0]?.TimeZoneSidKey;
    return typeof zone === 'string' && zone !== '' ? zone : 'UTC';
}

/** Counts rows the CSV reader could not read against an object. */
function countUnreadable(writer: RecordWriter, objectName: string, table: CsvTable): void {
    writer.log.addIssues(table.issues);
    const unreadable = table.issues.filter((issue) => issue.line > 0).length;
    const tally = writer.log.tally(objectName);
    tally.read += unreadable;
    tally.rejected += unreadable;
}

/** Loads the data set in `folder`. Throws before writing when a required file or column is missing. */
export function importCrmPipeline(
    folder: string,
    writer: RecordWriter,
    onProgress: ProgressListener
): void {
    const teams = readRequired(folder, 'sales_teams.csv');
    const accountsTable = readRequired(folder, 'accounts.csv');
    const pipeline = readRequired(folder, 'sales_pipeline.csv');
    const products = readProducts(folder, writer);
    countUnreadable(writer, 'User', teams);
    const users = importUsers(teams, writer);
    onProgress({ label: teams.file, done: teams.rows.length, total: teams.rows.length });
    countUnreadable(writer, 'Account', accountsTable);
    const accounts = importAccounts(accountsTable, writer);
    onProgress({
        label: accountsTable.file,
        done: accountsTable.rows.length,
        total: accountsTable.rows.length
    });
    countUnreadable(writer, 'Opportunity', pipeline);
    importOpportunities(
        pipeline,
        writer,
        { users, accounts, products, timeZone: orgTimeZone(writer) },
        (done, total) => {
            onProgress({ label: pipeline.file, done, total });
        }
    );
    writer.log.note(
        'The data set has no leads, contacts, tasks or events, and only dates (no times): the SLA has no response clocks to run on it until leads and activities arrive from another source.'
    );
}
