/**
 * The SLA history, so that the worker's first cycle has every kind of work:
 * - open response clocks on track, past their warning point, met by a response, past due;
 * - four escalation reps with 0, 1, 2 and 3 breaches earlier this fiscal quarter and one
 *   past-due clock each, so the first cycle's breaches reach levels 1, 2, 3 and 4 (a
 *   reassignment and a Rep Breach Review);
 * - last month, team breach rates above, at and (with too few clocks) above 10%;
 * - hand-offs in the last three complete months with rejection rates of exactly 20%,
 *   then above 20% twice (a marketing probation), and one disputed rejection;
 * - nurture periods still running and some already over (recycling).
 */
import { shiftCalendarMonth } from '../../sync-worker/src/policy/business-time';
import type { TimeFrames } from '../../sync-worker/src/policy/time-frames';
import type { RecordBuilder } from './builder';
import type { PersonDraft } from './people';
import type { Random } from './random';
import type { HistoryContext } from './sla-context';
import { escalationReps, escalations, openClocks } from './sla-current';
import { LeadPool } from './sla-leads';
import { SlaLedger } from './sla-ledger';
import {
    fillHandoffs,
    nurturePeriods,
    openDispute,
    rejectionMonths,
    teamMonth
} from './sla-months';
import { writeSlaHistory } from './sla-records';
import type { ScaleCounts } from './types';
import { teamOf, type Staff, type StaffMember } from './users';

export interface SlaHistoryInput {
    readonly builder: RecordBuilder;
    readonly random: Random;
    readonly frames: TimeFrames;
    readonly nowMs: number;
    readonly staff: Staff;
    readonly leads: readonly PersonDraft[];
    readonly scale: ScaleCounts;
}

/** Reps of teams without a designed figure for last month (the first two sales and the first SDR team have one). */
function undesignedReps(staff: Staff, escalation: readonly StaffMember[]): StaffMember[] {
    const firstSdr = staff.managers.find((manager) => manager.side === 'SDR');
    const designed = new Set([staff.managers[0], staff.managers[1], firstSdr]);
    return staff.managers
        .filter((manager) => !designed.has(manager))
        .flatMap((manager) => teamOf(staff, manager))
        .filter((rep) => !escalation.includes(rep));
}

/**
 * Builds the history on leads taken from `leads` (rewriting their source, signals,
 * owner and routing fields) and writes its clocks, tasks, breaches and reviews.
 */
export function generateSlaHistory(input: SlaHistoryInput): void {
    const { staff, scale } = input;
    const reps = [...staff.salesReps, ...staff.sdrReps];
    const ledger = new SlaLedger(input.frames, input.random, input.nowMs, reps);
    const ctx: HistoryContext = {
        random: input.random,
        staff,
        ledger,
        pool: new LeadPool(input.leads),
        scale
    };
    const escalation = escalationReps(staff);
    escalations(ctx, escalation);
    openClocks(ctx, escalation);

    const currentMonth = input.frames.monthOf(input.nowMs);
    const lastMonth = shiftCalendarMonth(currentMonth, -1);
    const others = reps.filter((rep) => !escalation.includes(rep));
    teamMonth(ctx, lastMonth, escalation);
    fillHandoffs(ctx, lastMonth, scale.handoffsPerMonth, undesignedReps(staff, escalation));
    for (const monthsAgo of [2, 3]) {
        fillHandoffs(
            ctx,
            shiftCalendarMonth(currentMonth, -monthsAgo),
            scale.handoffsPerMonth,
            others
        );
    }
    const rejectedLastMonth = rejectionMonths(ctx, currentMonth, others);
    openDispute(ctx, rejectedLastMonth);
    nurturePeriods(ctx);

    const breaches = ledger.breaches();
    writeSlaHistory(input.builder, ledger, breaches);
}
