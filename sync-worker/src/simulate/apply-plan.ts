/**
 * Applying the worker's plan of writes to a replay's mirror as if every write succeeded,
 * through `OrgMirror.applyWrite`, the call the worker makes after each successful write.
 * Nothing is sent anywhere. New records get Ids made up in the replay, because the org
 * would have assigned its own.
 */
import { buildId } from '../schema/ids';
import type { OrgMirror } from '../sync/mirror';
import type { WritePlan } from '../sync/write-plan';

/** Objects the plan inserts records of, with their key prefixes. */
const KEY_PREFIXES = {
    Task: '00T',
    SLA_Clock__c: 'a00',
    SLA_Breach__c: 'a01',
    SLA_Review__c: 'a02',
    SLA_Scorecard__c: 'a03'
} as const;

type InsertedObject = keyof typeof KEY_PREFIXES;

/**
 * Instance code of the Ids a replay makes up. Real orgs use the codes of their
 * Salesforce instances, which are not known to use this one.
 */
const REPLAY_INSTANCE = 'RP';

/** Makes up case-safe 18-character Ids for the records a replay creates, one counter per object. */
export class ReplayIds {
    private readonly counters = new Map<InsertedObject, number>();

    next(object: InsertedObject): string {
        const counter = (this.counters.get(object) ?? 0) + 1;
        this.counters.set(object, counter);
        return buildId(KEY_PREFIXES[object], REPLAY_INSTANCE, counter);
    }
}

/**
 * Applies a plan in the worker's write order: updates, new clocks, tasks, breaches and
 * reviews (and scorecards when the plan has them), then clock transitions. `now` is the
 * evaluation time, which new records get as `CreatedDate`.
 */
export function applyPlan(mirror: OrgMirror, plan: WritePlan, now: Date, ids: ReplayIds): void {
    const created = { CreatedDate: now, LastModifiedDate: now };
    for (const update of plan.updates) {
        // The plan updates only the mirrored people, accounts, opportunities and activities.
        mirror.applyWrite(update.object as Parameters<OrgMirror['applyWrite']>[0], update.id, {
            ...update.fields,
            LastModifiedDate: now
        });
    }
    for (const clock of plan.newClocks) {
        mirror.applyWrite('SLA_Clock__c', ids.next('SLA_Clock__c'), {
            ...clock.fields,
            ...created
        });
    }
    const clockId = (key: string | null): string | null =>
        key === null ? null : (mirror.idOfKey('SLA_Clock__c', key) ?? null);
    for (const task of plan.tasks) {
        mirror.applyWrite('Task', ids.next('Task'), {
            ...task.fields,
            SLA_Clock__c: clockId(task.clockKey),
            ...created
        });
    }
    for (const outcome of plan.outcomes) {
        const known = mirror.idOfKey(outcome.object, outcome.key);
        const id = known ?? ids.next(outcome.object);
        const fields =
            outcome.clockKey === null
                ? outcome.fields
                : { ...outcome.fields, SLA_Clock__c: clockId(outcome.clockKey) };
        mirror.applyWrite(
            outcome.object,
            id,
            known === undefined ? { ...fields, ...created } : fields
        );
    }
    for (const transition of plan.transitions) {
        const id = mirror.idOfKey('SLA_Clock__c', transition.key);
        if (id !== undefined) {
            mirror.applyWrite('SLA_Clock__c', id, transition.fields);
        }
    }
}
