import {
    activeManagerOf,
    closeClock,
    knownManagerOf,
    nameOf,
    pickTeammate,
    startClock
} from './clocks';
import { ensureCadenceTasks } from './cadence';
import type { BreachEvent, EngineContext } from './context';
import { breachKey, describeTask, reassignedClockKey, reminderTaskKey, repReviewKey } from './keys';
import { hasBeenRouted, recyclePerson } from './recycle';
import { isUserId } from './snapshot-index';
import { ownStageRank } from './stages';
import type { ClockState } from './state/clock-store';
import type { BreachFields } from './state/outputs';
import { targetName } from './progress';
import { fitReason } from './text';
import { isHoursClockType } from './time-frames';
import {
    asTeam,
    isOpenStatus,
    MAX_BREACH_LEVEL,
    RANK_IDENTIFIED,
    type BreachAction,
    type ClockType
} from './values';

/**
 * Breaches and escalation. Each breached clock gets one `SLA_Breach__c`. A missed
 * Committee-Aware window recycles the account's people; a missed new-member follow-up
 * sends the account back to Marketing; any other breach escalates by the responsible
 * rep's number of breaches in the fiscal quarter: a reminder, then the manager, then
 * reassignment to another rep of the same manager with a new clock of the same window.
 */

/** Account of a clock: its own, or its person's. */
function accountOfClock(ctx: EngineContext, clock: ClockState): string | null {
    if (clock.Account__c !== null) {
        return clock.Account__c;
    }
    const person = ctx.index.personIndex.get(clock.Lead__c ?? clock.Contact__c ?? '');
    return person === undefined ? null : (ctx.people.accountOf[person] ?? null);
}

/** Recycles every routed person of an account whose Committee-Aware window was missed. */
function recycleAccount(ctx: EngineContext, accountId: string, reason: string): void {
    ctx.resets.accounts.add(accountId);
    for (const index of ctx.accounts.people.get(accountId) ?? []) {
        const person = ctx.index.people[index];
        // A person never routed has nothing to recycle; routing picks it up as usual.
        if (
            person !== undefined &&
            ownStageRank(ctx, person) >= RANK_IDENTIFIED &&
            hasBeenRouted(ctx, person)
        ) {
            recyclePerson(ctx, person, reason);
        }
    }
}

/** Sends an account back to Marketing at Committee-Aware and ends its Sales clocks. */
function revertAccount(ctx: EngineContext, accountId: string, reason: string): void {
    const account = ctx.index.accounts.get(accountId);
    if (account === undefined) {
        return;
    }
    ctx.changes.Account.set(account, 'Lifecycle_Owner__c', 'Marketing', reason);
    ctx.changes.Account.set(account, 'Decision_Reason__c', fitReason(reason), reason);
    ctx.resets.revertedAccounts.add(accountId);
    for (const clock of ctx.clocks.forRecord(accountId)) {
        const salesClock = clock.Type__c === 'Re-engagement' || clock.Type__c === 'Follow Up';
        if (salesClock && clock.Account__c === accountId && isOpenStatus(clock.Status__c)) {
            closeClock(ctx, clock, 'Cancelled', ctx.now, 'Account returned to Marketing');
        }
    }
}

/** Reassigns the clock's record to `toUserId` and starts a clock of the same window for them. */
function reassign(ctx: EngineContext, clock: ClockState, toUserId: string, reason: string): void {
    const subjectId = clock.Lead__c ?? clock.Contact__c ?? clock.Account__c ?? '';
    const lead = ctx.index.leads.get(subjectId);
    const contact = ctx.index.contacts.get(subjectId);
    const account = ctx.index.accounts.get(subjectId);
    if (lead !== undefined) {
        ctx.owners.assign('Lead', lead, toUserId, reason);
    } else if (contact !== undefined) {
        ctx.owners.assign('Contact', contact, toUserId, reason);
    } else if (account !== undefined) {
        ctx.owners.assign('Account', account, toUserId, reason);
    }
    const start = clock.Started_At__c;
    const due = clock.Due_At__c;
    if (start === null || due === null) {
        return;
    }
    const unit = isHoursClockType(clock.Type__c) ? 'hours' : 'days';
    const millis = ctx.time.windowMillis(start, due, unit);
    const newDue = ctx.time.sameWindowFrom(ctx.now, millis, unit);
    const created = startClock(ctx, {
        key: reassignedClockKey(clock.Clock_Key__c),
        type: (clock.Type__c ?? 'Response') as ClockType,
        leadId: clock.Lead__c,
        contactId: clock.Contact__c,
        accountId: clock.Account__c,
        responsibleUserId: toUserId,
        team: ctx.index.teamOf(toUserId) ?? asTeam(clock.Responsible_Team__c, 'Sales'),
        trigger: due,
        start: ctx.now,
        window: { amount: millis, unit },
        due: newDue,
        reason
    });
    if (created.Type__c === 'Follow Up') {
        ensureCadenceTasks(ctx, created);
    }
}

