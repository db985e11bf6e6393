/**
 * The last three complete calendar months: team breach rates around the 10% line, hand-
 * offs with rejection rates around the 20% line (two months above it open a marketing
 * probation), a disputed rejection, and nurture periods.
 */
import { shiftCalendarMonth } from '../../sync-worker/src/policy/business-time';
import { DAY_MS, HOUR_MS } from './scoring';
import { closedClock, Rotation, routeNew, type HistoryContext } from './sla-context';
import type { HistoricClock } from './sla-ledger';
import { teamOf, type StaffMember } from './users';

/** `above`: rate above 10% with enough clocks due; `exact`: exactly 10%; `few`: above 10% with fewer than 10 due. */
type TeamCase = 'above' | 'exact' | 'few';

/** Response clocks due in a month, and how many of them breached. */
interface Figures {
    readonly due: number;
    readonly breached: number;
}

/** Clocks due in `month` for the reps of `manager`, and how many breached. */
function teamFigures(ctx: HistoryContext, manager: StaffMember, month: string): Figures {
    const { frames } = ctx.ledger;
    let due = 0;
    let breached = 0;
    for (const clock of ctx.ledger.clocks) {
        const closed = clock.status === 'Met' || clock.status === 'Breached';
        if (closed && clock.rep?.manager === manager && frames.monthOf(clock.dueMs) === month) {
            due += 1;
            breached += clock.status === 'Breached' ? 1 : 0;
        }
    }
    return { due, breached };
}

/**
 * Returns the target figures of a team case, or null when the team already has too many
 * clocks for it. Clocks are only added, so the target keeps the current breached and
 * met counts as lower bounds: `due - breached` is never below the current met count.
 */
function teamTarget(teamCase: TeamCase, current: Figures, minimumDue: number): Figures | null {
    const met = current.due - current.breached;
    switch (teamCase) {
        case 'above': {
            // Each added breach adds 10 to the left side and at most 1 to the right, so the loop ends.
            let breached = current.breached;
            while (breached * 10 <= Math.max(met + breached, minimumDue)) {
                breached += 1;
            }
            return { due: Math.max(met + breached, minimumDue), breached };
        }
        case 'exact': {
            const breached = Math.max(
                current.breached,
                Math.ceil(met / 9),
                Math.ceil(minimumDue / 10)
            );
            return { due: breached * 10, breached };
        }
        case 'few': {
            const breached = Math.max(current.breached, 2);
            const due = Math.max(met + breached, 8);
            return due < 10 ? { due, breached } : null;
        }
    }
}

/**
 * Adds breached and met clocks for the team until its figures for the month match the
 * case. A third breach of a rep adds a replacement clock when the ledger settles, so the
 * figures are read again after each round, for at most ten rounds.
 */
function reachTarget(
    ctx: HistoryContext,
    team: { manager: StaffMember; month: string; teamCase: TeamCase },
    reps: Rotation
): void {
    for (let round = 0; round < 10; round += 1) {
        ctx.ledger.settle();
        const current = teamFigures(ctx, team.manager, team.month);
        const target = teamTarget(team.teamCase, current, ctx.scale.teamClocksDue);
        if (
            target === null ||
            (target.due === current.due && target.breached === current.breached)
        ) {
            return;
        }
        for (let index = current.breached; index < target.breached; index += 1) {
            closedClock(ctx, reps.next(), team.month, true);
        }
        const met = target.due - target.breached - (current.due - current.breached);
        for (let index = 0; index < met; index += 1) {
            closedClock(ctx, reps.next(), team.month, false);
        }
    }
}

/**
 * Last month's figures for three teams. Clocks go to reps other than the escalation reps,
 * so that their quarter counts stay as designed.
 */
export function teamMonth(
    ctx: HistoryContext,
    month: string,
    escalation: readonly StaffMember[]
): void {
    const { staff } = ctx;
    const cases: [StaffMember | undefined, TeamCase][] = [
        [staff.managers[0], 'above'],
        [staff.managers[1], 'exact'],
        [staff.managers.find((manager) => manager.side === 'SDR'), 'few']
    ];
    for (const [manager, teamCase] of cases) {
        if (manager === undefined) {
            continue;
        }
        const reps = new Rotation(
            teamOf(staff, manager).filter((rep) => !escalation.includes(rep))
        );
        reachTarget(ctx, { manager, month, teamCase }, reps);
    }
}

