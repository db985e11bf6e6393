/**
 * Recording what each evaluation of a replay decided: routes, handoffs, breaches with
 * their escalations, and reviews, each with the reason the engine gave for it.
 */
import type { Evaluation } from '../policy';
import { routeKindOfKey } from '../policy/keys';
import { handoffsFrom, type HandoffClock } from '../policy/probation';
import { decisionOfKind } from '../policy/routing-tree';
import type { OrgMirror } from '../sync/mirror';
import type {
    BreachDecision,
    DecisionLog,
    HandoffDecision,
    ReviewDecision,
    RouteDecision
} from './types';

const HOUR_MS = 3_600_000;

/** Suffix of the key of a clock that replaces a breached one after reassignment (`reassignedClockKey`). */
const REASSIGNED_SUFFIX = '+R';

/** Tells whether a clock replaced a breached one after reassignment. */
export function isReassignedClock(clockKey: string): boolean {
    return clockKey.endsWith(REASSIGNED_SUFFIX);
}

/** Returns the clock key without its route kind, so that the same route's clocks pair up across policies. */
export function pairKeyOf(clockKey: string): string {
    const kind = routeKindOfKey(clockKey);
    return kind === null ? clockKey : clockKey.replace(`:${kind}:`, ':');
}

/** A breach as an evaluation reports it; how long it stayed overdue is known at the end of the replay. */
type BreachRecord = Omit<BreachDecision, 'overdueHours' | 'clockType' | 'subjectId'> & {
    readonly subjectId: string | null;
};

/** Collects the decisions of one replay, evaluation by evaluation. */
export class DecisionRecorder {
    private readonly routes: RouteDecision[] = [];
    private readonly accountHandoffs: HandoffDecision[] = [];
    private readonly breaches: BreachRecord[] = [];
    private readonly reviews: ReviewDecision[] = [];
    /** Reason each clock was started with; transitions overwrite `Reason__c` later. */
    private readonly clockReasons = new Map<string, string>();
    private evaluations = 0;
    private fullEvaluations = 0;

    /** Records the decisions of one evaluation, made at `evaluation.now`. */
    record(evaluation: Evaluation, full: boolean): void {
        this.evaluations += 1;
        this.fullEvaluations += full ? 1 : 0;
        const now = evaluation.now;
        const breachReasons = new Map<string, string>();
        for (const clock of evaluation.clocks) {
            if (clock.isNew) {
                this.clockReasons.set(clock.key, clock.reason);
                this.recordRoute(clock.key, clock.fields, clock.reason, now);
            }
            if (clock.fields.Status__c === 'Breached') {
                breachReasons.set(clock.key, clock.reason);
            }
        }
        for (const update of evaluation.updates) {
            if (
                update.object === 'Lead' &&
                update.fields.Routing_Decision__c === 'Awaiting Approval'
            ) {
                this.routes.push({
                    personId: update.id,
                    decision: 'Awaiting Approval',
                    trigger: now,
                    decidedAt: now,
                    dueAt: null,
                    reason: update.fields.Decision_Reason__c ?? update.reason
                });
            }
            if (update.object === 'Account' && update.fields.Lifecycle_Owner__c === 'Sales') {
                this.accountHandoffs.push({
                    subjectId: update.id,
                    object: 'Account',
                    at: update.fields.Handoff_At__c ?? now,
                    reason: update.fields.Decision_Reason__c ?? update.reason
                });
            }
        }
        for (const breach of evaluation.breaches) {
            const fields = breach.fields;
            this.breaches.push({
                key: breach.key,
                clockKey: breach.clockKey,
                pairKey: pairKeyOf(breach.clockKey),
                subjectId: fields.Lead__c ?? fields.Account__c ?? null,
                breachedAt: fields.Breached_At__c ?? now,
                action: fields.Action__c ?? 'Reminder',
                level: fields.Level__c ?? 1,
                responsibleUserId: fields.Responsible_User__c ?? null,
                reassignedTo: fields.Reassigned_To__c ?? null,
                breachReason: breachReasons.get(breach.clockKey) ?? '',
                clockReason: this.clockReasons.get(breach.clockKey) ?? '',
                escalationReason: breach.reason
            });
        }
        for (const review of evaluation.reviews) {
            if (!review.isNew) {
                continue;
            }
            const fields = review.fields;
            this.reviews.push({
                key: review.key,
                type: fields.Type__c ?? 'Review',
                subjectId:
                    fields.Subject_User__c ?? fields.Team_Manager__c ?? fields.Lead__c ?? null,
                period: fields.Period__c ?? null,
                startsAt: fields.Starts_At__c ?? now,
                reason: review.reason
            });
        }
    }

    /** Completes the log once the replay reached `to`, from the replay's final mirror. */
    finish(mirror: OrgMirror, from: Date, to: Date): DecisionLog {
        const clocks = new Map(
            mirror.list('SLA_Clock__c').map((clock) => [clock.Clock_Key__c ?? '', clock])
        );
        const breaches: BreachDecision[] = this.breaches.map((breach) => {
            const clock = clocks.get(breach.clockKey);
            const completed = clock?.Completed_At__c?.getTime() ?? to.getTime();
            const end = Math.min(completed, to.getTime());
            return {
                ...breach,
                // The person the clock tracks, else its account: a breach names a contact's account only.
                subjectId:
                    clock?.Lead__c ??
                    clock?.Contact__c ??
                    breach.subjectId ??
                    clock?.Account__c ??
                    '',
                clockType: clock?.Type__c ?? 'Response',
                overdueHours: Math.max(0, (end - breach.breachedAt.getTime()) / HOUR_MS)
            };
        });
        return {
            routes: this.routes,
            handoffs: [...this.leadHandoffs(mirror, from, to), ...this.accountHandoffs],
            breaches,
            reviews: this.reviews,
            evaluations: this.evaluations,
            fullEvaluations: this.fullEvaluations
        };
    }

    private recordRoute(
        key: string,
        fields: Evaluation['clocks'][number]['fields'],
        reason: string,
        now: Date
    ): void {
        const kind = routeKindOfKey(key);
        if (kind === null || isReassignedClock(key)) {
            return;
        }
        this.routes.push({
            personId: fields.Lead__c ?? fields.Contact__c ?? '',
            decision: kind === 'nurture' ? 'Nurture' : decisionOfKind(kind),
            trigger: fields.Trigger_At__c ?? now,
            decidedAt: now,
            dueAt: fields.Due_At__c ?? null,
            reason
        });
    }

    /**
     * First handoff of each lead within the window, as the engine counts it for the
     * rejection rate: the start of its first Sales or SDR response clock.
     */
    private leadHandoffs(mirror: OrgMirror, from: Date, to: Date): HandoffDecision[] {
        const clocks: HandoffClock[] = [];
        for (const clock of mirror.list('SLA_Clock__c')) {
            if (clock.Clock_Key__c !== null) {
                clocks.push({ ...clock, Clock_Key__c: clock.Clock_Key__c });
            }
        }
        const leads = new Map(mirror.list('Lead').map((lead) => [lead.Id, lead]));
        return handoffsFrom(clocks, (leadId) => leads.get(leadId))
            .filter((handoff) => handoff.at >= from.getTime() && handoff.at <= to.getTime())
            .map((handoff) => {
                const route = this.routes.find(
                    (entry) =>
                        entry.personId === handoff.leadId &&
                        entry.decidedAt.getTime() === handoff.at
                );
                return {
                    subjectId: handoff.leadId,
                    object: 'Lead' as const,
                    at: new Date(handoff.at),
                    reason: route?.reason ?? 'First Sales or SDR response clock started'
                };
            });
    }
}
