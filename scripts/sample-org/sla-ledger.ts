/**
 * The SLA history as the worker would have left it. Response and nurture clocks on leads
 * routed before `now` are started by the routing tree and business calendar the policy
 * engine uses. The ledger also keeps the responses that met them, and derives the
 * breaches of the rest with their escalation levels per rep and fiscal quarter.
 */
import { DEFAULT_POLICY } from '../../sync-worker/src/config/policy-schema';
import { routePerson, type Route } from '../../sync-worker/src/policy/routing-tree';
import type { TimeFrames } from '../../sync-worker/src/policy/time-frames';
import type { PersonDraft } from './people';
import type { Random } from './random';
import { engagementCount, MINUTE_MS, personStage, storedIntent } from './scoring';
import type { StaffMember } from './users';

/** A clock of the history; `status` and `completedMs` change as the history is written. */
export interface HistoricClock {
    readonly index: number;
    readonly lead: PersonDraft;
    readonly route: Route;
    readonly rep: StaffMember | null;
    readonly triggerMs: number;
    readonly startMs: number;
    readonly dueMs: number;
    readonly warningMs: number;
    status: 'Open' | 'Met' | 'Breached' | 'Cancelled';
    /** When the required response happened (late for a breached clock), or null. */
    completedMs: number | null;
    /** The breached clock this one replaced after a reassignment. */
    readonly replaces: HistoricClock | null;
}

/** A breach of the history with the level the engine would have given it. */
export interface HistoricBreach {
    readonly clock: HistoricClock;
    readonly level: number;
    readonly fiscalQuarter: string;
    readonly action: 'Reminder' | 'Manager Notified' | 'Reassigned';
    readonly reassignedTo: StaffMember | null;
}

/** A response a rep logged on a lead: a completed call or e-mail task. */
export interface HistoricResponse {
    readonly lead: PersonDraft;
    readonly rep: StaffMember;
    readonly atMs: number;
}

/** Returns where the routing tree sends a lead whose planned signals end at `triggerMs`. */
export function routeAt(lead: PersonDraft, triggerMs: number): Route {
    const source = typeof lead.fields.LeadSource === 'string' ? lead.fields.LeadSource : null;
    return routePerson(
        {
            leadSource: source,
            intent: storedIntent(lead.signals, triggerMs, null),
            committeeSize: 0,
            engagement: engagementCount(lead.signals, triggerMs)
        },
        DEFAULT_POLICY
    );
}

export class SlaLedger {
    public readonly clocks: HistoricClock[] = [];
    public readonly responses: HistoricResponse[] = [];
    /** Reassignment target of each breached clock (by index) whose lead was reassigned. */
    private readonly reassigned = new Map<number, StaffMember>();

    public constructor(
        public readonly frames: TimeFrames,
        private readonly random: Random,
        public readonly nowMs: number,
        /** Every sales and SDR rep, for reassignments. */
        private readonly reps: readonly StaffMember[]
    ) {}

    /**
     * Starts the clock of a lead's first route: the lead was created by the event at
     * `triggerMs` and the worker routed it `startMs`. Records the routing on the lead.
     */
    public route(
        lead: PersonDraft,
        rep: StaffMember | null,
        triggerMs: number,
        startMs: number
    ): HistoricClock {
        const route = routeAt(lead, triggerMs);
        if (rep !== null && rep.team !== route.team) {
            throw new Error(
                `Sample history bug: ${route.decision} lead assigned to a ${rep.team ?? 'no'} team rep.`
            );
        }
        const clock = this.addClock({ lead, route, rep, triggerMs, startMs, replaces: null });
        Object.assign(lead.fields, {
            OwnerId: rep?.ref ?? lead.fields.OwnerId ?? null,
            CreatedDate: new Date(triggerMs).toISOString(),
            LastModifiedDate: new Date(startMs).toISOString(),
            Routing_Decision__c: route.decision,
            Source_Tier__c: route.tier?.tier ?? null,
            Decision_Reason__c: route.reason,
            SLA_Due_At__c: new Date(clock.dueMs).toISOString(),
            SLA_Status__c: 'On Track',
            Lifecycle_Stage__c: personStage(lead.signals, triggerMs, lead.identified),
            Intent_Score__c: storedIntent(lead.signals, this.nowMs, null),
            Engagement_Count__c: engagementCount(lead.signals, this.nowMs),
            Last_Evaluated_At__c: new Date(startMs).toISOString()
        });
        lead.claimed = true;
        return clock;
    }

