/**
 * Clocks still open at `now`, and the breaches earlier this fiscal quarter that decide
 * the escalation levels of the first cycle's breaches.
 */
import {
    addBusinessMillis,
    businessMillisBetween
} from '../../sync-worker/src/policy/business-time';
import { HOUR_MS, MINUTE_MS } from './scoring';
import { kindFor, Rotation, routeNew, type HistoryContext } from './sla-context';
import type { SalesHandoffKind } from './sla-leads';
import type { HistoricClock } from './sla-ledger';
import { teamOf, type Staff, type StaffMember } from './users';

/**
 * Kinds of open clock: before its warning point, past it, met by a response the worker
 * has not read yet, and past due (it breaches in the first cycle).
 */
type OpenKind = 'on-track' | 'warning' | 'met' | 'past-due';

/** Business time elapsed since the start, as a fraction of the window. */
const ELAPSED: Readonly<Record<OpenKind, readonly [number, number]>> = {
    'on-track': [0.1, 0.6],
    warning: [0.8, 0.95],
    met: [0.4, 0.7],
    'past-due': [1.1, 1.6]
};

/** Response window of each kind of lead, in business hours, under the default policy. */
const WINDOW_HOURS: Readonly<Record<SalesHandoffKind, number>> = {
    forced: 1,
    sdr: 24,
    outbound: 48
};

/** Starts an open clock of one kind for `rep`, the kind's share of its window before now. */
function openClock(
    ctx: HistoryContext,
    rep: StaffMember,
    kind: OpenKind,
    handoff: SalesHandoffKind
): HistoricClock {
    const { ledger, random } = ctx;
    const [low, high] = ELAPSED[kind];
    const elapsed = Math.max(MINUTE_MS, random.float(low, high) * WINDOW_HOURS[handoff] * HOUR_MS);
    const now = new Date(ledger.nowMs);
    const startMs = addBusinessMillis(now, -elapsed, ledger.frames.calendar).getTime();
    const clock = routeNew(ctx, rep, handoff, startMs);
    if (kind === 'met') {
        const start = new Date(startMs);
        const point = ledger.frames.windowPoint(start, new Date(clock.dueMs), 'hours', 20);
        ledger.respond(clock, rep, Math.min(point.getTime(), ledger.nowMs - MINUTE_MS));
        // The worker has not read the response yet: the clock stays open until its first cycle.
        clock.status = 'Open';
        clock.completedMs = null;
        clock.lead.fields.SLA_Status__c = 'On Track';
    }
    return clock;
}

/** Returns the first two reps of the first two sales teams, who breach at levels 1 to 4 in the first cycle. */
export function escalationReps(staff: Staff): StaffMember[] {
    const [first, second] = staff.managers;
    if (first === undefined || second?.side !== 'Sales') {
        throw new RangeError('The SLA history needs at least two sales managers.');
    }
    return [...teamOf(staff, first).slice(0, 2), ...teamOf(staff, second).slice(0, 2)];
}

/** Open clocks of every kind for active reps other than the escalation reps; inactive reps keep one past-due clock. */
export function openClocks(ctx: HistoryContext, escalation: readonly StaffMember[]): void {
    const { staff, scale, random } = ctx;
    const sales = new Rotation(
        staff.salesReps.filter((rep) => rep.active && !escalation.includes(rep))
    );
    const sdr = new Rotation(staff.sdrReps.filter((rep) => rep.active));
    for (const kind of ['on-track', 'warning', 'met', 'past-due'] as const) {
        for (let index = 0; index < scale.openClocksPerKind; index += 1) {
            const rep = index % 2 === 0 ? sales.next() : sdr.next();
            openClock(ctx, rep, kind, kindFor(rep, random));
        }
    }
    for (const rep of staff.salesReps.filter((member) => !member.active)) {
        openClock(ctx, rep, 'past-due', 'forced');
    }
}

/**
 * `count` breached 1-hour clocks of `rep`, spread from the start of the fiscal quarter
 * to the start of `before`, so they count toward the same quarter. Last month's team
 * figures are designed after these exist, so they stay exact wherever these land.
 */
function priorBreaches(
    ctx: HistoryContext,
    rep: StaffMember,
    count: number,
    before: HistoricClock
): void {
    const { ledger, random } = ctx;
    const { calendar } = ledger.frames;
    const quarterStart = ledger.frames.quarterOf(new Date(before.dueMs)).start;
    const room = businessMillisBetween(quarterStart, new Date(before.startMs), calendar);
    // NOTE: In the first business hour of a fiscal quarter there is no room. The earlier
    // breaches then start at the quarter start and may end after `before` starts.
    const span = Math.max(0, room - WINDOW_HOURS.forced * HOUR_MS);
    for (let index = 0; index < count; index += 1) {
        const offset = Math.max(MINUTE_MS, (span * (index + 1)) / (count + 1));
        const startMs = addBusinessMillis(quarterStart, offset, calendar).getTime();
        const clock = routeNew(ctx, rep, 'forced', startMs);
        ledger.miss(clock, random.chance(0.5) ? random.int(1, 20) * HOUR_MS : null);
    }
}

/** Gives each escalation rep one past-due clock and as many earlier breaches as its position (0 to 3). */
export function escalations(ctx: HistoryContext, reps: readonly StaffMember[]): void {
    reps.forEach((rep, priors) => {
        const pastDue = openClock(ctx, rep, 'past-due', 'forced');
        priorBreaches(ctx, rep, priors, pastDue);
    });
}
