/**
 * Reads of a local org store for the benchmarks' self-checks: records parsed with the
 * worker's record schemas, as the worker would see them after a read, and the org's SLA
 * policy from its custom metadata. They go to SQLite directly, so the checks cost the
 * org no API call and do not change the figures they check.
 */
import {
    POLICY_METADATA_SOQL,
    policyFromCustomMetadata
} from '../../sync-worker/src/config/policy-loader';
import type { Policy } from '../../sync-worker/src/config/policy-schema';
import type { OrgStore } from '../../sync-worker/src/local-org/store';
import type { OrgSnapshot } from '../../sync-worker/src/policy';
import {
    fieldNamesOf,
    RECORD_SCHEMAS,
    type SObjectName,
    type SObjectRecord
} from '../../sync-worker/src/schema/records';

/** Ids per `IN` list, to keep each SOQL statement short. */
const IDS_PER_QUERY = 500;

/** Runs a query and follows every page. Rows contain the store's JSON values. */
export function queryAllRows(store: OrgStore, soql: string): Record<string, unknown>[] {
    const rows: Record<string, unknown>[] = [];
    let page = store.query(soql, { batchSize: 10_000 });
    rows.push(...page.records);
    while (!page.done && page.nextRecordsCursor !== undefined) {
        page = store.queryMore(page.nextRecordsCursor);
        rows.push(...page.records);
    }
    return rows;
}

/** Records of `object` matching `where` (SOQL without the keyword, or empty for all). */
export function readRecords<N extends SObjectName>(
    store: OrgStore,
    object: N,
    where = ''
): SObjectRecord<N>[] {
    const soql = `SELECT ${fieldNamesOf(object).join(', ')} FROM ${object}${where === '' ? '' : ` WHERE ${where}`}`;
    return queryAllRows(store, soql).map(
        (row) => RECORD_SCHEMAS[object].parse(row) as SObjectRecord<N>
    );
}

/** Records of `object` whose `field` is one of `ids`. */
export function readRecordsWhereIn<N extends SObjectName>(
    store: OrgStore,
    object: N,
    field: string,
    ids: readonly string[]
): SObjectRecord<N>[] {
    const records: SObjectRecord<N>[] = [];
    for (let start = 0; start < ids.length; start += IDS_PER_QUERY) {
        const list = ids
            .slice(start, start + IDS_PER_QUERY)
            .map((id) => `'${id}'`)
            .join(', ');
        records.push(...readRecords(store, object, `${field} IN (${list})`));
    }
    return records;
}

/** The setup records every evaluation reads: users, queues and their members, business hours, holidays, the organization. */
export type SetupRecords = Pick<
    OrgSnapshot,
    'users' | 'groups' | 'groupMembers' | 'businessHours' | 'holidays' | 'organization'
>;

export function readSetupRecords(store: OrgStore): SetupRecords {
    return {
        users: readRecords(store, 'User'),
        groups: readRecords(store, 'Group', "Type = 'Queue'"),
        groupMembers: readRecords(store, 'GroupMember'),
        businessHours: readRecords(store, 'BusinessHours'),
        holidays: readRecords(store, 'Holiday'),
        organization: readRecords(store, 'Organization')[0] ?? null
    };
}

/** Reads the org's policy from its custom metadata, as the worker reads it. */
export function readOrgPolicy(store: OrgStore): Policy {
    const rows = (soql: string): Record<string, unknown>[] => queryAllRows(store, soql);
    return policyFromCustomMetadata({
        policy: rows(POLICY_METADATA_SOQL.policy)[0] ?? null,
        sourceTiers: rows(POLICY_METADATA_SOQL.sourceTiers),
        signalWeights: rows(POLICY_METADATA_SOQL.signalWeights)
    });
}
