import {
    SlaBreachSchema,
    SlaClockSchema,
    SlaReviewSchema,
    SlaScorecardSchema,
    TaskSchema,
    type SlaBreach,
    type SlaClock,
    type SlaReview,
    type SlaScorecard,
    type Task
} from '../schema/records';
import type { Evaluation, KeyedUpsert, RecordUpdate } from './plan';
import type { OrgSnapshot } from './snapshot';

/**
 * Applies an evaluation to a snapshot the way the worker writes it to the org, and
 * returns the snapshot the org would then hold. New records get deterministic Ids made
 * from their keys, and `CreatedDate` is the evaluation time. Used by tests to check
 * that evaluating again yields nothing new, and by tools that simulate many cycles.
 */
export function applyEvaluation(snapshot: OrgSnapshot, evaluation: Evaluation): OrgSnapshot {
    const clocks = upsertAll(
        snapshot.clocks,
        evaluation.clocks,
        'Clock_Key__c',
        'a00',
        (base) => SlaClockSchema.parse(base),
        evaluation.now
    );
    const clockIds = new Map(clocks.map((clock) => [clock.Clock_Key__c ?? '', clock.Id]));
    const breachUpserts = evaluation.breaches.map((upsert) => ({
        ...upsert,
        fields: {
            ...upsert.fields,
            SLA_Clock__c: clockIds.get(upsert.clockKey) ?? upsert.fields.SLA_Clock__c ?? null
        }
    }));
    return {
        ...snapshot,
        leads: updateRecords(snapshot.leads, evaluation, 'Lead'),
        contacts: updateRecords(snapshot.contacts, evaluation, 'Contact'),
        accounts: updateRecords(snapshot.accounts, evaluation, 'Account'),
        opportunities: updateRecords(snapshot.opportunities, evaluation, 'Opportunity'),
        tasks: [
            ...updateRecords(snapshot.tasks, evaluation, 'Task'),
            ...newTasks(evaluation, clockIds)
        ],
        events: updateRecords(snapshot.events, evaluation, 'Event'),
        clocks,
        breaches: upsertAll(
            snapshot.breaches,
            breachUpserts,
            'Breach_Key__c',
            'a01',
            (base) => SlaBreachSchema.parse(base),
            evaluation.now
        ),
        reviews: upsertAll(
            snapshot.reviews,
            evaluation.reviews,
            'Review_Key__c',
            'a02',
            (base) => SlaReviewSchema.parse(base),
            evaluation.now
        ),
        scorecards: upsertAll(
            snapshot.scorecards,
            evaluation.scorecards,
            'Scorecard_Key__c',
            'a03',
            (base) => SlaScorecardSchema.parse(base),
            evaluation.now
        )
    };
}

/** 15 base-62 characters derived from a key: a stand-in for the Id the org would assign. */
function idOf(prefix: string, key: string): string {
    const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
    let first = 0x811c9dc5;
    let second = 0x01000193;
    for (let at = 0; at < key.length; at++) {
        const code = key.charCodeAt(at);
        first = Math.imul(first ^ code, 0x01000193) >>> 0;
        second = Math.imul(second ^ code, 0x5bd1e995) >>> 0;
    }
    let text = '';
    for (const part of [first, second]) {
        let value = part;
        for (let digit = 0; digit < 6; digit++) {
            text += alphabet[value % 62] ?? '0';
            value = Math.floor(value / 62);
        }
    }
    return `${prefix}${text}AAA`.slice(0, 18);
}

function updateRecords<T extends { Id: string; OwnerId?: string | null }>(
    records: readonly T[],
    evaluation: Evaluation,
    object: RecordUpdate['object']
): T[] {
    const fieldsById = new Map<string, object>();
    for (const update of evaluation.updates) {
        if (update.object === object) {
            fieldsById.set(update.id, update.fields);
        }
    }
    const ownerById = new Map<string, string>();
    for (const change of evaluation.ownerChanges) {
        if (change.object === object) {
            ownerById.set(change.id, change.toOwnerId);
        }
    }
    return records.map((record) => {
        const fields = fieldsById.get(record.Id);
        const owner = ownerById.get(record.Id);
        if (fields === undefined && owner === undefined) {
            return record;
        }
        const updated: T = { ...record, ...fields };
        return owner === undefined ? updated : { ...updated, OwnerId: owner };
    });
}

type Keyed = SlaClock | SlaBreach | SlaReview | SlaScorecard;

function upsertAll<T extends Keyed>(
    records: readonly T[],
    upserts: readonly KeyedUpsert<T>[],
    keyField: keyof T & string,
    prefix: string,
    create: (base: Record<string, unknown>) => T,
    now: Date
): T[] {
    const result = [...records];
    const position = new Map<unknown, number>();
    result.forEach((record, at) => position.set(record[keyField], at));
    for (const upsert of upserts) {
        const at = position.get(upsert.key);
        const existing = at === undefined ? undefined : result[at];
        if (at !== undefined && existing !== undefined) {
            result[at] = { ...existing, ...upsert.fields };
            continue;
        }
        const base = { Id: idOf(prefix, upsert.key), CreatedDate: now, [keyField]: upsert.key };
        const record = { ...create(base), ...upsert.fields };
        position.set(upsert.key, result.length);
        result.push(record);
    }
    return result;
}

function newTasks(evaluation: Evaluation, clockIds: Map<string, string>): Task[] {
    return evaluation.tasks.map((task) => {
        const base = TaskSchema.parse({
            Id: idOf('00T', task.key),
            CreatedDate: evaluation.now,
            IsClosed: false
        });
        const clockId = task.clockKey === null ? null : (clockIds.get(task.clockKey) ?? null);
        return { ...base, ...task.fields, SLA_Clock__c: clockId };
    });
}
