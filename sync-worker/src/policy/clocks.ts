import type { User } from '../schema/records';
import type { EngineContext } from './context';
import { isUserId } from './snapshot-index';
import type { ClockState } from './state/clock-store';
import { fitReason } from './text';
import type { Window } from './time-frames';
import type { ClockType, Team } from './values';

/** Subject, owner and window of a new clock. */
export interface ClockSpec {
    readonly key: string;
    readonly type: ClockType;
    readonly leadId?: string | null;
    readonly contactId?: string | null;
    readonly accountId: string | null;
    readonly responsibleUserId: string | null;
    readonly team: Team;
    /** The event that caused the clock. */
    readonly trigger: Date;
    /** Start of the window: the evaluation time, unless the rule counts from an earlier event. */
    readonly start: Date;
    readonly window: Window;
    /** Due time when the rule fixes it; otherwise the window's end after `start`. */
    readonly due?: Date;
    readonly reason: string;
}

/** Starts a clock (no-op when its key exists) and returns it. */
export function startClock(ctx: EngineContext, spec: ClockSpec): ClockState {
    const existing = ctx.clocks.get(spec.key);
    if (existing !== undefined) {
        return existing;
    }
    const due = spec.due ?? ctx.time.windowEnd(spec.start, spec.window);
    const warning = ctx.time.windowPoint(
        spec.start,
        due,
        spec.window.unit,
        ctx.policy.warningPercent
    );
    const reason = fitReason(spec.reason);
    const state: ClockState = {
        Clock_Key__c: spec.key,
        Type__c: spec.type,
        Lead__c: spec.leadId ?? null,
        Contact__c: spec.contactId ?? null,
        Account__c: spec.accountId,
        Responsible_User__c: spec.responsibleUserId,
        Responsible_Team__c: spec.team,
        Trigger_At__c: spec.trigger,
        Started_At__c: spec.start,
        Due_At__c: due,
        Warning_At__c: warning,
        Completed_At__c: null,
        Status__c: 'Open',
        Business_Hours_Id__c:
            spec.window.unit === 'hours' ? ctx.time.calendar.businessHoursId : null,
        Policy_Version__c: ctx.policy.version,
        Reason__c: reason
    };
    ctx.stats.clocksStarted += 1;
    return ctx.clocks.create(state, reason);
}

/** Closes an open clock as Met, Cancelled or Breached; returns whether it changed. */
export function closeClock(
    ctx: EngineContext,
    clock: ClockState,
    status: 'Met' | 'Cancelled' | 'Breached',
    at: Date | null,
    reason: string
): boolean {
    const patch: Partial<ClockState> = { Status__c: status, Reason__c: fitReason(reason) };
    if (status !== 'Breached') {
        patch.Completed_At__c = at;
    }
    const changed = ctx.clocks.update(clock.Clock_Key__c, patch, reason);
    if (changed) {
        ctx.stats.clocksClosed += 1;
    }
    return changed;
}

/**
 * Returns who must act for a record's owner: the user and the user's team, or, for a
 * queue, no user and the queue's team. `fallback` is the team the rule routed to.
 */
export function responsibilityOf(
    ctx: EngineContext,
    ownerId: string | null,
    fallback: Team
): { userId: string | null; team: Team } {
    if (isUserId(ownerId)) {
        return { userId: ownerId, team: ctx.index.teamOf(ownerId) ?? fallback };
    }
    return { userId: null, team: ctx.index.teamOf(ownerId) ?? fallback };
}

/**
 * Picks the user with the fewest open clocks; ties go to the one whose last clock or
 * assignment is the oldest (round robin that needs no state outside the org), then to
 * the smallest Id. Records the pick as an assignment, so the next tie goes elsewhere.
 */
export function pickByWorkload(
    ctx: EngineContext,
    candidates: readonly User[],
    excludeId?: string
): User | null {
    const user = ctx.workload.bestAmong(candidates, excludeId);
    if (user !== null) {
        ctx.workload.change(user.Id, 0, ctx.nowMs);
    }
    return user;
}

/** Picks the least loaded active member of a team (see `pickByWorkload`). */
export function pickTeamMember(ctx: EngineContext, team: Team): User | null {
    const id = ctx.workload.best(team, ctx.index.activeByTeam.get(team) ?? []);
    if (id === null) {
        return null;
    }
    ctx.workload.change(id, 0, ctx.nowMs);
    return ctx.index.users.get(id) ?? null;
}

/**
 * Returns a user's manager for lookups such as `Manager__c`: a user of the snapshot other
 * than the user. Null when `ManagerId` is empty, names the user, or names a user the
 * snapshot lacks (a lookup to it would fail the write).
 */
export function knownManagerOf(ctx: EngineContext, userId: string): string | null {
    const managerId = ctx.index.users.get(userId)?.ManagerId ?? null;
    return managerId !== null && managerId !== userId && ctx.index.users.has(managerId)
        ? managerId
        : null;
}

/**
 * Returns the manager who can act on an escalation: the known manager when active.
 * Salesforce rejects tasks, notifications and ownership for inactive users.
 */
export function activeManagerOf(ctx: EngineContext, userId: string): string | null {
    const managerId = knownManagerOf(ctx, userId);
    return ctx.index.isActiveUser(managerId) ? managerId : null;
}

/**
 * Another active rep of the same manager by workload, else the active manager; null
 * without either. A rep who is their own manager has no teammates.
 */
export function pickTeammate(ctx: EngineContext, repId: string): string | null {
    const managerId = ctx.index.users.get(repId)?.ManagerId ?? null;
    if (managerId === null || managerId === repId) {
        return null;
    }
    const teammates = ctx.index.reportsByManager.get(managerId) ?? [];
    return pickByWorkload(ctx, teammates, repId)?.Id ?? activeManagerOf(ctx, repId);
}

/** Display name of a person or account for reasons and notifications. */
export function nameOf(record: {
    Id: string;
    Name?: string | null;
    FirstName?: string | null;
    LastName?: string | null;
}): string {
    if (record.Name !== undefined && record.Name !== null) {
        return record.Name;
    }
    const parts = [record.FirstName, record.LastName].filter(
        (part): part is string => part !== null && part !== undefined && part !== ''
    );
    return parts.length > 0 ? parts.join(' ') : record.Id;
}
