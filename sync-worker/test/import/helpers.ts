/**
 * Shared set-up of the import tests: the fixture folders, a store on the repository
 * schema with a fixed clock, and SOQL reads that return plain rows.
 */
import '../local-org/store/quiet-logs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { OrgStore } from '../../src/local-org/store';
import { loadOrgSchema } from '../../src/schema';
import type { OrgSchema } from '../../src/schema/types';

/** Root of the repository. */
export const REPOSITORY = path.join(__dirname, '..', '..', '..');

/** Made-up fixture folders. */
export const EXPORT_FIXTURE = path.join(__dirname, 'fixtures', 'export');
export const CRM_FIXTURE = path.join(__dirname, 'fixtures', 'crm-pipeline');

/** The time the fixture org is loaded: a Thursday, after every date in the fixtures. */
export const LOAD_TIME = '2024-02-01T14:00:00.000Z';

let schema: OrgSchema | undefined;

/** Returns the org schema of the repository's force-app, loaded once per test file. */
export function repositorySchema(): OrgSchema {
    schema ??= loadOrgSchema(path.join(REPOSITORY, 'force-app'));
    return schema;
}

/** Opens a store at `LOAD_TIME`, in memory unless `dataDir` is given. */
export function openStore(dataDir?: string, reset = false): OrgStore {
    return new OrgStore({
        schema: repositorySchema(),
        clock: () => new Date(LOAD_TIME),
        ...(dataDir === undefined ? {} : { dataDir, reset })
    });
}

/** A temporary folder and a function that removes it. */
export function temporaryFolder(): { folder: string; remove: () => void } {
    const folder = mkdtempSync(path.join(tmpdir(), 'lead-sla-import-'));
    return {
        folder,
        remove: () => {
            rmSync(folder, { recursive: true, force: true });
        }
    };
}

/** Removes `attributes` from a record and its nested parents. */
function plain(record: Record<string, unknown>): Record<string, unknown> {
    const fields: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(record)) {
        if (key !== 'attributes') {
            const nested = typeof value === 'object' && value !== null && !Array.isArray(value);
            fields[key] = nested ? plain(value as Record<string, unknown>) : value;
        }
    }
    return fields;
}

/** Runs a query and returns its rows without `attributes`, every page. */
export function rows(store: OrgStore, soql: string): Record<string, unknown>[] {
    let page = store.query(soql, { batchSize: 100_000 });
    const records = [...page.records];
    while (!page.done && page.nextRecordsCursor !== undefined) {
        page = store.queryMore(page.nextRecordsCursor);
        records.push(...page.records);
    }
    return records.map(plain);
}

/** The one row a query must return; fails the test otherwise. */
export function single(store: OrgStore, soql: string): Record<string, unknown> {
    const found = rows(store, soql);
    if (found.length !== 1) {
        throw new Error(`Expected one row from "${soql}", got ${found.length}.`);
    }
    return found[0] ?? {};
}

/** Number of live records of an object. */
export function countOf(store: OrgStore, objectName: string): number {
    return store.query(`SELECT COUNT() FROM ${objectName}`).totalSize;
}
