/**
 * People (leads and contacts) as drafts: their fields and planned signals stay editable
 * until every generator that shapes them (scenarios, SLA history) has run, and are then
 * written out with their Engagement_Signal__c records.
 */
import {
    exactEngagementSignals,
    exactIntentSignals,
    profileSignals,
    type Profile
} from './profiles';
import type { Random } from './random';
import { DAY_MS, HOUR_MS, MINUTE_MS, type PlannedSignal } from './scoring';
import type { RecordRef, SampleFields } from './types';

/** Activity plan of a person: a profile, an exact target, or a named pattern. */
export type ActivityPlan =
    | Profile
    | { readonly exactIntent: number }
    | { readonly exactEngagement: number }
    /** Never active before: two signals in the last 30 hours. */
    | 'newcomer'
    /** First touched 20 days ago and active since. */
    | 'first-touch-20';

/** Source of a lead's identity. Contacts are always `account`. */
export type LeadCategory =
    | 'account'
    | 'corporate'
    | 'freemail'
    | 'freemail-website'
    | 'linkedin'
    | 'anonymous'
    | 'duplicate';

export interface PersonDraft {
    readonly objectName: 'Lead' | 'Contact';
    readonly ref: RecordRef;
    readonly fields: SampleFields;
    readonly category: LeadCategory;
    /** The contact's account, or the account a lead's domain or website matches. */
    readonly accountIndex: number | null;
    /** Has an e-mail or a LinkedIn URL. */
    readonly identified: boolean;
    signals: PlannedSignal[];
    /** Used by a scenario or the SLA history: kept out of campaigns, conversions and other claims. */
    claimed: boolean;
}

export function planSignals(plan: ActivityPlan, endMs: number, random: Random): PlannedSignal[] {
    if (typeof plan === 'object') {
        return 'exactIntent' in plan
            ? exactIntentSignals(plan.exactIntent, endMs)
            : exactEngagementSignals(plan.exactEngagement, endMs);
    }
    if (plan === 'newcomer') {
        return [
            { type: 'Web Visit', atMs: endMs - 30 * HOUR_MS, weight: null },
            { type: 'Content Download', atMs: endMs - 20 * HOUR_MS, weight: null }
        ];
    }
    if (plan === 'first-touch-20') {
        return [
            { type: 'Web Visit', atMs: endMs - 20 * DAY_MS, weight: null },
            { type: 'Content Download', atMs: endMs - 12 * DAY_MS, weight: null },
            { type: 'Email Click', atMs: endMs - 3 * DAY_MS, weight: null }
        ];
    }
    return profileSignals(plan, endMs, random);
}

/** Earliest signal time, or null without signals. */
export function firstSignalMs(signals: readonly PlannedSignal[]): number | null {
    let first: number | null = null;
    for (const signal of signals) {
        first = first === null ? signal.atMs : Math.min(first, signal.atMs);
    }
    return first;
}

/**
 * Sets `CreatedDate` and `LastModifiedDate` where no generator set them: a lead is
 * created a few minutes before its first signal (the form fill or list load that
 * brought it in), a contact weeks to years before.
 */
export function stampAuditDates(person: PersonDraft, random: Random, nowMs: number): void {
    if (typeof person.fields.CreatedDate === 'string') {
        return;
    }
    const first = firstSignalMs(person.signals) ?? nowMs - random.int(1, 110) * DAY_MS;
    const createdMs =
        person.objectName === 'Lead'
            ? first - random.int(1, 30) * MINUTE_MS
            : first - random.int(20, 500) * DAY_MS;
    person.fields.CreatedDate = new Date(createdMs).toISOString();
    person.fields.LastModifiedDate = new Date(createdMs).toISOString();
}
