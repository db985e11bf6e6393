import { LightningElement, api } from 'lwc';
import { iconHref } from 'preview/icons';

const VARIANTS = new Set([
    'base',
    'neutral',
    'brand',
    'brand-outline',
    'destructive',
    'destructive-text',
    'inverse',
    'success'
]);

/**
 * Preview stand-in for `lightning-button`. The native click bubbles out of the shadow
 * tree, so an `onclick` handler on the host element runs as on the platform.
 */
export default class Button extends LightningElement {
    @api label;
    @api title;
    @api iconName;
    /** `left` (default) or `right`. */
    @api iconPosition = 'left';
    @api variant = 'neutral';
    @api disabled = false;
    @api name;
    @api value;
    @api type = 'button';

    get buttonClass() {
        const variant = VARIANTS.has(this.variant) ? this.variant : 'neutral';
        return variant === 'base' ? 'slds-button' : `slds-button slds-button_${variant}`;
    }

    get href() {
        return iconHref(this.iconName);
    }

    get iconLeft() {
        return Boolean(this.iconName) && this.iconPosition !== 'right';
    }

    get iconRight() {
        return Boolean(this.iconName) && this.iconPosition === 'right';
    }
}
