/**
 * The data side of the local org: an SQLite store of the org schema's records with
 * Salesforce's validation, derived fields, SOQL, describe and lead conversion.
 */
export { OrgStore } from './org-store';
export { SalesforceError, isSalesforceError } from './errors';
export type { SalesforceErrorCode } from './errors';
export type {
    DescribeChildRelationship,
    DescribeField,
    DescribeGlobalResult,
    DescribeGlobalSObject,
    DescribePicklistEntry,
    DescribeSObjectResult
} from './describe';
export type * from './types';
export {
    DEFAULT_BATCH_SIZE,
    MIN_REST_BATCH_SIZE,
    MAX_STORE_BATCH_SIZE,
    DEFAULT_QUERY_LOCATOR_TTL_MS,
    clampRestBatchSize
} from './limits';
export { normalizeId, isValidId, keyPrefixOf } from '../../schema/ids';
