/**
 * The version root (`GET /services/data/vNN.0/`, the list of resources) and `limits`.
 */
import { jsonResponse } from '../api-types';
import { versionPrefix, type RouteContext } from '../context';
import type { Router } from '../router';

/** Resources listed at the version root; each is served under the same prefix. */
const RESOURCES = [
    'sobjects',
    'query',
    'queryAll',
    'composite',
    'limits',
    'jobs/ingest',
    'jobs/query',
    'actions'
];

/** Adds the version root and limits routes. */
export function addResourceRoutes(router: Router<RouteContext>): void {
    router
        .add('GET', '/services/data/:version', (_request, _params, context) => {
            const prefix = versionPrefix(context);
            const body: Record<string, string> = {};
            for (const resource of RESOURCES) {
                body[resource.replace('/', '')] = `${prefix}/${resource}`;
            }
            return jsonResponse(200, body);
        })
        .add('GET', '/services/data/:version/limits', (_request, _params, context) =>
            jsonResponse(200, {
                DailyApiRequests: { Max: context.usage.max, Remaining: context.usage.remaining },
                DailyBulkV2QueryJobs: context.bulk.queryJobLimits()
            })
        );
}
