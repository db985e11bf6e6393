import type { Policy } from '../config/policy-schema';
import type { Account, Opportunity } from '../schema/records';
import { ensureCadenceTasks } from './cadence';
import { nameOf, responsibilityOf, startClock } from './clocks';
import type { EngineContext } from './context';
import { committeeAwareClockKey, followUpClockKey, newMemberClockKey } from './keys';
import { computedAccountRank, isHeldAfterRevert, ownStageRank, revertedAt } from './stages';
import { fitReason } from './text';
import { DAY_MS, type TimeFrames } from './time-frames';
import { RANK_COMMITTEE_AWARE, RANK_IDENTIFIED, stageRank } from './values';

/**
 * Buying-committee rules: the Identified to Committee-Aware window with its market
 * clause, the handoff to Sales with its follow-up cadence, and the new-member rule.
 */

/** Average days in a month, to express a buying cycle in months. */
const DAYS_PER_MONTH = 365.25 / 12;

/**
 * Average buying cycle in months (created to close) of the opportunities closed in the
 * lookback window; null when none closed. Each Id counts once, with its last record.
 */
export function averageBuyingCycleMonths(
    opportunities: readonly Opportunity[],
    time: TimeFrames,
    policy: Policy,
    nowMs: number
): number | null {
    const since = nowMs - policy.buyingCycleLookbackDays * DAY_MS;
    let total = 0;
    let count = 0;
    const byId = new Map(opportunities.map((opportunity) => [opportunity.Id, opportunity]));
    for (const opportunity of byId.values()) {
        if (
            !opportunity.IsClosed ||
            opportunity.CloseDate === null ||
            opportunity.CreatedDate === null
        ) {
            continue;
        }
        const closed = time.startOfDate(opportunity.CloseDate).getTime();
        if (closed < since || closed > nowMs) {
            continue;
        }
        total += Math.max(0, closed - opportunity.CreatedDate.getTime()) / DAY_MS / DAYS_PER_MONTH;
        count += 1;
    }
    return count === 0 ? null : total / count;
}

/** Committee-Aware window in days: longer when the market's buying cycle is long. */
export function committeeAwareWindow(ctx: EngineContext): { days: number; note: string } {
    const months = ctx.buyingCycleMonths;
    if (months !== null && months > ctx.policy.longCycleMonths) {
        const note = ` (average buying cycle ${months.toFixed(1)} months is above ${ctx.policy.longCycleMonths})`;
        return { days: ctx.policy.longCycleWindowDays, note };
    }
    return { days: ctx.policy.committeeAwareWindowDays, note: '' };
}

/** Trigger of the account's next Committee-Aware window, or null when none is due. */
function committeeAwareTrigger(ctx: EngineContext, account: Account): Date | null {
    const clocks = ctx.clocks
        .forRecord(account.Id)
        .filter((clock) => clock.Type__c === 'Committee Aware' && clock.Account__c === account.Id);
    const latest = clocks.at(-1);
    if (latest === undefined) {
        return ctx.changes.Account.get(account, 'First_Touch_At__c');
    }
    if (latest.Status__c !== 'Breached') {
        return null;
    }
    // After a missed window the people were recycled; their next signal opens a new window.
    const last = ctx.accounts.lastSignal.get(account.Id);
    const breachedAt = latest.Due_At__c?.getTime() ?? Number.POSITIVE_INFINITY;
    return last !== undefined && last > breachedAt ? new Date(last) : null;
}

/** Starts the Committee-Aware clock of each identified account that is not Committee-Aware yet. */
export function startCommitteeAwareClocks(ctx: EngineContext): void {
    const window = committeeAwareWindow(ctx);
    for (const account of ctx.index.accounts.values()) {
        const stored = stageRank(ctx.changes.Account.get(account, 'Lifecycle_Stage__c'));
        if (
            Math.max(stored, computedAccountRank(ctx, account, revertedAt(ctx, account.Id))) >=
            RANK_COMMITTEE_AWARE
        ) {
            continue;
        }
        const people = ctx.accounts.people.get(account.Id) ?? [];
        const identified = people.some((index) => {
            const person = ctx.index.people[index];
            return person !== undefined && ownStageRank(ctx, person) >= RANK_IDENTIFIED;
        });
        const trigger = identified ? committeeAwareTrigger(ctx, account) : null;
        if (trigger === null) {
            continue;
        }
        startClock(ctx, {
            key: committeeAwareClockKey(account.Id, trigger),
            type: 'Committee Aware',
            accountId: account.Id,
            responsibleUserId: null,
            team: 'Marketing',
            trigger,
            // The window counts from the touch itself, not from when the worker saw it.
            start: trigger,
            window: { amount: window.days, unit: 'days' },
            reason: `Marketing has ${window.days} days from the first touch to reach Committee-Aware${window.note}`
        });
    }
}

