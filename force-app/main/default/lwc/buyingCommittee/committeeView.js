import OWNER_MARKETING from '@salesforce/label/c.Buying_Committee_Owner_Marketing';
import OWNER_SALES from '@salesforce/label/c.Buying_Committee_Owner_Sales';
import OWNER_NONE from '@salesforce/label/c.Buying_Committee_Owner_None';
import { parseDateTime } from 'c/slaTimeFormat';

/** Reads and shapes the buying committee query results for the card. */

const DAY_MS = 24 * 60 * 60 * 1000;

function nodesOf(connection) {
    return connection ? connection.edges.map((edge) => edge.node) : [];
}

function valueOf(field) {
    return field ? field.value : null;
}

/** Reads the account, its people with a signal, and its latest revert to Marketing. */
export function readCommittee(data) {
    const query = data.uiapi.query;
    const account = nodesOf(query.Account)[0];
    const revert = nodesOf(query.SLA_Breach__c)[0];
    return {
        intent: account ? valueOf(account.Committee_Intent_Score__c) : null,
        activeCount: account
            ? valueOf(account.Active_Committee_Members__c)
            : null,
        owner: account ? valueOf(account.Lifecycle_Owner__c) : null,
        handoffAt: account ? valueOf(account.Handoff_At__c) : null,
        firstTouchAt: account ? valueOf(account.First_Touch_At__c) : null,
        revertedAt: revert ? valueOf(revert.Breached_At__c) : null,
        people: nodesOf(query.Contact).map((node) => ({
            id: node.Id,
            name: valueOf(node.Name),
            role: node.Committee_Role__c
                ? node.Committee_Role__c.displayValue ||
                  node.Committee_Role__c.value
                : null,
            intentScore: valueOf(node.Intent_Score__c),
            lastSignalAt: valueOf(node.Last_Signal_At__c)
        }))
    };
}

/**
 * Reads the thresholds of the `Default` SLA policy record, or returns null when the
 * query returned no record.
 */
export function readPolicy(data) {
    const policy = nodesOf(data && data.uiapi.query.SLA_Policy__mdt)[0];
    if (!policy) {
        return null;
    }
    return {
        intent: valueOf(policy.Handoff_Min_Intent__c),
        active: valueOf(policy.Handoff_Min_Active__c),
        windowDays: valueOf(policy.Active_Window_Days__c)
    };
}

/**
 * Returns who owns the lifecycle and since when. Sales owns it from the handoff. Marketing owns
 * it from the latest revert to Marketing, or else from the account's first touch.
 */
export function lifecycleOwner(committee) {
    if (committee.owner === 'Sales') {
        return { label: OWNER_SALES, since: committee.handoffAt };
    }
    if (committee.owner === 'Marketing') {
        return {
            label: OWNER_MARKETING,
            since: committee.revertedAt || committee.firstTouchAt
        };
    }
    return { label: OWNER_NONE, since: null };
}

/**
 * People with a signal within the active window before `now`, highest intent first,
 * then the latest signal first.
 */
export function activePeople(people, now, windowDays) {
    const since = now - windowDays * DAY_MS;
    return people
        .filter((person) => {
            const at = parseDateTime(person.lastSignalAt);
            return at !== null && at >= since;
        })
        .sort(
            (a, b) =>
                (b.intentScore ?? -1) - (a.intentScore ?? -1) ||
                parseDateTime(b.lastSignalAt) - parseDateTime(a.lastSignalAt)
        );
}