    /** Logs the rep's response at `atMs` and closes the clock as Met when it was in time. */
    public respond(clock: HistoricClock, rep: StaffMember, atMs: number): void {
        this.responses.push({ lead: clock.lead, rep, atMs });
        clock.completedMs = atMs;
        clock.status = atMs <= clock.dueMs ? 'Met' : 'Breached';
        Object.assign(clock.lead.fields, {
            Status: 'Working - Contacted',
            SLA_Status__c: clock.status,
            LastModifiedDate: new Date(atMs).toISOString()
        });
    }

    /** Closes the clock as Breached; with `lateAfterMs`, the rep responds that long after the due time. */
    public miss(clock: HistoricClock, lateAfterMs: number | null): void {
        clock.status = 'Breached';
        clock.lead.fields.SLA_Status__c = 'Breached';
        if (lateAfterMs !== null && clock.rep !== null && clock.dueMs + lateAfterMs < this.nowMs) {
            this.respond(clock, clock.rep, clock.dueMs + lateAfterMs);
        }
    }

    /**
     * Derives the breaches in time order: the level is the rep's count in the breach's
     * fiscal quarter. From the reassign level on, the lead went to another active rep of
     * the same manager (the manager when there is none) with a new clock of the same
     * window, which that rep met.
     */
    public breaches(): HistoricBreach[] {
        this.settle();
        return this.levels().map(({ clock, level, fiscalQuarter }) => {
            const reassignedTo = this.reassigned.get(clock.index) ?? null;
            if (reassignedTo !== null) {
                return { clock, level, fiscalQuarter, action: 'Reassigned', reassignedTo };
            }
            const notified = clock.rep !== null && level >= DEFAULT_POLICY.managerLevel;
            const action = notified ? 'Manager Notified' : 'Reminder';
            return { clock, level, fiscalQuarter, action, reassignedTo: null };
        });
    }

    /**
     * Reassigns the leads of breaches at the reassign level that were not reassigned yet,
     * adding their replacement clocks. Call it before counting clocks, because the
     * replacement clocks count as due too.
     */
    public settle(): void {
        for (const { clock, level } of this.levels()) {
            const rep = clock.rep;
            if (
                rep !== null &&
                level >= DEFAULT_POLICY.reassignLevel &&
                !this.reassigned.has(clock.index)
            ) {
                this.reassign(clock, rep);
            }
        }
    }

    /** Breached clocks in time order with their level in the rep's fiscal quarter. */
    private levels(): { clock: HistoricClock; level: number; fiscalQuarter: string }[] {
        const counts = new Map<string, number>();
        const breached = this.clocks
            .filter((clock) => clock.status === 'Breached')
            .sort((a, b) => a.dueMs - b.dueMs || a.index - b.index);
        return breached.map((clock) => {
            const fiscalQuarter = this.frames.quarterOf(new Date(clock.dueMs)).label;
            const countKey = `${clock.rep?.ref.ref ?? 'queue'}|${fiscalQuarter}`;
            const level = (counts.get(countKey) ?? 0) + 1;
            counts.set(countKey, level);
            return { clock, level, fiscalQuarter };
        });
    }

    private reassign(clock: HistoricClock, rep: StaffMember): void {
        const target = this.teammateOf(rep);
        this.reassigned.set(clock.index, target);
        const startMs = clock.dueMs + this.random.int(1, 3) * MINUTE_MS;
        const replacement = this.addClock({
            lead: clock.lead,
            route: clock.route,
            rep: target,
            triggerMs: clock.dueMs,
            startMs,
            replaces: clock
        });
        clock.lead.fields.OwnerId = target.ref;
        const responseMs = this.frames
            .windowPoint(new Date(startMs), new Date(replacement.dueMs), 'hours', 30)
            .getTime();
        if (responseMs < this.nowMs) {
            this.respond(replacement, target, responseMs);
        }
    }

    /** Another active rep of the same manager, or the manager. */
    private teammateOf(rep: StaffMember): StaffMember {
        const manager = rep.manager;
        const teammate = this.reps.find(
            (other) => other !== rep && other.active && other.manager === manager
        );
        return teammate ?? manager ?? rep;
    }

    private addClock(
        spec: Omit<HistoricClock, 'index' | 'dueMs' | 'warningMs' | 'status' | 'completedMs'>
    ): HistoricClock {
        const start = new Date(spec.startMs);
        const due = this.frames.windowEnd(start, spec.route.window);
        const warning = this.frames.windowPoint(
            start,
            due,
            spec.route.window.unit,
            DEFAULT_POLICY.warningPercent
        );
        const clock: HistoricClock = {
            ...spec,
            index: this.clocks.length,
            dueMs: due.getTime(),
            warningMs: warning.getTime(),
            status: 'Open',
            completedMs: null
        };
        this.clocks.push(clock);
        return clock;
    }
}
