/**
 * The HTTP side of the local org: a `node:http` server bound to 127.0.0.1 that turns
 * each request into an `ApiRequest`, applies injected faults, checks the session and the
 * daily API allocation, and writes the route's response.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { describeError, getLogger } from '../../logging';
import { jsonResponse, type ApiRequest, type ApiResponse } from './api-types';
import { ApiError, invalidSession, resourceNotFound, toApiError } from './errors';
import { DEFAULT_MESSAGES, faultResponse, type FaultEffect } from './faults';
import { handleRevokeRequest, handleTokenRequest, type OAuthSettings } from './oauth';
import type { OrgServices } from './context';
import { dispatchRest } from './rest-dispatch';
import type { Session, SessionStore } from './sessions';
import { listApiVersions } from './versions';

const logger = getLogger('local-org.http');

/** The only address the server binds: the org must never be reachable from the network. */
export const LOOPBACK_HOST = '127.0.0.1';

/** Largest request body accepted, in bytes: 150 MB, the Bulk API 2.0 upload limit. */
export const MAX_BODY_BYTES = 150 * 1024 * 1024;

/** Everything the HTTP layer hands requests to. */
export interface HttpServerSettings {
    services: OrgServices;
    sessions: SessionStore;
    oauth: OAuthSettings;
    /** Handler of the fault-control endpoint `/__local/faults`, called once the session is checked. */
    faultControl(request: ApiRequest): ApiResponse;
}

/** Injected faults that change the response to a request. */
interface RequestFaults {
    omitHeaders: string[];
    /** Destroy the connection after running the request instead of sending the response. */
    dropResponse: boolean;
    statusFault?: Extract<FaultEffect, { kind: 'status' }>;
}

class BodyTooLargeError extends Error {}

function readBody(request: IncomingMessage): Promise<string> {
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        let size = 0;
        request.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_BODY_BYTES) {
                reject(new BodyTooLargeError());
                request.pause();
                return;
            }
            chunks.push(chunk);
        });
        request.on('end', () => {
            resolve(Buffer.concat(chunks).toString('utf8'));
        });
        request.on('error', reject);
    });
}

