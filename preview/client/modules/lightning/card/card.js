import { LightningElement, api } from 'lwc';

/** Preview stand-in for `lightning-card`: an SLDS card with a title, an icon and slots. */
export default class Card extends LightningElement {
    @api title;
    @api iconName;
    @api variant;
    @api hideHeader = false;

    /** Whether the footer slot has content; the footer is drawn only then. */
    hasFooter = false;

    handleFooterChange(event) {
        this.hasFooter = event.target.assignedNodes().length > 0;
    }

    get footerClass() {
        return this.hasFooter ? 'slds-card__footer' : 'slds-hide';
    }
}
