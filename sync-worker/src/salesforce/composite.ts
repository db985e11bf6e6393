/**
 * Composite requests: up to 25 subrequests in one REST call, which Salesforce counts as
 * one API call. At most 5 of them may be queries or sObject Collections calls (Salesforce
 * REST API Developer Guide, "Send Multiple Requests Using Composite"). The worker sends
 * them with `allOrNone: false`, so each subrequest succeeds or fails on its own.
 */
import { z } from 'zod';
import type { HttpMethods } from 'jsforce/lib/types';
import type { RestClient } from './api-client';
import { errorEntryOf } from './classify';
import { kindOfErrorCode, SalesforceApiError } from './errors';

/** Maximum subrequests in one Composite request. */
export const MAX_SUBREQUESTS = 25;

/** Maximum query or sObject Collections subrequests in one Composite request. */
export const MAX_QUERY_OR_COLLECTION_SUBREQUESTS = 5;

/** One subrequest. `url` is a full path such as `/services/data/v65.0/queryAll?q=...`. */
export interface Subrequest {
    method: HttpMethods;
    url: string;
    referenceId: string;
    body?: unknown;
    httpHeaders?: Record<string, string>;
}

const subresponseSchema = z.object({
    body: z.unknown(),
    httpHeaders: z.record(z.string(), z.string()).optional(),
    httpStatusCode: z.number().int(),
    referenceId: z.string()
});

const compositeResponseSchema = z.object({ compositeResponse: z.array(subresponseSchema) });

/** Response to one subrequest. */
export type Subresponse = z.infer<typeof subresponseSchema>;

const HEAVY_RESOURCE =
    /^\/services\/data\/v\d+\.\d+\/(query|queryAll|composite\/sobjects)(\/|\?|$)/;

/** True for the subrequests the 5-per-request limit counts: queries and collections. */
export function isQueryOrCollection(url: string): boolean {
    return HEAVY_RESOURCE.test(url);
}

/**
 * Packs items into as few Composite requests as the limits allow, keeping their order:
 * a request closes when it contains 25 subrequests or a sixth query or collection would
 * not fit.
 */
export function planComposites<T>(items: readonly T[], urlOf: (item: T) => string): T[][] {
    const batches: T[][] = [];
    let current: T[] = [];
    let heavy = 0;
    for (const item of items) {
        const isHeavy = isQueryOrCollection(urlOf(item));
        if (
            current.length === MAX_SUBREQUESTS ||
            (isHeavy && heavy === MAX_QUERY_OR_COLLECTION_SUBREQUESTS)
        ) {
            batches.push(current);
            current = [];
            heavy = 0;
        }
        current.push(item);
        heavy += isHeavy ? 1 : 0;
    }
    if (current.length > 0) {
        batches.push(current);
    }
    return batches;
}

/** Options of `sendComposite`. */
export interface CompositeOptions {
    /** True when every subrequest is idempotent, so the whole request may be resent. */
    idempotent: boolean;
    /** Headers of the Composite request itself. */
    headers?: Record<string, string>;
}

/**
 * Sends one Composite request (`allOrNone: false`) and returns the subresponses by
 * `referenceId`. A failure of the request as a whole raises `SalesforceApiError`.
 */
export async function sendComposite(
    client: RestClient,
    subrequests: readonly Subrequest[],
    options: CompositeOptions
): Promise<Map<string, Subresponse>> {
    const heavy = subrequests.filter((subrequest) => isQueryOrCollection(subrequest.url)).length;
    if (subrequests.length > MAX_SUBREQUESTS || heavy > MAX_QUERY_OR_COLLECTION_SUBREQUESTS) {
        throw new RangeError(
            `A Composite request was planned with ${subrequests.length} subrequests (${heavy} queries or collections).`
        );
    }
    const response = await client.send(
        {
            method: 'POST',
            path: '/composite',
            body: { allOrNone: false, compositeRequest: subrequests },
            ...(options.headers === undefined ? {} : { headers: options.headers })
        },
        { idempotent: options.idempotent }
    );
    const parsed = compositeResponseSchema.safeParse(response.body);
    if (!parsed.success) {
        throw new SalesforceApiError({
            kind: 'server',
            errorCode: 'INVALID_COMPOSITE_RESPONSE',
            status: response.status,
            message: 'the Composite response has no compositeResponse array',
            operation: 'POST /composite'
        });
    }
    const byReference = new Map(
        parsed.data.compositeResponse.map((entry) => [entry.referenceId, entry])
    );
    const missing = subrequests.find((subrequest) => !byReference.has(subrequest.referenceId));
    if (missing !== undefined) {
        throw new SalesforceApiError({
            kind: 'server',
            errorCode: 'INVALID_COMPOSITE_RESPONSE',
            status: response.status,
            message: `the Composite response has no subresponse for ${missing.referenceId}`,
            operation: 'POST /composite'
        });
    }
    return byReference;
}

/**
 * Returns the failure of a subrequest, or undefined when it succeeded. `operation`
 * names the subrequest in the error, such as `GET /queryAll (Lead)`.
 */
export function subrequestFailure(
    entry: Subresponse,
    operation: string
): SalesforceApiError | undefined {
    if (entry.httpStatusCode < 400) {
        return undefined;
    }
    const status = entry.httpStatusCode;
    const error = errorEntryOf(entry.body);
    const errorCode = error?.errorCode ?? `HTTP_${status}`;
    return new SalesforceApiError({
        kind: kindOfErrorCode(errorCode, status),
        errorCode,
        status,
        message: error?.message ?? 'the subrequest failed without an error body',
        operation
    });
}