/** Hands accounts to Sales when their committee is ready, and starts the follow-up clock and cadence. */
export function handOffAccounts(ctx: EngineContext): void {
    const { policy } = ctx;
    for (const account of ctx.index.accounts.values()) {
        const changes = ctx.changes.Account;
        const intent = ctx.accounts.committeeIntent.get(account.Id) ?? 0;
        const active = ctx.accounts.active.get(account.Id)?.length ?? 0;
        const ready = intent >= policy.handoffMinIntent && active >= policy.handoffMinActive;
        if (
            ready &&
            changes.get(account, 'Lifecycle_Owner__c') !== 'Sales' &&
            !isHeldAfterRevert(ctx, account.Id, revertedAt(ctx, account.Id))
        ) {
            const reason = `Handed to Sales: committee intent ${intent} with ${active} active people (at least ${policy.handoffMinIntent} with ${policy.handoffMinActive})`;
            changes.set(account, 'Lifecycle_Owner__c', 'Sales', reason);
            changes.set(account, 'Handoff_At__c', ctx.now, reason);
            changes.set(account, 'Decision_Reason__c', fitReason(reason), reason);
        }
        if (changes.get(account, 'Lifecycle_Owner__c') === 'Sales') {
            startFollowUp(ctx, account);
        }
    }
}

function startFollowUp(ctx: EngineContext, account: Account): void {
    const handoffAt = ctx.changes.Account.get(account, 'Handoff_At__c');
    if (handoffAt === null) {
        return;
    }
    const key = followUpClockKey(account.Id, handoffAt);
    const windowEnd = ctx.time.endOfDay(ctx.time.addDays(handoffAt, ctx.policy.followUpDays));
    // A handoff whose window is over had its clock long ago; the worker may not have read it.
    if (ctx.clocks.get(key) === undefined && windowEnd.getTime() >= ctx.nowMs) {
        const owner = responsibilityOf(ctx, account.OwnerId, 'Sales');
        const steps = ctx.policy.followUpCadence
            .map((step) => `day ${step.day} ${step.type.toLowerCase()}`)
            .join(', ');
        startClock(ctx, {
            key,
            type: 'Follow Up',
            accountId: account.Id,
            responsibleUserId: owner.userId,
            team: 'Sales',
            trigger: handoffAt,
            start: handoffAt,
            window: { amount: ctx.policy.followUpDays, unit: 'days' },
            due: windowEnd,
            reason: `Follow up the handoff within ${ctx.policy.followUpDays} days: ${steps}`
        });
    }
    for (const clock of ctx.clocks.forRecord(account.Id)) {
        if (clock.Type__c === 'Follow Up' && clock.Account__c === account.Id) {
            ensureCadenceTasks(ctx, clock);
        }
    }
}

/**
 * While Sales owns an account, a person whose first signal came after the handoff is a
 * new committee member: Sales must act within the new-member window.
 */
export function watchNewMembers(ctx: EngineContext): void {
    for (const account of ctx.index.accounts.values()) {
        const handoffAt = ctx.changes.Account.get(account, 'Handoff_At__c');
        if (
            ctx.changes.Account.get(account, 'Lifecycle_Owner__c') !== 'Sales' ||
            handoffAt === null
        ) {
            continue;
        }
        for (const index of ctx.accounts.active.get(account.Id) ?? []) {
            const person = ctx.index.people[index];
            const first = ctx.people.firstSignal[index] ?? Number.NaN;
            if (person === undefined || !(first > handoffAt.getTime())) {
                continue;
            }
            const owner = responsibilityOf(ctx, account.OwnerId, 'Sales');
            const hours = ctx.policy.newMemberResponseHours;
            startClock(ctx, {
                key: newMemberClockKey(account.Id, person.record.Id, handoffAt),
                type: 'Re-engagement',
                leadId: person.kind === 'Lead' ? person.record.Id : null,
                contactId: person.kind === 'Contact' ? person.record.Id : null,
                accountId: account.Id,
                responsibleUserId: owner.userId,
                team: 'Sales',
                trigger: new Date(first),
                start: ctx.now,
                window: { amount: hours, unit: 'hours' },
                reason: `New committee member ${nameOf(person.record)}: Sales must log an activity within ${hours} business hours`
            });
        }
    }
}
