/**
 * The HTML documents of the preview: the shell every page shares (SLDS stylesheet, a
 * global header, the compiled components) and the start page that lists the pages.
 */
import type { FlexiPage } from './force-app';
import { escapeHtml, iconSvg, scriptJson } from './html';
import type { PageLayoutData } from './page-layout';
import type { SampleRecord } from './samples';

/** URL of the stylesheet in the design system package's `assets` folder, served under `/assets/`. */
const SLDS_STYLESHEET = '/assets/styles/salesforce-lightning-design-system.min.css';

/** Path of the compiled components. */
export const BUNDLE_PATH = '/preview.js';

/** URL of a record page, the same path as in Lightning Experience. */
export function recordPageUrl(objectName: string, id: string, action = 'view'): string {
    return `/lightning/r/${encodeURIComponent(objectName)}/${encodeURIComponent(id)}/${action}`;
}

/** URL of an App Page, by its FlexiPage name, the same path as a Lightning page tab. */
export function appPageUrl(page: FlexiPage): string {
    return `/lightning/n/${encodeURIComponent(page.apiName)}`;
}

function globalHeader(appPages: readonly FlexiPage[]): string {
    const links = appPages.map(
        (page) =>
            `<li class="slds-context-bar__item"><a class="slds-context-bar__label-action" href="${escapeHtml(appPageUrl(page))}"><span class="slds-truncate">${escapeHtml(page.label)}</span></a></li>`
    );
    return `<div class="slds-context-bar"><div class="slds-context-bar__primary"><div class="slds-context-bar__item slds-no-hover"><span class="slds-context-bar__label-action slds-context-bar__app-name"><span class="slds-truncate">Lead SLA preview</span></span></div></div>
<nav class="slds-context-bar__secondary" role="navigation"><ul class="slds-grid"><li class="slds-context-bar__item"><a class="slds-context-bar__label-action" href="/"><span class="slds-truncate">Pages</span></a></li>${links.join('')}</ul></nav></div>`;
}

/** Options of the page shell. */
export interface ShellOptions {
    readonly title: string;
    readonly body: string;
    readonly appPages: readonly FlexiPage[];
    /** Layout of a FlexiPage; absent on pages without components. */
    readonly layout?: PageLayoutData;
    /** A notice above the page, such as for an edit request. */
    readonly notice?: string;
}

/** Renders a whole document. */
export function renderShell(options: ShellOptions): string {
    const notice =
        options.notice === undefined
            ? ''
            : `<div class="slds-notify slds-notify_alert slds-alert_warning" role="alert" data-id="notice"><h2>${escapeHtml(options.notice)}</h2></div>`;
    const script =
        options.layout === undefined
            ? ''
            : `<script type="application/json" id="preview-layout">${scriptJson(options.layout)}</script>
<script src="${BUNDLE_PATH}" defer></script>`;
    return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(options.title)} | Lead SLA preview</title>
<link rel="stylesheet" href="${SLDS_STYLESHEET}">
<style>body { background: #b0c4df; min-height: 100vh; } .preview-page { padding: 0.75rem; }</style>
</head>
<body>
${globalHeader(options.appPages)}
${notice}
<main class="preview-page">
${options.body}
</main>
${script}
</body>
</html>
`;
}

/** Renders the start page: the record pages of sample records and the App Pages. */
export function renderStartPage(
    samples: readonly SampleRecord[],
    recordPages: readonly FlexiPage[],
    appPages: readonly FlexiPage[]
): string {
    const sections = recordPages.map((page) => {
        const objectName = page.sobjectType ?? '';
        const items = samples
            .filter((sample) => sample.objectName === objectName)
            .map(
                (sample) =>
                    `<li class="slds-item"><a href="${escapeHtml(recordPageUrl(sample.objectName, sample.id))}" data-id="sample" data-object="${escapeHtml(sample.objectName)}">${escapeHtml(sample.name)}</a> <span class="slds-text-color_weak">${escapeHtml(sample.note)}</span></li>`
            );
        const list =
            items.length === 0
                ? '<p class="slds-text-color_weak">The org has no record of this object to show.</p>'
                : `<ul class="slds-has-dividers_bottom-space">${items.join('')}</ul>`;
        return `<article class="slds-card"><div class="slds-card__header"><h2 class="slds-card__header-title">${escapeHtml(page.label)}</h2></div><div class="slds-card__body slds-card__body_inner">${list}</div></article>`;
    });
    const apps = appPages.map(
        (page) =>
            `<li class="slds-item"><a href="${escapeHtml(appPageUrl(page))}" data-id="app-page">${escapeHtml(page.label)}</a></li>`
    );
    const appSection = `<article class="slds-card"><div class="slds-card__header"><h2 class="slds-card__header-title">App pages</h2></div><div class="slds-card__body slds-card__body_inner"><ul class="slds-has-dividers_bottom-space">${apps.join('')}</ul></div></article>`;
    return renderShell({
        title: 'Pages',
        appPages,
        body: `<div class="slds-page-header slds-m-bottom_small"><div class="slds-media"><div class="slds-media__figure"><span class="slds-icon_container slds-icon-standard-home">${iconSvg('standard:home', 'slds-icon slds-page-header__icon')}</span></div><div class="slds-media__body"><h1 class="slds-page-header__title">Lightning pages of force-app, with data from the local org</h1></div></div></div>${sections.join('\n')}${appSection}`
    });
}

/** Renders a page for a URL the preview has no page for. */
export function renderNotFound(appPages: readonly FlexiPage[], message: string): string {
    return renderShell({
        title: 'Not found',
        appPages,
        body: `<div class="slds-box slds-theme_default"><p>${escapeHtml(message)}</p><p><a href="/">Back to the list of pages</a></p></div>`
    });
}
