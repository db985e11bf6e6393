/**
 * Browser entry of the preview. The page carries its layout as JSON: the component of
 * each slot that the server left in the page, with the record and the properties that
 * the FlexiPage sets. This module creates those components with the LWC engine.
 */
// Synthetic shadow DOM, as on the Lightning platform, lets the page's SLDS stylesheet
// style the markup inside the components. It must load before the engine renders.
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import { components } from 'preview:components';

function kebabCase(name) {
    return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

function readLayout() {
    const script = document.getElementById('preview-layout');
    return script ? JSON.parse(script.textContent) : { slots: [] };
}

/** Sets the record context and the FlexiPage properties the component declares. */
function assignProperties(element, layout, slot) {
    const values = {
        ...(layout.recordId ? { recordId: layout.recordId } : {}),
        ...(layout.objectApiName ? { objectApiName: layout.objectApiName } : {}),
        ...slot.properties
    };
    for (const [name, value] of Object.entries(values)) {
        // Lightning passes a value only to a public property of the component.
        if (name in element) {
            element[name] = value;
        }
    }
}

function mount(layout, slot) {
    const host = document.querySelector(`[data-preview-slot="${slot.id}"]`);
    const constructor = components[slot.component];
    if (!host || !constructor) {
        console.error(`The component ${slot.component} cannot be placed.`);
        return;
    }
    const element = createElement(`c-${kebabCase(slot.component)}`, {
        is: constructor
    });
    assignProperties(element, layout, slot);
    host.appendChild(element);
}

/** Switches the tabs of the server-drawn tab sets (Details, Related). */
function showTab(link) {
    const [tabset] = link.dataset.previewTab.split('-');
    for (const other of document.querySelectorAll(`[data-preview-tab^="${tabset}-"]`)) {
        const active = other === link;
        other.setAttribute('aria-selected', String(active));
        other.parentElement.classList.toggle('slds-is-active', active);
        const panel = document.querySelector(`[data-preview-panel="${other.dataset.previewTab}"]`);
        if (panel) {
            panel.classList.toggle('slds-show', active);
            panel.classList.toggle('slds-hide', !active);
        }
    }
}

document.addEventListener('click', (event) => {
    const link = event.target.closest && event.target.closest('[data-preview-tab]');
    if (link) {
        event.preventDefault();
        showTab(link);
    }
});

const layout = readLayout();
for (const slot of layout.slots) {
    mount(layout, slot);
}
document.documentElement.dataset.previewMounted = 'true';
