/**
 * Write execution: the plan's phases in order through sObject Collections, each record
 * reported as written, failed or skipped. A failure holds back what depends on it, so
 * that the next cycle makes the whole decision again (see `executePlan`). Successful
 * writes go into the mirror at once. Once started, a plan runs to its end even when a
 * shutdown is requested, because a decision written in part may not be made again;
 * only a pause for the API reserve or limit ends it early.
 */
import { getLogger } from '../logging';
import {
    writeRecords,
    type ApiReserve,
    type RecordFailure,
    type RestClient,
    type WriteOperation,
    type WriteOutcome
} from '../salesforce';
import type { SObjectName } from '../schema/records';
import type { RecordValues } from './echo';
import type { OrgMirror } from './mirror';
import type { MirroredObject } from './objects';
import type { PlannedUpsert, WritePlan } from './write-plan';

const logger = getLogger('sync.write');

/** A record whose write failed, as logged and journaled. */
export interface WriteFailure {
    readonly object: string;
    /** Record Id, external key or task key. */
    readonly id: string;
    readonly errorCode: string;
    readonly message: string;
    /** True when the same write may pass later (locks, 5xx, timeouts). */
    readonly retryable: boolean;
}

/** Result of an execution. */
export interface ExecutionResult {
    written: number;
    failed: WriteFailure[];
    /** Writes not sent: held back after a failure, or paused by the API reserve. */
    skipped: number;
    /** `object:key` of the anchors written in this cycle. */
    readonly writtenAnchors: Set<string>;
    /** Ids of people and accounts whose writes failed; the next cycle evaluates them again. */
    readonly retryIds: Set<string>;
    pausedReason: string | undefined;
    /** True when writing paused before the plan's last phase. */
    stoppedEarly: boolean;
}

/** Options of `executePlan`. */
export interface ExecutionOptions {
    readonly reserve: ApiReserve | undefined;
}

/** Ids by key of the records a phase wrote, and the keys whose write failed. */
interface PhaseResult {
    readonly ids: Map<string, string>;
    readonly failedKeys: Set<string>;
    /** Failures that may pass later (locks, 5xx, timeouts, pauses); the rest always fail. */
    readonly retryableKeys: Set<string>;
}

interface PhaseWrite {
    readonly object: SObjectName;
    /** Id for updates, external key for upserts, task key for inserts. */
    readonly key: string;
    readonly fields: RecordValues;
    readonly kind: WriteOperation['kind'];
    /** Ids the failure of this write puts on the retry list. */
    readonly retryIds: readonly string[];
}

function stringsOf(fields: RecordValues, names: readonly string[]): string[] {
    return names
        .map((name) => fields[name])
        .filter((value): value is string => typeof value === 'string' && value !== '');
}

/** Groups writes into one operation per object and kind, keeping their order. */
function operationsOf(writes: readonly PhaseWrite[]): WriteOperation[] {
    const groups: { object: SObjectName; kind: WriteOperation['kind']; records: RecordValues[] }[] =
        [];
    for (const write of writes) {
        const record = write.kind === 'update' ? { ...write.fields, Id: write.key } : write.fields;
        const last = groups.at(-1);
        if (last?.object === write.object && last.kind === write.kind) {
            last.records.push(record);
        } else {
            groups.push({ object: write.object, kind: write.kind, records: [record] });
        }
    }
    return groups.map((group): WriteOperation =>
        group.kind === 'upsert'
            ? {
                  kind: 'upsert',
                  object: group.object,
                  externalIdField: externalIdOf(group.object),
                  records: group.records
              }
            : { kind: group.kind, object: group.object, records: group.records }
    );
}

/** Finds the write a result names: by key, or by position for inserts (`#index` per object). */
function writeFinder(
    writes: readonly PhaseWrite[]
): (object: SObjectName, key: string) => PhaseWrite | undefined {
    const byKey = new Map<string, PhaseWrite>();
    const insertsByObject = new Map<SObjectName, PhaseWrite[]>();
    for (const write of writes) {
        if (write.kind === 'insert') {
            insertsByObject.set(write.object, [
                ...(insertsByObject.get(write.object) ?? []),
                write
            ]);
        } else {
            byKey.set(`${write.object}:${write.key}`, write);
        }
    }
    return (object, key) => {
        const position = /^#(\d+)$/.exec(key);
        if (position !== null) {
            return insertsByObject.get(object)?.[Number(position[1])];
        }
        return byKey.get(`${object}:${key}`);
    };
}

