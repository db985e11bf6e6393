/**
 * Collects generated records per object and returns them in load order.
 */
import type { KeySpec, RecordRef, SampleFields, SampleObject, SampleRecord } from './types';

/**
 * Objects in dependency order: each object's lookups point at objects listed before it
 * (or at earlier records of the same object, such as a rep's manager).
 */
export const LOAD_ORDER = [
    'User',
    'GroupMember',
    'Holiday',
    'Account',
    'Contact',
    'Campaign',
    'Lead',
    'Opportunity',
    'CampaignMember',
    'Engagement_Signal__c',
    'SLA_Clock__c',
    'Task',
    'Event',
    'SLA_Breach__c',
    'SLA_Review__c'
] as const;
export type SampleObjectName = (typeof LOAD_ORDER)[number];

/** Reference id of the `index`-th record of an object, such as `Lead:42`. */
export function refOf(objectName: SampleObjectName, index: number): RecordRef {
    return { ref: `${objectName}:${index}` };
}

export class RecordBuilder {
    private readonly records = new Map<SampleObjectName, SampleRecord[]>(
        LOAD_ORDER.map((name) => [name, []])
    );

    /** Adds a record with the next reference id of its object and returns that reference. */
    public add(objectName: SampleObjectName, fields: SampleFields, key?: KeySpec): RecordRef {
        const list = this.listOf(objectName);
        const ref = refOf(objectName, list.length);
        list.push(key === undefined ? { ref: ref.ref, fields } : { ref: ref.ref, fields, key });
        return ref;
    }

    /** Adds a record under a reference id reserved earlier with `refOf`. */
    public put(ref: RecordRef, objectName: SampleObjectName, fields: SampleFields): void {
        this.listOf(objectName).push({ ref: ref.ref, fields });
    }

    public count(objectName: SampleObjectName): number {
        return this.listOf(objectName).length;
    }

    public objects(): SampleObject[] {
        return LOAD_ORDER.map((objectName) => ({ objectName, records: this.listOf(objectName) }));
    }

    private listOf(objectName: SampleObjectName): SampleRecord[] {
        const list = this.records.get(objectName);
        if (list === undefined) {
            throw new RangeError(`${objectName} is not an object of the sample org.`);
        }
        return list;
    }
}
