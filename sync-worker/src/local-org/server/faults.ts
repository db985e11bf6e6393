/**
 * Fault injection for tests and soak runs. A rule matches requests by method and path
 * and applies an effect to the next `count` of them: an error status, per-record errors
 * in an sObject Collections call, latency, a dropped connection, a request without a
 * response, or a missing response header. A random mode applies effects to a share of
 * requests with a seeded generator, so a soak run can be replayed.
 */
import { jsonResponse, type ApiResponse } from './api-types';

/** Request filter of a rule; absent parts match everything. */
export interface FaultMatch {
    method?: string;
    /** Regular expression tested against the path (without the query string). */
    pathPattern?: string | RegExp;
}

/** Effect applied to a matched request. */
export type FaultEffect =
    /** Returns this status instead of running the request. */
    | {
          kind: 'status';
          status: number;
          /** REST error code of the JSON error body; default message from `DEFAULT_MESSAGES`. */
          errorCode?: string;
          message?: string;
          /** Raw body instead of the JSON error, such as an HTML maintenance page. */
          body?: string;
          contentType?: string;
      }
    /** Fails records of an sObject Collections write with this status code. */
    | { kind: 'recordError'; errorCode: string; message?: string; recordIndexes?: number[] }
    /** Delays the request, then runs it normally. */
    | { kind: 'latency'; ms: number }
    /** Destroys the socket without a response. */
    | { kind: 'drop' }
    /** Sends no response; the connection stays open until the local org closes. */
    | { kind: 'hang' }
    /** Runs the request but leaves this header out of the response. */
    | { kind: 'omitHeader'; header: string };

/** A fault rule: an effect, the requests it matches and how many it affects. */
export type FaultRule = FaultEffect & {
    match?: FaultMatch;
    /** Matching requests to affect; default 1. `'unlimited'` keeps the rule until cleared. */
    count?: number | 'unlimited';
    /** Matching requests to let through before the rule starts; default 0. */
    skip?: number;
};

/** Settings of the random mode. */
export interface RandomFaultSettings {
    /** Share of matching requests that get a fault, from 0 to 1. */
    rate: number;
    /** Seed of the generator; the same seed and request order give the same faults. */
    seed: number;
    /** Effects to pick from, uniformly; default `DEFAULT_RANDOM_EFFECTS`. */
    effects?: FaultEffect[];
    /** Requests eligible for a fault; default every REST API call under `/services/data/`. */
    match?: FaultMatch;
}

/** Actions that change the org's state at once instead of matching requests. */
export interface FaultActions {
    /** Ends every OAuth session; returns how many ended. */
    expireSessions(): number;
    /** Uses up the daily API allocation. */
    exhaustApiLimit(): void;
    /** Sets the API usage back to zero. */
    resetApiUsage(): void;
}

/** Messages used when a status rule gives an error code but no message. */
export const DEFAULT_MESSAGES: Readonly<Record<string, string>> = {
    REQUEST_LIMIT_EXCEEDED: 'TotalRequests Limit exceeded.',
    UNABLE_TO_LOCK_ROW: 'unable to obtain exclusive access to this record or 1 records',
    INVALID_QUERY_LOCATOR: 'invalid query locator',
    INVALID_SESSION_ID: 'Session expired or invalid',
    SERVER_UNAVAILABLE: 'Server unavailable, please try again later.',
    UNKNOWN_EXCEPTION:
        'An unexpected error occurred. Please include this ErrorId if you contact support.'
};

/** HTML of a 503 maintenance page, as an org returns while its instance is unavailable. */
export const MAINTENANCE_PAGE =
    '<!DOCTYPE html><html><head><title>Service Unavailable</title></head><body>' +
    '<h1>Service Unavailable</h1><p>The server is temporarily unable to service your request ' +
    'due to maintenance downtime or capacity problems. Please try again later.</p></body></html>';

/** Effects the random mode picks from by default: transient errors, latency and drops. */
export const DEFAULT_RANDOM_EFFECTS: readonly FaultEffect[] = [
    { kind: 'status', status: 503, body: MAINTENANCE_PAGE, contentType: 'text/html' },
    { kind: 'status', status: 500, errorCode: 'UNKNOWN_EXCEPTION' },
    { kind: 'status', status: 400, errorCode: 'UNABLE_TO_LOCK_ROW' },
    { kind: 'latency', ms: 200 },
    { kind: 'drop' }
];

interface ActiveRule {
    id: number;
    rule: FaultRule;
    pattern: RegExp | undefined;
    skipLeft: number;
    countLeft: number;
}

/** Builds the response of a status fault: its raw body, or a JSON error with a default message. */
export function faultResponse(effect: Extract<FaultEffect, { kind: 'status' }>): ApiResponse {
    if (effect.body !== undefined) {
        return {
            status: effect.status,
            headers: {},
            body: {
                kind: 'text',
                value: effect.body,
                contentType: effect.contentType ?? 'text/html'
            }
        };
    }
    const errorCode = effect.errorCode ?? 'UNKNOWN_EXCEPTION';
    const message = effect.message ?? DEFAULT_MESSAGES[errorCode] ?? `Injected fault ${errorCode}`;
    return jsonResponse(effect.status, [{ message, errorCode }]);
}

/** Mulberry32: a small seeded generator with a 2^32 period, enough for fault draws. */
function seededRandom(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
    };
}