function externalIdOf(object: SObjectName): string {
    switch (object) {
        case 'SLA_Clock__c':
            return 'Clock_Key__c';
        case 'SLA_Breach__c':
            return 'Breach_Key__c';
        case 'SLA_Review__c':
            return 'Review_Key__c';
        default:
            return 'Scorecard_Key__c';
    }
}

/** Runs one phase; returns the Ids assigned by key and the keys that failed. */
async function runPhase(
    client: RestClient,
    mirror: OrgMirror,
    writes: readonly PhaseWrite[],
    result: ExecutionResult,
    options: ExecutionOptions
): Promise<PhaseResult> {
    const ids = new Map<string, string>();
    const failedKeys = new Set<string>();
    const retryableKeys = new Set<string>();
    if (writes.length === 0) {
        return { ids, failedKeys, retryableKeys };
    }
    const converted = new Set(
        mirror
            .list('Lead')
            .filter((lead) => lead.IsConverted)
            .map((lead) => lead.Id)
    );
    const outcome: WriteOutcome = await writeRecords(client, operationsOf(writes), {
        ...(options.reserve === undefined ? {} : { reserve: options.reserve }),
        convertedLeadIds: converted
    });
    const byKey = writeFinder(writes);
    for (const success of outcome.succeeded) {
        const write = byKey(success.object, success.key);
        const id = write?.kind === 'update' ? write.key : success.id;
        if (write === undefined || id === undefined) {
            continue;
        }
        ids.set(write.key, id);
        mirror.applyWrite(write.object as MirroredObject, id, write.fields);
        result.written += 1;
    }
    const fail = (
        write: PhaseWrite | undefined,
        failure: Pick<RecordFailure, 'errorCode' | 'message' | 'retryable'>
    ): void => {
        if (write === undefined) {
            return;
        }
        failedKeys.add(write.key);
        if (failure.retryable) {
            retryableKeys.add(write.key);
        }
        write.retryIds.forEach((id) => result.retryIds.add(id));
        result.failed.push({
            object: write.object,
            id: write.key,
            errorCode: failure.errorCode,
            message: failure.message,
            retryable: failure.retryable
        });
        logger.error(`Writing ${write.object} ${write.key} failed; it is tried again next cycle.`, {
            object: write.object,
            id: write.key,
            errorCode: failure.errorCode,
            error: failure.message
        });
    };
    for (const failure of outcome.failed) {
        fail(byKey(failure.object, failure.key), failure);
    }
    for (const skipped of outcome.skipped) {
        const write = byKey(skipped.object, skipped.key);
        if (write !== undefined && skipped.reason !== 'converted-lead') {
            failedKeys.add(write.key);
            retryableKeys.add(write.key);
            write.retryIds.forEach((id) => result.retryIds.add(id));
        }
        result.skipped += 1;
    }
    if (outcome.paused !== undefined) {
        result.pausedReason = outcome.paused.message;
    }
    return { ids, failedKeys, retryableKeys };
}

function clockSubjects(fields: RecordValues): string[] {
    return stringsOf(fields, ['Lead__c', 'Contact__c', 'Account__c']);
}

/**
 * Executes a plan. Raises only what stops the cycle (authentication).
 *
 * Holding back: a new clock waits when an update of its person or account failed in
 * any way, because the routing decision is spread over both and is made again only
 * while neither is written. Breaches and transitions wait only for failures that may
 * pass later: a breach must be recorded even when one of its consequences (a task for
 * an inactive user, say) will always be rejected.
 */
