import { z } from 'zod';
import { caseSafeSuffix } from './ids';

/**
 * Zod schemas of the org records the worker reads and the policy engine evaluates, keyed
 * by their exact Salesforce API names. The keys of each schema are the field lists of the
 * worker's queries, so this module is the single source of truth for object and field
 * names. Parent relationships (`Owner.Name`) are not fields and are not listed here.
 *
 * The schemas accept what real orgs send: the REST API's JSON (numbers, booleans, `null`
 * for empty fields, datetimes as `2027-03-01T10:00:00.000+0000`) and Bulk API 2.0 CSV
 * (every value a string, empty for null). A missing field parses as `null`, so a record
 * read with a shorter field list still parses. Unknown keys such as `attributes` are
 * dropped.
 */

/** 15- or 18-character Salesforce record Id. */
const ID_PATTERN = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

/**
 * Returns the 18-character form of a well-formed Id. The API sends 18 characters, but
 * Ids copied from the UI, reports or imports into text and lookup values have 15. The
 * mirror keys records by 18, so a 15-character reference would otherwise match nothing.
 * An 18-character Id is kept as sent.
 */
function toCaseSafeId(id: string): string {
    return id.length === 15 ? id + caseSafeSuffix(id) : id;
}

/** `+0000` offsets as Salesforce writes them; ECMAScript date strings need `+00:00`. */
const COMPACT_OFFSET = /([+-]\d{2})(\d{2})$/;

/** Parses a Salesforce datetime string; the result is an invalid Date when it is not one. */
function parseSalesforceDateTime(text: string): Date {
    const iso = text.trim().replace(COMPACT_OFFSET, '$1:$2');
    // A bare date or a time without offset would be read in the machine's time zone.
    if (!/T.*(?:Z|[+-]\d{2}:\d{2})$/.test(iso)) {
        return new Date(Number.NaN);
    }
    return new Date(iso);
}

const emptyToNull = (value: unknown): unknown => (value === '' ? null : value);

/** Makes a field optional and nullable, with `null` as the parsed value of both. */
function nullable<T extends z.ZodType>(schema: T) {
    return z.preprocess(emptyToNull, schema.nullish()).transform((value) => value ?? null);
}

/** Record Id (required), in its 18-character form. */
export const sfId = z
    .string()
    .regex(ID_PATTERN, 'expected a 15- or 18-character record Id')
    .transform(toCaseSafeId);

const DATETIME_EXPECTED = 'expected a datetime such as 2027-03-01T10:00:00.000+0000';

/** Datetime: a Date, or a Salesforce/ISO 8601 string with an offset. */
export const sfDateTime = z.union(
    [
        z.date(),
        z
            .string()
            .transform(parseSalesforceDateTime)
            .refine((date) => !Number.isNaN(date.getTime()), { message: DATETIME_EXPECTED })
    ],
    { error: DATETIME_EXPECTED }
);

/** Date-only field (`ActivityDate`, `CloseDate`), kept as its `YYYY-MM-DD` text. */
export const sfDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');

/** Time field of BusinessHours, `08:00:00.000Z`, kept as text. */
export const sfTime = z
    .string()
    .regex(/^\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?Z?$/, 'expected a time');

/** Number, percent or currency: JSON numbers, or numeric text from Bulk API CSV. */
export const sfNumber = z.union(
    [
        z.number(),
        z
            .string()
            .trim()
            .regex(/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/)
            .transform(Number)
    ],
    { error: 'expected a number' }
);

/** Checkbox: JSON booleans or `true`/`false` text. An empty or missing checkbox reads as false. */
export const sfBoolean = z
    .preprocess(
        (value) => (value === null || value === undefined || value === '' ? false : value),
        z.union([z.boolean(), z.enum(['true', 'false', 'TRUE', 'FALSE'])], {
            error: 'expected true or false'
        })
    )
    .transform((value) => value === true || value === 'true' || value === 'TRUE');

const text = nullable(z.string());
const id = nullable(sfId);
const dateTime = nullable(sfDateTime);
const date = nullable(sfDate);
const time = nullable(sfTime);
const num = nullable(sfNumber);

/** System fields every queried object carries. */
const SYSTEM_FIELDS = {
    Id: sfId,
    CreatedDate: dateTime,
    LastModifiedDate: dateTime,
    LastModifiedById: id,
    SystemModstamp: dateTime,
    IsDeleted: sfBoolean
};

