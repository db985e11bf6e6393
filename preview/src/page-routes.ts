/**
 * Renders the page URLs of the preview, which follow Lightning Experience:
 * `/lightning/r/<Object>/<Id>/view` (and `/edit`) for record pages and
 * `/lightning/n/<FlexiPage>` for App Pages; `/` lists sample records to open.
 */
import type { Connection } from 'jsforce';
import type { FlexiPage } from './force-app';
import { readPropertyTypes } from './force-app';
import type { ObjectInfoSource } from './object-info';
import { renderFlexiPage } from './page-layout';
import { renderNotFound, renderShell, renderStartPage } from './pages';
import { isRecordId } from '../../sync-worker/src/salesforce';
import { readRecordView, type RecordView } from './record-view';
import { pickSampleRecords } from './samples';

/** Sources of the page routes. */
export interface PageContext {
    readonly conn: Connection;
    readonly infos: ObjectInfoSource;
    readonly pages: readonly FlexiPage[];
    /** force-app's `lwc` folder, for the components' property types. */
    readonly lwcDir: string;
}

export interface RenderedPage {
    readonly status: number;
    readonly html: string;
}

const RECORD_PATH = /^\/lightning\/r\/([A-Za-z]\w*)\/([A-Za-z0-9]{15,18})(?:\/(view|edit))?\/?$/;
const APP_PATH = /^\/lightning\/n\/([A-Za-z]\w*)\/?$/;

function appPagesOf(context: PageContext): FlexiPage[] {
    return context.pages.filter((page) => page.type === 'AppPage');
}

/** Renders a FlexiPage with the property types of force-app's components. */
function render(context: PageContext, page: FlexiPage, record: RecordView | null) {
    const linkable = new Set(
        context.pages.flatMap((candidate) =>
            candidate.type === 'RecordPage' && candidate.sobjectType !== null
                ? [candidate.sobjectType]
                : []
        )
    );
    return renderFlexiPage({
        page,
        record,
        linkable,
        propertyTypes: (component) => readPropertyTypes(context.lwcDir, component)
    });
}

async function recordPage(
    context: PageContext,
    objectName: string,
    id: string,
    action: string
): Promise<RenderedPage> {
    const appPages = appPagesOf(context);
    const page = context.pages.find(
        (candidate) =>
            candidate.type === 'RecordPage' &&
            candidate.sobjectType?.toLowerCase() === objectName.toLowerCase()
    );
    if (page === undefined) {
        return {
            status: 404,
            html: renderNotFound(appPages, `force-app has no record page for ${objectName}.`)
        };
    }
    const record = isRecordId(id)
        ? await readRecordView(context.conn, context.infos, page.sobjectType ?? objectName, id)
        : null;
    if (record === null) {
        return {
            status: 404,
            html: renderNotFound(appPages, `The org has no ${objectName} with the Id ${id}.`)
        };
    }
    const { html, layout } = render(context, page, record);
    return {
        status: 200,
        html: renderShell({
            title: record.title,
            body: html,
            layout,
            appPages,
            ...(action === 'edit'
                ? {
                      notice: `The preview shows records read-only. In Salesforce this would open the edit form of ${record.title}.`
                  }
                : {})
        })
    };
}

function appPage(context: PageContext, apiName: string): RenderedPage {
    const appPages = appPagesOf(context);
    const page = appPages.find((candidate) => candidate.apiName === apiName);
    if (page === undefined) {
        return {
            status: 404,
            html: renderNotFound(appPages, `force-app has no App Page ${apiName}.`)
        };
    }
    const { html, layout } = render(context, page, null);
    return { status: 200, html: renderShell({ title: page.label, body: html, layout, appPages }) };
}

/** Renders the page at `pathname`, or a 404 page. */
export async function renderPage(context: PageContext, pathname: string): Promise<RenderedPage> {
    if (pathname === '/' || pathname === '/index.html') {
        const samples = await pickSampleRecords(context.conn);
        const recordPages = context.pages.filter((page) => page.type === 'RecordPage');
        return { status: 200, html: renderStartPage(samples, recordPages, appPagesOf(context)) };
    }

    const record = RECORD_PATH.exec(pathname);
    if (record !== null) {
        return recordPage(context, record[1] ?? '', record[2] ?? '', record[3] ?? 'view');
    }
    const app = APP_PATH.exec(pathname);
    if (app !== null) {
        return appPage(context, app[1] ?? '');
    }
    return {
        status: 404,
        html: renderNotFound(appPagesOf(context), `There is no page at ${pathname}.`)
    };
}
