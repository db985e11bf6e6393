/**
 * The faults of the API fault soak, each as Salesforce sends it: the random ones drawn
 * for a share of the calls, and the ones scheduled for given rounds so that every kind
 * is met whatever the draws.
 */
import type { FaultRule, RandomFaultEffect } from '../../src/local-org';
import { MAINTENANCE_PAGE, QUERY_MORE_PATH } from '../../src/local-org/server/faults';

/** Share of calls that get a random fault. */
export const FAULT_RATE = 0.1;

/** Path of the OAuth token endpoint. */
const TOKEN_PATH = '^/services/oauth2/token$';

/** Token requests the scheduled faults fail, each costing one more token request. */
export const FAILED_TOKEN_REQUESTS = 1;

/** Path of the Composite requests the worker reads and writes with. */
const COMPOSITE = { method: 'POST', pathPattern: '/composite$' };

/**
 * The random faults of the long run, each as Salesforce sends it. Effects without a
 * match can hit any REST call; the locator faults hit only calls that carry a locator,
 * also inside Composite requests. Record errors hit collection writes.
 */
export const RANDOM_EFFECTS: RandomFaultEffect[] = [
    { kind: 'status', status: 503, body: MAINTENANCE_PAGE, contentType: 'text/html' },
    { kind: 'status', status: 500, errorCode: 'UNKNOWN_EXCEPTION' },
    { kind: 'drop' },
    { kind: 'dropResponse' },
    { kind: 'hang' },
    { kind: 'status', status: 403, errorCode: 'REQUEST_LIMIT_EXCEEDED' },
    { kind: 'expireSessions' },
    {
        kind: 'omitHeader',
        header: 'Sforce-Locator',
        match: { method: 'GET', pathPattern: '/jobs/query/[^/]+/results$' }
    },
    {
        kind: 'status',
        status: 400,
        errorCode: 'INVALID_QUERY_LOCATOR',
        match: { method: 'GET', pathPattern: QUERY_MORE_PATH }
    },
    // Some records of a collection fail. A rejection for good (a validation rule) would
    // fail in the fault-free org too, so it has a test of its own instead.
    { kind: 'recordError', errorCode: 'UNABLE_TO_LOCK_ROW', recordShare: 0.5 }
];

/**
 * Faults certain to happen besides the random ones, so that every kind is met whatever
 * the draws: in round `round`, these rules. A cycle's change read is two Composite
 * requests, so `skip: 2` hits the first write request.
 */
export const SCHEDULED_FAULTS: readonly { round: number; rules: FaultRule[] }[] = [
    { round: 1, rules: [{ kind: 'hang', match: COMPOSITE, skip: 2 }] },
    { round: 2, rules: [{ kind: 'dropResponse', match: COMPOSITE, skip: 2 }] },
    { round: 3, rules: [{ kind: 'drop', match: COMPOSITE }] },
    {
        round: 4,
        rules: [
            {
                kind: 'status',
                status: 403,
                errorCode: 'REQUEST_LIMIT_EXCEEDED',
                match: COMPOSITE,
                skip: 2
            }
        ]
    },
    { round: 5, rules: [{ kind: 'expireSessions', match: COMPOSITE, skip: 1 }] },
    {
        round: 6,
        rules: [
            { kind: 'recordError', errorCode: 'UNABLE_TO_LOCK_ROW', recordShare: 0.5 },
            { kind: 'status', status: 500, errorCode: 'UNKNOWN_EXCEPTION', match: COMPOSITE }
        ]
    },
    {
        round: 7,
        rules: [
            {
                kind: 'status',
                status: 400,
                errorCode: 'INVALID_QUERY_LOCATOR',
                match: { method: 'GET', pathPattern: QUERY_MORE_PATH }
            },
            // The worker restarts in this round: its sign-in meets a maintenance page.
            {
                kind: 'status',
                status: 503,
                body: MAINTENANCE_PAGE,
                contentType: 'text/html',
                match: { method: 'POST', pathPattern: TOKEN_PATH }
            }
        ]
    },
    {
        round: 14,
        rules: [
            {
                kind: 'omitHeader',
                header: 'Sforce-Locator',
                match: { method: 'GET', pathPattern: '/jobs/query/[^/]+/results$' }
            }
        ]
    }
];
