/**
 * The fields of org records that the policy engine writes. A replay must not take them
 * from the org: their values there are the outcome of the history being replayed, so the
 * replay starts them empty and lets the engine under each policy fill them in.
 */
import type { MirroredObject } from '../sync/objects';
import type { StoredRecord } from '../sync/mirror';

/**
 * Engine-written fields by object, as the rules in `policy/` set them (facts, stages,
 * routing, handoffs, summaries, exploratory flags). `test/simulate/engine-fields.test.ts`
 * fails when an evaluation writes a field missing here.
 */
export const ENGINE_FIELDS: Readonly<Partial<Record<MirroredObject, readonly string[]>>> = {
    Lead: [
        'Intent_Score__c',
        'Engagement_Count__c',
        'Matched_Account__c',
        'Source_Tier__c',
        'Lifecycle_Stage__c',
        'Decision_Reason__c',
        'Routing_Decision__c',
        'Exploratory__c',
        'SLA_Status__c',
        'SLA_Due_At__c',
        'Last_Evaluated_At__c'
    ],
    Contact: [
        'Intent_Score__c',
        'Engagement_Count__c',
        'Last_Signal_At__c',
        'Lifecycle_Stage__c',
        'Decision_Reason__c'
    ],
    Account: [
        'Active_Committee_Members__c',
        'Committee_Intent_Score__c',
        'First_Touch_At__c',
        'MEDDPICC_Completeness__c',
        'Lifecycle_Stage__c',
        'Stage_Changed_At__c',
        'Lifecycle_Owner__c',
        'Handoff_At__c',
        'Decision_Reason__c',
        'Exploratory__c',
        'SLA_Status__c',
        'SLA_Due_At__c',
        'Open_Breaches__c',
        'Breaches_This_Quarter__c'
    ],
    Opportunity: ['MEDDPICC_Completeness__c'],
    Task: ['Exploratory__c'],
    Event: ['Exploratory__c']
};

/**
 * Objects whose owner the engine assigns (routing, nurture, reassignment). Their
 * `OwnerId` enters the replay once, when the record does, and only the engine changes
 * it afterwards, because the org keeps no history of earlier owners.
 */
export const ENGINE_ASSIGNED_OWNER: ReadonlySet<MirroredObject> = new Set<MirroredObject>([
    'Lead',
    'Contact',
    'Account'
]);

/** Returns the record with its engine-written fields empty: false for checkboxes, else null. */
export function withoutEngineValues(object: MirroredObject, record: StoredRecord): StoredRecord {
    const fields = ENGINE_FIELDS[object];
    if (fields === undefined) {
        return record;
    }
    const blank: Record<string, unknown> = { ...record };
    for (const field of fields) {
        blank[field] = typeof record[field] === 'boolean' ? false : null;
    }
    return blank as StoredRecord;
}

/**
 * Returns the fields of an org version that people (or other systems) set: every field
 * but the Id, the engine-written ones and, for engine-assigned objects, the owner.
 */
export function peopleFieldsOf(object: MirroredObject, record: StoredRecord): StoredRecord {
    const skipped = new Set(ENGINE_FIELDS[object] ?? []);
    if (ENGINE_ASSIGNED_OWNER.has(object)) {
        skipped.add('OwnerId');
    }
    const fields: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(record)) {
        if (!skipped.has(name)) {
            fields[name] = value;
        }
    }
    return fields as StoredRecord;
}
