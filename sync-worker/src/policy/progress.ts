import type { Lead } from '../schema/records';
import { closeClock, nameOf } from './clocks';
import type { EngineContext } from './context';
import { cadenceTaskKey, routeKindOfKey } from './keys';
import { recyclePerson } from './recycle';
import type { Activity } from './snapshot-index';
import type { ClockState } from './state/clock-store';
import { stageRank, RANK_COMMITTEE_AWARE, REJECTED_STATUS } from './values';

/**
 * Clock progress: each open clock is met by the action its type requires, warned at
 * its warning time, or breached once the evaluation time is past its due time. An
 * action exactly at the due time is in time. A breached clock records the late action
 * in `Completed_At__c` when it finally happens.
 */

/** True for a lead Sales rejected, unless RevOps overturned the rejection. */
export function isRejected(lead: Lead): boolean {
    return lead.Status === REJECTED_STATUS && lead.Dispute_Status__c !== 'Overturned';
}

/** Earliest time in [from, until] at which an accepted activity was done; NaN when none. */
function firstDone(
    activities: readonly Activity[] | undefined,
    from: number,
    until: number,
    accept: (activity: Activity) => boolean
): number {
    let first = Number.NaN;
    for (const activity of activities ?? []) {
        const done = activity.doneAt;
        if (
            done >= from &&
            done <= until &&
            !activity.byEngine &&
            accept(activity) &&
            !(done >= first)
        ) {
            first = done;
        }
    }
    return first;
}

/** Activity by the responsible user (anyone when a queue is responsible) on the person. */
function personResponse(ctx: EngineContext, clock: ClockState, until: number): number {
    const personId = clock.Lead__c ?? clock.Contact__c;
    const start = clock.Started_At__c?.getTime() ?? Number.NaN;
    const user = clock.Responsible_User__c;
    return firstDone(
        ctx.index.activitiesByWho.get(personId ?? ''),
        start,
        until,
        (activity) => user === null || activity.ownerId === user
    );
}

/** Activity by a Sales user (or the responsible user) on the account or any of its people. */
function accountResponse(ctx: EngineContext, clock: ClockState, until: number): number {
    const accountId = clock.Account__c ?? '';
    const start = clock.Started_At__c?.getTime() ?? Number.NaN;
    const bySales = (activity: Activity): boolean =>
        activity.ownerId === clock.Responsible_User__c ||
        ctx.index.teamOf(activity.ownerId) === 'Sales';
    let first = firstDone(ctx.index.activitiesByAccount.get(accountId), start, until, bySales);
    for (const person of ctx.accounts.people.get(accountId) ?? []) {
        const personId = ctx.index.people[person]?.record.Id ?? '';
        const done = firstDone(ctx.index.activitiesByWho.get(personId), start, until, bySales);
        if (!Number.isNaN(done) && !(done >= first)) {
            first = done;
        }
    }
    return first;
}

/**
 * Progress of the follow-up cadence. `inTimeAt`: the last completion when every step was
 * done by the end of its day, else NaN. `missedAt`: the earliest step deadline missed so
 * far (or still open), NaN when none. `allDoneAt`: the last completion once every step is
 * done, late or not.
 */
function cadenceProgress(
    ctx: EngineContext,
    clock: ClockState
): { inTimeAt: number; missedAt: number; allDoneAt: number } {
    const base = clock.Started_At__c ?? ctx.now;
    let lastDone = Number.NEGATIVE_INFINITY;
    let missedAt = Number.NaN;
    let allDone = true;
    for (const [at, step] of ctx.policy.followUpCadence.entries()) {
        const due = ctx.time.endOfDay(ctx.time.addDays(base, step.day)).getTime();
        const task = ctx.tasks.get(cadenceTaskKey(clock.Clock_Key__c, at));
        const done =
            task?.IsClosed === true
                ? (task.CompletedDateTime ?? task.LastModifiedDate)?.getTime()
                : undefined;
        if (done === undefined || done > ctx.nowMs) {
            allDone = false;
        } else {
            lastDone = Math.max(lastDone, done);
        }
        if ((done === undefined || done > due) && !(due >= missedAt)) {
            missedAt = due;
        }
    }
    return {
        inTimeAt: Number.isNaN(missedAt) ? lastDone : Number.NaN,
        missedAt,
        allDoneAt: allDone ? lastDone : Number.NaN
    };
}

/**
 * Time the clock's required action happened, NaN when it has not. `until` bounds the
 * activities searched; `late` requests the action after a breach.
 */
