/**
 * The preview's HTTP server on 127.0.0.1: the start page, record pages and App Pages
 * from force-app's FlexiPages, the compiled components, the design system's assets and
 * the loopback data endpoints. Every request must name the loopback host in its `Host`
 * header, so a page of another site cannot reach the org's data through DNS rebinding.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { getLogger } from '../../sync-worker/src/logging';
import { answerDataRequest, DATA_PATH } from './data-routes';
import { renderPage, type PageContext } from './page-routes';

const logger = getLogger('preview.http');

/** The only address the preview listens on. */
export const PREVIEW_HOST = '127.0.0.1';

/** Largest request body read, in bytes. */
const MAX_BODY_BYTES = 1024 * 1024;

const CONTENT_TYPES: Readonly<Record<string, string>> = {
    '.css': 'text/css; charset=utf-8',
    '.svg': 'image/svg+xml',
    '.png': 'image/png',
    '.jpg': 'image/jpeg',
    '.woff': 'font/woff',
    '.woff2': 'font/woff2'
};

/** Folder of the design system's assets (stylesheets, icon sprites, images). */
export const SLDS_ASSETS_DIR = path.join(
    path.dirname(require.resolve('@salesforce-ux/design-system/package.json')),
    'assets'
);

export interface PreviewServerOptions extends PageContext {
    /** TCP port; 0 picks a free one. */
    readonly port: number;
    /** The compiled components. */
    readonly bundle: string;
}

export interface PreviewServer {
    readonly url: string;
    readonly port: number;
    close(): Promise<void>;
}

class HttpError extends Error {
    constructor(
        readonly status: number,
        message: string
    ) {
        super(message);
    }
}

function send(response: ServerResponse, status: number, type: string, body: string): void {
    response.writeHead(status, {
        'Content-Type': type,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff'
    });
    response.end(body);
}

async function readJson(request: IncomingMessage): Promise<unknown> {
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
        throw new HttpError(415, 'Data requests must be sent as application/json.');
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of request) {
        const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
        size += buffer.length;
        if (size > MAX_BODY_BYTES) {
            throw new HttpError(413, `The request body is larger than ${MAX_BODY_BYTES} bytes.`);
        }
        chunks.push(buffer);
    }
    try {
        return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
    } catch {
        throw new HttpError(400, 'The request body is not valid JSON.');
    }
}

function serveAsset(response: ServerResponse, relative: string): void {
    const file = path.resolve(SLDS_ASSETS_DIR, relative);
    const contentType = CONTENT_TYPES[path.extname(file)];
    if (
        !file.startsWith(`${SLDS_ASSETS_DIR}${path.sep}`) ||
        contentType === undefined ||
        !existsSync(file) ||
        !statSync(file).isFile()
    ) {
        throw new HttpError(404, `There is no design system asset ${relative}.`);
    }
    response.writeHead(200, { 'Content-Type': contentType, 'Cache-Control': 'max-age=3600' });
    createReadStream(file).pipe(response);
}

async function route(
    options: PreviewServerOptions,
    request: IncomingMessage,
    response: ServerResponse,
    url: URL
): Promise<void> {
    const method = request.method ?? 'GET';
    if (url.pathname.startsWith(DATA_PATH)) {
        if (method !== 'POST') {
            throw new HttpError(405, 'Data endpoints accept POST only.');
        }
        const reply = await answerDataRequest(
            options.conn,
            options.infos,
            url.pathname.slice(DATA_PATH.length),
            await readJson(request)
        );
        send(response, reply.status, 'application/json; charset=utf-8', JSON.stringify(reply.body));
        return;
    }
    if (method !== 'GET' && method !== 'HEAD') {
        throw new HttpError(405, `${method} is not allowed here.`);
    }
    if (url.pathname === '/preview.js') {
        send(response, 200, 'text/javascript; charset=utf-8', options.bundle);
        return;
    }
    if (url.pathname.startsWith('/assets/')) {
        let relative: string;
        try {
            relative = decodeURIComponent(url.pathname.slice('/assets/'.length));
        } catch {
            throw new HttpError(400, 'The asset path is not valid percent-encoding.');
        }
        serveAsset(response, relative);
        return;
    }
    const page = await renderPage(options, url.pathname);
    send(response, page.status, 'text/html; charset=utf-8', page.html);
}

function checkHost(request: IncomingMessage, port: number): void {
    const allowed = [`${PREVIEW_HOST}:${port}`, `localhost:${port}`];
    if (!allowed.includes(request.headers.host ?? '')) {
        throw new HttpError(421, `Open the preview at http://${PREVIEW_HOST}:${port}/.`);
    }
}

function handle(options: PreviewServerOptions, port: () => number) {
    return (request: IncomingMessage, response: ServerResponse): void => {
        const url = new URL(request.url ?? '/', `http://${PREVIEW_HOST}`);
        const started = Date.now();
        void (async () => {
            try {
                checkHost(request, port());
                await route(options, request, response, url);
            } catch (error) {
                const status = error instanceof HttpError ? error.status : 500;
                const message = error instanceof Error ? error.message : String(error);
                if (status === 500) {
                    logger.error('A preview request failed.', {
                        path: url.pathname,
                        error: message
                    });
                }
                if (!response.headersSent) {
                    send(response, status, 'text/plain; charset=utf-8', `${message}\n`);
                } else {
                    response.destroy();
                }
            }
            logger.debug('Served', {
                method: request.method,
                path: url.pathname,
                status: response.statusCode,
                ms: Date.now() - started
            });
        })();
    };
}

/** Starts the server and resolves once it listens. */
export async function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
    let port = options.port;
    const server: Server = createServer(handle(options, () => port));
    await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port, PREVIEW_HOST, () => {
            server.off('error', reject);
            resolve();
        });
    });
    port = (server.address() as AddressInfo).port;
    const url = `http://${PREVIEW_HOST}:${port}`;
    logger.info('Preview listening', { url });
    return {
        url,
        port,
        close: () =>
            new Promise<void>((resolve, reject) => {
                server.close((error) => {
                    if (error === undefined) {
                        logger.info('Preview stopped', { url });
                        resolve();
                    } else {
                        reject(error);
                    }
                });
                server.closeAllConnections();
            })
    };
}