function toPattern(pattern: string | RegExp | undefined): RegExp | undefined {
    if (pattern === undefined) {
        return undefined;
    }
    return typeof pattern === 'string' ? new RegExp(pattern) : pattern;
}

function matches(
    match: FaultMatch | undefined,
    pattern: RegExp | undefined,
    method: string,
    path: string
): boolean {
    if (match?.method !== undefined && match.method.toUpperCase() !== method.toUpperCase()) {
        return false;
    }
    return pattern === undefined || pattern.test(path);
}

/** Fault rules and the random mode, deciding which effects each request gets. */
export class FaultInjector {
    private rules: ActiveRule[] = [];
    private nextId = 1;
    private randomMode:
        | { settings: RandomFaultSettings; next: () => number; pattern: RegExp | undefined }
        | undefined;
    private readonly actions: FaultActions;

    public constructor(actions: FaultActions) {
        this.actions = actions;
    }

    /** Adds a rule; returns its id. */
    public inject(rule: FaultRule): number {
        const count = rule.count ?? 1;
        const active: ActiveRule = {
            id: this.nextId,
            rule,
            pattern: toPattern(rule.match?.pathPattern),
            skipLeft: rule.skip ?? 0,
            countLeft: count === 'unlimited' ? Number.POSITIVE_INFINITY : count
        };
        this.nextId += 1;
        this.rules.push(active);
        return active.id;
    }

    /** Removes every rule and turns the random mode off. */
    public clear(): void {
        this.rules = [];
        this.randomMode = undefined;
    }

    /** Turns the random mode on with these settings, or off with `undefined`. */
    public setRandom(settings: RandomFaultSettings | undefined): void {
        this.randomMode =
            settings === undefined
                ? undefined
                : {
                      settings,
                      next: seededRandom(settings.seed),
                      pattern: toPattern(settings.match?.pathPattern ?? '^/services/data/')
                  };
    }

    /** Lists the active rules with how many requests each will still affect. */
    public list(): { id: number; rule: FaultRule; remaining: number | 'unlimited' }[] {
        return this.rules.map((active) => ({
            id: active.id,
            rule: active.rule,
            remaining: Number.isFinite(active.countLeft) ? active.countLeft : 'unlimited'
        }));
    }

    /** Ends every OAuth session at once. */
    public expireSessions(): number {
        return this.actions.expireSessions();
    }

    /** Uses up the daily API allocation, so calls fail with `REQUEST_LIMIT_EXCEEDED`. */
    public exhaustApiLimit(): void {
        this.actions.exhaustApiLimit();
    }

    /** Sets the API usage back to zero. */
    public resetApiUsage(): void {
        this.actions.resetApiUsage();
    }

    /** Makes the next `count` query-more calls fail as if their locator had expired. */
    public expireQueryLocators(count: number | 'unlimited' = 1): number {
        return this.inject({
            kind: 'status',
            status: 400,
            errorCode: 'INVALID_QUERY_LOCATOR',
            match: { method: 'GET', pathPattern: '/query(All)?/[^/]+-\\d+$' },
            count
        });
    }

    /**
     * Returns the effects for an incoming HTTP request, consuming one use of every rule
     * that applies. Record-error rules are left for `takeRecordFault`.
     */
    public takeRequestFaults(method: string, path: string): FaultEffect[] {
        const effects = this.consume(method, path, (rule) => rule.kind !== 'recordError');
        const random = this.randomMode;
        if (random !== undefined && matches(random.settings.match, random.pattern, method, path)) {
            if (random.next() < random.settings.rate) {
                const choices = random.settings.effects ?? DEFAULT_RANDOM_EFFECTS;
                const picked = choices[Math.floor(random.next() * choices.length)];
                if (picked !== undefined) {
                    effects.push(picked);
                }
            }
        }
        return effects;
    }

    /**
     * Returns the status effect for a Composite subrequest, consuming one use of the
     * first status rule that matches the subrequest's own method and path. Other
     * effects apply to whole HTTP requests only.
     */
    public takeSubrequestFault(
        method: string,
        path: string
    ): Extract<FaultEffect, { kind: 'status' }> | undefined {
        const [effect] = this.consume(
            method,
            path,
            (rule) => rule.kind === 'status' && rule.match?.pathPattern !== undefined,
            1
        );
        return effect?.kind === 'status' ? effect : undefined;
    }

    /**
     * Returns the record-error effect for an sObject Collections write, consuming one
     * use of the first rule that applies. `path` is the collection call's own path,
     * also inside a Composite request.
     */
    public takeRecordFault(
        method: string,
        path: string
    ): Extract<FaultEffect, { kind: 'recordError' }> | undefined {
        const [effect] = this.consume(method, path, (rule) => rule.kind === 'recordError', 1);
        return effect?.kind === 'recordError' ? effect : undefined;
    }

    private consume(
        method: string,
        path: string,
        accepts: (rule: FaultRule) => boolean,
        limit = Number.POSITIVE_INFINITY
    ): FaultEffect[] {
        const effects: FaultEffect[] = [];
        for (const active of this.rules) {
            if (effects.length >= limit) {
                break;
            }
            if (
                !accepts(active.rule) ||
                !matches(active.rule.match, active.pattern, method, path)
            ) {
                continue;
            }
            if (active.skipLeft > 0) {
                active.skipLeft -= 1;
                continue;
            }
            active.countLeft -= 1;
            effects.push(active.rule);
        }
        this.rules = this.rules.filter((active) => active.countLeft > 0);
        return effects;
    }
}