/** Reminder task for the responsible rep. */
function addReminderTask(ctx: EngineContext, clock: ClockState, key: string, repId: string): void {
    const name = targetName(ctx, clock);
    const taskKey = reminderTaskKey(key);
    const whoId = clock.Lead__c ?? clock.Contact__c;
    ctx.tasks.add({
        key: taskKey,
        clockKey: clock.Clock_Key__c,
        reason: `Reminder for the rep after a missed ${clock.Type__c ?? 'SLA'} clock`,
        fields: {
            OwnerId: repId,
            WhoId: whoId,
            WhatId: clock.Lead__c === null ? clock.Account__c : null,
            Subject: fitReason(`SLA breached: follow up with ${name}`),
            Description: describeTask(
                `The ${clock.Type__c ?? 'SLA'} clock was due at ${clock.Due_At__c?.toISOString() ?? 'unknown'} and nobody acted.`,
                taskKey
            ),
            Status: 'Not Started',
            Priority: 'High',
            ActivityDate: ctx.time.localDate(ctx.now)
        }
    });
}

function notify(
    ctx: EngineContext,
    clock: ClockState,
    key: string,
    suffix: string,
    recipients: string[],
    body: string
): void {
    ctx.notifications.add({
        key: `Breach:${key}:${suffix}`,
        recipientIds: recipients,
        targetId: clock.Lead__c ?? clock.Contact__c ?? clock.Account__c ?? '',
        title: `SLA breached: ${clock.Type__c ?? 'clock'}`,
        body: fitReason(body),
        anchor: { object: 'SLA_Breach__c', key }
    });
}

interface Escalation {
    readonly action: BreachAction;
    readonly reassignedTo: string | null;
    readonly reason: string;
}

/** Escalates by level; returns the action taken. `managerId` is the rep's active manager, if any. */
function escalate(
    ctx: EngineContext,
    clock: ClockState,
    key: string,
    level: number,
    repId: string | null,
    managerId: string | null
): Escalation {
    const name = targetName(ctx, clock);
    const { policy } = ctx;
    if (repId !== null && level >= policy.reassignLevel) {
        const target = pickTeammate(ctx, repId);
        if (target !== null) {
            const reason = `Reassigned after breach ${level} this quarter of ${nameOf(ctx.index.users.get(repId) ?? { Id: repId })}: ${name}`;
            reassign(ctx, clock, target, reason);
            notify(
                ctx,
                clock,
                key,
                'reassigned',
                [target, ...(managerId === null || managerId === target ? [] : [managerId])],
                `${name} was reassigned to you after an SLA breach.`
            );
            return { action: 'Reassigned', reassignedTo: target, reason };
        }
    }
    if (repId !== null && managerId !== null && level >= policy.managerLevel) {
        notify(
            ctx,
            clock,
            key,
            'manager',
            [managerId],
            `Breach ${level} this quarter for your rep on ${name}.`
        );
        return {
            action: 'Manager Notified',
            reassignedTo: null,
            reason: `Manager notified: breach ${level} this quarter`
        };
    }
    const reminded = repId === null ? null : reminderRecipient(ctx, repId);
    if (reminded !== null) {
        addReminderTask(ctx, clock, key, reminded);
    }
    const recipients =
        reminded !== null ? [reminded] : ctx.index.teamQueueMembers(clock.Responsible_Team__c);
    notify(
        ctx,
        clock,
        key,
        'reminder',
        recipients,
        `The ${clock.Type__c ?? 'SLA'} clock on ${name} breached.`
    );
    return {
        action: 'Reminder',
        reassignedTo: null,
        reason:
            reminded === null || reminded === repId
                ? 'Reminder sent to the responsible rep'
                : 'Reminder sent to the manager because the responsible rep is inactive'
    };
}

/**
 * Returns who gets the reminder of a rep's breach: the rep, or the rep's manager when
 * the rep is inactive (Salesforce rejects tasks owned by inactive users), or null when
 * neither is active.
 */
function reminderRecipient(ctx: EngineContext, repId: string): string | null {
    if (ctx.index.isActiveUser(repId)) {
        return repId;
    }
    return activeManagerOf(ctx, repId);
}

