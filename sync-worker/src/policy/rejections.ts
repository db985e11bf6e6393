import type { Lead } from '../schema/records';
import { nameOf, pickTeammate, startClock } from './clocks';
import type { EngineContext } from './context';
import {
    disputeDecisionKey,
    disputeFollowUpClockKey,
    disputeReviewClockKey,
    routeKindOfKey
} from './keys';
import { isUserId } from './snapshot-index';
import { fitReason } from './text';
import { REJECTED_STATUS, REVOPS_QUEUE } from './values';

/**
 * Rejections and disputes. The engine stamps `Rejected_At__c` the first time it reads a
 * rejected lead. A dispute (`Dispute_Status__c` Open) starts a review clock for the
 * RevOps queue; Overturned returns the lead to the rep who rejected it with a
 * follow-up clock; Upheld logs a Dispute Decision review for the next QBR.
 */

/** Returns the rep who rejected the lead: the responsible user of its latest Sales or SDR clock before the rejection. */
export function rejectingRep(ctx: EngineContext, lead: Lead, rejectedAt: Date): string | null {
    let rep: string | null = null;
    for (const clock of ctx.clocks.forRecord(lead.Id)) {
        const kind = routeKindOfKey(clock.Clock_Key__c);
        const started = clock.Started_At__c?.getTime() ?? Number.POSITIVE_INFINITY;
        if (
            kind !== null &&
            kind !== 'nurture' &&
            started <= rejectedAt.getTime() &&
            clock.Responsible_User__c !== null
        ) {
            rep = clock.Responsible_User__c;
        }
    }
    return rep ?? (isUserId(lead.OwnerId) ? lead.OwnerId : null);
}

function openDisputeReview(ctx: EngineContext, lead: Lead, rejectedAt: Date): void {
    const key = disputeReviewClockKey(lead.Id, rejectedAt);
    if (ctx.clocks.get(key) !== undefined) {
        return;
    }
    const hours = ctx.policy.disputeReviewHours;
    const reason = `Dispute of the rejection of ${nameOf(lead)}: RevOps decides within ${hours} business hours`;
    startClock(ctx, {
        key,
        type: 'Dispute Review',
        leadId: lead.Id,
        accountId: ctx.changes.Lead.get(lead, 'Matched_Account__c'),
        responsibleUserId: null,
        team: 'RevOps',
        trigger: ctx.now,
        start: ctx.now,
        window: { amount: hours, unit: 'hours' },
        reason
    });
    const queue = ctx.index.queues.get(REVOPS_QUEUE);
    ctx.notifications.add({
        key: `Dispute:${key}`,
        recipientIds: ctx.index.recipientsOf(queue?.Id ?? null),
        targetId: lead.Id,
        title: 'Rejection disputed',
        body: fitReason(`${reason}. Evidence: ${lead.Dispute_Evidence_URL__c ?? 'none given'}`),
        anchor: { object: 'SLA_Clock__c', key }
    });
}

function followUpOverturn(ctx: EngineContext, lead: Lead, rejectedAt: Date): void {
    const key = disputeFollowUpClockKey(lead.Id, rejectedAt);
    if (ctx.clocks.get(key) !== undefined) {
        return;
    }
    const rep = rejectingRep(ctx, lead, rejectedAt);
    if (rep === null) {
        ctx.problems.push({
            object: 'Lead',
            id: lead.Id,
            reason: 'Overturned dispute not followed up: the rejecting rep is unknown'
        });
        return;
    }
    const target = ctx.index.isActiveUser(rep) ? rep : pickTeammate(ctx, rep);
    if (target === null) {
        ctx.problems.push({
            object: 'Lead',
            id: lead.Id,
            reason: `Overturned dispute not followed up: rep ${rep} is inactive and has no manager`
        });
        return;
    }
    const hours = ctx.policy.disputeFollowUpHours;
    const who = nameOf(ctx.index.users.get(target) ?? { Id: target });
    const reason = `Rejection overturned by RevOps: back to ${who} with ${hours} business hours to follow up`;
    ctx.owners.assign('Lead', lead, target, reason);
    ctx.changes.Lead.set(lead, 'Decision_Reason__c', fitReason(reason), reason);
    startClock(ctx, {
        key,
        type: 'Dispute Follow Up',
        leadId: lead.Id,
        accountId: ctx.changes.Lead.get(lead, 'Matched_Account__c'),
        responsibleUserId: target,
        team: ctx.index.teamOf(target) ?? 'Sales',
        trigger: ctx.now,
        start: ctx.now,
        window: { amount: hours, unit: 'hours' },
        reason
    });
}

function logUpheld(ctx: EngineContext, lead: Lead, rejectedAt: Date): void {
    const quarter = ctx.time.quarterOf(ctx.now);
    const details = `Rejection of ${nameOf(lead)} upheld (${lead.Rejection_Reason__c ?? 'no reason'}); evidence: ${lead.Dispute_Evidence_URL__c ?? 'none'}`;
    ctx.reviews.add(
        disputeDecisionKey(lead.Id, rejectedAt),
        {
            Type__c: 'Dispute Decision',
            Lead__c: lead.Id,
            Period__c: quarter.label,
            Starts_At__c: ctx.now,
            Due_At__c: quarter.end,
            Status__c: 'Open',
            Details__c: details
        },
        'Dispute upheld: logged for the next QBR'
    );
}

/** Stamps rejections and moves disputes along. */
export function handleRejections(ctx: EngineContext): void {
    for (const lead of ctx.index.leads.values()) {
        if (lead.IsConverted || lead.IsDeleted || lead.Status !== REJECTED_STATUS) {
            continue;
        }
        if (lead.Rejection_Reason__c === null) {
            // The org's validation rule rejects any update of such a lead.
            ctx.problems.push({
                object: 'Lead',
                id: lead.Id,
                reason: 'Skipped: Status is Rejected but Rejection_Reason__c is empty'
            });
            ctx.readOnly.add(lead.Id);
            continue;
        }
        if (lead.Rejected_At__c === null) {
            ctx.changes.Lead.set(
                lead,
                'Rejected_At__c',
                ctx.now,
                `Rejected by Sales: ${lead.Rejection_Reason__c}`
            );
        }
        const rejectedAt = lead.Rejected_At__c ?? ctx.now;
        switch (lead.Dispute_Status__c) {
            case 'Open':
                openDisputeReview(ctx, lead, rejectedAt);
                break;
            case 'Overturned':
                followUpOverturn(ctx, lead, rejectedAt);
                break;
            case 'Upheld':
                logUpheld(ctx, lead, rejectedAt);
                break;
            default:
                break;
        }
    }
}
