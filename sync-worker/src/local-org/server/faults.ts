/**
 * Fault injection for tests and soak runs. A rule matches requests by method and path
 * and applies an effect to the next `count` of them: an error status, per-record errors
 * in an sObject Collections call, latency, a connection dropped before or after the org
 * ran the request, a request without a response, a missing response header, or sessions
 * that end. A random mode (`random-faults.ts`) applies effects to a share of calls with
 * a seeded generator, so a soak run can be replayed.
 */
import { jsonResponse, type ApiResponse } from './api-types';
import {
    appliesAt,
    matches,
    RandomFaults,
    seededRandom,
    toPattern,
    type FaultLayer
} from './random-faults';

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
    /**
     * Fails records of an sObject Collections write with this status code, without
     * running them: those at `recordIndexes`, else each with the chance `recordShare`
     * (from the injector's seeded generator), else all of them.
     */
    | {
          kind: 'recordError';
          errorCode: string;
          message?: string;
          recordIndexes?: number[];
          /** Chance from 0 to 1 that each record fails. */
          recordShare?: number;
      }
    /** Delays the request, then runs it normally. */
    | { kind: 'latency'; ms: number }
    /** Destroys the socket without a response; the org never runs the request. */
    | { kind: 'drop' }
    /** Runs the request, then destroys the socket instead of sending the response. */
    | { kind: 'dropResponse' }
    /** Sends no response; the connection stays open until the local org closes. */
    | { kind: 'hang' }
    /** Runs the request but leaves this header out of the response. */
    | { kind: 'omitHeader'; header: string }
    /**
     * Ends every OAuth session (the fixed token excepted), then runs the request, which
     * meets the org's own 401 `INVALID_SESSION_ID`: a session that expires mid-cycle.
     */
    | { kind: 'expireSessions' };

/** A fault rule: an effect, the requests it matches and how many it affects. */
export type FaultRule = FaultEffect & {
    match?: FaultMatch;
    /** Matching requests to affect; default 1. `'unlimited'` keeps the rule until cleared. */
    count?: number | 'unlimited';
    /** Matching requests to let through before the rule starts; default 0. */
    skip?: number;
};

/** An effect of the random mode, with the calls it may hit when not all of them. */
export type RandomFaultEffect = FaultEffect & { match?: FaultMatch };

/** Settings of the random mode. */
export interface RandomFaultSettings {
    /**
     * Share of calls that get a fault, from 0 to 1. It applies per HTTP request, per
     * Composite subrequest and per collection call that some effect can hit.
     */
    rate: number;
    /** Seed of the generator; the same seed and order of calls give the same faults. */
    seed: number;
    /** Effects to pick from, uniformly among those that fit the call; default `DEFAULT_RANDOM_EFFECTS`. */
    effects?: RandomFaultEffect[];
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

/**
 * Effects the random mode picks from by default: transient errors, latency and drops on
 * any call, and `UNABLE_TO_LOCK_ROW` on half the records of a collection write, which is
 * where Salesforce reports a lock to a Composite or Collections client.
 */
export const DEFAULT_RANDOM_EFFECTS: readonly RandomFaultEffect[] = [
    { kind: 'status', status: 503, body: MAINTENANCE_PAGE, contentType: 'text/html' },
    { kind: 'status', status: 500, errorCode: 'UNKNOWN_EXCEPTION' },
    { kind: 'recordError', errorCode: 'UNABLE_TO_LOCK_ROW', recordShare: 0.5 },
    { kind: 'latency', ms: 200 },
    { kind: 'drop' }
];

/** Name of an effect in `FaultInjector.applied()`, such as `status 503 text/html`. */
export function faultLabel(effect: FaultEffect): string {
    switch (effect.kind) {
        case 'status':
            return effect.body === undefined
                ? `status ${effect.status} ${effect.errorCode ?? 'UNKNOWN_EXCEPTION'}`
                : `status ${effect.status} ${effect.contentType ?? 'text/html'}`;
        case 'recordError':
            return `recordError ${effect.errorCode}`;
        case 'omitHeader':
            return `omitHeader ${effect.header}`;
        default:
            return effect.kind;
    }
}

interface ActiveRule {
    id: number;
    rule: FaultRule;
    pattern: RegExp | undefined;
    skipLeft: number;
    countLeft: number;
}

/** Path of a REST query-more call, `/query/{locator}` or `/queryAll/{locator}`. */
export const QUERY_MORE_PATH = '/query(All)?/[^/]+-\\d+$';

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

/** A record-error effect. */
export type RecordFault = Extract<FaultEffect, { kind: 'recordError' }>;

/** A status effect. */
export type StatusFault = Extract<FaultEffect, { kind: 'status' }>;

/** Fault rules and the random mode, deciding which effects each request gets. */
export class FaultInjector {
    private rules: ActiveRule[] = [];
    private nextId = 1;
    private randomMode: RandomFaults | undefined;
    /** Chooses the records of a `recordShare` rule while the random mode is off. */
    private readonly ruleRandom = seededRandom(1);
    private counts = new Map<string, number>();
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

