import type { Opportunity } from '../schema/records';
import type { EngineContext } from './context';
import { tierOf } from './routing-tree';
import { writePersonField } from './stages';
import { roundPercent } from './text';

/**
 * Writes the computed facts of people and accounts: intent score, engagement count,
 * last signal, matched account and source tier on people; committee size and intent,
 * first touch and MEDDPICC completeness on accounts.
 */

/** Returns whether each of the eight MEDDPICC elements of an opportunity is filled in. */
function meddpiccElements(opportunity: Opportunity): boolean[] {
    const filled = (value: string | null): boolean => value !== null && value.trim() !== '';
    return [
        filled(opportunity.Metrics__c),
        opportunity.Economic_Buyer__c !== null,
        filled(opportunity.Decision_Criteria__c),
        filled(opportunity.Decision_Process__c),
        filled(opportunity.Paper_Process__c),
        filled(opportunity.Identified_Pain__c),
        opportunity.Champion__c !== null,
        filled(opportunity.Competition__c)
    ];
}

/** Share of the MEDDPICC elements filled in, in percent with two decimals. */
export function meddpiccCompleteness(opportunity: Opportunity): number {
    const elements = meddpiccElements(opportunity);
    return roundPercent((elements.filter(Boolean).length * 100) / elements.length);
}

export function writePeopleFacts(ctx: EngineContext): void {
    const { people, policy } = ctx;
    for (const person of ctx.index.people) {
        const score = people.score[person.index] ?? 0;
        const engagement = people.engagement[person.index] ?? 0;
        writePersonField(ctx, person, 'Intent_Score__c', score);
        writePersonField(ctx, person, 'Engagement_Count__c', engagement);
        if (person.kind === 'Lead') {
            const lead = person.record;
            ctx.changes.Lead.set(
                lead,
                'Matched_Account__c',
                people.accountOf[person.index] ?? null
            );
            const tier = tierOf(lead.LeadSource, policy)?.tier ?? null;
            ctx.changes.Lead.set(lead, 'Source_Tier__c', tier);
        } else {
            const last = people.lastSignal[person.index] ?? Number.NaN;
            ctx.changes.Contact.set(
                person.record,
                'Last_Signal_At__c',
                Number.isNaN(last) ? person.record.Last_Signal_At__c : new Date(last)
            );
        }
    }
}

export function writeAccountFacts(ctx: EngineContext): void {
    for (const opportunity of ctx.index.opportunities.values()) {
        const completeness = meddpiccCompleteness(opportunity);
        ctx.changes.Opportunity.set(opportunity, 'MEDDPICC_Completeness__c', completeness);
    }
    const changes = ctx.changes.Account;
    for (const account of ctx.index.accounts.values()) {
        const active = ctx.accounts.active.get(account.Id)?.length ?? 0;
        const intent = ctx.accounts.committeeIntent.get(account.Id) ?? 0;
        changes.set(account, 'Active_Committee_Members__c', active);
        changes.set(account, 'Committee_Intent_Score__c', intent);
        const firstTouch = ctx.accounts.firstTouch.get(account.Id);
        // The first touch is stamped once: the Committee-Aware window counts from it.
        if (account.First_Touch_At__c === null && firstTouch !== undefined) {
            changes.set(account, 'First_Touch_At__c', new Date(firstTouch));
        }
        let best: number | null = null;
        for (const opportunity of ctx.index.opportunitiesByAccount.get(account.Id) ?? []) {
            if (!opportunity.IsClosed) {
                best = Math.max(best ?? 0, meddpiccCompleteness(opportunity));
            }
        }
        changes.set(account, 'MEDDPICC_Completeness__c', best);
    }
}
