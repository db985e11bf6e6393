/** Limits of the REST API that the store and the HTTP layer share. */

/** Default records per query page, and the largest page REST returns. */
export const DEFAULT_BATCH_SIZE = 2000;

/** Smallest page REST honours in `Sforce-Query-Options: batchSize`. */
export const MIN_REST_BATCH_SIZE = 200;

/** Largest page the store builds, for Bulk API 2.0 result pages. */
export const MAX_STORE_BATCH_SIZE = 100_000;

/**
 * Clamps a requested REST batch size to 200..2000. Salesforce treats the size as a
 * hint and may return smaller pages; the store returns exactly the clamped size.
 */
export function clampRestBatchSize(requested: number | undefined): number {
    if (requested === undefined || !Number.isFinite(requested)) {
        return DEFAULT_BATCH_SIZE;
    }
    return Math.min(DEFAULT_BATCH_SIZE, Math.max(MIN_REST_BATCH_SIZE, Math.floor(requested)));
}

/** Idle time after which a query locator expires: 15 minutes, as in Salesforce. */
export const DEFAULT_QUERY_LOCATOR_TTL_MS = 15 * 60 * 1000;

/** How far back getUpdated and getDeleted may start: 30 days, as in Salesforce. */
export const REPLICATION_WINDOW_DAYS = 30;
