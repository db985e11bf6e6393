/**
 * Preview stand-in for `lightning/navigation`. Record pages of the preview live under
 * the same URLs as in Lightning Experience (`/lightning/r/<Object>/<Id>/view`), so a
 * `standard__recordPage` reference opens the preview's own page. Other page types are
 * not part of the preview and only log a message.
 */

const Navigate = Symbol('Navigate');
const GenerateUrl = Symbol('GenerateUrl');

/** Returns the preview URL of a page reference, or null for a page the preview lacks. */
function urlOf(pageReference) {
    const attributes = (pageReference && pageReference.attributes) || {};
    switch (pageReference && pageReference.type) {
        case 'standard__recordPage':
            return `/lightning/r/${encodeURIComponent(
                attributes.objectApiName || 'Record'
            )}/${encodeURIComponent(attributes.recordId)}/${encodeURIComponent(
                attributes.actionName || 'view'
            )}`;
        case 'standard__navItemPage':
            return `/lightning/n/${encodeURIComponent(attributes.apiName)}`;
        default:
            return null;
    }
}

export const NavigationMixin = (Base) =>
    class extends Base {
        [Navigate](pageReference, replace) {
            const url = urlOf(pageReference);
            if (url === null) {
                console.warn('The preview has no page for this page reference.', pageReference);
                return;
            }
            if (replace) {
                window.location.replace(url);
            } else {
                window.location.assign(url);
            }
        }

        [GenerateUrl](pageReference) {
            return Promise.resolve(urlOf(pageReference));
        }
    };
NavigationMixin.Navigate = Navigate;
NavigationMixin.GenerateUrl = GenerateUrl;
