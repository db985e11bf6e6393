/**
 * Causes of an evaluation: changed records and time. Each change names the people and
 * accounts whose decisions it can alter (the seeds), and a change to a setup object
 * calls for an evaluation of the whole org. Time alone makes clocks warn, breach and
 * end nurture, and ends probations, with no record changed: those are found in the
 * mirror at the cycle's `now`, so finding them costs no API call.
 */
import type { RecordChange } from './change-read';
import type { OrgMirror, StoredRecord } from './mirror';
import { ORG_WIDE_OBJECTS } from './objects';

/** People and accounts to evaluate, and why. */
export class Seeds {
    public readonly people = new Set<string>();
    public readonly accounts = new Set<string>();
    /** True when a change can alter decisions anywhere in the org. */
    public orgWide = false;
    /** Counts of what caused the seeds, for the cycle summary. */
    public readonly causes = new Map<string, number>();

    public get isEmpty(): boolean {
        return !this.orgWide && this.people.size === 0 && this.accounts.size === 0;
    }

    public count(cause: string): void {
        this.causes.set(cause, (this.causes.get(cause) ?? 0) + 1);
    }

    public merge(other: Seeds): void {
        other.people.forEach((id) => this.people.add(id));
        other.accounts.forEach((id) => this.accounts.add(id));
        this.orgWide ||= other.orgWide;
        other.causes.forEach((count, cause) => {
            this.causes.set(cause, (this.causes.get(cause) ?? 0) + count);
        });
    }
}

function text(record: StoredRecord | undefined, field: string): string | null {
    const value = record?.[field];
    return typeof value === 'string' && value !== '' ? value : null;
}

/** Adds the person or account an Id of unknown object stands for (`WhoId`, `WhatId`). */
function addReference(mirror: OrgMirror, seeds: Seeds, id: string | null): void {
    if (id === null) {
        return;
    }
    if (mirror.get('Lead', id) !== undefined || mirror.get('Contact', id) !== undefined) {
        seeds.people.add(id);
    } else if (mirror.get('Account', id) !== undefined) {
        seeds.accounts.add(id);
    } else {
        const accountId = mirror.get('Opportunity', id)?.AccountId ?? null;
        if (accountId !== null) {
            seeds.accounts.add(accountId);
        }
    }
}

/** Leads waiting for Sales approval; a probation's end lets them be routed. */
function addAwaitingApproval(mirror: OrgMirror, seeds: Seeds): void {
    for (const lead of mirror.list('Lead')) {
        if (lead.Routing_Decision__c === 'Awaiting Approval' && !lead.IsConverted) {
            seeds.people.add(lead.Id);
        }
    }
}

/** Seeds of one version of a changed record. */
function seedVersion(
    mirror: OrgMirror,
    seeds: Seeds,
    change: RecordChange,
    record: StoredRecord
): void {
    const field = (name: string): string | null => text(record, name);
    switch (change.object) {
        case 'Lead':
            seeds.people.add(record.Id);
            for (const name of ['Matched_Account__c', 'ConvertedAccountId']) {
                const accountId = field(name);
                if (accountId !== null) {
                    seeds.accounts.add(accountId);
                }
            }
            addReference(mirror, seeds, field('ConvertedContactId'));
            return;
        case 'Contact':
            seeds.people.add(record.Id);
            addReference(mirror, seeds, field('AccountId'));
            return;
        case 'Account':
            seeds.accounts.add(record.Id);
            return;
        case 'Opportunity':
            addReference(mirror, seeds, field('AccountId'));
            return;
        case 'Task':
        case 'Event':
            for (const name of ['WhoId', 'WhatId', 'AccountId']) {
                addReference(mirror, seeds, field(name));
            }
            return;
        case 'Engagement_Signal__c':
        case 'SLA_Clock__c':
        case 'SLA_Breach__c':
            for (const name of ['Lead__c', 'Contact__c', 'Account__c']) {
                addReference(mirror, seeds, field(name));
            }
            return;
        case 'CampaignMember':
            addReference(mirror, seeds, field('LeadId'));
            addReference(mirror, seeds, field('ContactId'));
            return;
        case 'SLA_Review__c':
            addReference(mirror, seeds, field('Lead__c'));
            if (field('Type__c') === 'Marketing Probation') {
                addAwaitingApproval(mirror, seeds);
            }
            return;
        default:
            return;
    }
}

/** Seeds of the changes a poll found, from both the old and the new version of each record. */
export function seedsOfChanges(mirror: OrgMirror, changes: readonly RecordChange[]): Seeds {
    const seeds = new Seeds();
    for (const change of changes) {
        seeds.count(`${change.object} ${change.outcome}`);
        if (ORG_WIDE_OBJECTS.has(change.object)) {
            seeds.orgWide = true;
            continue;
        }
        seedVersion(mirror, seeds, change, change.record);
        if (change.previous !== undefined) {
            seedVersion(mirror, seeds, change, change.previous);
        }
    }
    return seeds;
}

function time(value: Date | null): number {
    return value === null ? Number.NaN : value.getTime();
}

/**
 * Seeds that time alone created by `now`: open clocks past their warning time (nurture
 * clocks have none that counts) or due time, and probations that ended since `since`
 * (the previous evaluation's time; the first evaluation of a process covers the org).
 */
export function seedsOfTime(mirror: OrgMirror, now: Date, since: Date | null): Seeds {
    const seeds = new Seeds();
    const nowMs = now.getTime();
    for (const clock of mirror.list('SLA_Clock__c')) {
        const open = clock.Status__c === 'Open' || clock.Status__c === 'Warning';
        if (!open) {
            continue;
        }
        const due = time(clock.Due_At__c) <= nowMs;
        const warning =
            clock.Status__c === 'Open' &&
            clock.Type__c !== 'Nurture' &&
            time(clock.Warning_At__c) <= nowMs;
        if (!due && !warning) {
            continue;
        }
        seeds.count(due ? 'clock due' : 'clock warning');
        for (const id of [clock.Lead__c, clock.Contact__c]) {
            if (id !== null) {
                seeds.people.add(id);
            }
        }
        if (clock.Account__c !== null) {
            seeds.accounts.add(clock.Account__c);
        }
    }
    if (since !== null) {
        for (const review of mirror.list('SLA_Review__c')) {
            const ends = time(review.Ends_At__c);
            if (
                review.Type__c === 'Marketing Probation' &&
                ends > since.getTime() &&
                ends <= nowMs
            ) {
                seeds.count('probation ended');
                addAwaitingApproval(mirror, seeds);
            }
        }
    }
    return seeds;
}
