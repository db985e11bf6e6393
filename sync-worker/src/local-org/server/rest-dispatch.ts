/**
 * Runs one REST call under `/services/data/vNN.0/` through the router: checks the
 * version segment and builds the route context. The Composite route dispatches its
 * subrequests through the same router, so they behave like direct calls.
 */
import type { ApiRequest, ApiResponse } from './api-types';
import type { OrgServices, RouteContext } from './context';
import { resourceNotFound } from './errors';
import type { SessionUser } from './sessions';
import { parseVersionSegment } from './versions';

/**
 * Dispatches a REST call as `user`. Raises 404 `NOT_FOUND` for a path outside
 * `/services/data/vNN.0/` or a version the org does not serve.
 */
export function dispatchRest(
    services: OrgServices,
    request: ApiRequest,
    user: SessionUser
): ApiResponse {
    const [root, data, versionSegment] = request.path.split('/').filter((part) => part !== '');
    if (root !== 'services' || data !== 'data' || versionSegment === undefined) {
        throw resourceNotFound();
    }
    const apiVersion = parseVersionSegment(versionSegment, services.maxApiVersion);
    if (apiVersion === undefined) {
        throw resourceNotFound();
    }
    const context: RouteContext = { ...services, user, apiVersion, inComposite: false };
    return services.router.dispatch(request, context);
}
