import { LightningElement, api } from 'lwc';

const SIZES = new Set(['x-small', 'small', 'medium', 'large']);

/** Preview stand-in for `lightning-progress-bar`: an SLDS progress bar from 0 to 100. */
export default class ProgressBar extends LightningElement {
    /** Percent complete, 0 to 100. */
    @api value = 0;
    /** `x-small`, `small`, `medium` (default) or `large`. */
    @api size = 'medium';
    /** `base` (default) or `circular`. */
    @api variant = 'base';

    get percent() {
        const value = Number(this.value);
        return Number.isFinite(value) ? Math.min(Math.max(value, 0), 100) : 0;
    }

    get barClass() {
        const size = SIZES.has(this.size) ? this.size : 'medium';
        const classes = ['slds-progress-bar', `slds-progress-bar_${size}`];
        if (this.variant === 'circular') {
            classes.push('slds-progress-bar_circular');
        }
        return classes.join(' ');
    }

    get valueStyle() {
        return `width: ${this.percent}%`;
    }
}
