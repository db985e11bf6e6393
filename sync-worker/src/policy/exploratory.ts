import type { EngineContext } from './context';
import { signalTimesOf, type SignalSource } from './signals';
import type { OrgSnapshot } from './snapshot';
import type { Activity } from './snapshot-index';
import { DAY_MS } from './time-frames';

/**
 * Exploratory activities: a task or event that a Sales user logs on an account with
 * exactly the policy's number of active people (one by default) at the time it was
 * logged. The activity, the account and a lead it names get `Exploratory__c`; the flag
 * is never cleared, because it describes the moment of the activity.
 */

/** Account of an activity: its own, or the account of the person it names. */
function accountOfActivity(ctx: EngineContext, activity: Activity): string | null {
    if (activity.accountId !== null) {
        return activity.accountId;
    }
    const person = ctx.index.personIndex.get(activity.whoId ?? '');
    return person === undefined ? null : (ctx.people.accountOf[person] ?? null);
}

/** True when a sorted list contains a time in [from, to]. */
function hasTimeBetween(sorted: readonly number[], from: number, to: number): boolean {
    let low = 0;
    let high = sorted.length;
    while (low < high) {
        const middle = (low + high) >>> 1;
        if ((sorted[middle] ?? 0) < from) {
            low = middle + 1;
        } else {
            high = middle;
        }
    }
    return low < sorted.length && (sorted[low] ?? Number.POSITIVE_INFINITY) <= to;
}

function candidates(ctx: EngineContext): { activity: Activity; accountId: string }[] {
    const found: { activity: Activity; accountId: string }[] = [];
    for (const activity of ctx.index.activities) {
        if (
            activity.byEngine ||
            activity.record.Exploratory__c ||
            !(activity.createdAt <= ctx.nowMs)
        ) {
            continue;
        }
        if (ctx.index.teamOf(activity.ownerId) !== 'Sales') {
            continue;
        }
        const accountId = accountOfActivity(ctx, activity);
        if (accountId !== null) {
            found.push({ activity, accountId });
        }
    }
    return found;
}

function flag(ctx: EngineContext, activity: Activity, accountId: string, reason: string): void {
    if (activity.kind === 'Task') {
        ctx.changes.Task.set(activity.record, 'Exploratory__c', true, reason);
    } else {
        ctx.changes.Event.set(activity.record, 'Exploratory__c', true, reason);
    }
    const account = ctx.index.accounts.get(accountId);
    if (account !== undefined) {
        ctx.changes.Account.set(account, 'Exploratory__c', true, reason);
    }
    const lead = ctx.index.leads.get(activity.whoId ?? '');
    if (lead !== undefined && !lead.IsConverted) {
        ctx.changes.Lead.set(lead, 'Exploratory__c', true, reason);
    }
}

/** Flags exploratory activities, counting active people as of each activity's creation. */
export function flagExploratoryActivities(
    ctx: EngineContext,
    snapshot: OrgSnapshot,
    source: SignalSource
): void {
    const found = candidates(ctx);
    if (found.length === 0) {
        return;
    }
    const wanted = new Set<number>();
    for (const { accountId } of found) {
        for (const person of ctx.accounts.people.get(accountId) ?? []) {
            wanted.add(person);
        }
    }
    const times = signalTimesOf(
        snapshot,
        source,
        ctx.index,
        ctx.policy,
        ctx.time,
        wanted,
        ctx.nowMs
    );
    const window = ctx.policy.activeWindowDays * DAY_MS;
    for (const { activity, accountId } of found) {
        const at = activity.createdAt;
        const active = (ctx.accounts.people.get(accountId) ?? []).filter((person) =>
            hasTimeBetween(times.get(person) ?? [], at - window, at)
        ).length;
        if (active === ctx.policy.exploratoryActivePeople) {
            const reason = `Exploratory: logged by Sales while the account had exactly ${active} active ${active === 1 ? 'person' : 'people'}`;
            flag(ctx, activity, accountId, reason);
        }
    }
}
