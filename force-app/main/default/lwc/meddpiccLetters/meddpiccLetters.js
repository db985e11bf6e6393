import { LightningElement, api } from 'lwc';
import { NavigationMixin } from 'lightning/navigation';
import COMPLETE from '@salesforce/label/c.MEDDPICC_Complete';
import FILL_IN from '@salesforce/label/c.MEDDPICC_Fill_In';
import LETTERS_HEADING from '@salesforce/label/c.MEDDPICC_Elements';
import { formatLabel } from 'c/slaTimeFormat';

/**
 * MEDDPICC elements of one opportunity: filled ones as badges, missing ones as buttons
 * that open the opportunity in edit mode, where the rep fills them in.
 */
export default class MeddpiccLetters extends NavigationMixin(LightningElement) {
    /** Opportunity ID. */
    @api recordId;
    /** Elements as `{ key, label, filled }`, in MEDDPICC order. */
    @api letters = [];
    /** Shows only the missing elements, as on the account card. */
    @api missingOnly = false;

    labels = { complete: COMPLETE, heading: LETTERS_HEADING };

    get items() {
        return (this.letters || [])
            .filter((letter) => !this.missingOnly || !letter.filled)
            .map((letter) => ({
                ...letter,
                title: formatLabel(FILL_IN, [letter.label])
            }));
    }

    handleMissingClick() {
        this[NavigationMixin.Navigate]({
            type: 'standard__recordPage',
            attributes: {
                recordId: this.recordId,
                objectApiName: 'Opportunity',
                actionName: 'edit'
            }
        });
    }
}
