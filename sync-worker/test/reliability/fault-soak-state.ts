/**
 * The state of a soak org in a form two runs can be compared in: every record of the
 * objects the worker reads or writes, and every custom notification the org received.
 *
 * Ids: each local org has its own two-character instance code (characters 4 and 5 of
 * every Id), so Ids are compared without it, and without the case-safe suffix. Records
 * people created then have the same Ids in both runs. Records the worker created get
 * their Ids in the order its writes arrived, which faults change, so they are compared
 * by content, and references to SLA clocks become clock keys.
 */
import type { OrgStore } from '../../src/local-org/store';
import { fieldNamesOf, type SObjectName } from '../../src/schema/records';

/** Objects whose records the worker creates; their Ids and auto-number names differ between runs. */
const WORKER_CREATED: ReadonlySet<SObjectName> = new Set([
    'SLA_Clock__c',
    'SLA_Breach__c',
    'SLA_Review__c',
    'SLA_Scorecard__c',
    'Task'
]);

const COMPARED_OBJECTS: readonly SObjectName[] = [
    'Lead',
    'Contact',
    'Account',
    'Opportunity',
    'Engagement_Signal__c',
    ...WORKER_CREATED
];

/**
 * Fields set from the org's clock or by whoever wrote last: they record when a write
 * arrived, not what was decided. `CompletedDateTime` is the time a task was closed.
 */
const WRITE_TIME_FIELDS: ReadonlySet<string> = new Set([
    'CreatedDate',
    'CreatedById',
    'LastModifiedDate',
    'LastModifiedById',
    'SystemModstamp',
    'CompletedDateTime'
]);

/** Rows of each object as sorted JSON lines, and the notifications likewise. */
export type OrgState = Record<string, string[]>;

function allRows(store: OrgStore, object: SObjectName): Record<string, unknown>[] {
    const soql = `SELECT ${fieldNamesOf(object).join(', ')} FROM ${object}`;
    let page = store.query(soql, { batchSize: 100_000 });
    const rows = [...page.records];
    while (!page.done && page.nextRecordsCursor !== undefined) {
        page = store.queryMore(page.nextRecordsCursor);
        rows.push(...page.records);
    }
    return rows;
}

/** Replaces every Id of the org in a text by its form without instance code and suffix. */
function idNormalizer(store: OrgStore): (text: string) => string {
    const instance = store.seeded.organizationId.slice(3, 5);
    const pattern = new RegExp(
        `\\b([a-zA-Z0-9]{3})${instance}([a-zA-Z0-9]{10})(?:[a-zA-Z0-9]{3})?\\b`,
        'g'
    );
    return (text) => text.replace(pattern, '$1~~$2');
}

function clockKeysById(store: OrgStore): Map<string, string> {
    const keys = new Map<string, string>();
    for (const clock of allRows(store, 'SLA_Clock__c')) {
        keys.set(String(clock.Id), `clock:${String(clock.Clock_Key__c)}`);
    }
    return keys;
}

function comparableRow(
    object: SObjectName,
    row: Record<string, unknown>,
    clockKeys: ReadonlyMap<string, string>,
    normalize: (text: string) => string
): string {
    const fields: Record<string, unknown> = {};
    for (const name of Object.keys(row).sort()) {
        if (name === 'attributes' || WRITE_TIME_FIELDS.has(name)) {
            continue;
        }
        if (WORKER_CREATED.has(object) && (name === 'Id' || name === 'Name')) {
            continue;
        }
        const value = row[name];
        fields[name] = typeof value === 'string' ? normalize(clockKeys.get(value) ?? value) : value;
    }
    return JSON.stringify(fields);
}

/** Reads the comparable state of an org. */
export function orgState(store: OrgStore): OrgState {
    const clockKeys = clockKeysById(store);
    const normalize = idNormalizer(store);
    const state: OrgState = {};
    for (const object of COMPARED_OBJECTS) {
        state[object] = allRows(store, object)
            .map((row) => comparableRow(object, row, clockKeys, normalize))
            .sort();
    }
    state.notifications = store
        .listNotifications()
        .map((notification) =>
            normalize(
                JSON.stringify({
                    recipients: [...notification.recipientIds].sort(),
                    title: notification.title,
                    body: notification.body,
                    target:
                        notification.targetId === undefined
                            ? null
                            : (clockKeys.get(notification.targetId) ?? notification.targetId)
                })
            )
        )
        .sort();
    return state;
}

/** Lines of one object that only one of two states has, counted with repeats. */
export interface StateDifference {
    readonly object: string;
    readonly onlyInExpected: string[];
    readonly onlyInActual: string[];
}

function multisetMinus(left: readonly string[], right: readonly string[]): string[] {
    const counts = new Map<string, number>();
    for (const line of right) {
        counts.set(line, (counts.get(line) ?? 0) + 1);
    }
    const rest: string[] = [];
    for (const line of left) {
        const count = counts.get(line) ?? 0;
        if (count > 0) {
            counts.set(line, count - 1);
        } else {
            rest.push(line);
        }
    }
    return rest;
}

/** Lists, per object, the rows that differ between the expected and the actual state. */
export function compareStates(expected: OrgState, actual: OrgState): StateDifference[] {
    const objects = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
    return objects
        .map((object) => ({
            object,
            onlyInExpected: multisetMinus(expected[object] ?? [], actual[object] ?? []),
            onlyInActual: multisetMinus(actual[object] ?? [], expected[object] ?? [])
        }))
        .filter(
            (difference) =>
                difference.onlyInExpected.length > 0 || difference.onlyInActual.length > 0
        );
}

/** Row counts per object, for the run summary. */
export function stateSize(state: OrgState): Record<string, number> {
    return Object.fromEntries(Object.entries(state).map(([object, rows]) => [object, rows.length]));
}

/** Describes differences for a failed assertion: counts, and the first rows of each side. */
export function describeDifferences(differences: readonly StateDifference[]): string {
    return differences
        .map((difference) => {
            const rows = [
                ...difference.onlyInExpected.slice(0, 2).map((row) => `  expected: ${row}`),
                ...difference.onlyInActual.slice(0, 2).map((row) => `  actual:   ${row}`)
            ];
            return [
                `${difference.object}: ${difference.onlyInExpected.length} rows only in the expected state, ${difference.onlyInActual.length} only in the actual one`,
                ...rows
            ].join('\n');
        })
        .join('\n');
}
