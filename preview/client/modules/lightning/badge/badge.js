import { LightningElement, api } from 'lwc';

/**
 * Preview stand-in for `lightning-badge`. As on the platform, the host element carries
 * `slds-badge`, so theme classes that a parent sets on it (`slds-theme_success`) apply.
 */
export default class Badge extends LightningElement {
    @api label;
    @api iconName;
    @api iconAlternativeText;
    /** `left` (default) or `right`. */
    @api iconPosition = 'left';

    connectedCallback() {
        this.classList.add('slds-badge');
    }

    get iconLeft() {
        return Boolean(this.iconName) && this.iconPosition !== 'right';
    }

    get iconRight() {
        return Boolean(this.iconName) && this.iconPosition === 'right';
    }
}
