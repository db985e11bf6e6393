/**
 * Reading the org's history for a replay: every record the policy can use, from the
 * lookback before the window to its end. The SOQL is composed by the builder, so the
 * same reads work on the local org's store and on a real org through jsforce. A replay
 * does nothing with the org but read.
 */
import { POLICY_METADATA_SOQL, policyFromCustomMetadata } from '../config/policy-loader';
import type { Policy } from '../config/policy-schema';
import type { ReportRow, ReportSource } from '../report/source';
import {
    composeSoql,
    parseRecords,
    type InvalidRecord,
    type SalesforceSession,
    type SoqlCondition
} from '../salesforce';
import { fieldNamesOf, type SObjectRecord } from '../schema/records';
import { MIRRORED_OBJECTS, type MirroredObject } from '../sync/objects';

/** The org's records of every mirrored object, parsed with the worker's record schemas. */
export type HistoryRecords = { readonly [N in MirroredObject]: readonly SObjectRecord<N>[] };

/** The records a replay reads from the org. */
export interface OrgHistory {
    /** The org in words, such as `the local org in .local-org` or an instance URL. */
    readonly description: string;
    readonly records: HistoryRecords;
    /** Records that failed validation and were left out. */
    readonly invalid: readonly InvalidRecord[];
}

/** The time span a replay reads, in epoch milliseconds. */
export interface ReadWindow {
    readonly from: Date;
    readonly to: Date;
    /** Days before `from` whose signals and activities still count (scoring and activity windows). */
    readonly lookbackDays: number;
}

const DAY_MS = 86_400_000;

/** Setup objects: read whole, because every evaluation reads them all. */
const SETUP_OBJECTS: ReadonlySet<MirroredObject> = new Set<MirroredObject>([
    'User',
    'Group',
    'GroupMember',
    'Campaign',
    'BusinessHours',
    'Holiday',
    'Organization'
]);

/** Conditions that limit the read of `object` to what a replay of `window` uses. */
function conditionsOf(object: MirroredObject, window: ReadWindow): SoqlCondition[] {
    const until: SoqlCondition = {
        field: 'CreatedDate',
        operator: '<=',
        value: { dateTime: window.to }
    };
    const since = new Date(window.from.getTime() - window.lookbackDays * DAY_MS);
    switch (object) {
        case 'Group':
            // Queues are the only groups that own records or receive routed people.
            return [{ field: 'Type', operator: '=', value: { text: 'Queue' } }];
        case 'Engagement_Signal__c':
            return [
                { field: 'Occurred_At__c', operator: '>=', value: { dateTime: since } },
                { field: 'Occurred_At__c', operator: '<=', value: { dateTime: window.to } }
            ];
        case 'Task':
        case 'Event':
            return [{ field: 'CreatedDate', operator: '>=', value: { dateTime: since } }, until];
        default:
            return SETUP_OBJECTS.has(object) ? [] : [until];
    }
}

/** Composes the query of one object's records within a replay's read window. */
export function historySoql(object: MirroredObject, window: ReadWindow): string {
    return composeSoql({
        object,
        fields: fieldNamesOf(object),
        where: conditionsOf(object, window)
    });
}

async function readObject<N extends MirroredObject>(
    source: ReportSource,
    object: N,
    window: ReadWindow,
    invalid: InvalidRecord[]
): Promise<SObjectRecord<N>[]> {
    const parsed = parseRecords(object, await source.records(historySoql(object, window)));
    invalid.push(...parsed.invalid);
    return parsed.records;
}

/** Reads every mirrored object of the org within `window`. */
export async function readHistory(source: ReportSource, window: ReadWindow): Promise<OrgHistory> {
    const invalid: InvalidRecord[] = [];
    const records: Partial<Record<MirroredObject, readonly unknown[]>> = {};
    for (const object of MIRRORED_OBJECTS) {
        records[object] = await readObject(source, object, window, invalid);
    }
    // Every mirrored object was read into its own key with its own record schema above.
    return { description: source.description, records: records as HistoryRecords, invalid };
}

/** Reads the policy the worker runs with in this org: its `SLA_Policy__mdt` record Default with the source tiers and signal weights. */
export async function readOrgPolicy(source: ReportSource): Promise<Policy> {
    return policyFromCustomMetadata({
        policy: (await source.records(POLICY_METADATA_SOQL.policy))[0] ?? null,
        sourceTiers: await source.records(POLICY_METADATA_SOQL.sourceTiers),
        signalWeights: await source.records(POLICY_METADATA_SOQL.signalWeights)
    });
}

/** Rows one query of a live org may return; a larger result stops the replay instead of leaving records out. */
export const MAX_LIVE_ROWS = 5_000_000;

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

/**
 * Reads an org through a signed-in jsforce session with REST queries (GET requests
 * only), every page. Raises when a query returns fewer rows than it counted, because a
 * replay over missing records would report differences that do not exist.
 */
export function liveHistorySource(session: SalesforceSession): ReportSource {
    return {
        description: session.conn.instanceUrl,
        records: async (soql) => {
            const result = await session.conn.query<Record<string, unknown>>(soql, {
                autoFetch: true,
                maxFetch: MAX_LIVE_ROWS
            });
            if (result.records.length < result.totalSize) {
                throw new Error(
                    `A query of the org returned ${result.records.length} of its ${result.totalSize} rows; replay a shorter window with --from and --to.`
                );
            }
            return result.records.map(stripAttributes);
        },
        count: async (soql) => (await session.conn.query(soql)).totalSize
    };
}
