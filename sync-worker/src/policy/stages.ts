import type { Account, Contact, Lead } from '../schema/records';
import type { EngineContext } from './context';
import type { Person } from './snapshot-index';
import {
    DEMO_EVENT_TYPE,
    RANK_ACTIVE_OPPORTUNITY,
    RANK_COMMITTEE_AWARE,
    RANK_ENGAGED,
    RANK_IDENTIFIED,
    RANK_QUALIFIED,
    stageAt,
    STAGES,
    type Stage,
    stageRank
} from './values';

/**
 * Lifecycle stages. A person's own stage is Anonymous, Identified or Engaged; an
 * account reaches Committee-Aware, Qualified and Active Opportunity; a person shows the
 * later of its own stage and its account's. Stages only move forward, except that a
 * recycled person or account is recomputed from scratch and a reverted account goes
 * back to Committee-Aware.
 */

function hasText(value: string | null): boolean {
    return value !== null && value.trim() !== '';
}

/** Identified: an email or a LinkedIn URL. */
export function isIdentified(record: Lead | Contact): boolean {
    return hasText(record.Email) || hasText(record.LinkedIn_URL__c);
}

/** Own stage of a person from its current data, ignoring what is stored. */
export function ownStageRank(ctx: EngineContext, person: Person): number {
    if (!isIdentified(person.record)) {
        return 0;
    }
    const { engagement, meetings } = ctx.people;
    const engaged =
        (engagement[person.index] ?? 0) >= ctx.policy.engagedMinContent &&
        (meetings[person.index] ?? 0) >= ctx.policy.engagedMinMeetings;
    return engaged ? RANK_ENGAGED : RANK_IDENTIFIED;
}

/** Budget confirmed on the account or on one of its open opportunities. */
export function isBudgetConfirmed(ctx: EngineContext, account: Account): boolean {
    const opportunities = ctx.index.opportunitiesByAccount.get(account.Id) ?? [];
    return (
        account.Budget_Confirmed__c ||
        opportunities.some(
            (opportunity) => !opportunity.IsClosed && opportunity.Budget_Confirmed__c
        )
    );
}

/** Tells whether an open opportunity has a signed NDA and a demo scheduled (a date, or an Event of type Demo). */
export function hasActiveOpportunity(ctx: EngineContext, account: Account): boolean {
    const opportunities = ctx.index.opportunitiesByAccount.get(account.Id) ?? [];
    const demoEvent = (ctx.index.activitiesByAccount.get(account.Id) ?? []).some(
        (activity) => activity.kind === 'Event' && activity.type === DEMO_EVENT_TYPE
    );
    return opportunities.some(
        (opportunity) =>
            !opportunity.IsClosed &&
            opportunity.NDA_Signed__c &&
            (opportunity.Demo_Scheduled_At__c !== null || demoEvent)
    );
}

/** Latest time the account was sent back to Marketing, or -Infinity. */
export function revertedAt(ctx: EngineContext, accountId: string): number {
    return ctx.breaches.latestRevert(accountId);
}

/**
 * True while a reverted account has had no signal since its revert: it stays with
 * Marketing at Committee-Aware until its committee shows new activity.
 */
export function isHeldAfterRevert(
    ctx: EngineContext,
    accountId: string,
    revertTime: number
): boolean {
    if (revertTime === Number.NEGATIVE_INFINITY) {
        return false;
    }
    const last = ctx.accounts.lastSignal.get(accountId) ?? Number.NEGATIVE_INFINITY;
    return last <= revertTime;
}

