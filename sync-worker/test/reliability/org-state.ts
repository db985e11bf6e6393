/**
 * The state of a local org that the worker is responsible for, in a form in which two
 * orgs can be compared. It has every record of the objects the worker writes, keyed by
 * what identifies it whatever the insert order (the engine's key for SLA records and
 * tasks, the Id for seeded records). It also has the custom notifications the org
 * received and the worker's outbox and pending plan.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { LocalOrg } from '../../src/local-org';
import type { OrgStore } from '../../src/local-org/store';
import { taskKeyOf } from '../../src/policy/keys';
import { PENDING_PLAN_FILE } from '../../src/sync/pending-plan';

/** Objects whose records the worker creates or updates. */
export const COMPARED_OBJECTS = [
    'Lead',
    'Contact',
    'Account',
    'Opportunity',
    'Task',
    'Event',
    'SLA_Clock__c',
    'SLA_Breach__c',
    'SLA_Review__c',
    'SLA_Scorecard__c'
] as const;

/** External ID of each SLA object: the engine's key. */
const KEY_FIELDS: Readonly<Record<string, string>> = {
    SLA_Clock__c: 'Clock_Key__c',
    SLA_Breach__c: 'Breach_Key__c',
    SLA_Review__c: 'Review_Key__c',
    SLA_Scorecard__c: 'Scorecard_Key__c'
};

/**
 * Fields the org sets on every write. They differ between two runs that wrote the same
 * records in another order, and so do auto numbers, which `fieldsOf` leaves out too.
 */
const AUDIT_FIELDS = new Set([
    'Id',
    'CreatedDate',
    'CreatedById',
    'LastModifiedDate',
    'LastModifiedById',
    'SystemModstamp',
    'LastViewedDate',
    'LastReferencedDate'
]);

type FieldValue = string | number | boolean | null;

/** One record: its identity and its compared fields, with references given as identities. */
export interface RecordState {
    readonly object: string;
    readonly identity: string;
    readonly fields: Readonly<Record<string, FieldValue>>;
}

/** Everything compared between two orgs. */
export interface OrgState {
    /** Records by `object|identity`; a second record with one identity goes to `duplicates`. */
    readonly records: ReadonlyMap<string, RecordState>;
    readonly duplicates: readonly string[];
    /** Custom notifications as canonical JSON, in the order the org received them. */
    readonly notifications: readonly string[];
    /** Keys of the notifications left in the worker's outbox. */
    readonly outbox: readonly string[];
    /** True when the worker left a plan unfinished in its journal folder. */
    readonly pendingPlan: boolean;
}

/** One difference between an expected and an actual org. */
export interface Mismatch {
    readonly kind:
        | 'missing'
        | 'extra'
        | 'duplicate'
        | 'field'
        | 'notification'
        | 'outbox'
        | 'pending-plan'
        | 'convergence';
    readonly what: string;
    readonly detail: string;
}

interface ObjectFields {
    readonly names: string[];
    readonly references: Set<string>;
}

function fieldsOf(store: OrgStore, object: string): ObjectFields {
    const described = store
        .describe(object)
        .fields.filter(
            (field) =>
                !AUDIT_FIELDS.has(field.name) &&
                !field.autoNumber &&
                field.type !== 'address' &&
                field.type !== 'location'
        );
    return {
        names: described.map((field) => field.name),
        references: new Set(
            described.filter((field) => field.type === 'reference').map((field) => field.name)
        )
    };
}

function readAll(store: OrgStore, soql: string): Record<string, unknown>[] {
    const rows: Record<string, unknown>[] = [];
    let page = store.query(soql);
    rows.push(...page.records);
    while (!page.done && page.nextRecordsCursor !== undefined) {
        page = store.queryMore(page.nextRecordsCursor);
        rows.push(...page.records);
    }
    return rows;
}

function identityOf(object: string, row: Record<string, unknown>): string {
    const keyField = KEY_FIELDS[object];
    if (keyField !== undefined && typeof row[keyField] === 'string') {
        return `key:${row[keyField]}`;
    }
    if (object === 'Task') {
        const key = taskKeyOf(typeof row.Description === 'string' ? row.Description : null);
        if (key !== null) {
            return `key:${key}`;
        }
    }
    return `id:${String(row.Id)}`;
}

function toValue(value: unknown): FieldValue {
    if (value === undefined || value === null) {
        return null;
    }
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
        return value;
    }
    return JSON.stringify(value);
}

/** The outbox file, as far as the harness reads it. */
const outboxSchema = z.object({
    pending: z.array(
        z.object({
            notification: z.object({
                key: z.string(),
                recipientIds: z.array(z.string()),
                title: z.string(),
                body: z.string(),
                targetId: z.string()
            }),
            sendingSince: z.string().nullable().optional()
        })
    )
});

function outboxEntries(journalDir: string): z.infer<typeof outboxSchema>['pending'] {
    const file = join(journalDir, 'notification-outbox.json');
    if (!existsSync(file)) {
        return [];
    }
    return outboxSchema.parse(JSON.parse(readFileSync(file, 'utf8'))).pending;
}

/** Canonical JSON of a notification as the org stores it. */
function canonicalNotification(
    recipientIds: readonly string[],
    title: string,
    body: string,
    targetId: string | undefined
): string {
    return JSON.stringify({
        recipients: [...recipientIds].sort(),
        title,
        body,
        target: targetId ?? null
    });
}

/**
 * Notifications the outbox marks as in flight: the worker stopped while the request
 * carrying them was out, so the org may or may not have them. Given as the org would
 * store them (the sender cuts titles to 250 and bodies to 750 characters).
 */
