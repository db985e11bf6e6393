/**
 * Route context: the store, the signed-in user, the API version of the path and the
 * shared services of the running org, passed to every REST route with the request.
 */
import type { OrgStore } from '../store';
import type { ApiUsage } from './api-usage';
import type { BulkJobs } from './bulk/jobs';
import type { FaultInjector } from './faults';
import type { RequestLog } from './request-log';
import type { Router } from './router';
import type { SessionUser } from './sessions';

/** Services shared by all requests of one running local org. */
export interface OrgServices {
    store: OrgStore;
    usage: ApiUsage;
    faults: FaultInjector;
    requestLog: RequestLog;
    bulk: BulkJobs;
    /** Routes of the REST API; the Composite route dispatches its subrequests through it. */
    router: Router<RouteContext>;
    /** Newest API version served, such as 65. */
    maxApiVersion: number;
    /** Records per REST query page when a request gives no `batchSize`; Salesforce's is 2,000. */
    queryPageSize: number;
    /** Base URL such as `http://127.0.0.1:8483`, known once the server listens. */
    baseUrl(): string;
}

/** Context of one REST call (or one Composite subrequest). */
export interface RouteContext extends OrgServices {
    user: SessionUser;
    /** Version of the request path, such as `65.0`. */
    apiVersion: string;
    /** True while running a Composite subrequest, which may not nest another Composite. */
    inComposite: boolean;
    /**
     * Set inside a Composite request with `allOrNone: true`, which overrides the
     * `allOrNone` of its sObject Collections subrequests.
     */
    forceAllOrNone?: boolean;
}

/** Path prefix of every REST resource of a version, such as `/services/data/v65.0`. */
export function versionPrefix(context: Pick<RouteContext, 'apiVersion'>): string {
    return `/services/data/v${context.apiVersion}`;
}

/** Relative URL of a record, as `attributes.url` and `Location` headers give it. */
export function recordUrl(
    context: Pick<RouteContext, 'apiVersion'>,
    type: string,
    id: string
): string {
    return `${versionPrefix(context)}/sobjects/${type}/${id}`;
}
