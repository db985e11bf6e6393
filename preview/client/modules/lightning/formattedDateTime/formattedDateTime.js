import { LightningElement, api } from 'lwc';
import { formatDateTime, toDate } from 'preview/format';

/** Preview stand-in for `lightning-formatted-date-time`, built on `Intl.DateTimeFormat`. */
export default class FormattedDateTime extends LightningElement {
    /** An ISO 8601 string, epoch milliseconds or a Date. */
    @api value;
    @api weekday;
    @api era;
    @api year;
    @api month;
    @api day;
    @api hour;
    @api minute;
    @api second;
    @api timeZoneName;
    @api timeZone;
    @api hour12;

    get text() {
        return formatDateTime(this.value, this);
    }

    get isoValue() {
        const date = toDate(this.value);
        return date === null ? null : date.toISOString();
    }
}
