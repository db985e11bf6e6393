/**
 * Composite: up to 25 subrequests in one call, counted as one API call, where later
 * subrequests may reference the results of earlier ones. With `allOrNone` true, one
 * failure rolls everything back and every other subrequest reports `PROCESSING_HALTED`.
 * `collateSubrequests` is accepted and ignored, because subrequests here always run in
 * order.
 */
import { z } from 'zod';
import { parseBody, jsonResponse, type ApiRequest, type ApiResponse } from '../api-types';
import type { RouteContext } from '../context';
import { ApiError, toApiError } from '../errors';
import { faultResponse } from '../faults';
import type { RouteParams, Router } from '../router';
import { parseVersionSegment } from '../versions';
import { resolveText, resolveValue, UnresolvedReferenceError } from './composite-references';

/** Maximum subrequests in one Composite call. */
export const MAX_SUBREQUESTS = 25;

/** Maximum subrequests that may be queries or sObject Collections calls. */
export const MAX_QUERY_OR_COLLECTION_SUBREQUESTS = 5;

const subrequestSchema = z.object({
    method: z.enum(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']),
    url: z.string(),
    referenceId: z
        .string()
        .regex(/^[A-Za-z0-9][A-Za-z0-9_]*$/, 'must start with a letter or a digit'),
    body: z.unknown().optional(),
    httpHeaders: z.record(z.string(), z.string()).optional()
});

const compositeSchema = z.object({
    allOrNone: z.boolean().optional(),
    collateSubrequests: z.boolean().optional(),
    compositeRequest: z.array(subrequestSchema)
});

type Subrequest = z.infer<typeof subrequestSchema>;

/** One entry of `compositeResponse`. */
interface SubResponse {
    body: unknown;
    httpHeaders: Record<string, string>;
    httpStatusCode: number;
    referenceId: string;
}

const SUPPORTED_RESOURCE =
    /^\/services\/data\/v\d+\.0\/(sobjects|query|queryAll|composite\/sobjects)(\/|\?|$)/;
const QUERY_OR_COLLECTION =
    /^\/services\/data\/v\d+\.0\/(query|queryAll|composite\/sobjects)(\/|\?|$)/;

function halted(referenceId: string, message: string): SubResponse {
    return {
        body: [{ errorCode: 'PROCESSING_HALTED', message }],
        httpHeaders: {},
        httpStatusCode: 400,
        referenceId
    };
}

const ROLLED_BACK_MESSAGE =
    'The transaction was rolled back since another operation in the same transaction failed.';

/** Rejects Composite bodies over the limits before anything runs. */
function validate(subrequests: Subrequest[]): void {
    // NOTE: the Salesforce docs give these two limits but not the error code or text.
    // Check them by posting 26 subrequests, then 6 queries, to a real org.
    if (subrequests.length > MAX_SUBREQUESTS) {
        throw new ApiError(
            400,
            'LIMIT_EXCEEDED',
            `A Composite request can have at most ${MAX_SUBREQUESTS} subrequests; it has ${subrequests.length}.`
        );
    }
    const heavy = subrequests.filter((subrequest) =>
        QUERY_OR_COLLECTION.test(subrequest.url)
    ).length;
    if (heavy > MAX_QUERY_OR_COLLECTION_SUBREQUESTS) {
        throw new ApiError(
            400,
            'LIMIT_EXCEEDED',
            `A Composite request can have at most ${MAX_QUERY_OR_COLLECTION_SUBREQUESTS} query or sObject Collections subrequests; it has ${heavy}.`
        );
    }
    const seen = new Set<string>();
    for (const subrequest of subrequests) {
        if (seen.has(subrequest.referenceId)) {
            throw new ApiError(
                400,
                'INVALID_INPUT',
                `Duplicate referenceId provided in the request: ${subrequest.referenceId}`
            );
        }
        seen.add(subrequest.referenceId);
        if (!SUPPORTED_RESOURCE.test(subrequest.url)) {
            throw new ApiError(
                400,
                'INVALID_INPUT',
                `Composite supports sobjects, query, queryAll and composite/sobjects subrequests, not ${subrequest.url}`
            );
        }
    }
}

function toSubRequest(subrequest: Subrequest, bodies: ReadonlyMap<string, unknown>): ApiRequest {
    const url = new URL(resolveText(subrequest.url, bodies), 'http://composite.invalid');
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(subrequest.httpHeaders ?? {})) {
        headers[name.toLowerCase()] = value;
    }
    const body =
        subrequest.body === undefined ? '' : JSON.stringify(resolveValue(subrequest.body, bodies));
    return {
        method: subrequest.method,
        path: url.pathname,
        query: url.searchParams,
        headers,
        body
    };
}