function actionTime(ctx: EngineContext, clock: ClockState, until: number, late: boolean): number {
    switch (clock.Type__c) {
        case 'Response':
        case 'Dispute Follow Up':
            return personResponse(ctx, clock, until);
        case 'Re-engagement':
            return accountResponse(ctx, clock, until);
        case 'Follow Up': {
            const progress = cadenceProgress(ctx, clock);
            return late ? progress.allDoneAt : progress.inTimeAt;
        }
        case 'Committee Aware':
            return committeeAwareAt(ctx, clock);
        case 'Dispute Review': {
            const status = ctx.index.leads.get(clock.Lead__c ?? '')?.Dispute_Status__c;
            return status === 'Overturned' || status === 'Upheld' ? ctx.nowMs : Number.NaN;
        }
        default:
            return Number.NaN;
    }
}

/** When the account reached Committee-Aware: from its stored stage, or now from its committee. */
function committeeAwareAt(ctx: EngineContext, clock: ClockState): number {
    const account = ctx.index.accounts.get(clock.Account__c ?? '');
    if (account === undefined) {
        return Number.NaN;
    }
    if (stageRank(account.Lifecycle_Stage__c) >= RANK_COMMITTEE_AWARE) {
        return Math.min(account.Stage_Changed_At__c?.getTime() ?? ctx.nowMs, ctx.nowMs);
    }
    const active = ctx.accounts.active.get(account.Id)?.length ?? 0;
    return active >= ctx.policy.committeeAwareMinActive ? ctx.nowMs : Number.NaN;
}

/** Clock types that track a lead or contact; the others track an account. */
const PERSON_CLOCK_TYPES: ReadonlySet<string | null> = new Set([
    'Response',
    'Nurture',
    'Dispute Review',
    'Dispute Follow Up'
]);
const ACCOUNT_CLOCK_TYPES: ReadonlySet<string | null> = new Set([
    'Committee Aware',
    'Re-engagement',
    'Follow Up'
]);

/** Person a route clock's key names (`Response:<personId>:...`); null for other keys. */
function routedPersonOf(key: string): string | null {
    return routeKindOfKey(key) === null ? null : (key.split(':')[1] ?? null);
}

/**
 * Reason to cancel a clock whose subject is gone, or null. The org clears a clock's
 * lookups when its lead, contact or account is deleted. Such a clock could never be met,
 * so it would breach and escalate with no record to name. A merge moves the losing lead's route
 * clocks to the winner, which the engine routes on its own, so they would count the
 * person twice.
 */
function lostSubject(clock: ClockState): string | null {
    if (PERSON_CLOCK_TYPES.has(clock.Type__c)) {
        const personId = clock.Lead__c ?? clock.Contact__c;
        if (personId === null) {
            return 'Cancelled: the lead or contact it tracked was deleted';
        }
        const routedId = routedPersonOf(clock.Clock_Key__c);
        if (routedId !== null && routedId !== personId) {
            return `Cancelled: ${routedId} was merged into ${personId}`;
        }
    }
    if (ACCOUNT_CLOCK_TYPES.has(clock.Type__c) && clock.Account__c === null) {
        return 'Cancelled: the account it tracked was deleted';
    }
    return null;
}

/** Reason to cancel an open clock whose subject no longer needs it, or null. */
function cancellation(ctx: EngineContext, clock: ClockState): string | null {
    const lost = lostSubject(clock);
    if (lost !== null) {
        return lost;
    }
    const lead = clock.Lead__c === null ? undefined : ctx.index.leads.get(clock.Lead__c);
    if (lead?.IsConverted === true && clock.Type__c !== 'Dispute Review') {
        return `Lead converted: tracking continues on contact ${lead.ConvertedContactId ?? 'unknown'}`;
    }
    if (clock.Type__c === 'Response' && lead !== undefined && isRejected(lead)) {
        return `Rejected by Sales: ${lead.Rejection_Reason__c ?? 'no reason given'}`;
    }
    if (clock.Type__c === 'Dispute Review' && lead?.Dispute_Status__c === null) {
        return 'Dispute withdrawn';
    }
    if (clock.Type__c === 'Re-engagement') {
        const account = ctx.index.accounts.get(clock.Account__c ?? '');
        if (
            account !== undefined &&
            ctx.changes.Account.get(account, 'Lifecycle_Owner__c') !== 'Sales'
        ) {
            return 'Account is no longer owned by Sales';
        }
    }
    return null;
}

