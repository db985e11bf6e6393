/**
 * A small path router. Patterns are slash-separated segments where `:name` captures one
 * segment. The first route whose pattern and method match wins, so specific patterns
 * (`sobjects/:type/describe`) go before general ones (`sobjects/:type/:id`).
 *
 * Handlers are synchronous, like the store they call, so that a Composite request can
 * run its subrequests inside one store transaction.
 */
import type { ApiRequest, ApiResponse } from './api-types';
import { ApiError, resourceNotFound } from './errors';

/** Captured segments of a matched pattern, URL-decoded. */
export type RouteParams = Record<string, string>;

/** A route handler: the request, the captured segments and the shared context. */
export type RouteHandler<Context> = (
    request: ApiRequest,
    params: RouteParams,
    context: Context
) => ApiResponse;

interface Route<Context> {
    method: string;
    segments: string[];
    handler: RouteHandler<Context>;
}

/** Splits a path into non-empty segments, so a trailing slash does not matter. */
function splitPath(path: string): string[] {
    return path.split('/').filter((segment) => segment !== '');
}

/** Decodes one percent-encoded segment; a malformed escape matches nothing. */
function decodeSegment(value: string): string | undefined {
    try {
        return decodeURIComponent(value);
    } catch {
        return undefined;
    }
}

function matchSegments(pattern: string[], actual: string[]): RouteParams | undefined {
    if (pattern.length !== actual.length) {
        return undefined;
    }
    const params: RouteParams = {};
    for (const [index, part] of pattern.entries()) {
        const value = actual[index] ?? '';
        if (part.startsWith(':')) {
            const decoded = decodeSegment(value);
            if (decoded === undefined) {
                return undefined;
            }
            params[part.slice(1)] = decoded;
        } else if (part !== value) {
            return undefined;
        }
    }
    return params;
}

/** Routes requests to handlers by method and path pattern. */
export class Router<Context> {
    private readonly routes: Route<Context>[] = [];

    /** Adds a route; `pattern` is absolute, such as `/services/data/:version/limits`. */
    public add(method: string, pattern: string, handler: RouteHandler<Context>): this {
        this.routes.push({ method: method.toUpperCase(), segments: splitPath(pattern), handler });
        return this;
    }

    /**
     * Runs the handler of the first matching route. A path that matches no pattern
     * raises 404 `NOT_FOUND`; a path that matches only with other methods raises 405
     * `METHOD_NOT_ALLOWED` listing them, as Salesforce does.
     */
    public dispatch(request: ApiRequest, context: Context): ApiResponse {
        const actual = splitPath(request.path);
        const allowed: string[] = [];
        for (const route of this.routes) {
            const params = matchSegments(route.segments, actual);
            if (params === undefined) {
                continue;
            }
            if (route.method === request.method.toUpperCase()) {
                return route.handler(request, params, context);
            }
            allowed.push(route.method);
        }
        if (allowed.length > 0) {
            throw new ApiError(
                405,
                'METHOD_NOT_ALLOWED',
                `HTTP Method '${request.method}' not allowed. Allowed are ${[...new Set(allowed)].join(',')}`
            );
        }
        throw resourceNotFound();
    }
}
