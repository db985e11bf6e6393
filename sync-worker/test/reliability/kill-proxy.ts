/**
 * An HTTP proxy on 127.0.0.1 between a worker child process and the local org. It
 * classifies each request (read, write, notification) and can kill the worker with
 * SIGKILL at one chosen request, in one of three ways:
 *
 * - `before`: the request never reaches the org, as when the process dies before
 *   sending it;
 * - `lost-response`: the org runs the request, and the process dies before the response
 *   arrives, so the org has a change the worker never learned of;
 * - `after-response`: the worker gets the response and dies a few milliseconds later,
 *   in the middle of whatever it does with it (mirror, journal, outbox file).
 *
 * Requests that arrive after the kill are dropped unanswered.
 */
import {
    createServer,
    request as httpRequest,
    type IncomingMessage,
    type Server,
    type ServerResponse
} from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a request does to the org. */
export type RequestCategory = 'read' | 'write' | 'notify';

export type KillMode = 'before' | 'lost-response' | 'after-response';

export const KILL_MODES: readonly KillMode[] = ['before', 'lost-response', 'after-response'];

/** Where to kill: the `ordinal`-th request (from 1) of `category` in one run. */
export interface KillPlan {
    readonly category: RequestCategory;
    readonly ordinal: number;
    readonly mode: KillMode;
    /** Delay of an `after-response` kill, in milliseconds. */
    readonly delayMs: number;
}

/** A kill that happened: the plan and the request it hit. */
export interface KillPoint extends KillPlan {
    readonly method: string;
    /** Path of the request without the API version and the query string. */
    readonly resource: string;
}

/** Requests of one run per category, and the request the kill plan hit. */
export interface RunTraffic {
    readonly counts: Record<RequestCategory, number>;
    /** Set when the plan's request came; the worker may still have exited on its own first. */
    killed: KillPoint | null;
}

const NOTIFY_PATH = '/actions/standard/customNotificationAction';

/** Methods of the subrequests of a Composite request body; empty when the body is not one. */
function subrequestMethods(body: string): string[] {
    let parsed: unknown;
    try {
        parsed = JSON.parse(body);
    } catch {
        return [];
    }
    if (typeof parsed !== 'object' || parsed === null || !('compositeRequest' in parsed)) {
        return [];
    }
    const list: unknown = parsed.compositeRequest;
    if (!Array.isArray(list)) {
        return [];
    }
    return list.map((item: unknown) =>
        typeof item === 'object' && item !== null && 'method' in item
            ? String(item.method).toUpperCase()
            : 'GET'
    );
}

/** Classifies a request by method, path and, for Composite requests, the subrequests' methods. */
export function categoryOf(method: string, path: string, body: string): RequestCategory {
    if (path.endsWith(NOTIFY_PATH)) {
        return 'notify';
    }
    if (path.endsWith('/composite') && method === 'POST') {
        return subrequestMethods(body).some((verb) => verb !== 'GET') ? 'write' : 'read';
    }
    if (method === 'GET' || path.includes('/jobs/query') || path.endsWith('/oauth2/token')) {
        return 'read';
    }
    return 'write';
}

function resourceOf(path: string): string {
    return path.replace(/^\/services\/data\/v\d+\.\d+/, '');
}

function readAll(stream: IncomingMessage): Promise<Buffer> {
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
            resolve(Buffer.concat(chunks));
        });
        stream.on('error', reject);
    });
}

interface Upstream {
    status: number;
    headers: IncomingMessage['headers'];
    body: Buffer;
}

/** The proxy. One run at a time is armed with `beginRun`. */
export class KillProxy {
    private readonly server: Server;
    private readonly target: URL;
    private traffic: RunTraffic = emptyTraffic();
    private plan: KillPlan | null = null;
    private kill: (() => void) | null = null;
    /** Runs whose worker was killed: their late requests are dropped. */
    private readonly dead = new WeakSet<RunTraffic>();

    public constructor(targetUrl: string) {
        this.target = new URL(targetUrl);
        this.server = createServer((incoming, outgoing) => {
            this.serve(incoming, outgoing).catch(() => {
                outgoing.destroy();
            });
        });
    }

    /** Starts listening on a free port of 127.0.0.1; returns the proxy's base URL. */
    public async listen(): Promise<string> {
        await new Promise<void>((resolve) => {
            this.server.listen(0, '127.0.0.1', resolve);
        });
        const { port } = this.server.address() as AddressInfo;
        return `http://127.0.0.1:${port}`;
    }

    /** Arms the proxy for a new run: counts start at zero and `kill` is called at the plan's request. */
    public beginRun(plan: KillPlan | null, kill: () => void): RunTraffic {
        this.traffic = emptyTraffic();
        this.plan = plan;
        this.kill = kill;
        return this.traffic;
    }

    public async close(): Promise<void> {
        const closed = new Promise<void>((resolve) => {
            this.server.close(() => {
                resolve();
            });
        });
        this.server.closeAllConnections();
        await closed;
    }

    private async serve(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
        const body = await readAll(incoming);
        const traffic = this.traffic;
        if (this.dead.has(traffic)) {
            outgoing.destroy();
            return;
        }
        const method = (incoming.method ?? 'GET').toUpperCase();
        const path = new URL(incoming.url ?? '/', this.target).pathname;
        const category = categoryOf(method, path, body.toString('utf8'));
        traffic.counts[category] += 1;
        const plan = this.plan;
        // The kill belongs to this run's child, even when it fires after the next run began.
        const kill = this.kill;
        const hit =
            plan !== null &&
            kill !== null &&
            plan.category === category &&
            plan.ordinal === traffic.counts[category];
        if (!hit) {
            await this.pass(incoming, outgoing, body);
            return;
        }
        this.kill = null;
        traffic.killed = { ...plan, method, resource: resourceOf(path) };
        const fire = (): void => {
            this.dead.add(traffic);
            kill();
        };
        if (plan.mode === 'before') {
            fire();
            outgoing.destroy();
            return;
        }
        if (plan.mode === 'lost-response') {
            await this.forward(incoming, body);
            fire();
            outgoing.destroy();
            return;
        }
        await this.pass(incoming, outgoing, body);
        setTimeout(fire, plan.delayMs);
    }

    /** Forwards a request and returns the org's response to the worker. */
    private async pass(
        incoming: IncomingMessage,
        outgoing: ServerResponse,
        body: Buffer
    ): Promise<void> {
        const upstream = await this.forward(incoming, body);
        outgoing.writeHead(upstream.status, upstream.headers);
        outgoing.end(upstream.body);
    }

    private forward(incoming: IncomingMessage, body: Buffer): Promise<Upstream> {
        return new Promise((resolve, reject) => {
            const upstream = httpRequest(
                {
                    host: this.target.hostname,
                    port: this.target.port,
                    method: incoming.method,
                    path: incoming.url,
                    headers: { ...incoming.headers, host: this.target.host }
                },
                (response) => {
                    readAll(response).then(
                        (data) => {
                            resolve({
                                status: response.statusCode ?? 502,
                                headers: response.headers,
                                body: data
                            });
                        },
                        (error: unknown) => {
                            reject(error instanceof Error ? error : new Error(String(error)));
                        }
                    );
                }
            );
            upstream.on('error', reject);
            upstream.end(body);
        });
    }
}

function emptyTraffic(): RunTraffic {
    return { counts: { read: 0, write: 0, notify: 0 }, killed: null };
}
