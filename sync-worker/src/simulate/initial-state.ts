/**
 * The state a replay starts from: the org as it stood at the start of the window. People
 * records come from the timeline with their engine-written fields empty, except leads
 * the engine last changed before the window, which keep them. The SLA records
 * the worker had written by then are kept, rewound to that time: a clock closed later is
 * open again, a breach recorded later is gone. The engine rebuilds the empty fields at
 * the first evaluation: routing decisions from the route clocks, scores and stages from
 * the signals. Account stages and handoffs and people's owners are restored from their
 * timestamps and the kept clocks, because the engine does not derive them again.
 */
import { breachKey, routeKindOfKey } from '../policy/keys';
import { NURTURE_QUEUE } from '../policy/values';
import type { SlaClock } from '../schema/records';
import { OrgMirror, type StoredRecord } from '../sync/mirror';
import type { MirroredObject } from '../sync/objects';
import { withoutEngineValues } from './engine-fields';
import type { OrgHistory } from './history';
import { TIMELINE_OBJECTS, timeOf, type HistoryTimeline } from './timeline';

/** Objects read as they are now for the whole replay. */
const SETUP_OBJECTS = [
    'User',
    'Group',
    'GroupMember',
    'Campaign',
    'BusinessHours',
    'Holiday',
    'Organization'
] as const satisfies readonly MirroredObject[];

function records(history: OrgHistory, object: MirroredObject): readonly StoredRecord[] {
    return history.records[object];
}

/** Time a record of the worker existed from: its own start field, else its creation. */
function existedFrom(record: StoredRecord, startField: string | null): number {
    const start = startField === null ? Number.NaN : timeOf(record, startField);
    return Number.isNaN(start) ? timeOf(record, 'CreatedDate') : start;
}

/** True when the record existed at `at`; a record without any time counts as existing. */
function existedAt(record: StoredRecord, startField: string | null, at: number): boolean {
    const from = existedFrom(record, startField);
    return Number.isNaN(from) || from <= at;
}

/**
 * Returns a clock as it stood at `at`. Met and Cancelled clocks completed later are open
 * again. A Breached clock is open again unless its breach was recorded by then. A late
 * completion recorded after `at` is undone.
 */
function clockAt(clock: StoredRecord, keptBreaches: ReadonlySet<string>, at: number): StoredRecord {
    const key = typeof clock.Clock_Key__c === 'string' ? clock.Clock_Key__c : '';
    const completed = timeOf(clock, 'Completed_At__c');
    const status = clock.Status__c;
    let reopen = false;
    if (status === 'Breached') {
        reopen = !keptBreaches.has(breachKey(key));
    } else if (status === 'Met' || status === 'Cancelled') {
        reopen = completed > at;
    }
    if (reopen) {
        const warned = timeOf(clock, 'Warning_At__c') <= at && clock.Type__c !== 'Nurture';
        return { ...clock, Status__c: warned ? 'Warning' : 'Open', Completed_At__c: null };
    }
    return completed > at ? { ...clock, Completed_At__c: null } : clock;
}

/** Puts the worker's SLA records and tasks that existed at `at` into the mirror, rewound. */
function putSlaRecords(
    mirror: OrgMirror,
    history: OrgHistory,
    timeline: HistoryTimeline,
    at: number
): void {
    const breaches = records(history, 'SLA_Breach__c').filter((breach) => {
        const created = timeOf(breach, 'CreatedDate');
        return Number.isNaN(created) ? timeOf(breach, 'Breached_At__c') < at : created <= at;
    });
    const keptBreaches = new Set(breaches.map((breach) => String(breach.Breach_Key__c)));
    for (const breach of breaches) {
        mirror.put('SLA_Breach__c', breach);
    }
    for (const clock of records(history, 'SLA_Clock__c')) {
        if (existedAt(clock, 'Started_At__c', at)) {
            mirror.put('SLA_Clock__c', clockAt(clock, keptBreaches, at));
        }
    }
    for (const review of records(history, 'SLA_Review__c')) {
        if (existedAt(review, 'Starts_At__c', at)) {
            mirror.put('SLA_Review__c', review);
        }
    }
    for (const scorecard of records(history, 'SLA_Scorecard__c')) {
        if (existedAt(scorecard, null, at)) {
            mirror.put('SLA_Scorecard__c', scorecard);
        }
    }
    for (const task of records(history, 'Task')) {
        const isEngineTask = timeline.record('Task', task.Id) === undefined;
        if (isEngineTask && existedAt(task, null, at)) {
            mirror.put('Task', timeline.engineTaskAt(task, at));
        }
    }
}

/** Latest clock of each subject among `clocks`, by start time. */
function latestBySubject(
    clocks: readonly SlaClock[],
    subjectOf: (clock: SlaClock) => string | null
): Map<string, SlaClock> {
    const latest = new Map<string, SlaClock>();
    for (const clock of clocks) {
        const subject = subjectOf(clock);
        if (subject === null) {
            continue;
        }
        const known = latest.get(subject);
        if (
            known === undefined ||
            existedFrom(clock, 'Started_At__c') >= existedFrom(known, 'Started_At__c')
        ) {
            latest.set(subject, clock);
        }
    }
    return latest;
}