export async function executePlan(
    client: RestClient,
    mirror: OrgMirror,
    plan: WritePlan,
    options: ExecutionOptions
): Promise<ExecutionResult> {
    const result: ExecutionResult = {
        written: 0,
        failed: [],
        skipped: 0,
        writtenAnchors: new Set(),
        retryIds: new Set(),
        pausedReason: undefined,
        stoppedEarly: false
    };
    const clockIdOf = new Map<string, string>();
    const clockId = (key: string | null): string | null =>
        key === null ? null : (clockIdOf.get(key) ?? mirror.idOfKey('SLA_Clock__c', key) ?? null);
    const upsertWrite = (upsert: PlannedUpsert): PhaseWrite => ({
        object: upsert.object,
        key: upsert.key,
        kind: 'upsert',
        fields:
            upsert.clockKey === null || upsert.object === 'SLA_Clock__c'
                ? upsert.fields
                : { ...upsert.fields, SLA_Clock__c: clockId(upsert.clockKey) },
        retryIds: clockSubjects(upsert.fields)
    });
    const failedSubjects = new Set<string>();
    const blockingSubjects = new Set<string>();
    const unwrittenClocks = new Set<string>();
    const blockedClocks = new Set<string>();
    const skip = (count: number): void => {
        result.skipped += count;
    };

    // Phase 1: field and owner updates.
    const updates = await runPhase(
        client,
        mirror,
        plan.updates.map((update) => ({
            object: update.object,
            key: update.id,
            kind: 'update' as const,
            fields: update.fields,
            retryIds: [update.id]
        })),
        result,
        options
    );
    updates.failedKeys.forEach((id) => failedSubjects.add(id));
    updates.retryableKeys.forEach((id) => blockingSubjects.add(id));

    // Phase 2: new clocks, unless an update of their subject failed.
    if (stop(result)) {
        skip(plan.newClocks.length);
        plan.newClocks.forEach((clock) => unwrittenClocks.add(clock.key));
    } else {
        const ready = plan.newClocks.filter(
            (clock) => !clockSubjects(clock.fields).some((id) => failedSubjects.has(id))
        );
        plan.newClocks
            .filter((clock) => !ready.includes(clock))
            .forEach((clock) => unwrittenClocks.add(clock.key));
        skip(plan.newClocks.length - ready.length);
        const phase = await runPhase(client, mirror, ready.map(upsertWrite), result, options);
        phase.ids.forEach((id, key) => {
            clockIdOf.set(key, id);
            result.writtenAnchors.add(`SLA_Clock__c:${key}`);
        });
        phase.failedKeys.forEach((key) => unwrittenClocks.add(key));
    }
    unwrittenClocks.forEach((key) => blockedClocks.add(key));

    // Phase 3: new tasks, linked to their clocks.
    if (stop(result)) {
        skip(plan.tasks.length);
    } else {
        const ready = plan.tasks.filter(
            (task) => task.clockKey === null || !unwrittenClocks.has(task.clockKey)
        );
        skip(plan.tasks.length - ready.length);
        const phase = await runPhase(
            client,
            mirror,
            ready.map((task) => ({
                object: 'Task' as const,
                key: task.key,
                kind: 'insert' as const,
                fields: { ...task.fields, SLA_Clock__c: clockId(task.clockKey) },
                retryIds: stringsOf(task.fields, ['WhoId', 'WhatId'])
            })),
            result,
            options
        );
        for (const task of ready) {
            if (task.clockKey !== null && phase.retryableKeys.has(task.key)) {
                blockedClocks.add(task.clockKey);
            }
        }
    }
    const isBlocked = (clockKey: string | null, fields: RecordValues): boolean => {
        const clock =
            clockKey === null ? undefined : mirror.get('SLA_Clock__c', clockId(clockKey) ?? '');
        const subjects = [...clockSubjects(fields), ...clockSubjects(clock ?? {})];
        return (
            (clockKey !== null && blockedClocks.has(clockKey)) ||
            subjects.some((id) => blockingSubjects.has(id))
        );
    };

    // Phase 4: breaches, reviews, scorecards.
    if (stop(result)) {
        skip(plan.outcomes.length);
        plan.outcomes.forEach(
            (outcome) => outcome.clockKey !== null && blockedClocks.add(outcome.clockKey)
        );
    } else {
        const ready = plan.outcomes.filter(
            (outcome) => !isBlocked(outcome.clockKey, outcome.fields)
        );
        skip(plan.outcomes.length - ready.length);
        const phase = await runPhase(client, mirror, ready.map(upsertWrite), result, options);
        for (const outcome of plan.outcomes) {
            if (phase.ids.has(outcome.key)) {
                result.writtenAnchors.add(`${outcome.object}:${outcome.key}`);
            } else if (outcome.clockKey !== null) {
                blockedClocks.add(outcome.clockKey);
            }
        }
    }

    // Phase 5: clock transitions, after everything they cause.
    if (stop(result)) {
        skip(plan.transitions.length);
        plan.transitions.forEach((transition) =>
            result.writtenAnchors.delete(`SLA_Clock__c:${transition.key}`)
        );
    } else {
        const ready = plan.transitions.filter(
            (transition) => !isBlocked(transition.clockKey, transition.fields)
        );
        skip(plan.transitions.length - ready.length);
        const phase = await runPhase(client, mirror, ready.map(upsertWrite), result, options);
        for (const transition of plan.transitions) {
            // A clock reports its state (a warning, say) only once its transition is written.
            if (phase.ids.has(transition.key)) {
                result.writtenAnchors.add(`SLA_Clock__c:${transition.key}`);
            } else {
                result.writtenAnchors.delete(`SLA_Clock__c:${transition.key}`);
            }
        }
    }
    return result;
}

function stop(result: ExecutionResult): boolean {
    if (result.pausedReason !== undefined) {
        result.stoppedEarly = true;
        return true;
    }
    return false;
}
