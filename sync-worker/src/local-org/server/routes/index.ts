/** The REST routes of the local org, in matching order. */
import type { RouteContext } from '../context';
import { Router } from '../router';
import { addActionRoutes } from './actions';
import { addBulkIngestRoutes } from './bulk-ingest';
import { addBulkQueryRoutes } from './bulk-query';
import { addCollectionRoutes } from './collections';
import { addCompositeRoutes } from './composite';
import { addQueryRoutes } from './query';
import { addResourceRoutes } from './resources';
import { addSObjectRoutes } from './sobjects';

/** Builds the router with every REST route. */
export function buildRouter(): Router<RouteContext> {
    const router = new Router<RouteContext>();
    addResourceRoutes(router);
    addSObjectRoutes(router);
    addQueryRoutes(router);
    addCollectionRoutes(router);
    addCompositeRoutes(router);
    addActionRoutes(router);
    addBulkIngestRoutes(router);
    addBulkQueryRoutes(router);
    return router;
}
