/**
 * The SOQL of the worker's reads: every field of each mirrored object's record schema,
 * limited to the history the policy can still use.
 */
import { changeQuery, composeSoql, type SoqlCondition } from '../salesforce';
import { fieldNamesOf } from '../schema/records';
import type { HistoryWindows, MirroredObject } from './objects';

const DAY_MS = 86_400_000;

/** Conditions that keep a read inside the history the policy uses, at time `now`. */
export function historyConditions(
    object: MirroredObject,
    windows: HistoryWindows,
    now: Date
): SoqlCondition[] {
    switch (object) {
        case 'Engagement_Signal__c':
            return [
                {
                    field: 'Occurred_At__c',
                    operator: '>=',
                    value: { dateTime: new Date(now.getTime() - windows.signalDays * DAY_MS) }
                }
            ];
        case 'Task':
        case 'Event':
            return [
                {
                    field: 'SystemModstamp',
                    operator: '>=',
                    value: { dateTime: new Date(now.getTime() - windows.activityDays * DAY_MS) }
                }
            ];
        case 'Group':
            // Queues are the only groups that own records or receive routed people.
            return [{ field: 'Type', operator: '=', value: { text: 'Queue' } }];
        default:
            return [];
    }
}

/** Query of every current record of `object` within its history window (first read). */
export function fullReadSoql(object: MirroredObject, windows: HistoryWindows, now: Date): string {
    return composeSoql({
        object,
        fields: fieldNamesOf(object),
        where: historyConditions(object, windows, now)
    });
}

/** Query of the records of `object` changed since `since`, oldest first (change read). */
export function changeReadSoql(object: MirroredObject, since: Date | undefined): string {
    // Deleted rows must come back too, so no history window applies here: a signal
    // deleted long after it happened must still leave the mirror.
    const where: SoqlCondition[] =
        object === 'Group' ? [{ field: 'Type', operator: '=', value: { text: 'Queue' } }] : [];
    return changeQuery(object, { ...(since === undefined ? {} : { since }), where });
}