/** Leads handed to Sales or an SDR in `month`: one per lead, by the start of its first response clock. */
export function handoffsIn(ctx: HistoryContext, month: string): HistoricClock[] {
    const { frames } = ctx.ledger;
    return ctx.ledger.clocks.filter(
        (clock) =>
            clock.replaces === null &&
            clock.route.kind !== 'nurture' &&
            frames.monthOf(clock.startMs) === month
    );
}

/**
 * Met hand-offs in `month` until it has `count`, spread over reps of teams whose
 * figures for that month are not designed (all teams for months without team cases).
 */
export function fillHandoffs(
    ctx: HistoryContext,
    month: string,
    count: number,
    reps: readonly StaffMember[]
): void {
    if (reps.length === 0) {
        return;
    }
    const rotation = new Rotation(reps);
    while (handoffsIn(ctx, month).length < count) {
        closedClock(ctx, rotation.next(), month, false);
    }
}

const REJECTION_REASONS = [
    'No Budget',
    'No Authority',
    'No Need',
    'Bad Timing',
    'Duplicate',
    'Bad Contact Data',
    'Existing Customer',
    'Other'
];

/** Rejects `count` of the month's met hand-offs a few hours to days after the response. Returns the rejected clocks. */
export function rejectHandoffs(ctx: HistoryContext, month: string, count: number): HistoricClock[] {
    const { random, ledger } = ctx;
    const candidates = random.shuffle(
        handoffsIn(ctx, month).filter((clock) => clock.status === 'Met')
    );
    const chosen = candidates.slice(0, count);
    if (chosen.length < count) {
        throw new RangeError(
            `Only ${chosen.length} met hand-offs in ${month}; ${count} rejections were planned.`
        );
    }
    for (const clock of chosen) {
        const respondedMs = clock.completedMs ?? clock.startMs;
        const rejectedMs = Math.min(
            respondedMs + random.float(4 * HOUR_MS, 3 * DAY_MS),
            ledger.nowMs - HOUR_MS
        );
        Object.assign(clock.lead.fields, {
            Status: 'Rejected',
            Rejection_Reason__c: random.pick(REJECTION_REASONS),
            Rejected_At__c: new Date(Math.round(rejectedMs)).toISOString(),
            LastModifiedDate: new Date(Math.round(rejectedMs)).toISOString()
        });
    }
    return chosen;
}

/**
 * Rejects hand-offs so that the rate by hand-off month is above 20% in the last two
 * complete months, which opens a marketing probation. Three months ago it is exactly
 * 20%, so a policy that looks at three months opens none. That month gets extra
 * hand-offs until its count divides by five. Returns last month's rejected clocks.
 */
export function rejectionMonths(
    ctx: HistoryContext,
    currentMonth: string,
    reps: readonly StaffMember[]
): HistoricClock[] {
    const third = shiftCalendarMonth(currentMonth, -3);
    while (handoffsIn(ctx, third).length % 5 !== 0) {
        fillHandoffs(ctx, third, handoffsIn(ctx, third).length + 1, reps);
    }
    rejectHandoffs(ctx, third, handoffsIn(ctx, third).length / 5);
    const second = shiftCalendarMonth(currentMonth, -2);
    rejectHandoffs(ctx, second, Math.floor(handoffsIn(ctx, second).length / 4) + 1);
    const last = shiftCalendarMonth(currentMonth, -1);
    return rejectHandoffs(ctx, last, Math.floor(handoffsIn(ctx, last).length / 5) + 1);
}

/** Marketing disputes one of last month's rejections, preferring one whose rep has left. */
export function openDispute(ctx: HistoryContext, rejected: readonly HistoricClock[]): void {
    const disputed = rejected.find((clock) => clock.rep?.active === false) ?? rejected[0];
    if (disputed === undefined) {
        return;
    }
    const openedMs = ctx.ledger.nowMs - 2 * HOUR_MS;
    Object.assign(disputed.lead.fields, {
        Dispute_Status__c: 'Open',
        Dispute_Evidence_URL__c: `https://calls.gong.example/recordings/${ctx.random.hex(12)}`,
        LastModifiedDate: new Date(openedMs).toISOString()
    });
}

/** Nurture periods: some still running, some over without a rise (recycled in the first cycle). */
export function nurturePeriods(ctx: HistoryContext): void {
    const { ledger, random, scale } = ctx;
    for (let index = 0; index < scale.openClocksPerKind * 2; index += 1) {
        const daysAgo = index % 2 === 0 ? random.float(1, 5) : random.float(8, 12);
        routeNew(ctx, null, 'nurture', Math.round(ledger.nowMs - daysAgo * DAY_MS));
    }
}
