import { shiftCalendarMonth } from './business-time';
import { knownManagerOf, nameOf } from './clocks';
import type { EngineContext } from './context';
import { scorecardKey, teamReviewKey } from './keys';
import { isRejectionRateAbove, type Handoff } from './probation';
import type { ClockState } from './state/clock-store';
import { describePercent, roundPercent } from './text';
import type { ScorecardScope } from './values';

/**
 * Monthly scorecards per rep, per team (the reps of one manager) and for Marketing,
 * for the current month and the complete months the probation rule looks back on.
 * A team whose breach rate in a month is above the threshold with enough clocks due
 * gets a Team Remediation review, due at the start of the next fiscal quarter.
 */

interface Tally {
    due: number;
    breached: number;
    handoffs: number;
    rejections: number;
}

/**
 * Figures of the scored months per scorecard key. An evaluation in account groups adds
 * each group's clocks and handoffs to one set of tallies and writes the scorecards once.
 */
export class ScorecardTallies {
    readonly byKey = new Map<
        string,
        { scope: ScorecardScope; ownerId: string; month: string; tally: Tally }
    >();

    get(scope: ScorecardScope, ownerId: string, month: string): Tally {
        const key = scorecardKey(scope, ownerId, month);
        let entry = this.byKey.get(key);
        if (entry === undefined) {
            entry = {
                scope,
                ownerId,
                month,
                tally: { due: 0, breached: 0, handoffs: 0, rejections: 0 }
            };
            this.byKey.set(key, entry);
        }
        return entry.tally;
    }
}

/** "Above" is strict: a team at exactly the threshold is not flagged. */
function isBreachRateAbove(ctx: EngineContext, tally: Tally): boolean {
    return (
        tally.due >= ctx.policy.teamMinClocksDue &&
        tally.breached * 100 > ctx.policy.teamBreachRatePercent * tally.due
    );
}

/** Month of a resolved clock that fell due by now, among the scored months; null otherwise. */
function dueMonth(
    ctx: EngineContext,
    clock: ClockState,
    months: ReadonlySet<string>
): string | null {
    const due = clock.Due_At__c?.getTime();
    if (
        due === undefined ||
        due > ctx.nowMs ||
        (clock.Status__c !== 'Met' && clock.Status__c !== 'Breached')
    ) {
        return null;
    }
    const month = ctx.time.monthOf(due);
    return months.has(month) ? month : null;
}

function tallyClocks(
    ctx: EngineContext,
    tallies: ScorecardTallies,
    months: ReadonlySet<string>
): void {
    for (const clock of ctx.clocks.all()) {
        const isResponse = clock.Type__c === 'Response';
        if (!isResponse && clock.Type__c !== 'Committee Aware') {
            continue;
        }
        const month = dueMonth(ctx, clock, months);
        if (month === null) {
            continue;
        }
        const breached = clock.Status__c === 'Breached' ? 1 : 0;
        const targets: Tally[] = [];
        if (!isResponse) {
            targets.push(tallies.get('Marketing', 'Marketing', month));
        } else if (clock.Responsible_User__c !== null) {
            targets.push(tallies.get('Rep', clock.Responsible_User__c, month));
            const managerId = knownManagerOf(ctx, clock.Responsible_User__c);
            if (managerId !== null) {
                targets.push(tallies.get('Team', managerId, month));
            }
        }
        for (const tally of targets) {
            tally.due += 1;
            tally.breached += breached;
        }
    }
}

function tallyHandoffs(
    ctx: EngineContext,
    tallies: ScorecardTallies,
    handoffs: readonly Handoff[],
    months: ReadonlySet<string>
): void {
    for (const handoff of handoffs) {
        const month = ctx.time.monthOf(handoff.at);
        if (!months.has(month)) {
            continue;
        }
        const targets = [tallies.get('Marketing', 'Marketing', month)];
        if (handoff.repId !== null) {
            targets.push(tallies.get('Rep', handoff.repId, month));
            const managerId = knownManagerOf(ctx, handoff.repId);
            if (managerId !== null) {
                targets.push(tallies.get('Team', managerId, month));
            }
        }
        for (const tally of targets) {
            tally.handoffs += 1;
            tally.rejections += handoff.rejected ? 1 : 0;
        }
    }
}

