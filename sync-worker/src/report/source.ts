/**
 * Sources of the report: the local org's store directly, or any org through jsforce.
 * Both take the same SOQL, so the report works against a real org too.
 */
import type { OrgStore, SObjectRecord } from '../local-org/store';
import type { SalesforceSession } from '../salesforce';

/** A record without its `attributes`, as the report's row schemas read it. */
export type ReportRow = Record<string, unknown>;

/** An org the report can query. */
export interface ReportSource {
    /** The org in words, such as `local org in .local-org` or an instance URL. */
    readonly description: string;
    /** Runs a query and returns every row, all pages. */
    records(soql: string): Promise<ReportRow[]>;
    /** Runs a `SELECT COUNT() FROM ...` query and returns the count. */
    count(soql: string): Promise<number>;
}

/** Rows per page when the report pages through the store. */
const STORE_PAGE_SIZE = 10_000;

/** Rows the report reads at most from one query of a live org. */
const MAX_LIVE_ROWS = 100_000;

/** Removes `attributes` from a record and from the parent records nested in it. */
function stripAttributes(record: Record<string, unknown>): ReportRow {
    const row: ReportRow = {};
    for (const [key, value] of Object.entries(record)) {
        if (key === 'attributes') {
            continue;
        }
        const isParent = typeof value === 'object' && value !== null && !Array.isArray(value);
        row[key] = isParent ? stripAttributes(value as Record<string, unknown>) : value;
    }
    return row;
}

/** Reads the local org's store in this process. */
export function storeSource(store: OrgStore, description: string): ReportSource {
    return {
        description,
        records: (soql) => {
            let page = store.query(soql, { batchSize: STORE_PAGE_SIZE });
            const records: SObjectRecord[] = [...page.records];
            while (!page.done && page.nextRecordsCursor !== undefined) {
                page = store.queryMore(page.nextRecordsCursor);
                records.push(...page.records);
            }
            return Promise.resolve(records.map(stripAttributes));
        },
        count: (soql) => Promise.resolve(store.query(soql).totalSize)
    };
}

/** Reads an org through a signed-in jsforce session (REST query, every page). */
export function sessionSource(session: SalesforceSession): ReportSource {
    return {
        description: session.conn.instanceUrl,
        records: async (soql) => {
            const result = await session.conn.query<Record<string, unknown>>(soql, {
                autoFetch: true,
                maxFetch: MAX_LIVE_ROWS
            });
            return result.records.map(stripAttributes);
        },
        count: async (soql) => (await session.conn.query(soql)).totalSize
    };
}