/** Scores and counts the worker computes for a person (Lead or Contact). */
const PERSON_FIELDS = {
    Email: text,
    LeadSource: text,
    OwnerId: id,
    Intent_Score__c: num,
    External_Intent_Score__c: num,
    Engagement_Count__c: num,
    Lifecycle_Stage__c: text,
    LinkedIn_URL__c: text,
    Decision_Reason__c: text
};

export const LeadSchema = z.object({
    ...SYSTEM_FIELDS,
    ...PERSON_FIELDS,
    FirstName: text,
    LastName: text,
    Company: text,
    Website: text,
    Status: text,
    IsConverted: sfBoolean,
    ConvertedAccountId: id,
    ConvertedContactId: id,
    ConvertedOpportunityId: id,
    ConvertedDate: date,
    Routing_Decision__c: text,
    Source_Tier__c: text,
    SLA_Status__c: text,
    SLA_Due_At__c: dateTime,
    Matched_Account__c: id,
    Exploratory__c: sfBoolean,
    Last_Evaluated_At__c: dateTime,
    Rejection_Reason__c: text,
    Rejected_At__c: dateTime,
    Dispute_Status__c: text,
    Dispute_Evidence_URL__c: text,
    Handoff_Approved__c: sfBoolean
});

export const ContactSchema = z.object({
    ...SYSTEM_FIELDS,
    ...PERSON_FIELDS,
    FirstName: text,
    LastName: text,
    AccountId: id,
    Committee_Role__c: text,
    Last_Signal_At__c: dateTime
});

export const AccountSchema = z.object({
    ...SYSTEM_FIELDS,
    Name: text,
    Website: text,
    OwnerId: id,
    Committee_Intent_Score__c: num,
    Active_Committee_Members__c: num,
    Lifecycle_Stage__c: text,
    Lifecycle_Owner__c: text,
    First_Touch_At__c: dateTime,
    Stage_Changed_At__c: dateTime,
    Handoff_At__c: dateTime,
    SLA_Due_At__c: dateTime,
    SLA_Status__c: text,
    Open_Breaches__c: num,
    Breaches_This_Quarter__c: num,
    MEDDPICC_Completeness__c: num,
    Budget_Confirmed__c: sfBoolean,
    Exploratory__c: sfBoolean,
    Decision_Reason__c: text
});

export const OpportunitySchema = z.object({
    ...SYSTEM_FIELDS,
    Name: text,
    AccountId: id,
    OwnerId: id,
    StageName: text,
    IsClosed: sfBoolean,
    IsWon: sfBoolean,
    CloseDate: date,
    Metrics__c: text,
    Decision_Criteria__c: text,
    Decision_Process__c: text,
    Paper_Process__c: text,
    Identified_Pain__c: text,
    Competition__c: text,
    Economic_Buyer__c: id,
    Champion__c: id,
    MEDDPICC_Completeness__c: num,
    Budget_Confirmed__c: sfBoolean,
    NDA_Signed__c: sfBoolean,
    Demo_Scheduled_At__c: dateTime
});

/** Fields Task and Event share. `WhoId` is a Lead or Contact, `WhatId` an Account or other. */
const ACTIVITY_FIELDS = {
    WhoId: id,
    WhatId: id,
    AccountId: id,
    OwnerId: id,
    CreatedById: id,
    Subject: text,
    Description: text,
    Type: text,
    Exploratory__c: sfBoolean,
    SLA_Clock__c: id
};

export const TaskSchema = z.object({
    ...SYSTEM_FIELDS,
    ...ACTIVITY_FIELDS,
    Status: text,
    IsClosed: sfBoolean,
    Priority: text,
    ActivityDate: date,
    CompletedDateTime: dateTime,
    TaskSubtype: text
});

export const EventSchema = z.object({
    ...SYSTEM_FIELDS,
    ...ACTIVITY_FIELDS,
    StartDateTime: dateTime,
    EndDateTime: dateTime,
    ActivityDateTime: dateTime
});

export const UserSchema = z.object({
    ...SYSTEM_FIELDS,
    Name: text,
    Email: text,
    IsActive: sfBoolean,
    ManagerId: id,
    TimeZoneSidKey: text,
    SLA_Team__c: text
});