/** Latest time a kept breach sent each account back to Marketing. */
function revertTimes(mirror: OrgMirror): Map<string, number> {
    const reverted = new Map<string, number>();
    for (const breach of mirror.list('SLA_Breach__c')) {
        const time = breach.Breached_At__c?.getTime();
        if (
            breach.Action__c === 'Reverted To Marketing' &&
            breach.Account__c !== null &&
            time !== undefined
        ) {
            reverted.set(
                breach.Account__c,
                Math.max(reverted.get(breach.Account__c) ?? time, time)
            );
        }
    }
    return reverted;
}

/**
 * Restores what the engine keeps on accounts and does not derive again: the stage when
 * it last changed before `at`, the first touch, and the latest handoff. The handoff is
 * the trigger of the latest kept follow-up clock, and the account is Marketing's again
 * when a kept breach reverted it after that.
 */
function restoreAccounts(mirror: OrgMirror, history: OrgHistory, at: number): void {
    const followUps = latestBySubject(
        mirror.list('SLA_Clock__c').filter((clock) => clock.Type__c === 'Follow Up'),
        (clock) => clock.Account__c
    );
    const revertedAt = revertTimes(mirror);
    for (const org of history.records.Account) {
        const held = mirror.get('Account', org.Id);
        if (held === undefined) {
            continue;
        }
        const restored = { ...held };
        if (timeOf(org, 'Stage_Changed_At__c') <= at) {
            restored.Lifecycle_Stage__c = org.Lifecycle_Stage__c;
            restored.Stage_Changed_At__c = org.Stage_Changed_At__c;
        }
        if (timeOf(org, 'First_Touch_At__c') <= at) {
            restored.First_Touch_At__c = org.First_Touch_At__c;
        }
        const clockHandoff = followUps.get(org.Id)?.Trigger_At__c?.getTime();
        const orgHandoff = timeOf(org, 'Handoff_At__c');
        const handoff = Math.max(
            clockHandoff ?? Number.NEGATIVE_INFINITY,
            orgHandoff <= at ? orgHandoff : Number.NEGATIVE_INFINITY
        );
        if (handoff > Number.NEGATIVE_INFINITY) {
            const reverted = (revertedAt.get(org.Id) ?? Number.NaN) >= handoff;
            restored.Handoff_At__c = new Date(handoff);
            restored.Lifecycle_Owner__c = reverted ? 'Marketing' : 'Sales';
        }
        mirror.put('Account', restored);
    }
}

/**
 * Restores the owner of each person to the one responsible for its latest kept route
 * clock (the Marketing_Nurture queue for a lead in nurture). People without such a clock
 * keep their current owner, the only one the org has.
 */
function restoreOwners(mirror: OrgMirror): void {
    const clocks = mirror
        .list('SLA_Clock__c')
        .filter((clock) => routeKindOfKey(clock.Clock_Key__c ?? '') !== null);
    const nurtureQueue = mirror
        .list('Group')
        .find((group) => group.Type === 'Queue' && group.DeveloperName === NURTURE_QUEUE);
    const latest = latestBySubject(clocks, (clock) => clock.Lead__c ?? clock.Contact__c);
    for (const [personId, clock] of latest) {
        const lead = mirror.get('Lead', personId);
        const isNurture = routeKindOfKey(clock.Clock_Key__c ?? '') === 'nurture';
        const owner =
            clock.Responsible_User__c ??
            (isNurture && lead !== undefined ? nurtureQueue?.Id : null);
        if (owner === null || owner === undefined) {
            continue;
        }
        if (lead !== undefined) {
            mirror.put('Lead', { ...lead, OwnerId: owner });
        } else {
            const contact = mirror.get('Contact', personId);
            if (contact !== undefined) {
                mirror.put('Contact', { ...contact, OwnerId: owner });
            }
        }
    }
}

/** Builds the mirror of the org as it stood at `at` (epoch milliseconds). */
export function initialMirror(
    history: OrgHistory,
    timeline: HistoryTimeline,
    at: number
): OrgMirror {
    const mirror = new OrgMirror();
    for (const object of SETUP_OBJECTS) {
        for (const record of records(history, object)) {
            mirror.put(object, record);
        }
    }
    for (const object of TIMELINE_OBJECTS) {
        for (const record of timeline.records(object)) {
            const version = timeline.versionAt(object, record, at);
            if (version === null) {
                continue;
            }
            // The engine stamps Last_Evaluated_At__c whenever it changes a lead, so a lead
            // it last changed by `at` still has the engine's values of that time.
            const settled = object === 'Lead' && timeOf(record, 'Last_Evaluated_At__c') <= at;
            mirror.put(object, settled ? version : withoutEngineValues(object, version));
        }
    }
    putSlaRecords(mirror, history, timeline, at);
    restoreAccounts(mirror, history, at);
    restoreOwners(mirror);
    return mirror;
}
