import { LightningElement, api } from 'lwc';

const SIZES = new Set(['xx-small', 'x-small', 'small', 'medium', 'large']);

/** Preview stand-in for `lightning-spinner`: the SLDS spinner with its assistive text. */
export default class Spinner extends LightningElement {
    @api alternativeText;
    /** `xx-small` to `large`; default `medium`. */
    @api size = 'medium';
    /** `brand`, `inverse` or none. */
    @api variant;

    get spinnerClass() {
        const size = SIZES.has(this.size) ? this.size : 'medium';
        const classes = ['slds-spinner', `slds-spinner_${size}`];
        if (this.variant === 'brand' || this.variant === 'inverse') {
            classes.push(`slds-spinner_${this.variant}`);
        }
        return classes.join(' ');
    }
}
