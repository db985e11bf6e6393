/**
 * Lays out a FlexiPage the way Lightning Experience does, with the template's regions in
 * their places. Standard components (highlights panel, tabs, detail panel) are drawn
 * here with SLDS markup. Each custom component gets an empty slot, which the browser
 * fills with the compiled component and the properties the page sets.
 */
import type { FlexiPage, PlacedComponent } from './force-app';
import { typedProperty } from './force-app';
import { escapeHtml, iconSvg } from './html';
import type { DisplayField, RecordView } from './record-view';

/** A custom component the browser creates, with its properties typed as the component declares. */
export interface ComponentSlot {
    readonly id: number;
    readonly component: string;
    readonly properties: Readonly<Record<string, string | number | boolean>>;
}

/** Layout data the browser reads from the page. */
export interface PageLayoutData {
    readonly recordId: string | null;
    readonly objectApiName: string | null;
    readonly slots: readonly ComponentSlot[];
}

const TAB_TITLES: Readonly<Record<string, string>> = {
    'Standard.Tab.detail': 'Details',
    'Standard.Tab.relatedLists': 'Related',
    'Standard.Tab.activity': 'Activity',
    'Standard.Tab.collaborate': 'Chatter'
};

/** Inputs of a page render. */
export interface PageSource {
    readonly page: FlexiPage;
    /** The record of a record page; null on other pages. */
    readonly record: RecordView | null;
    /** Returns a component's App Builder property types by property name. */
    readonly propertyTypes: (component: string) => ReadonlyMap<string, string>;
    /** Objects with a record page in the preview, whose names link to that page. */
    readonly linkable: ReadonlySet<string>;
}

/** Renders one page, collecting the slots of its custom components. */
class PageRenderer {
    readonly slots: ComponentSlot[] = [];
    private tabsets = 0;
    private readonly page: FlexiPage;
    private readonly record: RecordView | null;

    constructor(private readonly source: PageSource) {
        this.page = source.page;
        this.record = source.record;
    }

    region(name: string): string {
        const region = this.page.regions.get(name);
        return region === undefined
            ? ''
            : region.components.map((component) => this.component(component)).join('\n');
    }

    private component(component: PlacedComponent): string {
        switch (component.name) {
            case 'force:highlightsPanel':
                return this.record === null
                    ? ''
                    : highlightsPanel(this.record, this.source.linkable);
            case 'force:detailPanel':
                return this.record === null ? '' : detailPanel(this.record, this.source.linkable);
            case 'flexipage:tabset':
                return this.tabset(component.properties.tabs ?? '');
            case 'force:relatedListContainer':
                return note('Related lists are not part of the preview.');
            default:
                return component.name.includes(':')
                    ? note(`The standard component ${component.name} is not part of the preview.`)
                    : this.slot(component);
        }
    }

    private slot(component: PlacedComponent): string {
        const types = this.source.propertyTypes(component.name);
        const properties = Object.fromEntries(
            Object.entries(component.properties).map(([name, text]) => [
                name,
                typedProperty(types.get(name), text)
            ])
        );
        const id = this.slots.length;
        this.slots.push({ id, component: component.name, properties });
        return `<div class="slds-m-bottom_small" data-preview-slot="${id}"></div>`;
    }

    private tabset(facetName: string): string {
        this.tabsets += 1;
        const facet = this.page.regions.get(facetName);
        const tabs = (facet?.components ?? []).filter((tab) => tab.name === 'flexipage:tab');
        const activeIndex = Math.max(
            tabs.findIndex((tab) => tab.properties.active === 'true'),
            0
        );
        const headers = tabs.map((tab, index) => {
            const title = tab.properties.title ?? '';
            const active = index === activeIndex;
            return `<li class="slds-tabs_default__item${active ? ' slds-is-active' : ''}" role="presentation"><a class="slds-tabs_default__link" role="tab" href="#" data-preview-tab="${this.tabsets}-${index}" aria-selected="${String(active)}">${escapeHtml(TAB_TITLES[title] ?? title)}</a></li>`;
        });
        const panels = tabs.map((tab, index) => {
            const shown = index === activeIndex ? 'slds-show' : 'slds-hide';
            return `<div class="slds-tabs_default__content ${shown}" role="tabpanel" data-preview-panel="${this.tabsets}-${index}">${this.region(tab.properties.body ?? '')}</div>`;
        });
        return `<div class="slds-card slds-p-horizontal_medium"><div class="slds-tabs_default"><ul class="slds-tabs_default__nav" role="tablist">${headers.join('')}</ul>${panels.join('')}</div></div>`;
    }
}

function note(text: string): string {
    return `<div class="slds-box slds-theme_shade slds-text-color_weak slds-m-vertical_small">${escapeHtml(text)}</div>`;
}

