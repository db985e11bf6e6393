import ON_TRACK from '@salesforce/label/c.SLA_Status_On_Track';
import WARNING from '@salesforce/label/c.SLA_Status_Warning';
import BREACHED from '@salesforce/label/c.SLA_Status_Breached';
import MET from '@salesforce/label/c.SLA_Status_Met';
import TEAM_QUEUE from '@salesforce/label/c.SLA_Status_Team_Queue';
import { formatCountdown, formatLabel, parseDateTime } from 'c/slaTimeFormat';

/**
 * Turns the SLA status query result into what the card shows. Statuses are worked out
 * again against the current time, so a badge turns from On Track to Warning or Breached
 * as the countdown passes the warning or due time, before the worker's next cycle
 * writes the new status.
 */

const BADGES = {
    onTrack: { label: ON_TRACK, className: 'slds-badge_lightest' },
    warning: { label: WARNING, className: 'slds-theme_warning' },
    breached: { label: BREACHED, className: 'slds-theme_error' },
    met: { label: MET, className: 'slds-theme_success' }
};

/** Badge key of an open clock at `now` (epoch milliseconds). */
export function clockStatusKey(clock, now) {
    if (clock.status === 'Met') {
        return 'met';
    }
    if (
        clock.status === 'Breached' ||
        (clock.dueAt !== null && now >= clock.dueAt)
    ) {
        return 'breached';
    }
    if (
        clock.status === 'Warning' ||
        (clock.warningAt !== null && now >= clock.warningAt)
    ) {
        return 'warning';
    }
    return 'onTrack';
}

/** Badge key of a record's SLA Status picklist value at `now`; null for None or empty. */
export function recordStatusKey(status, dueAt, now) {
    switch (status) {
        case 'Met':
            return 'met';
        case 'Breached':
            return 'breached';
        case 'Warning':
        case 'On Track':
            if (dueAt !== null && now >= dueAt) {
                return 'breached';
            }
            return status === 'Warning' ? 'warning' : 'onTrack';
        default:
            return null;
    }
}

function nodesOf(connection) {
    return connection ? connection.edges.map((edge) => edge.node) : [];
}

function valueOf(field) {
    return field ? field.value : null;
}

function displayOf(field) {
    return field ? field.displayValue || field.value : null;
}

/** Reads the parts of the query result that do not change with time. */
export function readStatusData(data) {
    const query = data.uiapi.query;
    const record = [...nodesOf(query.Lead), ...nodesOf(query.Account)][0];
    const breaches = query.SLA_Breach__c;
    const topBreach = nodesOf(breaches)[0];
    return {
        recordStatus: record ? valueOf(record.SLA_Status__c) : null,
        recordDueAt: record
            ? parseDateTime(valueOf(record.SLA_Due_At__c))
            : null,
        breachesThisQuarter: breaches ? breaches.totalCount : 0,
        escalationLevel: topBreach ? valueOf(topBreach.Level__c) : null,
        clocks: nodesOf(query.SLA_Clock__c).map(readClock)
    };
}

function readClock(node) {
    const user = node.Responsible_User__r;
    const team = displayOf(node.Responsible_Team__c);
    let responsible = null;
    if (user && user.Name) {
        responsible = user.Name.value;
    } else if (team) {
        responsible = formatLabel(TEAM_QUEUE, [team]);
    }
    return {
        id: node.Id,
        type: displayOf(node.Type__c),
        status: valueOf(node.Status__c),
        dueAtText: valueOf(node.Due_At__c),
        dueAt: parseDateTime(valueOf(node.Due_At__c)),
        warningAt: parseDateTime(valueOf(node.Warning_At__c)),
        reason: valueOf(node.Reason__c),
        responsible
    };
}

/** Returns the badge label and SLDS theme class for a status key. */
export function badgeOf(key) {
    return BADGES[key];
}

/** Adds the badge and countdown that the card shows for `clock` at `now`. */
export function viewClock(clock, now) {
    const key = clockStatusKey(clock, now);
    const badge = badgeOf(key);
    return {
        ...clock,
        badgeLabel: badge.label,
        badgeClass: badge.className,
        countdown:
            key !== 'met' && clock.dueAt !== null
                ? formatCountdown(clock.dueAt, now)
                : null
    };
}
