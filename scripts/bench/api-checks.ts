/**
 * Self-checks of the API-call benchmark. The first compares the worker's focused plan
 * with the plan of an evaluation of the whole org. The second compares the records the
 * worker and the naive baseline wrote, field by field.
 */
import type { OrgStore } from '../../sync-worker/src/local-org/store';
import { composeSoql } from '../../sync-worker/src/salesforce';
import type { SObjectName } from '../../sync-worker/src/schema/records';
import { KEY_FIELDS } from '../../sync-worker/src/sync/mirror';
import type { WritePlan } from '../../sync-worker/src/sync/write-plan';
import { storeRows } from './api-changes';

/** Lines of two plans that only one of them has. */
export interface PlanDifference {
    readonly onlyFirst: readonly string[];
    readonly onlySecond: readonly string[];
}

/** JSON of field values with the names sorted, so equal values give equal text. */
function canonical(fields: Readonly<Record<string, unknown>>): string {
    const sorted = Object.keys(fields)
        .sort()
        .map((name) => [name, fields[name]]);
    return JSON.stringify(Object.fromEntries(sorted));
}

/**
 * Describes each planned write and notification as one line. Scorecards are left out
 * because only an evaluation of the whole org writes them.
 */
export function planLines(plan: WritePlan | null): string[] {
    if (plan === null) {
        return [];
    }
    const lines = [
        ...plan.updates.map(
            (update) => `update ${update.object} ${update.id} ${canonical(update.fields)}`
        ),
        ...plan.newClocks.map((clock) => `new clock ${clock.key} ${canonical(clock.fields)}`),
        ...plan.tasks.map(
            (task) => `task ${task.key} ${task.clockKey ?? '-'} ${canonical(task.fields)}`
        ),
        ...plan.outcomes
            .filter((outcome) => outcome.object !== 'SLA_Scorecard__c')
            .map((outcome) => `${outcome.object} ${outcome.key} ${canonical(outcome.fields)}`),
        ...plan.transitions.map(
            (transition) => `transition ${transition.key} ${canonical(transition.fields)}`
        ),
        ...plan.notifications.map((planned) => `notification ${planned.notification.key}`)
    ];
    return lines.sort();
}

/** Compares two plans line by line, as multisets. */
export function comparePlans(first: WritePlan | null, second: WritePlan | null): PlanDifference {
    const counts = new Map<string, number>();
    planLines(first).forEach((line) => counts.set(line, (counts.get(line) ?? 0) + 1));
    planLines(second).forEach((line) => counts.set(line, (counts.get(line) ?? 0) - 1));
    const onlyFirst: string[] = [];
    const onlySecond: string[] = [];
    for (const [line, count] of counts) {
        if (count > 0) {
            onlyFirst.push(line);
        } else if (count < 0) {
            onlySecond.push(line);
        }
    }
    return { onlyFirst, onlySecond };
}

/** A written record, found by Id (updates), external ID (upserts) or description (tasks). */
interface WrittenRecord {
    readonly object: SObjectName;
    /** Field that finds the record, and its value. */
    readonly by: string;
    readonly value: string;
    readonly fields: readonly string[];
}

function writtenRecords(plan: WritePlan): WrittenRecord[] {
    const records: WrittenRecord[] = plan.updates.map((update) => ({
        object: update.object,
        by: 'Id',
        value: update.id,
        fields: Object.keys(update.fields)
    }));
    for (const upsert of [...plan.newClocks, ...plan.outcomes, ...plan.transitions]) {
        const linked = upsert.clockKey !== null && upsert.object !== 'SLA_Clock__c';
        records.push({
            object: upsert.object,
            by: KEY_FIELDS[upsert.object],
            value: upsert.key,
            fields: [...Object.keys(upsert.fields), ...(linked ? ['SLA_Clock__c'] : [])]
        });
    }
    for (const task of plan.tasks) {
        const description = task.fields.Description;
        records.push({
            object: 'Task',
            by: 'Description',
            value: typeof description === 'string' ? description : task.key,
            fields: [...Object.keys(task.fields), 'SLA_Clock__c']
        });
    }
    return records;
}

/** Rows of `object` stamped at or after `since`, by the value of field `by`. */
function rowsSince(
    store: OrgStore,
    object: SObjectName,
    fields: readonly string[],
    by: string,
    since: Date
): Map<string, Record<string, unknown>> {
    const soql = composeSoql({
        object,
        fields: [...new Set(['Id', by, ...fields])],
        where: [{ field: 'SystemModstamp', operator: '>=', value: { dateTime: since } }]
    });
    return new Map(storeRows(store, soql).map((row) => [String(row[by]), row]));
}

/** Outcome of comparing the records two runs wrote. */
export interface WrittenComparison {
    readonly compared: number;
    /** Records missing on one side or with a different value, described. */
    readonly mismatches: readonly string[];
}

/**
 * Compares, for every write of `plan`, the record in the worker's org (stamped at or
 * after `worker.since`) with the one in the baseline's org (at or after
 * `baseline.since`), field by field over the fields written.
 */
export function compareWritten(
    plan: WritePlan | null,
    worker: { store: OrgStore; since: Date },
    baseline: { store: OrgStore; since: Date }
): WrittenComparison {
    if (plan === null) {
        return { compared: 0, mismatches: [] };
    }
    const records = writtenRecords(plan);
    const groups = new Map<string, WrittenRecord[]>();
    for (const record of records) {
        const key = `${record.object} ${record.by}`;
        const group = groups.get(key);
        if (group === undefined) {
            groups.set(key, [record]);
        } else {
            group.push(record);
        }
    }
    const mismatches: string[] = [];
    let compared = 0;
    for (const group of groups.values()) {
        const [first] = group;
        if (first === undefined) {
            continue;
        }
        const fields = [...new Set(group.flatMap((record) => record.fields))];
        const workerRows = rowsSince(worker.store, first.object, fields, first.by, worker.since);
        const baselineRows = rowsSince(
            baseline.store,
            first.object,
            fields,
            first.by,
            baseline.since
        );
        for (const record of group) {
            const ours = workerRows.get(record.value);
            const theirs = baselineRows.get(record.value);
            compared += 1;
            if (ours === undefined || theirs === undefined) {
                mismatches.push(
                    `${record.object} ${record.value}: not written by the ${ours === undefined ? 'worker' : 'baseline'}`
                );
                continue;
            }
            const differing = record.fields.filter(
                (field) => JSON.stringify(ours[field]) !== JSON.stringify(theirs[field])
            );
            if (differing.length > 0) {
                mismatches.push(`${record.object} ${record.value}: ${differing.join(', ')} differ`);
            }
        }
    }
    return { compared, mismatches };
}
