/**
 * Counts of a generated sample org and a short summary for the `npm start` banner.
 */
import type { SampleOrg, SampleRecord } from './types';

export interface SampleOrgDescription {
    readonly seed: string;
    readonly now: string;
    /** Records per object, in load order. */
    readonly counts: Readonly<Record<string, number>>;
    readonly reps: number;
    readonly openClocks: number;
    readonly breaches: number;
    /** Leads the worker has never routed: its first cycle routes them. */
    readonly unroutedLeads: number;
    readonly convertedLeads: number;
    /** One paragraph for people new to the project. */
    readonly summary: string;
}

function recordsOf(sampleOrg: SampleOrg, objectName: string): readonly SampleRecord[] {
    return sampleOrg.objects.find((object) => object.objectName === objectName)?.records ?? [];
}

function countWhere(
    records: readonly SampleRecord[],
    test: (record: SampleRecord) => boolean
): number {
    return records.reduce((count, record) => count + (test(record) ? 1 : 0), 0);
}

const number = new Intl.NumberFormat('en-US');

/** Counts the sample org's records and writes the banner summary. */
export function describeSampleOrg(sampleOrg: SampleOrg): SampleOrgDescription {
    const counts = Object.fromEntries(
        sampleOrg.objects.map((object) => [object.objectName, object.records.length])
    );
    const count = (objectName: string): number => counts[objectName] ?? 0;
    const users = recordsOf(sampleOrg, 'User');
    const reps = countWhere(
        users,
        (user) => user.fields.SLA_Team__c === 'Sales' || user.fields.SLA_Team__c === 'SDR'
    );
    const clocks = recordsOf(sampleOrg, 'SLA_Clock__c');
    const openClocks = countWhere(clocks, (clock) => clock.fields.Status__c === 'Open');
    const unroutedLeads = countWhere(
        recordsOf(sampleOrg, 'Lead'),
        (lead) => lead.fields.Routing_Decision__c === undefined
    );
    const activities = count('Task') + count('Event');
    const summary =
        `Sample org (seed ${sampleOrg.seed}, history up to ${sampleOrg.now}): ` +
        `${number.format(count('User'))} users with ${number.format(reps)} sales and SDR reps, ` +
        `${number.format(count('Account'))} accounts, ${number.format(count('Contact'))} contacts, ` +
        `${number.format(count('Lead'))} leads (${number.format(unroutedLeads)} not yet routed), ` +
        `${number.format(count('Engagement_Signal__c'))} engagement signals, ${number.format(activities)} activities, ` +
        `${number.format(openClocks)} open SLA clocks and ${number.format(count('SLA_Breach__c'))} breaches so far.`;
    return {
        seed: sampleOrg.seed,
        now: sampleOrg.now,
        counts,
        reps,
        openClocks,
        breaches: count('SLA_Breach__c'),
        unroutedLeads,
        convertedLeads: sampleOrg.conversions.length,
        summary
    };
}
