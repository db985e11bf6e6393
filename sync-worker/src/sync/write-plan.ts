/**
 * The plan of writes: the engine's evaluation turned into writes in the order that
 * keeps an interrupted cycle from losing a decision. What a decision causes is written
 * before the record that shows the decision was made, because the next evaluation makes
 * the decision again only while that record is unwritten (every write is keyed or
 * compared, so nothing doubles):
 *
 * 1. field and owner updates of people, accounts, opportunities and activities;
 * 2. new clocks, inserted as Open (a route is made again while its clock is missing);
 * 3. new tasks (engine tasks and one per notification recipient), linked to their clocks;
 * 4. breaches, reviews and scorecards, upserted by their keys (an escalation is made
 *    again while its breach is missing);
 * 5. clock transitions (Warning, Met, Breached, Cancelled): a due clock is judged again
 *    while it is still open;
 * 6. notifications, once the record they report was written.
 *
 * A routing decision lives both in the lead's fields and in its clock, so a crash between
 * phases must not leave one without the other: the cycle saves the plan as a redo log
 * before the first write and the next cycle finishes it (see pending-plan.ts).
 */
import type { Evaluation, NotificationSend } from '../policy';
import { taskKeyOf } from '../policy';
import type { SObjectName } from '../schema/records';
import { sameValue, type RecordValues } from './echo';
import type { KeyedObject, OrgMirror } from './mirror';
import { anchorClockKey, anchorStatusOf, notificationTasks } from './notification-plan';

/** Fields the worker never sends. */
const NEVER_WRITTEN: ReadonlySet<string> = new Set([
    'Id',
    'Name',
    'CreatedDate',
    'LastModifiedDate',
    'LastModifiedById',
    'SystemModstamp',
    'IsDeleted'
]);

/** An update of an existing record by Id. */
export interface PlannedUpdate {
    readonly object: SObjectName;
    readonly id: string;
    readonly fields: RecordValues;
    readonly reason: string;
}

/** An upsert by external ID; `clockKey` names the clock whose Id fills `SLA_Clock__c`. */
export interface PlannedUpsert {
    readonly object: KeyedObject;
    readonly key: string;
    readonly fields: RecordValues;
    readonly reason: string;
    readonly clockKey: string | null;
}

/** A new task; its key is the last line of its description. */
export interface PlannedTask {
    readonly key: string;
    readonly fields: RecordValues;
    readonly clockKey: string | null;
    readonly reason: string;
}

/** A notification and the record whose successful write lets it be sent. */
export interface PlannedNotification {
    readonly notification: NotificationSend;
    /** Key of the clock the anchor belongs to, for the task's `SLA_Clock__c`. */
    readonly clockKey: string | null;
    /** Status the plan gives a clock anchor (Open for a new clock, Warning for a warning); null for others. */
    readonly anchorStatus: string | null;
}

/** A write the plan leaves out on purpose, with the reason. */
export interface SkippedWrite {
    readonly object: string;
    readonly id: string;
    readonly reason: string;
}

export interface WritePlan {
    readonly newClocks: PlannedUpsert[];
    readonly updates: PlannedUpdate[];
    readonly tasks: PlannedTask[];
    readonly outcomes: PlannedUpsert[];
    readonly transitions: PlannedUpsert[];
    readonly notifications: PlannedNotification[];
    readonly skipped: SkippedWrite[];
}

/** Options of `planWrites`. */
export interface PlanOptions {
    /**
     * False leaves scorecards out: a focused evaluation does not hold every lead handed
     * to Sales, so its rejection counts are partial. Full evaluations write them.
     */
    readonly writeScorecards: boolean;
}

function writable(fields: object): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(fields)) {
        if (!NEVER_WRITTEN.has(name) && value !== undefined) {
            result[name] = value;
        }
    }
    return result;
}

/** Fields that differ from the mirror's copy; the engine's plan should hold only those already. */
function differing(
    current: RecordValues | undefined,
    fields: Record<string, unknown>
): Record<string, unknown> {
    if (current === undefined) {
        return fields;
    }
    const result: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(fields)) {
        if (!sameValue(current[name], value)) {
            result[name] = value;
        }
    }
    return result;
}

function planUpdates(
    evaluation: Evaluation,
    mirror: OrgMirror,
    skipped: SkippedWrite[]
): PlannedUpdate[] {
    const merged = new Map<
        string,
        { object: SObjectName; id: string; fields: Record<string, unknown>; reasons: string[] }
    >();
    const entry = (object: SObjectName, id: string) => {
        let found = merged.get(id);
        if (found === undefined) {
            found = { object, id, fields: {}, reasons: [] };
            merged.set(id, found);
        }
        return found;
    };
    for (const update of evaluation.updates) {
        const target = entry(update.object, update.id);
        Object.assign(target.fields, writable(update.fields));
        target.reasons.push(update.reason);
    }
    for (const change of evaluation.ownerChanges) {
        const target = entry(change.object, change.id);
        target.fields.OwnerId = change.toOwnerId;
        target.reasons.push(change.reason);
    }
    const planned: PlannedUpdate[] = [];
    for (const { object, id, fields, reasons } of merged.values()) {
        const current = isMirrored(object)
            ? (mirror.get(object, id) as RecordValues | undefined)
            : undefined;
        if (object === 'Lead' && current?.IsConverted === true) {
            skipped.push({
                object,
                id,
                reason: 'Converted lead: the worker never writes converted leads'
            });
            continue;
        }
        const changed = differing(current, fields);
        if (Object.keys(changed).length > 0) {
            planned.push({
                object,
                id,
                fields: changed,
                reason: reasons.filter(Boolean).join('; ')
            });
        }
    }
    return planned;
}

