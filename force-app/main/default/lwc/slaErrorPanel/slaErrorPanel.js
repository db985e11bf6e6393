import { LightningElement, api } from 'lwc';
import { reduceErrors } from 'c/slaErrors';
import LOAD_ERROR from '@salesforce/label/c.SLA_Load_Error';

/**
 * The error state of every SLA card: one heading and the readable messages of the
 * errors it is given.
 */
export default class SlaErrorPanel extends LightningElement {
    /** An error or a list of errors from a wire adapter or an imperative call. */
    @api errors;

    heading = LOAD_ERROR;

    get messages() {
        return reduceErrors(this.errors);
    }

    get hasMessages() {
        return this.messages.length > 0;
    }
}