function openTeamReview(ctx: EngineContext, managerId: string, month: string, tally: Tally): void {
    const rate = (tally.breached * 100) / tally.due;
    const monthStart = new Date(ctx.time.monthRange(month).start);
    const manager = ctx.index.users.get(managerId);
    const key = teamReviewKey(managerId, month);
    const details = `Team of ${nameOf(manager ?? { Id: managerId })}: ${tally.breached} of ${tally.due} response clocks due in ${month} breached (${describePercent(rate)}, above ${describePercent(ctx.policy.teamBreachRatePercent)}).`;
    const added = ctx.reviews.add(
        key,
        {
            Type__c: 'Team Remediation',
            Team_Manager__c: managerId,
            Period__c: month,
            Metric_Value__c: roundPercent(rate),
            Starts_At__c: ctx.now,
            Due_At__c: ctx.time.quarterOf(monthStart).end,
            Status__c: 'Open',
            Details__c: details
        },
        `Team breach rate ${describePercent(rate)} in ${month}`
    );
    if (added && ctx.index.isActiveUser(managerId)) {
        ctx.notifications.add({
            key: `Review:${key}`,
            recipientIds: [managerId],
            targetId: managerId,
            title: 'Team remediation review opened',
            body: details.slice(0, 255),
            anchor: { object: 'SLA_Review__c', key }
        });
    }
}

/** Returns the current month and the complete months the probation rule looks back on. */
function scoredMonths(ctx: EngineContext): Set<string> {
    const current = ctx.time.monthOf(ctx.nowMs);
    const months = new Set([current]);
    for (let back = 1; back <= ctx.policy.probationConsecutiveMonths; back++) {
        months.add(shiftCalendarMonth(current, -back));
    }
    return months;
}

/** Adds the clocks of the context and the given handoffs to `tallies`. */
export function tallyScorecards(
    ctx: EngineContext,
    tallies: ScorecardTallies,
    handoffs: readonly Handoff[]
): void {
    const months = scoredMonths(ctx);
    tallyClocks(ctx, tallies, months);
    tallyHandoffs(ctx, tallies, handoffs, months);
}

/** Writes the scorecards of the tallied months and opens team reviews. */
export function writeScorecards(ctx: EngineContext, tallies: ScorecardTallies): void {
    for (const [key, { scope, ownerId, month, tally }] of tallies.byKey) {
        const flagged =
            scope === 'Marketing'
                ? isRejectionRateAbove(
                      { month, handoffs: tally.handoffs, rejections: tally.rejections },
                      ctx.policy.rejectionRatePercent
                  )
                : isBreachRateAbove(ctx, tally);
        const repManager = scope === 'Rep' ? knownManagerOf(ctx, ownerId) : null;
        ctx.scorecards.set(
            key,
            {
                Period__c: month,
                Scope__c: scope,
                User__c: scope === 'Rep' ? ownerId : null,
                Manager__c: scope === 'Team' ? ownerId : repManager,
                Response_Clocks_Due__c: tally.due,
                Breaches__c: tally.breached,
                Handoffs__c: tally.handoffs,
                Rejections__c: tally.rejections,
                Breach_Rate__c:
                    tally.due === 0 ? null : roundPercent((tally.breached * 100) / tally.due),
                Rejection_Rate__c:
                    tally.handoffs === 0
                        ? null
                        : roundPercent((tally.rejections * 100) / tally.handoffs),
                Flagged__c: flagged
            },
            `Scorecard ${scope} ${month}`
        );
        if (scope === 'Team' && flagged) {
            openTeamReview(ctx, ownerId, month, tally);
        }
    }
}
