/**
 * Snapshot building: the records one evaluation reads, from the mirror. A full
 * snapshot contains the whole mirror. A focused one contains the focus people and accounts
 * with their context (signals, campaign responses, activities, opportunities) plus the
 * records that rules across the org read: every user, queue, campaign, business hours
 * record and holiday, every SLA clock, breach, review and scorecard (workload, breach
 * levels, probation), and the opportunities closed in the buying-cycle lookback.
 */
import type { OrgSnapshot } from '../policy';
import type { Event, Opportunity, Task } from '../schema/records';
import type { FocusSet } from './context';
import type { OrgMirror } from './mirror';

const DAY_MS = 86_400_000;

/** Builds a snapshot of the whole mirror. */
export function fullSnapshot(mirror: OrgMirror): OrgSnapshot {
    return {
        leads: mirror.list('Lead'),
        contacts: mirror.list('Contact'),
        accounts: mirror.list('Account'),
        opportunities: mirror.list('Opportunity'),
        tasks: mirror.list('Task'),
        events: mirror.list('Event'),
        users: mirror.list('User'),
        groups: mirror.list('Group'),
        groupMembers: mirror.list('GroupMember'),
        campaigns: mirror.list('Campaign'),
        campaignMembers: mirror.list('CampaignMember'),
        signals: mirror.signalColumns(),
        clocks: mirror.list('SLA_Clock__c'),
        breaches: mirror.list('SLA_Breach__c'),
        reviews: mirror.list('SLA_Review__c'),
        scorecards: mirror.list('SLA_Scorecard__c'),
        businessHours: mirror.list('BusinessHours'),
        holidays: mirror.list('Holiday'),
        organization: mirror.list('Organization')[0] ?? null
    };
}

function isIn(set: ReadonlySet<string>, id: string | null): boolean {
    return id !== null && set.has(id);
}

/** True for an opportunity whose close falls in the lookback, which the buying cycle averages. */
function closedInLookback(opportunity: Opportunity, now: Date, lookbackDays: number): boolean {
    if (!opportunity.IsClosed || opportunity.CloseDate === null) {
        return false;
    }
    const closed = Date.parse(`${opportunity.CloseDate}T00:00:00Z`);
    // A day of margin on each side: the engine measures the date in the org's time zone.
    return (
        closed >= now.getTime() - (lookbackDays + 1) * DAY_MS && closed <= now.getTime() + DAY_MS
    );
}

/** Builds a snapshot of the focus with its context and the org-wide records. */
export function focusedSnapshot(
    mirror: OrgMirror,
    focus: FocusSet,
    now: Date,
    buyingCycleLookbackDays: number
): OrgSnapshot {
    const people = new Set([...focus.leadIds, ...focus.contactIds]);
    const opportunities = mirror
        .list('Opportunity')
        .filter(
            (opportunity) =>
                isIn(focus.accountIds, opportunity.AccountId) ||
                closedInLookback(opportunity, now, buyingCycleLookbackDays)
        );
    const focusOpportunities = new Set(
        opportunities
            .filter((opportunity) => isIn(focus.accountIds, opportunity.AccountId))
            .map((opportunity) => opportunity.Id)
    );
    const concerns = (activity: Task | Event): boolean =>
        isIn(people, activity.WhoId) ||
        isIn(focus.accountIds, activity.AccountId) ||
        isIn(focus.accountIds, activity.WhatId) ||
        isIn(focusOpportunities, activity.WhatId);
    return {
        leads: mirror.list('Lead').filter((lead) => focus.leadIds.has(lead.Id)),
        contacts: mirror.list('Contact').filter((contact) => focus.contactIds.has(contact.Id)),
        accounts: mirror.list('Account').filter((account) => focus.accountIds.has(account.Id)),
        opportunities,
        tasks: mirror.list('Task').filter(concerns),
        events: mirror.list('Event').filter(concerns),
        users: mirror.list('User'),
        groups: mirror.list('Group'),
        groupMembers: mirror.list('GroupMember'),
        campaigns: mirror.list('Campaign'),
        campaignMembers: mirror
            .list('CampaignMember')
            .filter((member) => isIn(people, member.LeadId) || isIn(people, member.ContactId)),
        signals: mirror.signalColumnsConcerning(people, focus.accountIds),
        clocks: mirror.list('SLA_Clock__c'),
        breaches: mirror.list('SLA_Breach__c'),
        reviews: mirror.list('SLA_Review__c'),
        scorecards: mirror.list('SLA_Scorecard__c'),
        businessHours: mirror.list('BusinessHours'),
        holidays: mirror.list('Holiday'),
        organization: mirror.list('Organization')[0] ?? null
    };
}

/** Accounts with an open follow-up clock: their cadence is judged step by step, so they join every evaluation. */
export function followUpAccounts(mirror: OrgMirror): string[] {
    return mirror
        .list('SLA_Clock__c')
        .filter(
            (clock) =>
                clock.Type__c === 'Follow Up' &&
                (clock.Status__c === 'Open' || clock.Status__c === 'Warning') &&
                clock.Account__c !== null
        )
        .map((clock) => clock.Account__c ?? '');
}