function runSubrequest(
    subrequest: Subrequest,
    bodies: ReadonlyMap<string, unknown>,
    context: RouteContext,
    forceAllOrNone: boolean
): SubResponse {
    let request: ApiRequest;
    try {
        request = toSubRequest(subrequest, bodies);
    } catch (error) {
        if (error instanceof UnresolvedReferenceError) {
            return halted(subrequest.referenceId, error.message);
        }
        throw error;
    }
    const fault = context.faults.takeSubrequestFault(request.method, request.path);
    const response =
        fault === undefined
            ? dispatchSubrequest(request, context, forceAllOrNone)
            : faultResponse(fault);
    return toSubResponse(subrequest, request, response, context);
}

/** Runs a subrequest through the router; errors become their REST error responses. */
function dispatchSubrequest(
    request: ApiRequest,
    context: RouteContext,
    forceAllOrNone: boolean
): ApiResponse {
    try {
        const versionSegment = request.path.split('/')[3] ?? '';
        const apiVersion = parseVersionSegment(versionSegment, context.maxApiVersion);
        if (apiVersion === undefined) {
            throw new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
        }
        return context.router.dispatch(request, {
            ...context,
            apiVersion,
            inComposite: true,
            forceAllOrNone
        });
    } catch (error) {
        const apiError = toApiError(error);
        return jsonResponse(apiError.status, apiError.toBody());
    }
}

/** Logs a subrequest and converts its response to a `compositeResponse` entry. */
function toSubResponse(
    subrequest: Subrequest,
    request: ApiRequest,
    response: ApiResponse,
    context: RouteContext
): SubResponse {
    context.requestLog.record({
        method: request.method,
        path: request.path,
        query: request.query.toString(),
        headers: request.headers,
        status: response.status,
        compositeReferenceId: subrequest.referenceId
    });
    return {
        body:
            response.body.kind === 'json'
                ? response.body.value
                : response.body.kind === 'text'
                  ? response.body.value
                  : null,
        httpHeaders: response.headers,
        httpStatusCode: response.status,
        referenceId: subrequest.referenceId
    };
}

/**
 * True for an error status, and for an sObject Collections result in which a record
 * failed: under a Composite `allOrNone`, that failure rolls back the whole request.
 */
function isFailure(result: SubResponse): boolean {
    if (result.httpStatusCode >= 400) {
        return true;
    }
    return (
        Array.isArray(result.body) &&
        result.body.some(
            (entry: unknown) =>
                typeof entry === 'object' &&
                entry !== null &&
                'success' in entry &&
                entry.success === false
        )
    );
}

/** Thrown inside the transaction to undo it; never escapes the route. */
class RollBack extends Error {}

function runComposite(
    request: ApiRequest,
    _params: RouteParams,
    context: RouteContext
): ApiResponse {
    if (context.inComposite) {
        throw new ApiError(
            400,
            'INVALID_INPUT',
            'A Composite request cannot contain another Composite request.'
        );
    }
    const body = parseBody(request, compositeSchema);
    validate(body.compositeRequest);
    const allOrNone = body.allOrNone === true;
    const results: SubResponse[] = [];
    const bodies = new Map<string, unknown>();
    let failedIndex = -1;
    const runAll = (): void => {
        for (const [index, subrequest] of body.compositeRequest.entries()) {
            const result = runSubrequest(subrequest, bodies, context, allOrNone);
            results.push(result);
            if (result.httpStatusCode < 400) {
                bodies.set(subrequest.referenceId, result.body);
            }
            if (allOrNone && isFailure(result)) {
                failedIndex = index;
                throw new RollBack();
            }
        }
    };
    try {
        context.store.transaction(runAll);
    } catch (error) {
        if (!(error instanceof RollBack)) {
            throw error;
        }
    }
    if (failedIndex >= 0) {
        const compositeResponse = body.compositeRequest.map((subrequest, index) =>
            index === failedIndex
                ? (results[index] ?? halted(subrequest.referenceId, ROLLED_BACK_MESSAGE))
                : halted(subrequest.referenceId, ROLLED_BACK_MESSAGE)
        );
        return jsonResponse(200, { compositeResponse });
    }
    return jsonResponse(200, { compositeResponse: results });
}

/** Adds the Composite route. */
export function addCompositeRoutes(router: Router<RouteContext>): void {
    router.add('POST', '/services/data/:version/composite', runComposite);
}
