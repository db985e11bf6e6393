/**
 * `npm run preview`: the Lightning Web Components of force-app in a real browser. It
 * opens the org (a seeded local org, or a running one), runs one sync cycle, compiles the
 * components with the LWC compiler and serves the FlexiPages of force-app on 127.0.0.1,
 * with the components' data-service calls served from the org.
 */
import path from 'node:path';
import { resolveForceAppDir } from '../../sync-worker/src/local-org/force-app-location';
import { getLogger } from '../../sync-worker/src/logging';
import { metadataRoot } from '../../sync-worker/src/schema';
import { buildClientBundle } from './bundle';
import { customComponentsOf, readFlexiPages, readLabels, type FlexiPage } from './force-app';
import { ObjectInfoCache } from './object-info';
import { openPreviewOrg, type PreviewOrg, type PreviewOrgOptions } from './org';
import { startPreviewServer } from './server';

export { PREVIEW_HOST } from './server';
export type { PreviewOrgOptions } from './org';

const logger = getLogger('preview');

/** Default port of `npm run preview`. */
export const DEFAULT_PREVIEW_PORT = 3333;

export interface PreviewOptions extends PreviewOrgOptions {
    /** Port of the preview server; 0 picks a free one. */
    readonly port: number;
    /** Package folder; default force-app in the project root. */
    readonly forceAppDir?: string;
}

export interface Preview {
    /** Base URL, such as `http://127.0.0.1:3333`. */
    readonly url: string;
    readonly org: PreviewOrg;
    readonly pages: readonly FlexiPage[];
    /** Stops the server and a local org the preview started. */
    close(): Promise<void>;
}

/** Starts the preview and resolves once its server listens. */
export async function startPreview(options: PreviewOptions): Promise<Preview> {
    const metadataDir = metadataRoot(resolveForceAppDir(options.forceAppDir));
    const lwcDir = path.join(metadataDir, 'lwc');
    const pages = readFlexiPages(metadataDir);
    const components = customComponentsOf(pages);
    logger.info('Read the FlexiPages', { pages: pages.length, components: components.join(',') });
    // The compiler needs nothing from the org, so it runs while the org starts and syncs.
    const bundling = buildClientBundle({ lwcDir, labels: readLabels(metadataDir), components });
    // Without a handler, a compile error would be reported as unhandled while the org starts.
    void bundling.catch(() => undefined);
    const org = await openPreviewOrg(options);
    try {
        const server = await startPreviewServer({
            port: options.port,
            bundle: await bundling,
            conn: org.session.conn,
            infos: new ObjectInfoCache(org.session.conn),
            pages,
            lwcDir
        });
        return {
            url: server.url,
            org,
            pages,
            close: async () => {
                await server.close();
                await org.close();
            }
        };
    } catch (error) {
        await org.close();
        throw error;
    }
}
