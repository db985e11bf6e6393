import { STANDARD_OBJECTS as ORG_STANDARD_OBJECTS } from '../schema/standard-objects';

/**
 * Standard objects the product reads, writes or relates to: the objects the local org
 * models, plus Activity, whose folder contains the custom fields that Task and Event share.
 * A reference to any of them counts as existing although the package does not define
 * it. A reference to any other object must name an object defined in the package.
 */
export const STANDARD_OBJECTS: ReadonlySet<string> = new Set([
    'Activity',
    ...ORG_STANDARD_OBJECTS.map((object) => object.name)
]);

/**
 * Standard picklist fields and the standard value set that contains their values, for the
 * standard objects above. Source: Metadata API Developer Guide, "StandardValueSet Names
 * and Standard Picklist Fields" (API version 38.0 and later).
 */
export const STANDARD_PICKLIST_VALUE_SETS: ReadonlyMap<string, string> = new Map([
    ['Account.AccountSource', 'LeadSource'],
    ['Account.Industry', 'Industry'],
    ['Account.Ownership', 'AccountOwnership'],
    ['Account.Rating', 'AccountRating'],
    ['Account.Type', 'AccountType'],
    ['Campaign.Status', 'CampaignStatus'],
    ['Campaign.Type', 'CampaignType'],
    ['CampaignMember.Status', 'CampaignMemberStatus'],
    ['Contact.LeadSource', 'LeadSource'],
    ['Event.Subject', 'EventSubject'],
    ['Event.Type', 'EventType'],
    ['Lead.Industry', 'Industry'],
    ['Lead.LeadSource', 'LeadSource'],
    ['Lead.Rating', 'AccountRating'],
    ['Lead.Status', 'LeadStatus'],
    ['Opportunity.LeadSource', 'LeadSource'],
    ['Opportunity.StageName', 'OpportunityStage'],
    ['Opportunity.Type', 'OpportunityType'],
    ['Task.Priority', 'TaskPriority'],
    ['Task.Status', 'TaskStatus'],
    ['Task.Subject', 'TaskSubject'],
    ['Task.Type', 'TaskType']
]);

/**
 * Returns the object whose folder defines the custom fields of `objectName`. Custom
 * fields of tasks and events are defined once, on Activity, and appear on both.
 */
export function fieldOwnerOf(objectName: string): string {
    return objectName === 'Task' || objectName === 'Event' ? 'Activity' : objectName;
}

/** True for API names of custom fields (`Score__c`), which the package must define. */
export function isCustomFieldName(name: string): boolean {
    return name.endsWith('__c');
}