function fieldValueHtml(field: DisplayField, linkable: ReadonlySet<string>): string {
    if (field.checked !== null) {
        return `<span class="slds-checkbox slds-checkbox_standalone"><input type="checkbox" disabled${field.checked ? ' checked' : ''} aria-label="${escapeHtml(field.label)}"><span class="slds-checkbox_faux"></span></span>`;
    }
    if (field.link !== null && field.text !== '' && linkable.has(field.link.objectName)) {
        const href = `/lightning/r/${encodeURIComponent(field.link.objectName)}/${encodeURIComponent(field.link.id)}/view`;
        return `<a href="${escapeHtml(href)}">${escapeHtml(field.text)}</a>`;
    }
    return escapeHtml(field.text);
}

function highlightsPanel(record: RecordView, linkable: ReadonlySet<string>): string {
    const [category = 'standard', name = 'record'] = record.icon.split(':');
    const items = record.highlights.map(
        (field) =>
            `<li class="slds-page-header__detail-block"><div class="slds-text-title slds-truncate" title="${escapeHtml(field.label)}">${escapeHtml(field.label)}</div><div class="slds-truncate">${fieldValueHtml(field, linkable)}</div></li>`
    );
    return `<div class="slds-page-header slds-page-header_record-home" data-id="highlights">
<div class="slds-page-header__row"><div class="slds-page-header__col-title"><div class="slds-media">
<div class="slds-media__figure"><span class="slds-icon_container slds-icon-${escapeHtml(category)}-${escapeHtml(name.replace(/_/g, '-'))}">${iconSvg(record.icon, 'slds-icon slds-page-header__icon')}</span></div>
<div class="slds-media__body"><div class="slds-page-header__name"><div class="slds-page-header__name-title"><h1>
<span>${escapeHtml(record.objectLabel)}</span>
<span class="slds-page-header__title slds-truncate" title="${escapeHtml(record.title)}" data-id="record-name">${escapeHtml(record.title)}</span>
</h1></div></div></div></div></div></div>
<div class="slds-page-header__row slds-page-header__row_gutters"><div class="slds-page-header__col-details"><ul class="slds-page-header__detail-row">${items.join('')}</ul></div></div>
</div>`;
}

function detailPanel(record: RecordView, linkable: ReadonlySet<string>): string {
    const items = record.details.map(
        (field) =>
            `<div class="slds-col slds-size_1-of-2 slds-p-horizontal_small"><div class="slds-form-element slds-form-element_readonly slds-form-element_stacked"><span class="slds-form-element__label">${escapeHtml(field.label)}</span><div class="slds-form-element__control"><div class="slds-form-element__static">${fieldValueHtml(field, linkable) || '&nbsp;'}</div></div></div></div>`
    );
    return `<div class="slds-form slds-p-vertical_small" role="list" data-id="details"><div class="slds-grid slds-wrap">${items.join('')}</div></div>`;
}

function appPageHeader(page: FlexiPage): string {
    return `<div class="slds-page-header slds-m-bottom_small"><div class="slds-page-header__row"><div class="slds-page-header__col-title"><div class="slds-media"><div class="slds-media__figure"><span class="slds-icon_container slds-icon-standard-home">${iconSvg('standard:home', 'slds-icon slds-page-header__icon')}</span></div><div class="slds-media__body"><h1><span class="slds-page-header__title slds-truncate" title="${escapeHtml(page.label)}">${escapeHtml(page.label)}</span></h1></div></div></div></div></div>`;
}

function columns(main: string, sidebar: string): string {
    if (sidebar === '') {
        return `<div data-region="main">${main}</div>`;
    }
    return `<div class="slds-grid slds-gutters_small slds-wrap"><div class="slds-col slds-size_1-of-1 slds-large-size_8-of-12" data-region="main">${main}</div><div class="slds-col slds-size_1-of-1 slds-large-size_4-of-12" data-region="sidebar">${sidebar}</div></div>`;
}

/**
 * Renders the body of a FlexiPage and returns it with the slots the browser fills.
 * Record home templates have a header, a main column and a sidebar; App and Home page
 * templates have a main region and, in some templates, a sidebar. Regions of other
 * templates are stacked in file order.
 */
export function renderFlexiPage(source: PageSource): { html: string; layout: PageLayoutData } {
    const { page, record } = source;
    const renderer = new PageRenderer(source);
    let html: string;
    if (page.template.startsWith('flexipage:recordHomeTemplate')) {
        const header = renderer.region('header');
        html = `<div class="slds-m-bottom_small" data-region="header">${header}</div>${columns(renderer.region('main'), renderer.region('sidebar'))}`;
    } else if (page.regions.has('main')) {
        html = `${appPageHeader(page)}${columns(renderer.region('main'), renderer.region('sidebar'))}`;
    } else {
        const regions = [...page.regions.values()].filter((region) => region.type === 'Region');
        html = regions
            .map(
                (region) =>
                    `<div data-region="${escapeHtml(region.name)}">${renderer.region(region.name)}</div>`
            )
            .join('\n');
    }
    return {
        html,
        layout: {
            recordId: record?.id ?? null,
            objectApiName: record?.objectName ?? null,
            slots: renderer.slots
        }
    };
}
