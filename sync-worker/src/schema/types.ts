/**
 * The org schema model: objects and fields as the REST describe call reports them. The
 * standard objects are defined in code, and the custom objects and fields come from
 * force-app, so that the local org, the validator and the name checks share one model.
 */

/** Field types, spelled as the REST describe call spells them (`DescribeFieldResult.type`). */
export type FieldType =
    | 'id'
    | 'string'
    | 'textarea'
    | 'email'
    | 'url'
    | 'phone'
    | 'picklist'
    | 'multipicklist'
    | 'combobox'
    | 'boolean'
    | 'int'
    | 'double'
    | 'currency'
    | 'percent'
    | 'date'
    | 'datetime'
    | 'time'
    | 'reference';

/** One value of a picklist field. */
export interface PicklistValue {
    value: string;
    label: string;
    active: boolean;
    defaultValue: boolean;
    /**
     * Flags that a standard value set attaches to a value: an Opportunity stage is
     * closed and won, a Task status is closed, a Lead status is converted, a campaign
     * member status counts as a response.
     */
    closed?: boolean;
    won?: boolean;
    converted?: boolean;
    responded?: boolean;
    /** Opportunity stages only: the forecast category the stage implies. */
    forecastCategoryName?: string;
    /** Opportunity stages only: the default probability in percent. */
    probability?: number;
}

/** Rule by which the store derives a field that the API cannot write. */
export type DerivedRule =
    | 'compound-name'
    | 'opportunity-is-closed'
    | 'opportunity-is-won'
    | 'opportunity-forecast-category'
    | 'task-is-closed'
    | 'task-completed-date-time'
    | 'activity-account'
    | 'event-activity-date'
    | 'campaign-member-responded'
    | 'campaign-member-first-responded-date'
    | 'campaign-member-type'
    | 'campaign-member-lead-or-contact'
    | 'auto-number';

/** One field of an object. */
export interface FieldDefinition {
    /** API name with its canonical case, such as `LastName` or `Lead__c`. */
    name: string;
    label: string;
    type: FieldType;
    /** Maximum characters of text fields (`string`, `textarea`, `email`, `url`, `phone`, picklists). */
    length?: number;
    /** Total digits of numeric fields (`double`, `currency`, `percent`), as in Salesforce. */
    precision?: number;
    /** Digits after the decimal point of numeric fields. */
    scale?: number;
    /** Maximum digits of `int` fields. */
    digits?: number;
    /** True when an insert must set the field (describe reports `nillable: false` and no default). */
    required: boolean;
    /** True when the field may be null. */
    nillable: boolean;
    unique: boolean;
    externalId: boolean;
    /** Text uniqueness and external ID matching are case-sensitive only when this is true. */
    caseSensitive: boolean;
    createable: boolean;
    updateable: boolean;
    /** True for custom fields (`__c`). */
    custom: boolean;
    /** True for formula and roll-up fields, and for fields the store derives. */
    calculated: boolean;
    autoNumber: boolean;
    /** Display format of an auto-number field, for example `CLK-{00000000}`. */
    autoNumberFormat?: string;
    /** Default value on insert when the request leaves the field out. */
    defaultValue?: string | number | boolean;
    picklistValues?: PicklistValue[];
    /** True when a picklist accepts only its listed values. */
    restrictedPicklist: boolean;
    /** Object names a reference field may point to; several for polymorphic fields. */
    referenceTo?: string[];
    /** Parent relationship name of a reference field, such as `Owner` or `Lead__r`. */
    relationshipName?: string;
    /**
     * Child relationship name this reference gives each parent, such as `Contacts` or
     * `SLA_Clocks__r`; absent when the parent has no named relationship for it.
     */
    childRelationshipName?: string;
    /** True for reference fields whose delete cascades (master-detail). */
    cascadeDelete?: boolean;
    /** Set when the store computes the value; such fields are never writable. */
    derived?: DerivedRule;
    /** Filtered often enough to deserve a database index. */
    indexed?: boolean;
    description?: string;
}

/** A child relationship, the inverse of a reference field on another object. */
export interface ChildRelationship {
    /** Name used in SOQL child subqueries, such as `Contacts` or `SLA_Clocks__r`. */
    relationshipName: string;
    childSObject: string;
    /** Reference field on the child that points to this object. */
    field: string;
    cascadeDelete: boolean;
}

/** Category of an object, which decides the DML it supports. */
export type ObjectKind = 'standard' | 'custom' | 'customMetadata';

/** One object (sObject type). */
export interface ObjectDefinition {
    /** API name with its canonical case. */
    name: string;
    label: string;
    labelPlural: string;
    /** First three characters of every record Id of the object. */
    keyPrefix: string;
    kind: ObjectKind;
    createable: boolean;
    updateable: boolean;
    deletable: boolean;
    queryable: boolean;
    /** Fields keyed by lower-case API name; API names are case-insensitive. */
    fields: Map<string, FieldDefinition>;
    /** Child relationships keyed by lower-case relationship name; filled by `linkRelationships`. */
    childRelationships: Map<string, ChildRelationship>;
    description?: string;
}

/** A record the org has from deployed metadata: custom metadata records and queues. */
export interface MetadataRecord {
    objectName: string;
    /** Field values by canonical API name. */
    values: Record<string, string | number | boolean | null>;
}

/** The whole schema of an org plus the records that come with deployed metadata. */
export interface OrgSchema {
    /** Objects keyed by lower-case API name. */
    objects: Map<string, ObjectDefinition>;
    /** Custom metadata records from `customMetadata/`, and queues as `Group` records. */
    metadataRecords: MetadataRecord[];
    /** Queue `DeveloperName` → object names the queue supports (`QueueSobject`). */
    queueSobjects: Map<string, string[]>;
    /** Developer names of the custom notification types under `notificationtypes/`. */
    notificationTypes: string[];
}