export const GroupSchema = z.object({
    ...SYSTEM_FIELDS,
    Name: text,
    DeveloperName: text,
    Type: text
});

export const GroupMemberSchema = z.object({
    ...SYSTEM_FIELDS,
    GroupId: id,
    UserOrGroupId: id
});

export const CampaignSchema = z.object({
    ...SYSTEM_FIELDS,
    Name: text,
    Type: text,
    IsActive: sfBoolean
});

/** Campaign member; a response (`HasResponded`) counts as an engagement signal. */
export const CampaignMemberSchema = z.object({
    ...SYSTEM_FIELDS,
    CampaignId: id,
    LeadId: id,
    ContactId: id,
    Status: text,
    HasResponded: sfBoolean,
    FirstRespondedDate: date
});

export const EngagementSignalSchema = z.object({
    ...SYSTEM_FIELDS,
    Name: text,
    Lead__c: id,
    Contact__c: id,
    Account__c: id,
    Type__c: text,
    Occurred_At__c: dateTime,
    Source_System__c: text,
    Weight__c: num,
    External_Id__c: text
});

/** The links every SLA record may carry to the person, account and user it concerns. */
export const SlaClockSchema = z.object({
    ...SYSTEM_FIELDS,
    Name: text,
    Clock_Key__c: text,
    Type__c: text,
    Lead__c: id,
    Contact__c: id,
    Account__c: id,
    Responsible_User__c: id,
    Responsible_Team__c: text,
    Trigger_At__c: dateTime,
    Started_At__c: dateTime,
    Due_At__c: dateTime,
    Warning_At__c: dateTime,
    Completed_At__c: dateTime,
    Status__c: text,
    Business_Hours_Id__c: text,
    Policy_Version__c: text,
    Reason__c: text
});

export const SlaBreachSchema = z.object({
    ...SYSTEM_FIELDS,
    Name: text,
    Breach_Key__c: text,
    SLA_Clock__c: id,
    Lead__c: id,
    Account__c: id,
    Responsible_User__c: id,
    Manager__c: id,
    Reassigned_To__c: id,
    Responsible_Team__c: text,
    Level__c: num,
    Action__c: text,
    Breached_At__c: dateTime,
    Fiscal_Quarter__c: text
});

export const SlaReviewSchema = z.object({
    ...SYSTEM_FIELDS,
    Name: text,
    Review_Key__c: text,
    Type__c: text,
    Subject_User__c: id,
    Team_Manager__c: id,
    Lead__c: id,
    Period__c: text,
    Metric_Value__c: num,
    Starts_At__c: dateTime,
    Ends_At__c: dateTime,
    Due_At__c: dateTime,
    Status__c: text,
    Details__c: text
});

export const SlaScorecardSchema = z.object({
    ...SYSTEM_FIELDS,
    Name: text,
    Scorecard_Key__c: text,
    Period__c: text,
    Scope__c: text,
    User__c: id,
    Manager__c: id,
    Response_Clocks_Due__c: num,
    Breaches__c: num,
    Handoffs__c: num,
    Rejections__c: num,
    Breach_Rate__c: num,
    Rejection_Rate__c: num,
    Flagged__c: sfBoolean
});

/** Start and end time of each weekday; both null on a day without business hours. */
const WEEKDAY_HOURS = {
    SundayStartTime: time,
    SundayEndTime: time,
    MondayStartTime: time,
    MondayEndTime: time,
    TuesdayStartTime: time,
    TuesdayEndTime: time,
    WednesdayStartTime: time,
    WednesdayEndTime: time,
    ThursdayStartTime: time,
    ThursdayEndTime: time,
    FridayStartTime: time,
    FridayEndTime: time,
    SaturdayStartTime: time,
    SaturdayEndTime: time
};

export const BusinessHoursSchema = z.object({
    ...SYSTEM_FIELDS,
    Name: text,
    IsActive: sfBoolean,
    IsDefault: sfBoolean,
    TimeZoneSidKey: text,
    ...WEEKDAY_HOURS
});

