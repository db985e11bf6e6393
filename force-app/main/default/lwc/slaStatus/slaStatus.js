import { LightningElement, api, wire } from 'lwc';
import { graphql } from 'lightning/graphql';
import TITLE from '@salesforce/label/c.SLA_Status_Title';
import LOADING from '@salesforce/label/c.SLA_Loading';
import EMPTY from '@salesforce/label/c.SLA_Status_Empty';
import CURRENT from '@salesforce/label/c.SLA_Status_Current';
import OPEN_CLOCKS from '@salesforce/label/c.SLA_Status_Open_Clocks';
import ESCALATION_LEVEL from '@salesforce/label/c.SLA_Status_Escalation_Level';
import LEVEL_NONE from '@salesforce/label/c.SLA_Status_Level_None';
import BREACHES_THIS_QUARTER from '@salesforce/label/c.SLA_Status_Breaches_This_Quarter';
import RESPONSIBLE_REP from '@salesforce/label/c.SLA_Status_Responsible_Rep';
import REASON from '@salesforce/label/c.SLA_Status_Reason';
import DUE_AT from '@salesforce/label/c.SLA_Status_Due_At';
import { formatCountdown } from 'c/slaTimeFormat';
import {
    badgeOf,
    readStatusData,
    recordStatusKey,
    viewClock
} from './clockView';
import { SLA_STATUS_QUERY } from './statusQuery';

/** How often the countdown is redrawn, in milliseconds. It shows whole minutes. */
const TICK_MS = 30 * 1000;

/**
 * SLA status of a lead or an account: the record's SLA status, its open clocks with a
 * live countdown, the highest escalation level and the breach count of the current
 * fiscal quarter. On an account it also lists the clocks of the account's people,
 * because the worker stamps their account on each clock.
 */
export default class SlaStatus extends LightningElement {
    @api recordId;

    labels = {
        title: TITLE,
        loading: LOADING,
        empty: EMPTY,
        current: CURRENT,
        openClocks: OPEN_CLOCKS,
        escalationLevel: ESCALATION_LEVEL,
        breachesThisQuarter: BREACHES_THIS_QUARTER,
        responsibleRep: RESPONSIBLE_REP,
        reason: REASON,
        dueAt: DUE_AT
    };

    /** Current time in epoch milliseconds, moved by the interval without reloading data. */
    now = Date.now();
    statusData;
    errors;
    timer;

    @wire(graphql, {
        query: SLA_STATUS_QUERY,
        variables: '$variables',
        operationName: 'slaStatus'
    })
    wiredStatus({ data, errors }) {
        this.errors = errors && errors.length > 0 ? errors : undefined;
        this.statusData = data ? readStatusData(data) : undefined;
    }

    get variables() {
        return this.recordId ? { recordId: this.recordId } : undefined;
    }

    connectedCallback() {
        this.now = Date.now();
        // The countdown must move between data loads. The interval only updates `now`,
        // and disconnectedCallback clears it.
        // eslint-disable-next-line @lwc/lwc/no-async-operation
        this.timer = setInterval(() => {
            this.now = Date.now();
        }, TICK_MS);
    }

    disconnectedCallback() {
        clearInterval(this.timer);
        this.timer = undefined;
    }

    get isLoading() {
        return !this.statusData && !this.errors;
    }

    get hasErrors() {
        return Boolean(this.errors);
    }

    get clocks() {
        return this.statusData.clocks.map((clock) =>
            viewClock(clock, this.now)
        );
    }

    get hasClocks() {
        return this.statusData.clocks.length > 0;
    }

    /** The record's own SLA status, or null when it is None or empty. */
    get summary() {
        const { recordStatus, recordDueAt } = this.statusData;
        const key = recordStatusKey(recordStatus, recordDueAt, this.now);
        if (key === null) {
            return null;
        }
        const badge = badgeOf(key);
        return {
            badgeLabel: badge.label,
            badgeClass: badge.className,
            countdown:
                key !== 'met' && recordDueAt !== null
                    ? formatCountdown(recordDueAt, this.now)
                    : null
        };
    }

    get escalationLevel() {
        const level = this.statusData.escalationLevel;
        return level === null || level === undefined ? LEVEL_NONE : level;
    }

    get breachesThisQuarter() {
        return this.statusData.breachesThisQuarter;
    }
}
