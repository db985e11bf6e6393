import { LightningElement, api } from 'lwc';
import { iconClasses, iconHref } from 'preview/icons';

/** Preview stand-in for `lightning-icon`: an SLDS icon from the design system's sprites. */
export default class Icon extends LightningElement {
    /** `category:name`, such as `utility:check` or `standard:opportunity`. */
    @api iconName;
    /** `xx-small`, `x-small`, `small`, `medium` (default) or `large`. */
    @api size = 'medium';
    /** `inverse`, `warning`, `error`, `success` or none. */
    @api variant;
    @api alternativeText;
    @api title;

    get href() {
        return iconHref(this.iconName);
    }

    get containerClass() {
        return iconClasses(this.iconName, this.size, this.variant).container;
    }

    get svgClass() {
        return iconClasses(this.iconName, this.size, this.variant).svg;
    }
}
