/**
 * The local org's data store: records of the org schema in SQLite, with Salesforce's
 * validation, derived fields and SOQL.
 */
import { getLogger } from '../../logging';
import type { ObjectDefinition, OrgSchema } from '../../schema/types';
import { createSchema, Database } from './database';
import { deleteRecord } from './delete';
import {
    describeGlobal,
    describeSObject,
    type DescribeGlobalResult,
    type DescribeSObjectResult
} from './describe';
import { SalesforceError } from './errors';
import { DEFAULT_QUERY_LOCATOR_TTL_MS } from './limits';
import { convertLead } from './convert-lead';
import { addNotification, listNotifications } from './notifications';
import { NOT_FOUND_MESSAGE } from './record-access';
import { retrieveRecord } from './render';
import { getDeleted, getUpdated } from './replication';
import { seedStore } from './seed';
import { SoqlEngine } from './soql/engine';
import { StoreContext } from './store-context';
import type {
    ConvertLeadOptions,
    ConvertLeadResult,
    GetDeletedResult,
    GetUpdatedResult,
    NotificationInput,
    OrgStoreOptions,
    QueryOptions,
    QueryResult,
    RecordInput,
    SeededIds,
    SObjectRecord,
    StoredNotification,
    UpsertResult,
    WriteContext
} from './types';
import { insertRecord, updateRecord, upsertRecord } from './writer';

const log = getLogger('local-org.store');

/** API version used in record URLs when a call does not name one. */
const DEFAULT_API_VERSION = '62.0';

/**
 * Records of one org in SQLite. All methods are synchronous and throw `SalesforceError`
 * with the code Salesforce would return; Node runs them one at a time, so writes never
 * interleave within a process. Every write method runs in its own transaction (a
 * savepoint inside `transaction`), so a failed write leaves nothing behind.
 */
export class OrgStore {
    public readonly schema: OrgSchema;
    /** Ids of the Organization, the admin and integration users and the default business hours. */
    public readonly seeded: SeededIds;
    private readonly database: Database;
    private readonly context: StoreContext;
    private readonly soql: SoqlEngine;
    private transactionDepth = 0;
    private closed = false;

    public constructor(options: OrgStoreOptions) {
        this.schema = options.schema;
        this.database = new Database(options.dataDir, options.reset === true);
        const apiVersion = options.apiVersion ?? DEFAULT_API_VERSION;
        this.context = new StoreContext(
            this.database,
            options.schema,
            options.clock ?? (() => new Date()),
            apiVersion
        );
        this.soql = new SoqlEngine(
            this.context,
            options.queryLocatorTtlMs ?? DEFAULT_QUERY_LOCATOR_TTL_MS
        );
        this.seeded = this.transaction(() => {
            createSchema(this.database, options.schema);
            return seedStore(this.context, options.seed ?? {});
        });
        log.debug('Opened the local org store', {
            dataDir: options.dataDir ?? ':memory:',
            objects: options.schema.objects.size
        });
    }

    /** Returns the object definition, or throws `INVALID_TYPE` naming the unknown object. */
    public getObject(objectName: string): ObjectDefinition {
        return this.context.objectOf(objectName);
    }

    /**
     * Inserts one record and returns its 18-character Id. Throws `INVALID_TYPE`,
     * `INVALID_FIELD`, `INVALID_FIELD_FOR_INSERT_UPDATE`, `REQUIRED_FIELD_MISSING`,
     * `DUPLICATE_VALUE` (`DUPLICATE_USERNAME`, `DUPLICATE_DEVELOPER_NAME`),
     * `MALFORMED_ID`, `INVALID_CROSS_REFERENCE_KEY`, `FIELD_INTEGRITY_EXCEPTION`,
     * `ENTITY_IS_DELETED`, `INACTIVE_OWNER_OR_USER`, `STRING_TOO_LONG`,
     * `INVALID_EMAIL_ADDRESS`, `INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST`,
     * `NUMBER_OUTSIDE_VALID_RANGE`, `JSON_PARSER_ERROR` or `INVALID_TYPE_ON_FIELD_IN_RECORD`.
     */
    public insert(objectName: string, fields: RecordInput, context: WriteContext = {}): string {
        return this.transaction(() => insertRecord(this.context, objectName, fields, context));
    }

    /**
     * Updates one record; fields left out keep their values and null clears a field.
     * Throws the insert errors plus `NOT_FOUND`, `MALFORMED_ID`, `ENTITY_IS_DELETED` and
     * `CANNOT_UPDATE_CONVERTED_LEAD`. An `Id` key in `fields` is ignored.
     */
    public update(
        objectName: string,
        id: string,
        fields: RecordInput,
        context: WriteContext = {}
    ): void {
        this.transaction(() => {
            updateRecord(this.context, objectName, id, fields, context);
        });
    }

    /**
     * Soft-deletes one record (IsDeleted = true; queryAll and getDeleted still see it),
     * deleting cascading children (an account's contacts and opportunities, a record's
     * activities, master-detail children) and clearing other lookups to it. Throws
     * `NOT_FOUND`, `MALFORMED_ID`, `ENTITY_IS_DELETED` or `INVALID_TYPE`.
     */
    public delete(objectName: string, id: string, context: WriteContext = {}): void {
        this.transaction(() => {
            deleteRecord(this.context, objectName, id, context);
        });
    }

