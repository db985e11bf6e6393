import { LightningElement, api, wire } from 'lwc';
import { graphql } from 'lightning/graphql';
import TITLE from '@salesforce/label/c.Buying_Committee_Title';
import LOADING from '@salesforce/label/c.SLA_Loading';
import EMPTY from '@salesforce/label/c.Buying_Committee_Empty';
import INTENT from '@salesforce/label/c.Buying_Committee_Intent';
import ACTIVE_PEOPLE from '@salesforce/label/c.Buying_Committee_Active_People';
import OWNER from '@salesforce/label/c.Buying_Committee_Owner';
import OWNER_SINCE from '@salesforce/label/c.Buying_Committee_Owner_Since';
import INTENT_VALUE from '@salesforce/label/c.Buying_Committee_Intent_Value';
import ACTIVE_VALUE from '@salesforce/label/c.Buying_Committee_Active_Value';
import MEETS from '@salesforce/label/c.Buying_Committee_Meets';
import BELOW from '@salesforce/label/c.Buying_Committee_Below';
import THRESHOLD_SOURCE from '@salesforce/label/c.Buying_Committee_Threshold_Source';
import NAME from '@salesforce/label/c.Buying_Committee_Name';
import ROLE from '@salesforce/label/c.Buying_Committee_Role';
import INTENT_SCORE from '@salesforce/label/c.Buying_Committee_Intent_Score';
import LAST_SIGNAL from '@salesforce/label/c.Buying_Committee_Last_Signal';
import { formatLabel } from 'c/slaTimeFormat';
import {
    activePeople,
    lifecycleOwner,
    readCommittee,
    readPolicy
} from './committeeView';
import { COMMITTEE_QUERY, POLICY_QUERY } from './committeeQueries';

const PEOPLE_COLUMNS = [
    { label: NAME, fieldName: 'name' },
    { label: ROLE, fieldName: 'role' },
    { label: INTENT_SCORE, fieldName: 'intentScore', type: 'number' },
    {
        label: LAST_SIGNAL,
        fieldName: 'lastSignalAt',
        type: 'date',
        typeAttributes: {
            year: 'numeric',
            month: 'short',
            day: 'numeric',
            hour: '2-digit',
            minute: '2-digit'
        }
    }
];

/**
 * The buying committee of an account: its active people, committee intent against the
 * handoff threshold, active people against the minimum, and who owns the lifecycle.
 */
export default class BuyingCommittee extends LightningElement {
    @api recordId;
    /** Committee intent (points) at which the account passes to Sales, if the policy cannot be read. */
    @api intentThreshold = 70;
    /** Active people needed for the handoff, if the policy cannot be read. */
    @api minimumActivePeople = 3;
    /** Days a signal keeps a person active, if the policy cannot be read. */
    @api activeWindowDays = 30;

    labels = {
        title: TITLE,
        loading: LOADING,
        empty: EMPTY,
        intent: INTENT,
        activePeople: ACTIVE_PEOPLE,
        owner: OWNER,
        ownerSince: OWNER_SINCE,
        thresholdSource: THRESHOLD_SOURCE
    };
    columns = PEOPLE_COLUMNS;

    /** Time the active window is measured from, in epoch milliseconds. */
    now = Date.now();
    committee;
    errors;
    policy;
    policySettled = false;

    @wire(graphql, {
        query: COMMITTEE_QUERY,
        variables: '$variables',
        operationName: 'accountCommittee'
    })
    wiredCommittee({ data, errors }) {
        this.errors = errors && errors.length > 0 ? errors : undefined;
        this.committee = data ? readCommittee(data) : undefined;
    }

    @wire(graphql, { query: POLICY_QUERY, operationName: 'slaPolicy' })
    wiredPolicy({ data, errors }) {
        if (!data && !errors) {
            return;
        }
        // Errors here are expected where the org cannot query custom metadata types:
        // the card falls back to the page settings instead of failing.
        this.policy = errors && errors.length > 0 ? null : readPolicy(data);
        this.policySettled = true;
    }

    get variables() {
        return this.recordId ? { accountId: this.recordId } : undefined;
    }

    get isLoading() {
        return !this.errors && (!this.committee || !this.policySettled);
    }

    get hasErrors() {
        return Boolean(this.errors);
    }

    get usesPageThresholds() {
        return !this.policy;
    }

    get thresholds() {
        return (
            this.policy || {
                intent: Number(this.intentThreshold),
                active: Number(this.minimumActivePeople),
                windowDays: Number(this.activeWindowDays)
            }
        );
    }

    get intent() {
        return this.measure(
            this.committee.intent,
            this.thresholds.intent,
            INTENT_VALUE
        );
    }

    get active() {
        return this.measure(
            this.committee.activeCount,
            this.thresholds.active,
            ACTIVE_VALUE
        );
    }

    measure(value, threshold, template) {
        const amount = value ?? 0;
        const meets = amount >= threshold;
        return {
            text: formatLabel(template, [amount, threshold]),
            badgeLabel: meets ? MEETS : BELOW,
            badgeClass: meets ? 'slds-theme_success' : 'slds-badge_lightest'
        };
    }

    get owner() {
        return lifecycleOwner(this.committee);
    }

    // NOTE: Active Committee Members also counts leads matched to the account. Lead has
    // no Last Signal field, so the table lists contacts only and can be shorter.
    get people() {
        return activePeople(
            this.committee.people,
            this.now,
            this.thresholds.windowDays
        );
    }

    get hasPeople() {
        return this.people.length > 0;
    }
}