function toApiRequest(request: IncomingMessage, body: string): ApiRequest {
    const url = new URL(request.url ?? '/', `http://${LOOPBACK_HOST}`);
    const headers: Record<string, string | undefined> = {};
    for (const [name, value] of Object.entries(request.headers)) {
        headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    return {
        method: request.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers,
        body
    };
}

function errorResponse(error: ApiError): ApiResponse {
    return jsonResponse(error.status, error.toBody());
}

function writeResponse(target: ServerResponse, response: ApiResponse, omitHeaders: string[]): void {
    const headers: Record<string, string> = { ...response.headers };
    let payload: string | undefined;
    if (response.body.kind === 'json') {
        headers['Content-Type'] = 'application/json;charset=UTF-8';
        payload = JSON.stringify(response.body.value);
    } else if (response.body.kind === 'text') {
        headers['Content-Type'] = response.body.contentType;
        payload = response.body.value;
    }
    const omitted = new Set(omitHeaders.map((name) => name.toLowerCase()));
    const sentHeaders = Object.entries(headers).filter(
        ([name]) => !omitted.has(name.toLowerCase())
    );
    target.writeHead(response.status, Object.fromEntries(sentHeaders));
    target.end(payload);
}

/**
 * True when the Host header names this machine's loopback, or is absent (no browser
 * omits it). A web page whose own host name resolves to 127.0.0.1 (DNS rebinding)
 * reaches the port with that name in Host. Serving it would let the page read the
 * responses, such as a token from the client-credentials grant.
 */
function isLoopbackHost(host: string | undefined): boolean {
    if (host === undefined) {
        return true;
    }
    if (!URL.canParse(`http://${host}`)) {
        return false;
    }
    const { hostname } = new URL(`http://${host}`);
    return hostname === LOOPBACK_HOST || hostname === 'localhost';
}

function bearerToken(request: ApiRequest): string | undefined {
    const header = request.headers.authorization ?? '';
    const match = /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(header);
    return match?.[1];
}

/** The local org's HTTP server. */
export class LocalOrgHttpServer {
    private readonly server: Server;
    private readonly settings: HttpServerSettings;
    /** Responses held open by the `hang` fault, ended when the server closes. */
    private readonly hanging = new Set<ServerResponse>();

    public constructor(settings: HttpServerSettings) {
        this.settings = settings;
        this.server = createServer((request, response) => {
            this.serve(request, response).catch((error: unknown) => {
                logger.error('Request handling failed; the connection was closed.', {
                    error: describeError(error)
                });
                response.destroy();
            });
        });
    }

    /** Starts listening on 127.0.0.1; port 0 picks a free port. Returns the port. */
    public async listen(port: number): Promise<number> {
        await new Promise<void>((resolve, reject) => {
            this.server.once('error', reject);
            this.server.listen(port, LOOPBACK_HOST, () => {
                this.server.off('error', reject);
                resolve();
            });
        });
        return (this.server.address() as AddressInfo).port;
    }

    /** Stops listening and closes every connection, hanging requests included. */
    public async close(): Promise<void> {
        for (const response of this.hanging) {
            response.destroy();
        }
        this.hanging.clear();
        const closed = new Promise<void>((resolve) => {
            this.server.close(() => {
                resolve();
            });
        });
        this.server.closeAllConnections();
        await closed;
    }

    private async serve(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
        const started = Date.now();
        if (!isLoopbackHost(incoming.headers.host)) {
            const error = new ApiError(
                421,
                'MISDIRECTED_REQUEST',
                `The local org answers only requests addressed to ${LOOPBACK_HOST} or localhost, not ${String(incoming.headers.host)}.`
            );
            writeResponse(outgoing, errorResponse(error), []);
            return;
        }
        const method = incoming.method ?? 'GET';
        const path = new URL(incoming.url ?? '/', `http://${LOOPBACK_HOST}`).pathname;
        const isControl = path === '/__local/faults';

        const faults: RequestFaults | undefined = isControl
            ? { omitHeaders: [], dropResponse: false }
            : await this.applyFaults(incoming, outgoing, method, path);
        if (faults === undefined) {
            return;
        }

        let body: string;
        try {
            body = await readBody(incoming);
        } catch (error) {
            const apiError =
                error instanceof BodyTooLargeError
                    ? new ApiError(
                          413,
                          'REQUEST_ENTITY_TOO_LARGE',
                          `The request body exceeds ${MAX_BODY_BYTES} bytes.`
                      )
                    : new ApiError(400, 'INVALID_REQUEST', 'The request body could not be read.');
            writeResponse(outgoing, errorResponse(apiError), []);
            return;
        }

        const request = toApiRequest(incoming, body);
        let response: ApiResponse;
        if (faults.statusFault !== undefined) {
            response = faultResponse(faults.statusFault);
        } else if (isControl) {
            response = this.runSafely(() => {
                this.authenticate(request);
                return this.settings.faultControl(request);
            });
        } else {
            response = this.runSafely(() => this.handle(request));
        }
        if (faults.dropResponse) {
            // The request ran; the client learns nothing of its outcome.
            incoming.socket.destroy();
        } else {
            writeResponse(outgoing, response, faults.omitHeaders);
        }
        if (!isControl) {
            this.settings.services.requestLog.record({
                method,
                path,
                query: request.query.toString(),
                headers: request.headers,
                status: response.status
            });
        }
        logger.debug('Request served', {
            method,
            path,
            status: response.status,
            ms: Date.now() - started
        });
    }

    /**
     * Applies the injected faults of a request. Returns `undefined` when a fault took
     * the request over (dropped or held open). Otherwise returns the headers to leave
     * out, the status fault to return instead of running the request, and whether to
     * drop the connection instead of sending the response.
     */
    private async applyFaults(
        incoming: IncomingMessage,
        outgoing: ServerResponse,
        method: string,
        path: string
    ): Promise<RequestFaults | undefined> {
        const omitHeaders: string[] = [];
        let dropResponse = false;
        let statusFault: Extract<FaultEffect, { kind: 'status' }> | undefined;
        for (const effect of this.settings.services.faults.takeRequestFaults(method, path)) {
            logger.debug('Fault applied', { method, path, fault: effect.kind });
            if (effect.kind === 'latency') {
                await delay(effect.ms);
            } else if (effect.kind === 'drop') {
                incoming.socket.destroy();
                return undefined;
            } else if (effect.kind === 'hang') {
                this.hanging.add(outgoing);
                return undefined;
            } else if (effect.kind === 'omitHeader') {
                omitHeaders.push(effect.header);
            } else if (effect.kind === 'dropResponse') {
                dropResponse = true;
            } else if (effect.kind === 'status') {
                statusFault ??= effect;
            }
        }
        return statusFault === undefined
            ? { omitHeaders, dropResponse }
            : { omitHeaders, dropResponse, statusFault };
    }

    private runSafely(run: () => ApiResponse): ApiResponse {
        try {
            return run();
        } catch (error) {
            const apiError = toApiError(error);
            if (apiError.status >= 500) {
                logger.error('Request failed with an internal error.', {
                    error: describeError(error)
                });
            }
            return errorResponse(apiError);
        }
    }

    private handle(request: ApiRequest): ApiResponse {
        const { path, method } = request;
        if (path === '/services/oauth2/token' && method === 'POST') {
            return handleTokenRequest(request, this.settings.oauth);
        }
        if (path === '/services/oauth2/revoke' && method === 'POST') {
            return handleRevokeRequest(request, this.settings.oauth);
        }
        if (/^\/services\/data\/?$/.test(path) && method === 'GET') {
            // The versions list needs no session and does not count against the allocation.
            return jsonResponse(200, listApiVersions(this.settings.services.maxApiVersion));
        }
        const session = this.authenticate(request);
        if (path.startsWith('/id/') && method === 'GET') {
            return this.identity(request, session);
        }
        if (!path.startsWith('/services/data/')) {
            throw resourceNotFound();
        }
        return this.handleRest(request, session);
    }

    private authenticate(request: ApiRequest): Session {
        const token = bearerToken(request);
        const session = token === undefined ? undefined : this.settings.sessions.validate(token);
        if (session === undefined) {
            throw invalidSession();
        }
        return session;
    }

    private handleRest(request: ApiRequest, session: Session): ApiResponse {
        const { usage } = this.settings.services;
        let response: ApiResponse;
        if (usage.exhausted) {
            response = errorResponse(
                new ApiError(
                    403,
                    'REQUEST_LIMIT_EXCEEDED',
                    DEFAULT_MESSAGES.REQUEST_LIMIT_EXCEEDED ?? ''
                )
            );
        } else {
            usage.record();
            response = this.runSafely(() => dispatchRest(this.settings.services, request, session));
        }
        response.headers['Sforce-Limit-Info'] = usage.header();
        return response;
    }

    /** `GET /id/{orgId}/{userId}`: the identity URL an OAuth response points to. */
    private identity(request: ApiRequest, session: Session): ApiResponse {
        const [, organizationId, userId] = request.path.split('/').filter((part) => part !== '');
        if (organizationId !== this.settings.oauth.organizationId || userId !== session.userId) {
            throw new ApiError(403, 'FORBIDDEN', 'Bad_Id');
        }
        const baseUrl = this.settings.oauth.baseUrl();
        return jsonResponse(200, {
            id: `${baseUrl}/id/${organizationId}/${userId}`,
            user_id: userId,
            organization_id: organizationId,
            username: session.username,
            active: true,
            urls: { rest: `${baseUrl}/services/data/v{version}/` }
        });
    }
}
