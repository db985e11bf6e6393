import type { Policy } from '../config/policy-schema';
import { alwaysOpenCalendar, createBusinessCalendar, type BusinessCalendar } from './business-time';
import { averageBuyingCycleMonths } from './committee';
import type { Problem } from './plan';
import { handoffsFrom, type Handoff, type HandoffClock } from './probation';
import { ScorecardTallies } from './scorecards';
import type { OrgSnapshot } from './snapshot';
import { seedWorkload, usableClocks } from './state/clock-store';
import { BreachStore, ReviewStore, ScorecardStore, TaskStore } from './state/outputs';
import { Workload } from './state/workload';
import { TimeFrames } from './time-frames';

/** Number of breaches, reviews and tasks the ledger had created at one moment. */
export interface LedgerMark {
    readonly breaches: number;
    readonly reviews: number;
    readonly tasks: number;
}

/** The mark of a ledger that has created nothing yet. */
export const EMPTY_MARK: LedgerMark = { breaches: 0, reviews: 0, tasks: 0 };

/** Builds the calendar of the org's default active business hours, or 24 x 7 in the org's time zone without them. */
function calendarOf(snapshot: OrgSnapshot, problems: Problem[]): BusinessCalendar {
    const zone = snapshot.organization?.TimeZoneSidKey ?? 'UTC';
    const hours =
        snapshot.businessHours.find((record) => record.IsDefault && record.IsActive) ??
        snapshot.businessHours.find((record) => record.IsActive);
    if (hours === undefined) {
        return alwaysOpenCalendar(zone);
    }
    try {
        return createBusinessCalendar(hours, snapshot.holidays, zone);
    } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        problems.push({
            object: 'BusinessHours',
            id: hours.Id,
            reason: `Ignored, windows run 24 x 7: ${reason}`
        });
        return alwaysOpenCalendar(zone);
    }
}

/**
 * The org-wide state of one evaluation: the calendar, every user's workload, the
 * breaches, reviews, scorecards and engine-made tasks of the whole org, and the figures
 * that rules read across accounts (the buying cycle, the marketing probation). A whole
 * evaluation uses one ledger for its single part. An evaluation in account groups shares
 * one ledger between its groups, so each group sees the workload, breach counts and
 * reviews the earlier groups left.
 */
export class OrgLedger {
    readonly time: TimeFrames;
    /** Problems with org-wide records (the business hours), to report once. */
    readonly problems: Problem[] = [];
    readonly workload = new Workload();
    readonly breaches: BreachStore;
    readonly reviews: ReviewStore;
    readonly scorecards: ScorecardStore;
    readonly tasks: TaskStore;
    /** Scorecard figures the account groups add up; a whole evaluation keeps its own. */
    readonly tallies = new ScorecardTallies();
    readonly buyingCycleMonths: number | null;
    /**
     * Whether a marketing probation is in effect, decided before the rules run for the
     * account groups. It stays undefined for a whole evaluation, which decides it in place.
     */
    probation: boolean | undefined;

    constructor(
        snapshot: OrgSnapshot,
        readonly policy: Policy,
        readonly now: Date
    ) {
        const organization = snapshot.organization;
        this.time = new TimeFrames(
            calendarOf(snapshot, this.problems),
            organization?.FiscalYearStartMonth ?? 1,
            organization?.UsesStartDateAsFiscalYearName ?? false
        );
        seedWorkload(snapshot.clocks, this.workload);
        this.breaches = new BreachStore(snapshot.breaches);
        this.reviews = new ReviewStore(snapshot.reviews);
        this.scorecards = new ScorecardStore(snapshot.scorecards);
        this.tasks = new TaskStore(snapshot.tasks);
        this.buyingCycleMonths = averageBuyingCycleMonths(
            snapshot.opportunities,
            this.time,
            policy,
            now.getTime()
        );
    }

    /** Counts what the ledger has created so far, to cut its outputs into parts. */
    mark(): LedgerMark {
        return {
            breaches: this.breaches.upserts().length,
            reviews: this.reviews.upserts().length,
            tasks: this.tasks.list().length
        };
    }
}

/**
 * First handoff of every lead among the snapshot's clocks, as the whole evaluation finds
 * them before it routes anyone. The clocks the rules start before routing never move a
 * lead's first handoff: a reassigned response clock starts after the breached one.
 */
export function handoffsOfSnapshot(snapshot: OrgSnapshot): Handoff[] {
    const clocks: HandoffClock[] = usableClocks(snapshot.clocks, []).map(({ clock, key }) => ({
        Clock_Key__c: key,
        Lead__c: clock.Lead__c,
        Started_At__c: clock.Started_At__c,
        Responsible_User__c: clock.Responsible_User__c
    }));
    const wanted = new Set(clocks.map((clock) => clock.Lead__c));
    // The last record of an Id wins, as in the engine's own index.
    const leads = new Map(
        snapshot.leads.filter((lead) => wanted.has(lead.Id)).map((lead) => [lead.Id, lead])
    );
    return handoffsFrom(clocks, (leadId) => leads.get(leadId));
}