function isMirrored(
    object: SObjectName
): object is 'Lead' | 'Contact' | 'Account' | 'Opportunity' | 'Task' | 'Event' {
    return ['Lead', 'Contact', 'Account', 'Opportunity', 'Task', 'Event'].includes(object);
}

/** Clock fields that make up a transition, written after its consequences. */
const TRANSITION_FIELDS = ['Status__c', 'Completed_At__c', 'Reason__c'] as const;

function planClocks(
    evaluation: Evaluation,
    mirror: OrgMirror
): { inserts: PlannedUpsert[]; transitions: PlannedUpsert[] } {
    const inserts: PlannedUpsert[] = [];
    const transitions: PlannedUpsert[] = [];
    for (const upsert of evaluation.clocks) {
        const fields: Record<string, unknown> = {
            ...writable(upsert.fields),
            Clock_Key__c: upsert.key
        };
        if (mirror.idOfKey('SLA_Clock__c', upsert.key) !== undefined) {
            transitions.push({
                object: 'SLA_Clock__c',
                key: upsert.key,
                fields,
                reason: upsert.reason,
                clockKey: upsert.key
            });
            continue;
        }
        const opening = { ...fields, Status__c: 'Open', Completed_At__c: null };
        inserts.push({
            object: 'SLA_Clock__c',
            key: upsert.key,
            fields: opening,
            reason: upsert.reason,
            clockKey: upsert.key
        });
        const finalFields: Record<string, unknown> = {};
        for (const name of TRANSITION_FIELDS) {
            finalFields[name] = fields[name] ?? null;
        }
        if (!sameValue(finalFields.Status__c, 'Open') || finalFields.Completed_At__c !== null) {
            transitions.push({
                object: 'SLA_Clock__c',
                key: upsert.key,
                fields: { ...finalFields, Clock_Key__c: upsert.key },
                reason: upsert.reason,
                clockKey: upsert.key
            });
        }
    }
    return { inserts, transitions };
}

/** Keys of the tasks the mirror holds, read from their descriptions. */
function existingTaskKeys(mirror: OrgMirror): Set<string> {
    const keys = new Set<string>();
    for (const task of mirror.list('Task')) {
        const key = taskKeyOf(task.Description);
        if (key !== null) {
            keys.add(key);
        }
    }
    return keys;
}

/**
 * Plans the writes of an evaluation against the mirror. `today` is the local date of
 * the evaluation (`YYYY-MM-DD`) for notification tasks.
 */
export function planWrites(
    evaluation: Evaluation,
    mirror: OrgMirror,
    options: PlanOptions,
    today: string
): WritePlan {
    const skipped: SkippedWrite[] = [];
    const updates = planUpdates(evaluation, mirror, skipped);
    const { inserts, transitions } = planClocks(evaluation, mirror);
    const taskKeys = existingTaskKeys(mirror);
    const notifications = evaluation.notifications
        .filter((notification) => notification.recipientIds.length > 0)
        .map((notification) => ({
            notification,
            clockKey: anchorClockKey(notification, evaluation),
            anchorStatus: anchorStatusOf(notification, inserts, transitions)
        }));
    const tasks = [
        ...evaluation.tasks.map((task) => ({
            key: task.key,
            fields: writable(task.fields),
            clockKey: task.clockKey,
            reason: task.reason
        })),
        ...notificationTasks(evaluation, notifications, today)
    ].filter((task) => {
        if (taskKeys.has(task.key)) {
            skipped.push({
                object: 'Task',
                id: task.key,
                reason: 'A task with this key exists already'
            });
            return false;
        }
        taskKeys.add(task.key);
        return true;
    });
    const outcomes: PlannedUpsert[] = [
        ...evaluation.breaches.map((breach) => ({
            object: 'SLA_Breach__c' as const,
            key: breach.key,
            fields: { ...writable(breach.fields), Breach_Key__c: breach.key },
            reason: breach.reason,
            clockKey: breach.clockKey
        })),
        ...evaluation.reviews.map((review) => ({
            object: 'SLA_Review__c' as const,
            key: review.key,
            fields: { ...writable(review.fields), Review_Key__c: review.key },
            reason: review.reason,
            clockKey: null
        }))
    ];
    if (options.writeScorecards) {
        for (const scorecard of evaluation.scorecards) {
            outcomes.push({
                object: 'SLA_Scorecard__c',
                key: scorecard.key,
                fields: { ...writable(scorecard.fields), Scorecard_Key__c: scorecard.key },
                reason: scorecard.reason,
                clockKey: null
            });
        }
    } else if (evaluation.scorecards.length > 0) {
        // One entry for all of them: a focused evaluation differs from the stored figures
        // in most scorecards, every cycle.
        skipped.push({
            object: 'SLA_Scorecard__c',
            id: `${evaluation.scorecards.length} scorecards`,
            reason: 'Scorecards are written by the next evaluation of the whole org'
        });
    }
    return { newClocks: inserts, updates, tasks, outcomes, transitions, notifications, skipped };
}

/** Number of record writes in a plan. */
export function plannedWriteCount(plan: WritePlan): number {
    return (
        plan.newClocks.length +
        plan.updates.length +
        plan.tasks.length +
        plan.outcomes.length +
        plan.transitions.length
    );
}
