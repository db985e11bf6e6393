/**
 * Writes the SLA history as records: SLA_Clock__c, the response tasks, SLA_Breach__c
 * and the Rep Breach Reviews already due this quarter, with the keys the engine uses.
 */
import { DEFAULT_POLICY } from '../../sync-worker/src/config/policy-schema';
import type { FiscalQuarter } from '../../sync-worker/src/policy/business-time';
import type { TimeFrames } from '../../sync-worker/src/policy/time-frames';
import type { RecordBuilder } from './builder';
import { MINUTE_MS } from './scoring';
import type { HistoricBreach, HistoricClock, HistoricResponse, SlaLedger } from './sla-ledger';
import {
    DEFAULT_BUSINESS_HOURS_REF,
    type KeySpec,
    type RecordRef,
    type SampleFields
} from './types';

function iso(ms: number | null): string | null {
    return ms === null ? null : new Date(ms).toISOString();
}

function clockKey(clock: HistoricClock, refs: readonly RecordRef[]): KeySpec {
    if (clock.replaces !== null) {
        const replaced = refs[clock.replaces.index];
        if (replaced === undefined) {
            throw new Error(
                'Sample history bug: a reassigned clock precedes the clock it replaces.'
            );
        }
        return { kind: 'reassigned-clock', clock: replaced };
    }
    return {
        kind: 'route-clock',
        person: clock.lead.ref,
        route: clock.route.kind,
        triggerAt: new Date(clock.triggerMs).toISOString()
    };
}

function clockFields(clock: HistoricClock, nowMs: number): SampleFields {
    const hours = clock.route.window.unit === 'hours';
    const closedMs = clock.status === 'Breached' ? clock.dueMs : clock.completedMs;
    const modifiedMs = Math.min(nowMs, Math.max(clock.startMs, closedMs ?? clock.startMs));
    return {
        Type__c: clock.route.kind === 'nurture' ? 'Nurture' : 'Response',
        Lead__c: clock.lead.ref,
        Responsible_User__c: clock.rep?.ref ?? null,
        Responsible_Team__c: clock.rep?.team ?? clock.route.team,
        Trigger_At__c: iso(clock.triggerMs),
        Started_At__c: iso(clock.startMs),
        Due_At__c: iso(clock.dueMs),
        Warning_At__c: iso(clock.warningMs),
        Completed_At__c: iso(clock.completedMs),
        Status__c: clock.status,
        Business_Hours_Id__c: hours ? DEFAULT_BUSINESS_HOURS_REF : null,
        Policy_Version__c: DEFAULT_POLICY.version,
        Reason__c: clock.route.reason.slice(0, 255),
        CreatedDate: iso(clock.startMs),
        LastModifiedDate: iso(modifiedMs)
    };
}

function responseFields(response: HistoricResponse, frames: TimeFrames): SampleFields {
    const call = response.atMs % 2 === 0;
    const at = iso(response.atMs);
    return {
        Subject: call ? 'Call' : 'Email: following up on your request',
        Type: call ? 'Call' : 'Email',
        TaskSubtype: call ? 'Call' : 'Email',
        Status: 'Completed',
        Priority: 'Normal',
        OwnerId: response.rep.ref,
        WhoId: response.lead.ref,
        ActivityDate: frames.localDate(new Date(response.atMs)),
        CallDurationInSeconds: call ? 60 + (response.atMs % 540) : null,
        CreatedDate: at,
        CreatedById: response.rep.ref,
        LastModifiedDate: at,
        LastModifiedById: response.rep.ref
    };
}

function breachFields(breach: HistoricBreach, clockRef: RecordRef, nowMs: number): SampleFields {
    const { clock } = breach;
    return {
        SLA_Clock__c: clockRef,
        Lead__c: clock.lead.ref,
        Responsible_User__c: clock.rep?.ref ?? null,
        Manager__c: clock.rep?.manager?.ref ?? null,
        Reassigned_To__c: breach.reassignedTo?.ref ?? null,
        Responsible_Team__c: clock.rep?.team ?? clock.route.team,
        Level__c: Math.min(breach.level, 9),
        Action__c: breach.action,
        Breached_At__c: iso(clock.dueMs),
        Fiscal_Quarter__c: breach.fiscalQuarter,
        CreatedDate: iso(Math.min(nowMs, clock.dueMs + MINUTE_MS))
    };
}

/**
 * Writes the Rep Breach Review the engine opens at a rep's third breach in a quarter.
 * Like the engine, it reviews the quarter of `now` only.
 */
function writeRepReviews(
    builder: RecordBuilder,
    breaches: readonly HistoricBreach[],
    quarter: FiscalQuarter
): void {
    const currentQuarter = quarter.label;
    for (const breach of breaches) {
        const rep = breach.clock.rep;
        if (
            rep === null ||
            breach.fiscalQuarter !== currentQuarter ||
            breach.level !== DEFAULT_POLICY.repReviewBreachCount
        ) {
            continue;
        }
        const openedAt = iso(breach.clock.dueMs + MINUTE_MS);
        builder.add(
            'SLA_Review__c',
            {
                Type__c: 'Rep Breach Review',
                Subject_User__c: rep.ref,
                Team_Manager__c: rep.manager?.ref ?? null,
                Period__c: currentQuarter,
                Metric_Value__c: breach.level,
                Starts_At__c: openedAt,
                Due_At__c: quarter.end.toISOString(),
                Status__c: 'Open',
                Details__c: `${rep.name.first} ${rep.name.last} has ${breach.level} SLA breaches in ${currentQuarter}: review with RevOps, the VP of Sales and the CMO.`,
                CreatedDate: openedAt
            },
            { kind: 'rep-review', user: rep.ref, fiscalQuarter: currentQuarter }
        );
    }
}

/** Writes clocks, response tasks, breaches and reviews of the ledger. */
export function writeSlaHistory(
    builder: RecordBuilder,
    ledger: SlaLedger,
    breaches: readonly HistoricBreach[]
): void {
    const refs: RecordRef[] = [];
    for (const clock of ledger.clocks) {
        refs[clock.index] = builder.add(
            'SLA_Clock__c',
            clockFields(clock, ledger.nowMs),
            clockKey(clock, refs)
        );
    }
    for (const response of ledger.responses) {
        builder.add('Task', responseFields(response, ledger.frames));
    }
    for (const breach of breaches) {
        const clockRef = refs[breach.clock.index];
        if (clockRef !== undefined) {
            builder.add('SLA_Breach__c', breachFields(breach, clockRef, ledger.nowMs), {
                kind: 'breach',
                clock: clockRef
            });
        }
    }
    writeRepReviews(builder, breaches, ledger.frames.quarterOf(new Date(ledger.nowMs)));
}
