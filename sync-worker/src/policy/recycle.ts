import { closeClock } from './clocks';
import type { EngineContext } from './context';
import { routeKindOfKey } from './keys';
import type { Person } from './snapshot-index';
import { writePersonField } from './stages';
import { fitReason } from './text';
import { isOpenStatus, NURTURE_QUEUE, type RoutingDecision } from './values';

/** Records a routing decision and its reason on a person (the decision field exists on leads only). */
export function setDecision(
    ctx: EngineContext,
    person: Person,
    decision: RoutingDecision,
    reason: string
): void {
    if (person.kind === 'Lead') {
        ctx.changes.Lead.set(person.record, 'Routing_Decision__c', decision, reason);
    }
    writePersonField(ctx, person, 'Decision_Reason__c', fitReason(reason), reason);
}

/**
 * Moves a lead to the Marketing_Nurture queue when assignment is on. Contacts keep
 * their owner because Salesforce does not let a queue own a contact.
 */
export function moveToNurtureQueue(ctx: EngineContext, person: Person, reason: string): void {
    if (!ctx.policy.assignOwners || person.kind !== 'Lead') {
        return;
    }
    const queue = ctx.index.queues.get(NURTURE_QUEUE);
    if (queue === undefined) {
        ctx.problems.push({
            object: 'Lead',
            id: person.record.Id,
            reason: `Owner kept: the ${NURTURE_QUEUE} queue is not in the org`
        });
        return;
    }
    ctx.owners.assign('Lead', person.record, queue.Id, reason);
}

/** Cancels the person's open response and nurture clocks, except `keepKey`. */
export function cancelRouteClocks(
    ctx: EngineContext,
    personId: string,
    reason: string,
    keepKey?: string
): void {
    for (const clock of ctx.clocks.forRecord(personId)) {
        if (
            clock.Clock_Key__c !== keepKey &&
            routeKindOfKey(clock.Clock_Key__c) !== null &&
            isOpenStatus(clock.Status__c)
        ) {
            closeClock(ctx, clock, 'Cancelled', ctx.now, reason);
        }
    }
}

/** True when the person was ever routed: a routing decision or a route clock. */
export function hasBeenRouted(ctx: EngineContext, person: Person): boolean {
    if (
        person.kind === 'Lead' &&
        ctx.changes.Lead.get(person.record, 'Routing_Decision__c') !== null
    ) {
        return true;
    }
    if (
        ctx.clocks
            .forRecord(person.record.Id)
            .some((clock) => routeKindOfKey(clock.Clock_Key__c) !== null)
    ) {
        return true;
    }
    return (
        (ctx.index.convertedLeadByContact.get(person.record.Id)?.Routing_Decision__c ?? null) !==
        null
    );
}

/**
 * Recycles a person: back to Marketing's nurture queue with the decision Recycled, its
 * open route clocks cancelled, and its stage recomputed from scratch.
 */
export function recyclePerson(ctx: EngineContext, person: Person, reason: string): void {
    setDecision(ctx, person, 'Recycled', reason);
    moveToNurtureQueue(ctx, person, reason);
    cancelRouteClocks(ctx, person.record.Id, reason);
    ctx.resets.people.add(person.index);
}
