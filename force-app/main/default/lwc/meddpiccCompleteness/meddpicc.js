import METRICS_FIELD from '@salesforce/schema/Opportunity.Metrics__c';
import ECONOMIC_BUYER_FIELD from '@salesforce/schema/Opportunity.Economic_Buyer__c';
import DECISION_CRITERIA_FIELD from '@salesforce/schema/Opportunity.Decision_Criteria__c';
import DECISION_PROCESS_FIELD from '@salesforce/schema/Opportunity.Decision_Process__c';
import PAPER_PROCESS_FIELD from '@salesforce/schema/Opportunity.Paper_Process__c';
import IDENTIFIED_PAIN_FIELD from '@salesforce/schema/Opportunity.Identified_Pain__c';
import CHAMPION_FIELD from '@salesforce/schema/Opportunity.Champion__c';
import COMPETITION_FIELD from '@salesforce/schema/Opportunity.Competition__c';
import METRICS from '@salesforce/label/c.MEDDPICC_Metrics';
import ECONOMIC_BUYER from '@salesforce/label/c.MEDDPICC_Economic_Buyer';
import DECISION_CRITERIA from '@salesforce/label/c.MEDDPICC_Decision_Criteria';
import DECISION_PROCESS from '@salesforce/label/c.MEDDPICC_Decision_Process';
import PAPER_PROCESS from '@salesforce/label/c.MEDDPICC_Paper_Process';
import IDENTIFIED_PAIN from '@salesforce/label/c.MEDDPICC_Identified_Pain';
import CHAMPION from '@salesforce/label/c.MEDDPICC_Champion';
import COMPETITION from '@salesforce/label/c.MEDDPICC_Competition';
import PERCENT_COMPLETE from '@salesforce/label/c.MEDDPICC_Percent_Complete';
import { formatLabel } from 'c/slaTimeFormat';

/**
 * The eight MEDDPICC elements in their usual order. Text elements count as filled when
 * they hold more than white space, lookups (Economic Buyer, Champion) when they are
 * set: the same rule the worker uses for MEDDPICC Completeness.
 */
export const ELEMENTS = [
    { field: METRICS_FIELD, label: METRICS },
    { field: ECONOMIC_BUYER_FIELD, label: ECONOMIC_BUYER },
    { field: DECISION_CRITERIA_FIELD, label: DECISION_CRITERIA },
    { field: DECISION_PROCESS_FIELD, label: DECISION_PROCESS },
    { field: PAPER_PROCESS_FIELD, label: PAPER_PROCESS },
    { field: IDENTIFIED_PAIN_FIELD, label: IDENTIFIED_PAIN },
    { field: CHAMPION_FIELD, label: CHAMPION },
    { field: COMPETITION_FIELD, label: COMPETITION }
];

/** Schema fields of the eight elements, for getRecord. */
export const ELEMENT_FIELDS = ELEMENTS.map((element) => element.field);

function isFilled(value) {
    if (value === null || value === undefined) {
        return false;
    }
    return typeof value !== 'string' || value.trim() !== '';
}

/**
 * Assesses one opportunity. `valueOf(fieldApiName)` returns the field's value.
 * Returns the elements with `filled`, the whole percent filled, its text and whether
 * every element is filled.
 */
export function assessOpportunity(valueOf) {
    const letters = ELEMENTS.map((element) => ({
        key: element.field.fieldApiName,
        label: element.label,
        filled: isFilled(valueOf(element.field.fieldApiName))
    }));
    const filledCount = letters.filter((letter) => letter.filled).length;
    const percent = Math.round((filledCount * 100) / letters.length);
    return {
        letters,
        percent,
        percentText: formatLabel(PERCENT_COMPLETE, [percent]),
        complete: filledCount === letters.length
    };
}

/** Orders assessed opportunities best first, then by close date and name. */
export function compareBestFirst(a, b) {
    return (
        b.percent - a.percent ||
        (a.closeDate || '').localeCompare(b.closeDate || '') ||
        a.name.localeCompare(b.name)
    );
}
