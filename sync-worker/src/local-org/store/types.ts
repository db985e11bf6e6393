/**
 * Public types of the local org's data store. The HTTP side of the local org codes
 * against these, so change them only in ways that keep existing callers compiling.
 *
 * Every store method is synchronous (`node:sqlite` is synchronous), so inside one
 * process two calls never interleave and each write batch runs in its own transaction.
 */
import type { OrgSchema } from '../../schema/types';

/** A field value as JSON carries it. Dates and datetimes are ISO 8601 strings. */
export type FieldValue = string | number | boolean | null;

/**
 * Field values of a create or update request, as the client sent them. Keys are API
 * names in any case (Salesforce treats them case-insensitively); an `attributes` key is
 * ignored. Values are checked against the field type, so `unknown` is accepted here.
 */
export type RecordInput = Record<string, unknown>;

/** `attributes` of every record and nested parent in a response. */
export interface RecordAttributes {
    type: string;
    /** `/services/data/vNN.0/sobjects/{type}/{id}`; absent on aggregate query rows. */
    url?: string;
}

/**
 * One record as the REST API returns it: `attributes`, then fields. A parent
 * relationship is a nested record or null; a child relationship is a `QueryResult` or
 * null when it has no rows.
 */
export interface SObjectRecord {
    attributes: RecordAttributes;
    [field: string]: unknown;
}

/** Body of a query response, without the URL: the HTTP layer builds `nextRecordsUrl`. */
export interface QueryResult {
    totalSize: number;
    done: boolean;
    records: SObjectRecord[];
    /**
     * Locator of the next page, such as `01gXX0000000001AAA-2000`, when `done` is false.
     * Pass it to `queryMore`. The REST URL is `/services/data/vNN.0/query/{locator}`.
     */
    nextRecordsCursor?: string;
}

/** Acting user of a write, and the privileged fields it may set. */
export interface WriteContext {
    /** User Id recorded in `CreatedById`, `LastModifiedById` and default `OwnerId`; defaults to the integration user. */
    userId?: string;
    /**
     * Allows `CreatedDate`, `CreatedById`, `LastModifiedDate` and `LastModifiedById` on
     * insert, like the "Set Audit Fields upon Record Creation" permission. Never on update.
     */
    allowAuditFields?: boolean;
    /**
     * Value encoding of the request. `json` (default) expects JSON types but accepts
     * numbers and booleans written as strings, as the REST API does. `csv` (Bulk API
     * 2.0) reads every value from text. In both, an empty string clears the field.
     * Invalid values fail with `JSON_PARSER_ERROR` for json and
     * `INVALID_TYPE_ON_FIELD_IN_RECORD` for csv.
     */
    valueFormat?: 'json' | 'csv';
    /**
     * Local set-up access (seeding, test fixtures): skips the object-level checks that
     * make `Organization`, `BusinessHours`, `CustomNotificationType` and custom
     * metadata read-only through the API, and lets an insert or update set read-only
     * fields (not derived ones). The HTTP layer never sets it.
     */
    system?: boolean;
    /**
     * Id to give the record an insert creates, instead of a new one: an 18- or
     * 15-character Id with the object's key prefix that no record has. Only with
     * `system` access, for importers that keep the Ids of a data export so its
     * relationships survive.
     */
    recordId?: string;
}

/** Options of `query` and `queryMore`. */
export interface QueryOptions {
    /** `queryAll`: includes soft-deleted records, which have `IsDeleted` true. */
    includeDeleted?: boolean;
    /**
     * Records per page; default 2,000. The store honours 1 to 100,000 so that Bulk API
     * result pages can use it; REST callers clamp with `clampRestBatchSize` first.
     */
    batchSize?: number;
    /** API version for `attributes.url`, such as `62.0`; defaults to the store's version. */
    apiVersion?: string;
}

/** Result of `upsert`. */
export interface UpsertResult {
    id: string;
    created: boolean;
}

/** Result of `getUpdated`, as `GET sobjects/{type}/updated` returns it. */
export interface GetUpdatedResult {
    ids: string[];
    /** ISO datetime up to which the result is complete. */
    latestDateCovered: string;
}

/** Result of `getDeleted`, as `GET sobjects/{type}/deleted` returns it. */
export interface GetDeletedResult {
    deletedRecords: { id: string; deletedDate: string }[];
    earliestDateAvailable: string;
    latestDateCovered: string;
}

/** Options of the local-only lead conversion. */
export interface ConvertLeadOptions {
    /** Existing account to attach the contact to; a new account is created from `Company` when absent. */
    accountId?: string;
    /** Existing contact to merge the lead into; a new contact is created when absent. */
    contactId?: string;
    /** Creates an opportunity named after the company unless false. Default true. */
    createOpportunity?: boolean;
    /** Name of the new opportunity; default `{Company}-`. */
    opportunityName?: string;
    /** Lead status to set; must be a converted status. Default `Closed - Converted`. */
    convertedStatus?: string;
    /** Owner of the created records; default the lead's owner when a user, else the acting user. */
    ownerId?: string;
}

/** Ids the lead conversion produced or reused. */
export interface ConvertLeadResult {
    leadId: string;
    accountId: string;
    contactId: string;
    opportunityId: string | null;
}

/** A custom notification the local org received, kept so tests and previews can read it. */
export interface NotificationInput {
    customNotifTypeId: string;
    recipientIds: string[];
    title: string;
    body: string;
    targetId?: string;
    targetPageRef?: string;
    senderId?: string;
}

/** A stored custom notification. */
export interface StoredNotification extends NotificationInput {
    id: number;
    /** ISO datetime at which the store received it. */
    sentAt: string;
}

/**
 * The week of a business-hours record, keyed `monday` to `sunday`, with times as
 * `HH:mm`. A missing or null day is closed; start and end both `00:00` mean open 24
 * hours, as Salesforce stores it.
 */
export type WeeklyHours = Record<string, { start: string; end: string } | null>;

/** Records created when the store opens an empty database. */
export interface SeedOptions {
    /** Organization name; default `Local Org`. */
    organizationName?: string;
    /** IANA time zone of the org and the seeded users; default `America/New_York`. */
    timeZoneSidKey?: string;
    /** First month of the fiscal year, 1 to 12; default 1. */
    fiscalYearStartMonth?: number;
    /** Username of the integration user the worker signs in as; default `integration@local-org.test`. */
    integrationUsername?: string;
    /** Username of the admin user; default `admin@local-org.test`. */
    adminUsername?: string;
    /** Hours of the default BusinessHours record; default open 24 hours, 7 days. */
    businessHours?: WeeklyHours;
}

/** Options of `new OrgStore(...)`. */
export interface OrgStoreOptions {
    /** Folder of the SQLite file `local-org.sqlite`; an in-memory database when absent. */
    dataDir?: string;
    /** Deletes the existing database file first, so the org starts empty (seeded again). */
    reset?: boolean;
    schema: OrgSchema;
    /** Time source for CreatedDate, relative date literals and locator expiry; default `new Date()`. */
    clock?: () => Date;
    /** API version for `attributes.url` when a call does not give one; default `62.0`. */
    apiVersion?: string;
    /** Idle time after which a query locator expires, in milliseconds; default 15 minutes. */
    queryLocatorTtlMs?: number;
    /** Values of the records created on first open. Ignored when the database already has data. */
    seed?: SeedOptions;
}

/** Ids of the records seeded on first open, for sign-in and ownership defaults. */
export interface SeededIds {
    organizationId: string;
    integrationUserId: string;
    adminUserId: string;
    businessHoursId: string;
}
