/**
 * The health endpoint on 127.0.0.1 only: `GET /healthz` returns the last cycle's time
 * and outcome as JSON (503 when it failed), `GET /metrics` the Prometheus text.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getLogger } from '../logging';
import type { CycleOutcome, SyncMetrics } from './metrics';

const logger = getLogger('sync.health');

/** The only address the endpoint listens on. */
export const HEALTH_HOST = '127.0.0.1';

/** The last cycle as `/healthz` reports it. */
export interface HealthState {
    readonly startedAt: Date;
    readonly finishedAt: Date;
    readonly outcome: CycleOutcome;
    /** Redacted error message of a failed cycle. */
    readonly error: string | null;
}

/** Source of what the endpoint reports. */
export interface HealthSource {
    readonly metrics: SyncMetrics;
    lastCycle(): HealthState | null;
}

/** A running health endpoint. */
export interface HealthServer {
    readonly url: string;
    readonly port: number;
    close(): Promise<void>;
}

function healthBody(state: HealthState | null): { status: number; body: unknown } {
    if (state === null) {
        return { status: 200, body: { status: 'starting', lastCycle: null } };
    }
    return {
        status: state.outcome === 'failure' ? 503 : 200,
        body: {
            status: state.outcome === 'failure' ? 'failing' : 'ok',
            lastCycle: {
                startedAt: state.startedAt.toISOString(),
                finishedAt: state.finishedAt.toISOString(),
                outcome: state.outcome,
                error: state.error
            }
        }
    };
}

/** Starts the endpoint; port 0 picks a free port. */
export async function startHealthServer(source: HealthSource, port: number): Promise<HealthServer> {
    const server: Server = createServer((request, response) => {
        const path = (request.url ?? '/').split('?')[0];
        if (request.method !== 'GET') {
            response.writeHead(405, { allow: 'GET' }).end();
            return;
        }
        if (path === '/healthz') {
            const { status, body } = healthBody(source.lastCycle());
            response
                .writeHead(status, { 'content-type': 'application/json' })
                .end(JSON.stringify(body));
            return;
        }
        if (path === '/metrics') {
            response
                .writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' })
                .end(source.metrics.render());
            return;
        }
        response
            .writeHead(404, { 'content-type': 'text/plain' })
            .end('Not found: use /healthz or /metrics\n');
    });
    await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, HEALTH_HOST, () => {
            server.off('error', reject);
            resolve();
        });
    });
    const address = server.address() as AddressInfo;
    const url = `http://${HEALTH_HOST}:${address.port}`;
    logger.info('Health endpoint listening', { url });
    return {
        url,
        port: address.port,
        close: () =>
            new Promise<void>((resolve) => {
                server.closeAllConnections();
                server.close(() => {
                    resolve();
                });
            })
    };
}