export function inFlightNotifications(journalDir: string): string[] {
    return outboxEntries(journalDir)
        .filter((entry) => typeof entry.sendingSince === 'string')
        .map(({ notification }) =>
            canonicalNotification(
                notification.recipientIds,
                notification.title.slice(0, 250),
                notification.body.slice(0, 750),
                notification.targetId
            )
        );
}

/** Reads the state of `org`, and of the worker's outbox and pending plan in `journalDir`. */
export function readOrgState(org: LocalOrg, journalDir: string): OrgState {
    const rowsByObject = new Map<string, Record<string, unknown>[]>();
    const fieldsByObject = new Map<string, ObjectFields>();
    const identityById = new Map<string, string>();
    for (const object of COMPARED_OBJECTS) {
        const fields = fieldsOf(org.store, object);
        const rows = readAll(org.store, `SELECT Id, ${fields.names.join(', ')} FROM ${object}`);
        fieldsByObject.set(object, fields);
        rowsByObject.set(object, rows);
        for (const row of rows) {
            identityById.set(String(row.Id), `${object}|${identityOf(object, row)}`);
        }
    }
    const records = new Map<string, RecordState>();
    const duplicates: string[] = [];
    for (const [object, rows] of rowsByObject) {
        const fields = fieldsByObject.get(object) ?? { names: [], references: new Set() };
        for (const row of rows) {
            const values: Record<string, FieldValue> = {};
            for (const name of fields.names) {
                const raw = row[name];
                values[name] =
                    fields.references.has(name) && typeof raw === 'string'
                        ? (identityById.get(raw) ?? raw)
                        : toValue(raw);
            }
            const identity = identityOf(object, row);
            const slot = `${object}|${identity}`;
            if (records.has(slot)) {
                duplicates.push(slot);
            } else {
                records.set(slot, { object, identity, fields: values });
            }
        }
    }
    const notifications = org.notifications
        .list()
        .map((sent) =>
            canonicalNotification(sent.recipientIds, sent.title, sent.body, sent.targetId)
        );
    const outbox = outboxEntries(journalDir)
        .map((entry) => entry.notification.key)
        .sort();
    const pendingPlan = existsSync(join(journalDir, PENDING_PLAN_FILE));
    return { records, duplicates, notifications, outbox, pendingPlan };
}

function countsOf(values: readonly string[]): Map<string, number> {
    const counts = new Map<string, number>();
    for (const value of values) {
        counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    return counts;
}

function shorten(value: unknown): string {
    const text = JSON.stringify(value);
    return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** Differences of two orgs, and the notifications lost while their send was in flight. */
export interface Comparison {
    readonly mismatches: Mismatch[];
    /** Notifications missing from `actual` that were in flight at a kill; see `inFlightNotifications`. */
    readonly lostInFlight: number;
}

/**
 * Lists every difference of `actual` from `expected`: records, fields, notifications,
 * the outbox and the pending plan. A notification that `actual` received fewer times is
 * no mismatch when it is one of `inFlight`, because a send in flight at a crash is
 * never repeated. One received more often always is a mismatch.
 */
export function compareOrgStates(
    expected: OrgState,
    actual: OrgState,
    inFlight: ReadonlySet<string> = new Set()
): Comparison {
    const mismatches: Mismatch[] = [];
    for (const slot of actual.duplicates) {
        mismatches.push({ kind: 'duplicate', what: slot, detail: 'two records, one identity' });
    }
    for (const [slot, want] of expected.records) {
        const have = actual.records.get(slot);
        if (have === undefined) {
            mismatches.push({ kind: 'missing', what: slot, detail: shorten(want.fields) });
            continue;
        }
        for (const [name, value] of Object.entries(want.fields)) {
            if (have.fields[name] !== value) {
                mismatches.push({
                    kind: 'field',
                    what: `${slot}.${name}`,
                    detail: `expected ${shorten(value)}, found ${shorten(have.fields[name])}`
                });
            }
        }
    }
    for (const [slot, have] of actual.records) {
        if (!expected.records.has(slot)) {
            mismatches.push({ kind: 'extra', what: slot, detail: shorten(have.fields) });
        }
    }
    let lostInFlight = 0;
    const wanted = countsOf(expected.notifications);
    const received = countsOf(actual.notifications);
    for (const notification of new Set([...wanted.keys(), ...received.keys()])) {
        const want = wanted.get(notification) ?? 0;
        const have = received.get(notification) ?? 0;
        if (have < want && inFlight.has(notification)) {
            lostInFlight += want - have;
        } else if (want !== have) {
            mismatches.push({
                kind: 'notification',
                what: shorten(JSON.parse(notification)),
                detail: `sent ${have} times, expected ${want}`
            });
        }
    }
    const outbox = new Set(expected.outbox);
    if (actual.outbox.length !== outbox.size || actual.outbox.some((key) => !outbox.has(key))) {
        mismatches.push({
            kind: 'outbox',
            what: 'notification-outbox.json',
            detail: `expected ${shorten(expected.outbox)}, found ${shorten(actual.outbox)}`
        });
    }
    if (actual.pendingPlan !== expected.pendingPlan) {
        mismatches.push({
            kind: 'pending-plan',
            what: PENDING_PLAN_FILE,
            detail: actual.pendingPlan ? 'left behind' : 'missing'
        });
    }
    return { mismatches, lostInFlight };
}

/** Counts mismatches by kind and object, such as `field SLA_Clock__c` or `notification`. */
export function tallyMismatches(mismatches: readonly Mismatch[]): Record<string, number> {
    const tally: Record<string, number> = {};
    for (const mismatch of mismatches) {
        const object = /(?:^|: )([A-Za-z_]+)\|/.exec(mismatch.what)?.[1];
        const label = object === undefined ? mismatch.kind : `${mismatch.kind} ${object}`;
        tally[label] = (tally[label] ?? 0) + 1;
    }
    return tally;
}
