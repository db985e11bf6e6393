/**
 * Helpers for the sample org's tests: generated orgs cached per options (generation is
 * deterministic, so sharing one between tests is safe), record lookups and the figures
 * the SLA rules compute, read back from the generated records.
 */
import { TimeFrames } from '../../sync-worker/src/policy/time-frames';
import { generateSampleOrg } from './generate';
import { FISCAL_YEAR_START_MONTH, holidayRecords, sampleCalendar } from './setup';
import type { RecordRef, SampleFields, SampleOrg, SampleRecord, SampleValue } from './types';

/** A fixed `now`: a Wednesday afternoon in New York, two months into a fiscal quarter. */
export const TEST_NOW = '2027-03-17T18:30:00.000Z';

const cache = new Map<string, SampleOrg>();

export function sampleOrgFor(
    seed: number,
    now = TEST_NOW,
    scale: 'small' | 'standard' = 'small'
): SampleOrg {
    const cacheKey = `${seed}|${now}|${scale}`;
    let org = cache.get(cacheKey);
    if (org === undefined) {
        org = generateSampleOrg({ seed, now, scale });
        cache.set(cacheKey, org);
    }
    return org;
}

export function recordsOf(org: SampleOrg, objectName: string): readonly SampleRecord[] {
    return org.objects.find((object) => object.objectName === objectName)?.records ?? [];
}

export function isRef(value: SampleValue | undefined): value is RecordRef {
    return typeof value === 'object' && value !== null;
}

export function refField(fields: SampleFields, name: string): string | null {
    const value = fields[name];
    return isRef(value) ? value.ref : null;
}

export function textField(fields: SampleFields, name: string): string | null {
    const value = fields[name];
    return typeof value === 'string' ? value : null;
}

export function timeField(fields: SampleFields, name: string): number {
    const value = textField(fields, name);
    return value === null ? Number.NaN : Date.parse(value);
}

/** Returns the time arithmetic the policy engine uses, over the sample org's calendar. */
export function framesFor(now: string): TimeFrames {
    return new TimeFrames(
        sampleCalendar(holidayRecords(new Date(now))),
        FISCAL_YEAR_START_MONTH,
        false
    );
}

/** Breaches per rep reference in the fiscal quarter of `now`. */
export function breachesThisQuarter(org: SampleOrg): Map<string, number> {
    const quarter = framesFor(org.now).quarterOf(new Date(org.now)).label;
    const counts = new Map<string, number>();
    for (const breach of recordsOf(org, 'SLA_Breach__c')) {
        const rep = refField(breach.fields, 'Responsible_User__c');
        if (rep !== null && breach.fields.Fiscal_Quarter__c === quarter) {
            counts.set(rep, (counts.get(rep) ?? 0) + 1);
        }
    }
    return counts;
}

/** Response clocks due in `month` per manager reference: how many, and how many breached. */
export function teamFigures(
    org: SampleOrg,
    month: string
): Map<string, { due: number; breached: number }> {
    const frames = framesFor(org.now);
    const managerOf = new Map(
        recordsOf(org, 'User').map((user) => [user.ref, refField(user.fields, 'ManagerId')])
    );
    const figures = new Map<string, { due: number; breached: number }>();
    for (const clock of recordsOf(org, 'SLA_Clock__c')) {
        const status = clock.fields.Status__c;
        const manager = managerOf.get(refField(clock.fields, 'Responsible_User__c') ?? '') ?? null;
        const due = timeField(clock.fields, 'Due_At__c');
        const closed = status === 'Met' || status === 'Breached';
        if (!closed || manager === null || frames.monthOf(due) !== month) {
            continue;
        }
        const entry = figures.get(manager) ?? { due: 0, breached: 0 };
        entry.due += 1;
        entry.breached += status === 'Breached' ? 1 : 0;
        figures.set(manager, entry);
    }
    return figures;
}

/**
 * Hand-offs and rejections of `month`: leads whose first Sales or SDR response clock
 * started in that month, and how many of them are rejected now.
 */
export function rejectionFigures(
    org: SampleOrg,
    month: string
): { handoffs: number; rejected: number } {
    const frames = framesFor(org.now);
    const firstStart = new Map<string, number>();
    for (const clock of recordsOf(org, 'SLA_Clock__c')) {
        const lead = refField(clock.fields, 'Lead__c');
        const start = timeField(clock.fields, 'Started_At__c');
        const team = clock.fields.Responsible_Team__c;
        if (
            lead !== null &&
            clock.fields.Type__c === 'Response' &&
            (team === 'Sales' || team === 'SDR')
        ) {
            firstStart.set(lead, Math.min(start, firstStart.get(lead) ?? Number.POSITIVE_INFINITY));
        }
    }
    const statusOf = new Map(recordsOf(org, 'Lead').map((lead) => [lead.ref, lead.fields.Status]));
    let handoffs = 0;
    let rejected = 0;
    for (const [lead, start] of firstStart) {
        if (frames.monthOf(start) === month) {
            handoffs += 1;
            rejected += statusOf.get(lead) === 'Rejected' ? 1 : 0;
        }
    }
    return { handoffs, rejected };
}

/**
 * For each open response clock already past due: the number of breaches its rep had
 * in the fiscal quarter of that due time, so its breach in the first cycle gets that
 * number plus one as its level.
 */
export function pastDueBreachCounts(org: SampleOrg): number[] {
    const frames = framesFor(org.now);
    const nowMs = Date.parse(org.now);
    const breaches = recordsOf(org, 'SLA_Breach__c');
    return recordsOf(org, 'SLA_Clock__c')
        .filter((clock) => clock.fields.Status__c === 'Open' && clock.fields.Type__c === 'Response')
        .filter((clock) => timeField(clock.fields, 'Due_At__c') < nowMs)
        .map((clock) => {
            const rep = refField(clock.fields, 'Responsible_User__c');
            const quarter = frames.quarterOf(new Date(timeField(clock.fields, 'Due_At__c'))).label;
            return breaches.filter(
                (breach) =>
                    refField(breach.fields, 'Responsible_User__c') === rep &&
                    breach.fields.Fiscal_Quarter__c === quarter
            ).length;
        });
}
