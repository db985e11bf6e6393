/**
 * Shared steps of the SLA history: routing a fresh lead to a rep, and closed clocks
 * inside a past calendar month.
 */
import { calendarMonthRange, nextBusinessStart } from '../../sync-worker/src/policy/business-time';
import { HISTORY_DAYS } from './profiles';
import type { Random } from './random';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './scoring';
import type { HandoffKind, LeadPool, SalesHandoffKind } from './sla-leads';
import { prepareLead } from './sla-leads';
import type { HistoricClock, SlaLedger } from './sla-ledger';
import { NURTURE_QUEUE_REF, type ScaleCounts } from './types';
import type { Staff, StaffMember } from './users';

export interface HistoryContext {
    readonly random: Random;
    readonly staff: Staff;
    readonly ledger: SlaLedger;
    readonly pool: LeadPool;
    readonly scale: ScaleCounts;
}

/** Hands out reps round robin, so the history spreads over a team. */
export class Rotation {
    private position = 0;

    public constructor(private readonly members: readonly StaffMember[]) {
        if (members.length === 0) {
            throw new RangeError('A rotation needs at least one rep.');
        }
    }

    public next(): StaffMember {
        const member = this.members[this.position % this.members.length];
        this.position += 1;
        if (member === undefined) {
            throw new RangeError('A rotation needs at least one rep.');
        }
        return member;
    }
}

/** Returns the kind of lead a rep works: forced-Sales leads for account executives, inbound or outbound readers for SDRs. */
export function kindFor(rep: StaffMember, random: Random): SalesHandoffKind {
    if (rep.side === 'SDR') {
        return random.chance(0.6) ? 'sdr' : 'outbound';
    }
    return 'forced';
}

/**
 * Takes a lead from the pool and routes it: the lead came in a few minutes before
 * `startMs`, when the worker's cycle routed it to `rep` (or to the nurture queue).
 */
export function routeNew(
    ctx: HistoryContext,
    rep: StaffMember | null,
    kind: HandoffKind,
    startMs: number
): HistoricClock {
    const lead = ctx.pool.next();
    const triggerMs = startMs - ctx.random.int(1, 4) * MINUTE_MS;
    const notBeforeMs = ctx.ledger.nowMs - HISTORY_DAYS * DAY_MS;
    prepareLead(lead, kind, { triggerMs, notBeforeMs }, ctx.random);
    if (rep === null) {
        lead.fields.OwnerId = NURTURE_QUEUE_REF;
    }
    return ctx.ledger.route(lead, rep, triggerMs, startMs);
}

/** Picks a business instant in the month at least ten days before its end, so a 48-hour window ends within it. */
export function startInMonth(ctx: HistoryContext, month: string): number {
    const { ledger, random } = ctx;
    const range = calendarMonthRange(month, ledger.frames.timeZone);
    // Hand-offs stay inside the history window, so their earlier signals fit in it too.
    const from = Math.max(
        range.start.getTime() + DAY_MS,
        ledger.nowMs - (HISTORY_DAYS - 5) * DAY_MS
    );
    const to = range.end.getTime() - 10 * DAY_MS;
    const candidate = new Date(Math.round(random.float(from, to)));
    return nextBusinessStart(candidate, ledger.frames.calendar).getTime();
}

/** Adds a closed clock in `month` for `rep`: met in time, or breached (and half of those get a late response). */
export function closedClock(
    ctx: HistoryContext,
    rep: StaffMember,
    month: string,
    breached: boolean
): HistoricClock {
    const { ledger, random } = ctx;
    const clock = routeNew(ctx, rep, kindFor(rep, random), startInMonth(ctx, month));
    if (breached) {
        ledger.miss(clock, random.chance(0.5) ? random.int(1, 30) * HOUR_MS : null);
    } else {
        const start = new Date(clock.startMs);
        const due = new Date(clock.dueMs);
        const point = ledger.frames.windowPoint(start, due, 'hours', random.int(10, 90));
        ledger.respond(clock, rep, point.getTime());
    }
    return clock;
}
