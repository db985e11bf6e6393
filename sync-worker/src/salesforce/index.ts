/**
 * The Salesforce access layer of the worker: connection and session renewal, the API
 * call meter, batched reads (Composite queries, Bulk API 2.0), batched writes (sObject
 * Collections), the API reserve and notifications.
 */
export { RestClient, type RestRequest, type RestResponse, type SendOptions } from './api-client';
export { ApiReserve, DEFAULT_RESERVE_PERCENT, type ApiAllowance } from './api-reserve';
export {
    readBulkQuery,
    type BulkQueryOptions,
    type BulkQueryOutcome,
    type BulkQueryPage,
    type BulkQuerySpec
} from './bulk-query';
export {
    MAX_QUERY_OR_COLLECTION_SUBREQUESTS,
    MAX_SUBREQUESTS,
    planComposites,
    sendComposite,
    type Subrequest,
    type Subresponse
} from './composite';
export {
    connectSalesforce,
    DEFAULT_API_VERSION,
    DEFAULT_REQUEST_TIMEOUT_MS,
    type SalesforceAuth,
    type SalesforceConnectionDependencies,
    type SalesforceConnectionSettings,
    type SalesforceSession
} from './connection';
export { CsvFormatError, parseCsvRecords } from './csv';
export {
    AuthenticationError,
    BulkQueryError,
    SalesforceApiError,
    SalesforceUsageError,
    type FailureKind
} from './errors';
export { buildJwtAssertion, loadPrivateKey, type JwtAssertionClaims } from './jwt-assertion';
export { ApiCallMeter, parseLimitInfo, type ApiMeterSnapshot, type ApiUsage } from './meter';
export {
    CustomNotificationSender,
    SLA_ALERT_TYPE,
    type CustomNotification,
    type NotificationResult
} from './notifications';
export { parseRecords, type InvalidRecord, type ParsedRecords } from './parse-records';
export {
    runQueries,
    type QueryBatchOptions,
    type QueryOutcome,
    type QuerySpec,
    type QueryStopReason
} from './query-batch';
export {
    backoffDelay,
    DEFAULT_RETRY_POLICY,
    SYSTEM_CLOCK,
    type RetryClock,
    type RetryPolicy
} from './retry';
export { SlackNotifier, type SlackOptions, type SlackResult } from './slack';
export {
    changeQuery,
    composeSoql,
    escapeSoqlText,
    idQueries,
    IDS_PER_QUERY,
    isRecordId,
    type ChangeQueryOptions,
    type SoqlCondition,
    type SoqlQuery,
    type SoqlValue
} from './soql';
export { MAX_COLLECTION_RECORDS, type RecordValues, type WriteOperation } from './write-plan';
export { writeRecords, type WriteOptions } from './write-records';
export type {
    RecordFailure,
    RecordSuccess,
    SkippedRecord,
    SkipReason,
    WriteOutcome,
    WritePause
} from './write-results';
