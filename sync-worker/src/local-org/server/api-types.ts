/**
 * The request and response model that routes work on. The HTTP layer builds an
 * `ApiRequest` from each incoming request and writes the returned `ApiResponse`. The
 * Composite route builds them for its subrequests, so every route runs the same way over
 * HTTP and inside a Composite call.
 */
import type { z } from 'zod';
import { malformedJson } from './errors';

/** A request as routes see it. Header names are lower case. */
export interface ApiRequest {
    method: string;
    /** Path without the query string, such as `/services/data/v65.0/sobjects/Lead`. */
    path: string;
    query: URLSearchParams;
    headers: Record<string, string | undefined>;
    /** Raw body text, empty when the request had none. */
    body: string;
}

/** Body kinds the HTTP layer can write. */
export type ApiResponseBody =
    | { kind: 'json'; value: unknown }
    | { kind: 'text'; value: string; contentType: string }
    | { kind: 'none' };

/** A response as routes return it. */
export interface ApiResponse {
    status: number;
    headers: Record<string, string>;
    body: ApiResponseBody;
}

/** Builds a JSON response. */
export function jsonResponse(
    status: number,
    value: unknown,
    headers: Record<string, string> = {}
): ApiResponse {
    return { status, headers, body: { kind: 'json', value } };
}

/** Builds a response without a body, such as 204 No Content. */
export function emptyResponse(status: number, headers: Record<string, string> = {}): ApiResponse {
    return { status, headers, body: { kind: 'none' } };
}

/** Builds a text response (CSV, HTML) with its content type. */
export function textResponse(
    status: number,
    value: string,
    contentType: string,
    headers: Record<string, string> = {}
): ApiResponse {
    return { status, headers, body: { kind: 'text', value, contentType } };
}

/**
 * Returns the parsed JSON of a request body; an empty body is `undefined`. Invalid JSON
 * raises 400 `JSON_PARSER_ERROR`, as in Salesforce.
 */
export function parseJsonBody(request: ApiRequest): unknown {
    if (request.body.trim() === '') {
        return undefined;
    }
    try {
        return JSON.parse(request.body) as unknown;
    } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        throw malformedJson(`The request body is not valid JSON: ${detail}`);
    }
}

/**
 * Parses a JSON request body against a zod schema. A body of the wrong shape raises 400
 * `JSON_PARSER_ERROR` naming the first invalid path.
 */
export function parseBody<T>(request: ApiRequest, schema: z.ZodType<T>): T {
    const result = schema.safeParse(parseJsonBody(request));
    if (!result.success) {
        const issue = result.error.issues[0];
        const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
        throw malformedJson(
            `Invalid request body${where}: ${issue?.message ?? 'unexpected shape'}`
        );
    }
    return result.data;
}