/** Account stage from its current data: the best of its people's own stages and the committee stages. */
export function computedAccountRank(
    ctx: EngineContext,
    account: Account,
    revertTime: number
): number {
    const people = ctx.accounts.people.get(account.Id) ?? [];
    let rank = -1;
    for (const person of people) {
        const entry = ctx.index.people[person];
        if (entry !== undefined) {
            rank = Math.max(rank, ownStageRank(ctx, entry));
        }
    }
    const active = ctx.accounts.active.get(account.Id)?.length ?? 0;
    const intent = ctx.accounts.committeeIntent.get(account.Id) ?? 0;
    const { policy } = ctx;
    if (active >= policy.committeeAwareMinActive) {
        rank = Math.max(rank, RANK_COMMITTEE_AWARE);
    }
    if (isHeldAfterRevert(ctx, account.Id, revertTime)) {
        return Math.min(rank, RANK_COMMITTEE_AWARE);
    }
    if (
        intent >= policy.qualifiedMinIntent &&
        active >= policy.qualifiedMinActive &&
        isBudgetConfirmed(ctx, account)
    ) {
        rank = Math.max(rank, RANK_QUALIFIED);
    }
    if (hasActiveOpportunity(ctx, account)) {
        rank = Math.max(rank, RANK_ACTIVE_OPPORTUNITY);
    }
    return rank;
}

/** Desired account stage: forward only, unless recycled (from scratch) or reverted (back to Committee-Aware at most). */
export function desiredAccountRank(ctx: EngineContext, account: Account): number {
    const revertTime = revertedAt(ctx, account.Id);
    const computed = computedAccountRank(ctx, account, revertTime);
    if (ctx.resets.accounts.has(account.Id)) {
        return computed;
    }
    const stored = stageRank(account.Lifecycle_Stage__c);
    if (
        ctx.resets.revertedAccounts.has(account.Id) ||
        isHeldAfterRevert(ctx, account.Id, revertTime)
    ) {
        // A revert lowers a Sales-owned stage to Committee-Aware and leaves a lower stage as it is.
        return Math.max(Math.min(stored, RANK_COMMITTEE_AWARE), computed);
    }
    return Math.max(stored, computed);
}

/** One reason string per stage, shared by every record that reaches it. */
const STAGE_REASONS = Object.fromEntries(
    STAGES.map((stage) => [stage, `Stage ${stage}`])
) as Record<Stage, string>;

/** Writes every account's and person's stage. */
export function applyStages(ctx: EngineContext): void {
    const accountRanks = new Map<string, number>();
    for (const account of ctx.index.accounts.values()) {
        const rank = desiredAccountRank(ctx, account);
        accountRanks.set(account.Id, rank);
        if (rank < 0) {
            continue;
        }
        const stage = stageAt(rank);
        const changes = ctx.changes.Account;
        if (changes.get(account, 'Lifecycle_Stage__c') !== stage) {
            changes.set(account, 'Lifecycle_Stage__c', stage, STAGE_REASONS[stage]);
            changes.set(account, 'Stage_Changed_At__c', ctx.now);
        }
    }
    for (const person of ctx.index.people) {
        const accountId = ctx.people.accountOf[person.index] ?? null;
        const accountRank = accountId === null ? -1 : (accountRanks.get(accountId) ?? -1);
        const stored = ctx.resets.people.has(person.index)
            ? -1
            : stageRank(person.record.Lifecycle_Stage__c);
        const own = ownStageRank(ctx, person);
        const reverted = accountId !== null && ctx.resets.revertedAccounts.has(accountId);
        const kept = reverted ? Math.min(stored, RANK_COMMITTEE_AWARE) : stored;
        const stage = stageAt(Math.max(kept, own, accountRank));
        writePersonField(ctx, person, 'Lifecycle_Stage__c', stage, STAGE_REASONS[stage]);
    }
}

/** Sets a field that Lead and Contact share. */
export function writePersonField<
    K extends
        'Lifecycle_Stage__c' | 'Intent_Score__c' | 'Engagement_Count__c' | 'Decision_Reason__c'
>(
    ctx: EngineContext,
    person: Person,
    field: K,
    value: Lead[K] & Contact[K],
    reason?: string
): void {
    if (person.kind === 'Lead') {
        ctx.changes.Lead.set(person.record, field, value, reason);
    } else {
        ctx.changes.Contact.set(person.record, field, value, reason);
    }
}