/** Holiday; partial-day holidays give minutes after midnight in the business hours' zone. */
export const HolidaySchema = z.object({
    ...SYSTEM_FIELDS,
    Name: text,
    ActivityDate: date,
    IsAllDay: sfBoolean,
    StartTimeInMinutes: num,
    EndTimeInMinutes: num,
    IsRecurrence: sfBoolean,
    RecurrenceStartDate: date,
    RecurrenceEndDateOnly: date,
    RecurrenceType: text,
    RecurrenceInterval: num,
    RecurrenceDayOfWeekMask: num,
    RecurrenceDayOfMonth: num,
    RecurrenceInstance: text,
    RecurrenceMonthOfYear: text
});

export const OrganizationSchema = z.object({
    ...SYSTEM_FIELDS,
    Name: text,
    FiscalYearStartMonth: num,
    UsesStartDateAsFiscalYearName: sfBoolean,
    TimeZoneSidKey: text
});

/** Custom metadata records carry no audit fields that the worker needs. */
const METADATA_FIELDS = { Id: sfId, DeveloperName: text, MasterLabel: text };

export const SourceTierSchema = z.object({
    ...METADATA_FIELDS,
    Lead_Source__c: text,
    Tier__c: text,
    Response_Hours__c: num,
    Force_Sales__c: sfBoolean
});

export const SignalWeightSchema = z.object({
    ...METADATA_FIELDS,
    Signal_Type__c: text,
    Weight__c: num,
    Counts_As_Content__c: sfBoolean
});

/** Every record schema by sObject API name. */
export const RECORD_SCHEMAS = {
    Lead: LeadSchema,
    Contact: ContactSchema,
    Account: AccountSchema,
    Opportunity: OpportunitySchema,
    Task: TaskSchema,
    Event: EventSchema,
    User: UserSchema,
    Group: GroupSchema,
    GroupMember: GroupMemberSchema,
    Campaign: CampaignSchema,
    CampaignMember: CampaignMemberSchema,
    Engagement_Signal__c: EngagementSignalSchema,
    SLA_Clock__c: SlaClockSchema,
    SLA_Breach__c: SlaBreachSchema,
    SLA_Review__c: SlaReviewSchema,
    SLA_Scorecard__c: SlaScorecardSchema,
    BusinessHours: BusinessHoursSchema,
    Holiday: HolidaySchema,
    Organization: OrganizationSchema,
    SLA_Source_Tier__mdt: SourceTierSchema,
    SLA_Signal_Weight__mdt: SignalWeightSchema
} as const satisfies Record<string, z.ZodObject>;

export type SObjectName = keyof typeof RECORD_SCHEMAS;

/** Parsed record of one sObject type. */
export type SObjectRecord<N extends SObjectName> = z.output<(typeof RECORD_SCHEMAS)[N]>;

/** Record as read from the API, before parsing. */
export type SObjectInput<N extends SObjectName> = z.input<(typeof RECORD_SCHEMAS)[N]>;

export type Lead = z.output<typeof LeadSchema>;
export type Contact = z.output<typeof ContactSchema>;
export type Account = z.output<typeof AccountSchema>;
export type Opportunity = z.output<typeof OpportunitySchema>;
export type Task = z.output<typeof TaskSchema>;
export type Event = z.output<typeof EventSchema>;
export type User = z.output<typeof UserSchema>;
export type Group = z.output<typeof GroupSchema>;
export type GroupMember = z.output<typeof GroupMemberSchema>;
export type Campaign = z.output<typeof CampaignSchema>;
export type CampaignMember = z.output<typeof CampaignMemberSchema>;
export type EngagementSignal = z.output<typeof EngagementSignalSchema>;
export type SlaClock = z.output<typeof SlaClockSchema>;
export type SlaBreach = z.output<typeof SlaBreachSchema>;
export type SlaReview = z.output<typeof SlaReviewSchema>;
export type SlaScorecard = z.output<typeof SlaScorecardSchema>;
export type BusinessHours = z.output<typeof BusinessHoursSchema>;
export type Holiday = z.output<typeof HolidaySchema>;
export type Organization = z.output<typeof OrganizationSchema>;
export type SourceTier = z.output<typeof SourceTierSchema>;
export type SignalWeight = z.output<typeof SignalWeightSchema>;

/** API field names of one sObject, in schema order: the SOQL field list. */
export function fieldNamesOf(name: SObjectName): string[] {
    return Object.keys(RECORD_SCHEMAS[name].shape);
}