    /**
     * Returns one record with all fields, or with `fieldNames` only. Throws `NOT_FOUND`
     * (also for a deleted record, as the REST API does), `MALFORMED_ID` or `INVALID_FIELD`.
     */
    public retrieve(
        objectName: string,
        id: string,
        fieldNames?: string[],
        apiVersion?: string
    ): SObjectRecord {
        return retrieveRecord(
            this.context,
            objectName,
            id,
            fieldNames,
            apiVersion ?? this.context.apiVersion
        );
    }

    /**
     * Inserts or updates the record whose external ID field equals `value` (the `Id`
     * field also works, with an empty value meaning insert). Throws `MULTIPLE_CHOICES`
     * with `matchingIds` when several records match (the REST API returns 300),
     * `NOT_FOUND` when the field is not an external ID, and the insert or update errors.
     */
    public upsert(
        objectName: string,
        externalIdField: string,
        value: string,
        fields: RecordInput,
        context: WriteContext = {}
    ): UpsertResult {
        return this.transaction(() =>
            upsertRecord(this.context, objectName, externalIdField, value, fields, context)
        );
    }

    /**
     * Runs a SOQL query and returns the first page. Throws `MALFORMED_QUERY` for syntax
     * the store does not support (naming it), `INVALID_TYPE`, `INVALID_FIELD` and
     * `INVALID_QUERY_FILTER_OPERATOR`.
     */
    public query(soql: string, options: QueryOptions = {}): QueryResult {
        return this.soql.query(soql, options);
    }

    /** Returns the page at a locator. Throws `INVALID_QUERY_LOCATOR` for an unknown or expired locator. */
    public queryMore(locator: string, options: Pick<QueryOptions, 'apiVersion'> = {}): QueryResult {
        return this.soql.queryMore(locator, options.apiVersion);
    }

    /**
     * SQLite's query plan for a SOQL query (the lines of EXPLAIN QUERY PLAN), to check
     * that selective queries use an index. Throws like `query`.
     */
    public explainQuery(soql: string): string[] {
        return this.soql.explain(soql);
    }

    /**
     * Ids of live records created or changed in [start, end) by SystemModstamp, both
     * rounded down to the minute. Throws `INVALID_REPLICATION_DATE` when `start` is after
     * `end` or more than 30 days ago.
     */
    public getUpdated(objectName: string, start: Date, end: Date): GetUpdatedResult {
        return getUpdated(this.context, objectName, start, end);
    }

    /** Records deleted in [start, end). Throws like `getUpdated`. */
    public getDeleted(objectName: string, start: Date, end: Date): GetDeletedResult {
        return getDeleted(this.context, objectName, start, end);
    }

    /**
     * Converts a lead, a local-only action (Salesforce offers it as SOAP `convertLead` and
     * Apex). Creates or reuses an account and a contact, optionally creates an
     * opportunity, moves the lead's activities to the contact, and marks the lead
     * converted and read-only. Throws `NOT_FOUND`, `CANNOT_UPDATE_CONVERTED_LEAD` for a
     * converted lead and `INVALID_STATUS` for a status that is not a converted status.
     */
    public convertLead(
        leadId: string,
        options: ConvertLeadOptions = {},
        context: WriteContext = {}
    ): ConvertLeadResult {
        return this.transaction(() => convertLead(this.context, leadId, options, context));
    }

    /** Body of `GET /services/data/vNN.0/sobjects`. */
    public describeGlobal(apiVersion?: string): DescribeGlobalResult {
        return describeGlobal(this.schema, apiVersion ?? this.context.apiVersion);
    }

    /** Body of `GET sobjects/{type}/describe`. Throws `NOT_FOUND` for an unknown object. */
    public describe(objectName: string, apiVersion?: string): DescribeSObjectResult {
        const object = this.schema.objects.get(objectName.toLowerCase());
        if (!object) {
            throw new SalesforceError('NOT_FOUND', NOT_FOUND_MESSAGE);
        }
        return describeSObject(object, apiVersion ?? this.context.apiVersion);
    }

    /**
     * Runs `fn` in one transaction: every write inside commits together, or none does
     * when `fn` throws (the error is re-thrown). For allOrNone batches. Nested calls use
     * savepoints, so an inner failure that the caller catches undoes only the inner writes.
     */
    public transaction<T>(fn: () => T): T {
        this.assertOpen();
        const connection = this.database.connection;
        const savepoint = `store_${this.transactionDepth}`;
        connection.exec(this.transactionDepth === 0 ? 'BEGIN IMMEDIATE' : `SAVEPOINT ${savepoint}`);
        this.transactionDepth += 1;
        try {
            const result = fn();
            this.transactionDepth -= 1;
            connection.exec(this.transactionDepth === 0 ? 'COMMIT' : `RELEASE ${savepoint}`);
            return result;
        } catch (error) {
            this.transactionDepth -= 1;
            connection.exec(
                this.transactionDepth === 0
                    ? 'ROLLBACK'
                    : `ROLLBACK TO ${savepoint}; RELEASE ${savepoint}`
            );
            this.context.clearOrgSettings();
            this.context.clearReservations();
            throw error;
        }
    }

    /** Stores a custom notification and returns it with its id and time. */
    public addNotification(notification: NotificationInput): StoredNotification {
        return this.transaction(() => addNotification(this.context, notification));
    }

    /** Custom notifications received so far, oldest first. */
    public listNotifications(): StoredNotification[] {
        return listNotifications(this.context);
    }

    /** Closes the database. Later calls fail. */
    public close(): void {
        if (!this.closed) {
            this.closed = true;
            this.database.close();
        }
    }

    private assertOpen(): void {
        if (this.closed) {
            throw new SalesforceError('UNKNOWN_EXCEPTION', 'The local org store is closed.');
        }
    }
}
