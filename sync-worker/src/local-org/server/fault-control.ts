/**
 * The fault-control endpoint, `/__local/faults`, for tests and soak scripts in other
 * processes. It takes the same bearer token as the REST API, which the HTTP layer
 * checks, because 127.0.0.1 is open to every process and user of the machine and to
 * web pages in its browsers. A fault rule can end sessions or make every call fail.
 *
 * - `POST` a rule (or `{"rules": [...]}`) to add rules; the response is 201 with their ids.
 * - `POST {"random": {"rate": 0.1, "seed": 7}}` turns the random mode on; `null` turns it off.
 * - `POST {"action": "expireSessions" | "exhaustApiLimit" | "resetApiUsage" | "expireQueryLocators"}`.
 * - `GET` lists the active rules; `DELETE` removes every rule and the random mode.
 */
import { z } from 'zod';
import {
    emptyResponse,
    jsonResponse,
    parseBody,
    type ApiRequest,
    type ApiResponse
} from './api-types';
import { ApiError } from './errors';
import type { FaultInjector, FaultRule } from './faults';

/**
 * A path pattern from another process. Every request is tested against it, so a pattern
 * that backtracks without bound (a quantified group inside a quantifier, such as `(a+)+`)
 * would stall every client. Such patterns, long ones and invalid ones are rejected.
 */
const pathPatternSchema = z
    .string()
    .max(200, 'pathPattern is longer than 200 characters')
    .refine((pattern) => !/[+*}]\)[+*{?]/.test(pattern), {
        message:
            'pathPattern has a quantified group inside a quantifier, which can backtrack without bound'
    })
    .refine(isValidPattern, { message: 'pathPattern is not a valid regular expression' });

function isValidPattern(pattern: string): boolean {
    try {
        new RegExp(pattern);
        return true;
    } catch {
        return false;
    }
}

const matchSchema = z.object({
    method: z.string().optional(),
    pathPattern: pathPatternSchema.optional()
});

const effectSchema = z.discriminatedUnion('kind', [
    z.object({
        kind: z.literal('status'),
        status: z.number().int().min(100).max(599),
        errorCode: z.string().optional(),
        message: z.string().optional(),
        body: z.string().optional(),
        contentType: z.string().optional()
    }),
    z.object({
        kind: z.literal('recordError'),
        errorCode: z.string(),
        message: z.string().optional(),
        recordIndexes: z.array(z.number().int().nonnegative()).optional(),
        recordShare: z.number().min(0).max(1).optional()
    }),
    z.object({ kind: z.literal('latency'), ms: z.number().int().nonnegative() }),
    z.object({ kind: z.literal('drop') }),
    z.object({ kind: z.literal('dropResponse') }),
    z.object({ kind: z.literal('hang') }),
    z.object({ kind: z.literal('omitHeader'), header: z.string() }),
    z.object({ kind: z.literal('expireSessions') })
]);

/** An effect of the random mode, optionally limited to the calls its own match passes. */
const randomEffectSchema = z.intersection(
    effectSchema,
    z.object({ match: matchSchema.optional() })
);

const ruleExtras = z.object({
    match: matchSchema.optional(),
    count: z.union([z.number().int().positive(), z.literal('unlimited')]).optional(),
    skip: z.number().int().nonnegative().optional()
});

const ruleSchema = z.intersection(effectSchema, ruleExtras);

const requestSchema = z.union([
    z.object({ rules: z.array(ruleSchema) }),
    z.object({
        random: z
            .object({
                rate: z.number().min(0).max(1),
                seed: z.number().int(),
                effects: z.array(randomEffectSchema).optional(),
                match: matchSchema.optional()
            })
            .nullable()
    }),
    z.object({
        action: z.enum([
            'expireSessions',
            'exhaustApiLimit',
            'resetApiUsage',
            'expireQueryLocators'
        ]),
        count: z.union([z.number().int().positive(), z.literal('unlimited')]).optional()
    }),
    ruleSchema
]);

function runAction(
    faults: FaultInjector,
    action: 'expireSessions' | 'exhaustApiLimit' | 'resetApiUsage' | 'expireQueryLocators',
    count: number | 'unlimited' | undefined
): ApiResponse {
    switch (action) {
        case 'expireSessions':
            return jsonResponse(200, { expiredSessions: faults.expireSessions() });
        case 'exhaustApiLimit':
            faults.exhaustApiLimit();
            return jsonResponse(200, {});
        case 'resetApiUsage':
            faults.resetApiUsage();
            return jsonResponse(200, {});
        case 'expireQueryLocators':
            return jsonResponse(201, { ids: [faults.expireQueryLocators(count)] });
    }
}

/** Handles a request to `/__local/faults`. */
export function handleFaultControl(request: ApiRequest, faults: FaultInjector): ApiResponse {
    if (request.method === 'GET') {
        return jsonResponse(200, { rules: faults.list() });
    }
    if (request.method === 'DELETE') {
        faults.clear();
        return emptyResponse(204);
    }
    if (request.method !== 'POST') {
        throw new ApiError(
            405,
            'METHOD_NOT_ALLOWED',
            `HTTP Method '${request.method}' not allowed. Allowed are GET,POST,DELETE`
        );
    }
    // A web page can POST text/plain to loopback without a CORS preflight; JSON cannot.
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
        throw new ApiError(
            415,
            'UNSUPPORTED_MEDIA_TYPE',
            'The fault-control endpoint accepts only Content-Type: application/json.'
        );
    }
    const body = parseBody(request, requestSchema);
    if ('action' in body) {
        return runAction(faults, body.action, body.count);
    }
    if ('random' in body) {
        faults.setRandom(body.random ?? undefined);
        return jsonResponse(200, { random: body.random });
    }
    const rules: FaultRule[] = 'rules' in body ? body.rules : [body];
    const ids = rules.map((rule) => faults.inject(rule));
    return jsonResponse(201, { ids });
}