    /** Removes every rule, turns the random mode off and resets `applied()`. */
    public clear(): void {
        this.rules = [];
        this.randomMode = undefined;
        this.counts = new Map();
    }

    /** Turns the random mode on with these settings, or off with `undefined`. */
    public setRandom(settings: RandomFaultSettings | undefined): void {
        this.randomMode =
            settings === undefined ? undefined : new RandomFaults(settings, DEFAULT_RANDOM_EFFECTS);
    }

    /** Lists the active rules with how many requests each will still affect. */
    public list(): { id: number; rule: FaultRule; remaining: number | 'unlimited' }[] {
        return this.rules.map((active) => ({
            id: active.id,
            rule: active.rule,
            remaining: Number.isFinite(active.countLeft) ? active.countLeft : 'unlimited'
        }));
    }

    /**
     * Counts the effects applied since the last `clear()`, by `faultLabel`, rules and
     * random mode together. Subrequest faults are counted as `subrequest <label>`.
     */
    public applied(): Record<string, number> {
        return Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b)));
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
            match: { method: 'GET', pathPattern: QUERY_MORE_PATH },
            count
        });
    }

    /**
     * Returns the effects for an incoming HTTP request, consuming one use of every rule
     * that applies, and draws the random mode's fault. Record-error rules are left for
     * `takeRecordFault`. An `expireSessions` effect ends the sessions here, before the
     * request's session is checked, and is not returned.
     */
    public takeRequestFaults(method: string, path: string): FaultEffect[] {
        const effects = this.consume('request', method, path);
        const drawn = this.randomMode?.draw('request', method, path);
        if (drawn !== undefined) {
            effects.push(drawn);
        }
        for (const effect of effects) {
            this.count(faultLabel(effect));
            if (effect.kind === 'expireSessions') {
                this.actions.expireSessions();
            }
        }
        return effects.filter((effect) => effect.kind !== 'expireSessions');
    }

    /**
     * Returns the status effect for a Composite subrequest: the first status rule that
     * matches the subrequest's own method and path (one use of it), else the random
     * mode's draw. Other effects apply to whole HTTP requests only.
     */
    public takeSubrequestFault(method: string, path: string): StatusFault | undefined {
        const [effect] = this.consume('subrequest', method, path, 1);
        const chosen = effect ?? this.randomMode?.draw('subrequest', method, path);
        if (chosen?.kind !== 'status') {
            return undefined;
        }
        this.count(`subrequest ${faultLabel(chosen)}`);
        return chosen;
    }

    /**
     * Returns the record-error effect for an sObject Collections write: the first rule
     * that applies (one use of it), else the random mode's draw. `path` is the collection
     * call's own path, also inside a Composite request. With `recordCount`, a
     * `recordShare` is resolved into `recordIndexes`, so the caller fails exactly those.
     */
    public takeRecordFault(
        method: string,
        path: string,
        recordCount?: number
    ): RecordFault | undefined {
        const [effect] = this.consume('collection', method, path, 1);
        const chosen = effect ?? this.randomMode?.draw('collection', method, path);
        if (chosen?.kind !== 'recordError') {
            return undefined;
        }
        const resolved = this.resolveRecords(chosen, recordCount);
        // A share can pick no record of a small collection; that collection met no fault.
        if (resolved.recordIndexes?.length !== 0) {
            this.count(faultLabel(resolved));
        }
        return resolved;
    }

    private resolveRecords(effect: RecordFault, recordCount: number | undefined): RecordFault {
        if (
            effect.recordIndexes !== undefined ||
            effect.recordShare === undefined ||
            recordCount === undefined
        ) {
            return effect;
        }
        const next = this.randomMode?.next ?? this.ruleRandom;
        const share = effect.recordShare;
        const recordIndexes = Array.from({ length: recordCount }, (_unused, index) => index).filter(
            () => next() < share
        );
        return { ...effect, recordIndexes };
    }

    private count(label: string): void {
        this.counts.set(label, (this.counts.get(label) ?? 0) + 1);
    }

    private consume(
        layer: FaultLayer,
        method: string,
        path: string,
        limit = Number.POSITIVE_INFINITY
    ): FaultEffect[] {
        const effects: FaultEffect[] = [];
        for (const active of this.rules) {
            if (effects.length >= limit) {
                break;
            }
            if (
                !appliesAt(active.rule, active.rule.match, layer) ||
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