/** Logs the breach of one clock and acts on it. */
function handleBreach(
    ctx: EngineContext,
    event: BreachEvent
): { userId: string; quarter: string } | null {
    const clock = ctx.clocks.get(event.clockKey);
    const key = breachKey(event.clockKey);
    if (clock === undefined || ctx.breaches.has(key)) {
        return null;
    }
    const quarter = ctx.time.quarterOf(event.breachedAt).label;
    const repId = isUserId(clock.Responsible_User__c) ? clock.Responsible_User__c : null;
    const level = repId === null ? 1 : ctx.breaches.countFor(repId, quarter) + 1;
    const managerId = repId === null ? null : knownManagerOf(ctx, repId);
    const accountId = accountOfClock(ctx, clock);
    let escalation: Escalation;
    if (clock.Type__c === 'Committee Aware') {
        const reason = `Recycled: account missed Committee-Aware within its window (due ${clock.Due_At__c?.toISOString() ?? ''})`;
        if (accountId !== null) {
            recycleAccount(ctx, accountId, reason);
        }
        escalation = { action: 'Recycled', reassignedTo: null, reason };
    } else if (clock.Type__c === 'Re-engagement') {
        const reason = `Reverted to Marketing: Sales logged no activity within ${ctx.policy.newMemberResponseHours} business hours of a new committee member`;
        if (accountId !== null) {
            revertAccount(ctx, accountId, reason);
        }
        escalation = { action: 'Reverted To Marketing', reassignedTo: null, reason };
    } else {
        const activeManager = repId === null ? null : activeManagerOf(ctx, repId);
        escalation = escalate(ctx, clock, key, level, repId, activeManager);
    }
    const fields: BreachFields = {
        SLA_Clock__c: ctx.clocks.idOf(clock.Clock_Key__c),
        Lead__c: clock.Lead__c,
        Account__c: accountId,
        Responsible_User__c: repId,
        Manager__c: managerId,
        Reassigned_To__c: escalation.reassignedTo,
        Responsible_Team__c: clock.Responsible_Team__c,
        Level__c: Math.min(level, MAX_BREACH_LEVEL),
        Action__c: escalation.action,
        Breached_At__c: event.breachedAt,
        Fiscal_Quarter__c: quarter
    };
    ctx.breaches.add(key, clock.Clock_Key__c, fields, escalation.reason, ctx.now);
    ctx.stats.breaches += 1;
    return repId === null ? null : { userId: repId, quarter };
}

/** Opens one Rep Breach Review per rep and fiscal quarter that reached the review count. */
function openRepReviews(ctx: EngineContext, quarters: Set<string>): void {
    for (const { userId, quarter, count } of ctx.breaches.repQuarters()) {
        if (!quarters.has(quarter) || count < ctx.policy.repReviewBreachCount) {
            continue;
        }
        const user = ctx.index.users.get(userId);
        const managerId = knownManagerOf(ctx, userId);
        const quarterRange =
            ctx.time.quarterOf(ctx.now).label === quarter ? ctx.time.quarterOf(ctx.now) : null;
        const key = repReviewKey(userId, quarter);
        const details = `${nameOf(user ?? { Id: userId })} has ${count} SLA breaches in ${quarter}: review with RevOps, the VP of Sales and the CMO.`;
        const added = ctx.reviews.add(
            key,
            {
                Type__c: 'Rep Breach Review',
                Subject_User__c: userId,
                Team_Manager__c: managerId,
                Period__c: quarter,
                Metric_Value__c: count,
                Starts_At__c: ctx.now,
                Due_At__c: quarterRange?.end ?? null,
                Status__c: 'Open',
                Details__c: details
            },
            `Breach ${count} of the rep in ${quarter}`
        );
        const activeManager = activeManagerOf(ctx, userId);
        if (added && activeManager !== null) {
            ctx.notifications.add({
                key: `Review:${key}`,
                recipientIds: [activeManager],
                targetId: userId,
                title: 'Rep breach review opened',
                body: fitReason(details),
                anchor: { object: 'SLA_Review__c', key }
            });
        }
    }
}

/** Acts on every breach of this evaluation, oldest first, then opens rep reviews. */
export function handleBreaches(ctx: EngineContext): void {
    const events = ctx.breachEvents
        .splice(0)
        .sort(
            (a, b) =>
                a.breachedAt.getTime() - b.breachedAt.getTime() ||
                (a.clockKey < b.clockKey ? -1 : 1)
        );
    const quarters = new Set<string>([ctx.time.quarterOf(ctx.now).label]);
    for (const event of events) {
        const touched = handleBreach(ctx, event);
        if (touched !== null) {
            quarters.add(touched.quarter);
        }
    }
    openRepReviews(ctx, quarters);
}