/** Ends a nurture period: with no rise in intent (a rise re-routes first), the person is recycled. */
function endNurture(ctx: EngineContext, clock: ClockState): void {
    const due = clock.Due_At__c;
    if (due === null || ctx.nowMs <= due.getTime()) {
        return;
    }
    const personId = clock.Lead__c ?? clock.Contact__c ?? '';
    const person = ctx.index.people[ctx.index.personIndex.get(personId) ?? -1];
    const reason = `Recycled: intent did not rise in ${ctx.policy.nurtureDays} days of nurture`;
    closeClock(ctx, clock, 'Cancelled', due, reason);
    if (person !== undefined) {
        recyclePerson(ctx, person, reason);
    }
}

function warn(ctx: EngineContext, clock: ClockState): void {
    const warningAt = clock.Warning_At__c?.getTime() ?? Number.NaN;
    if (clock.Status__c !== 'Open' || !(ctx.nowMs >= warningAt) || clock.Type__c === 'Nurture') {
        return;
    }
    const due = clock.Due_At__c?.toISOString() ?? 'unknown';
    const reason = `Warning: ${ctx.policy.warningPercent}% of the window has passed; due ${due}`;
    if (!ctx.clocks.update(clock.Clock_Key__c, { Status__c: 'Warning' }, reason)) {
        return;
    }
    const recipients =
        clock.Responsible_User__c !== null
            ? [clock.Responsible_User__c]
            : ctx.index.teamQueueMembers(clock.Responsible_Team__c);
    ctx.notifications.add({
        key: `Warning:${clock.Clock_Key__c}`,
        recipientIds: recipients,
        targetId: clock.Lead__c ?? clock.Contact__c ?? clock.Account__c ?? '',
        title: `SLA warning: ${clock.Type__c ?? 'clock'} due soon`,
        body: `${targetName(ctx, clock)}: the ${clock.Type__c ?? ''} clock is due at ${due}.`,
        anchor: { object: 'SLA_Clock__c', key: clock.Clock_Key__c }
    });
}

export function targetName(ctx: EngineContext, clock: ClockState): string {
    const id = clock.Lead__c ?? clock.Contact__c ?? clock.Account__c ?? '';
    const record =
        ctx.index.leads.get(id) ?? ctx.index.contacts.get(id) ?? ctx.index.accounts.get(id);
    return record === undefined ? id : nameOf(record);
}

/** Records the late action of a breached clock once it happens. */
function completeLate(ctx: EngineContext, clock: ClockState): void {
    const late = actionTime(ctx, clock, ctx.nowMs, true);
    if (!Number.isNaN(late) && late <= ctx.nowMs) {
        ctx.clocks.update(
            clock.Clock_Key__c,
            { Completed_At__c: new Date(late) },
            'Required action done after the breach'
        );
    }
}

/** Advances one open clock; records a breach event when it breaches. */
export function progressClock(ctx: EngineContext, clock: ClockState): void {
    if (clock.Status__c === 'Breached' && clock.Completed_At__c === null) {
        completeLate(ctx, clock);
        return;
    }
    if (clock.Status__c !== 'Open' && clock.Status__c !== 'Warning') {
        return;
    }
    const cancelled = cancellation(ctx, clock);
    if (cancelled !== null) {
        closeClock(ctx, clock, 'Cancelled', ctx.now, cancelled);
        return;
    }
    if (clock.Type__c === 'Nurture') {
        endNurture(ctx, clock);
        return;
    }
    const due = clock.Due_At__c?.getTime() ?? Number.NaN;
    const until = Math.min(due, ctx.nowMs);
    const done = actionTime(ctx, clock, until, false);
    if (done <= until) {
        closeClock(
            ctx,
            clock,
            'Met',
            new Date(done),
            `Met: the required action happened at ${new Date(done).toISOString()}`
        );
        return;
    }
    const missedStep =
        clock.Type__c === 'Follow Up' ? cadenceProgress(ctx, clock).missedAt : Number.NaN;
    const breachAt = Number.isNaN(missedStep) ? due : Math.min(missedStep, due);
    if (ctx.nowMs > breachAt) {
        closeClock(
            ctx,
            clock,
            'Breached',
            null,
            `Breached: no required action by ${new Date(breachAt).toISOString()}`
        );
        ctx.breachEvents.push({ clockKey: clock.Clock_Key__c, breachedAt: new Date(breachAt) });
        completeLate(ctx, clock);
        return;
    }
    warn(ctx, clock);
}

/** Advances every open clock, including the ones started in this evaluation. */
export function progressClocks(ctx: EngineContext): void {
    for (const clock of [...ctx.clocks.all()]) {
        progressClock(ctx, clock);
    }
}
