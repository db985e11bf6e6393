/**
 * The objects the worker mirrors from the org, and how often each is polled. Hot objects
 * change through people's work every minute and are polled every cycle; cold objects
 * (setup records, and the SLA records only the worker normally writes) are polled a few
 * at a time in rotation, so that an idle cycle stays within 10 queries: two Composite
 * requests of 5.
 */
import type { SObjectName } from '../schema/records';

/** Objects polled every cycle. */
export const HOT_OBJECTS = [
    'Lead',
    'Contact',
    'Account',
    'Opportunity',
    'Task',
    'Event',
    'Engagement_Signal__c',
    'CampaignMember'
] as const satisfies readonly SObjectName[];

/** Objects polled in rotation, `COLD_OBJECTS_PER_CYCLE` per cycle. */
export const COLD_OBJECTS = [
    'SLA_Clock__c',
    'SLA_Review__c',
    'User',
    'SLA_Breach__c',
    'Group',
    'GroupMember',
    'SLA_Scorecard__c',
    'Campaign',
    'BusinessHours',
    'Holiday',
    'Organization'
] as const satisfies readonly SObjectName[];

/** Cold objects per cycle: 8 hot + 2 cold change queries fill two Composite requests. */
export const COLD_OBJECTS_PER_CYCLE = 2;

export type MirroredObject = (typeof HOT_OBJECTS)[number] | (typeof COLD_OBJECTS)[number];

/** Every mirrored object, in the order the first read loads them. */
export const MIRRORED_OBJECTS: readonly MirroredObject[] = [...COLD_OBJECTS, ...HOT_OBJECTS];

/**
 * Setup objects whose change can alter the decision for any record (teams, managers,
 * queues, business hours, holidays, fiscal year, campaign types). A change to one of them
 * makes the next evaluation cover the whole org.
 */
export const ORG_WIDE_OBJECTS: ReadonlySet<MirroredObject> = new Set<MirroredObject>([
    'User',
    'Group',
    'GroupMember',
    'BusinessHours',
    'Holiday',
    'Organization',
    'Campaign'
]);

/**
 * How far back the worker keeps records of objects that only matter while they are
 * recent, in days, given the policy's windows. Older signals never count toward a score,
 * and older activities can no longer meet a clock.
 */
export interface HistoryWindows {
    /** Engagement signals: the scoring window. */
    readonly signalDays: number;
    /** Tasks and events, by `SystemModstamp`. */
    readonly activityDays: number;
}

/** Returns the cold objects polled in cycle `cycleNumber` (1-based), rotating through the list. */
export function coldObjectsFor(cycleNumber: number): MirroredObject[] {
    const start = ((cycleNumber - 1) * COLD_OBJECTS_PER_CYCLE) % COLD_OBJECTS.length;
    const picked: MirroredObject[] = [];
    for (let offset = 0; offset < COLD_OBJECTS_PER_CYCLE; offset += 1) {
        const object = COLD_OBJECTS[(start + offset) % COLD_OBJECTS.length];
        if (object !== undefined) {
            picked.push(object);
        }
    }
    return picked;
}

/** True for objects whose records the worker keeps only inside a history window. */
export function isWindowedObject(object: MirroredObject): boolean {
    return object === 'Engagement_Signal__c' || object === 'Task' || object === 'Event';
}
