import type { Lead } from '../schema/records';
import { shiftCalendarMonth } from './business-time';
import type { EngineContext } from './context';
import { probationReviewKey, routeKindOfKey } from './keys';
import { isRejected } from './progress';
import { describePercent, roundPercent } from './text';
import type { ClockState } from './state/clock-store';
import type { ReviewFields } from './state/outputs';

/**
 * Handoffs to Sales and the marketing probation. A lead is handed to Sales when its
 * first Sales or SDR response clock starts; the monthly rejection rate divides the
 * leads handed off in a month that Sales rejected by the leads handed off in it.
 */

/** First handoff of a lead: when and to whom. */
export interface Handoff {
    readonly leadId: string;
    readonly at: number;
    readonly repId: string | null;
    readonly rejected: boolean;
}

/** The clock fields that tell a handoff. */
export type HandoffClock = Pick<
    ClockState,
    'Clock_Key__c' | 'Lead__c' | 'Started_At__c' | 'Responsible_User__c'
>;

/**
 * First handoff of every lead with a Sales or SDR response clock among `clocks`.
 * `leadOf` finds the lead record, to tell whether Sales rejected it.
 */
export function handoffsFrom(
    clocks: Iterable<HandoffClock>,
    leadOf: (leadId: string) => Lead | undefined
): Handoff[] {
    const first = new Map<string, { at: number; repId: string | null }>();
    for (const clock of clocks) {
        const kind = routeKindOfKey(clock.Clock_Key__c);
        const at = clock.Started_At__c?.getTime();
        if (kind === null || kind === 'nurture' || clock.Lead__c === null || at === undefined) {
            continue;
        }
        const known = first.get(clock.Lead__c);
        if (known === undefined || at < known.at) {
            first.set(clock.Lead__c, { at, repId: clock.Responsible_User__c });
        }
    }
    const handoffs: Handoff[] = [];
    for (const [leadId, { at, repId }] of first) {
        const lead = leadOf(leadId);
        const rejected = lead !== undefined && !lead.IsConverted && isRejected(lead);
        handoffs.push({ leadId, at, repId, rejected });
    }
    return handoffs;
}

/** First handoff of every lead with a Sales or SDR response clock in the snapshot. */
export function handoffsOf(ctx: EngineContext): Handoff[] {
    return handoffsFrom(ctx.clocks.all(), (leadId) => ctx.index.leads.get(leadId));
}

/** Handoffs and rejections of one month. */
export interface MonthRejections {
    readonly month: string;
    readonly handoffs: number;
    readonly rejections: number;
}

export function rejectionsByMonth(
    ctx: EngineContext,
    handoffs: readonly Handoff[],
    months: readonly string[]
): MonthRejections[] {
    return months.map((month) => {
        const range = ctx.time.monthRange(month);
        const inMonth = handoffs.filter(
            (handoff) => handoff.at >= range.start && handoff.at < range.end
        );
        return {
            month,
            handoffs: inMonth.length,
            rejections: inMonth.filter((handoff) => handoff.rejected).length
        };
    });
}

/** True when the rejection rate is above the threshold; "above" is strict and 0 handoffs never are. */
export function isRejectionRateAbove(month: MonthRejections, percent: number): boolean {
    return month.handoffs > 0 && month.rejections * 100 > percent * month.handoffs;
}

function isActiveProbation(review: ReviewFields, nowMs: number): boolean {
    const starts = review.Starts_At__c?.getTime() ?? Number.POSITIVE_INFINITY;
    const ends = review.Ends_At__c?.getTime() ?? Number.NEGATIVE_INFINITY;
    return review.Status__c !== 'Closed' && starts <= nowMs && nowMs < ends;
}

/**
 * Opens a Marketing Probation review when the rejection rate was above the threshold in
 * each of the last complete months, and returns whether a probation is in effect now.
 */
export function updateProbation(ctx: EngineContext, handoffs: readonly Handoff[]): boolean {
    const { policy } = ctx;
    const current = ctx.time.monthOf(ctx.nowMs);
    const months: string[] = [];
    for (let back = 1; back <= policy.probationConsecutiveMonths; back++) {
        months.push(shiftCalendarMonth(current, -back));
    }
    const active = (): boolean =>
        ctx.reviews
            .ofType('Marketing Probation')
            .some((review) => isActiveProbation(review, ctx.nowMs));
    const figures = rejectionsByMonth(ctx, handoffs, months);
    if (
        active() ||
        !figures.every((month) => isRejectionRateAbove(month, policy.rejectionRatePercent))
    ) {
        return active();
    }
    const latest = figures[0];
    const rates = figures
        .map((month) => `${month.month}: ${month.rejections}/${month.handoffs}`)
        .join(', ');
    const rate =
        latest === undefined || latest.handoffs === 0
            ? 0
            : (latest.rejections * 100) / latest.handoffs;
    ctx.reviews.add(
        probationReviewKey(months[0] ?? current),
        {
            Type__c: 'Marketing Probation',
            Period__c: months[0] ?? current,
            Metric_Value__c: roundPercent(rate),
            Starts_At__c: ctx.now,
            Ends_At__c: ctx.time.addDays(ctx.now, policy.probationDays),
            Status__c: 'Open',
            Details__c: `Rejection rate above ${describePercent(policy.rejectionRatePercent)} for ${months.length} complete months (${rates}). For ${policy.probationDays} days, handoffs to Sales wait for Handoff Approved.`
        },
        `Rejection rate ${describePercent(rate)} in ${latest?.month ?? current}`
    );
    return active();
}
