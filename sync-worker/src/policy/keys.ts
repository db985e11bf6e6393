/**
 * Stable keys of everything the engine creates: `Clock_Key__c`, `Breach_Key__c`,
 * `Review_Key__c`, `Scorecard_Key__c`, task keys and notification keys. A key is built
 * only from values that do not change once the record exists (record Ids, the time of
 * the triggering event, a period), so the same decision always produces the same key
 * and an upsert by key never duplicates. Keys fit the 255 characters of a Text field.
 */

/** The routing outcome a response or nurture clock was started for. */
export type RouteKind = 'sales-1h' | 'sales-4h' | 'sdr-24h' | 'nurture';

const ROUTE_KINDS: readonly RouteKind[] = ['sales-1h', 'sales-4h', 'sdr-24h', 'nurture'];

function iso(time: Date | number): string {
    return (time instanceof Date ? time : new Date(time)).toISOString();
}

/** Response or nurture clock of a person's route, started for `trigger`. */
export function routeClockKey(personId: string, kind: RouteKind, trigger: Date | number): string {
    const type = kind === 'nurture' ? 'Nurture' : 'Response';
    return `${type}:${personId}:${kind}:${iso(trigger)}`;
}

/** Route kind stored in a route clock's key, or null for another kind of key. */
export function routeKindOfKey(key: string): RouteKind | null {
    if (!key.startsWith('Response:') && !key.startsWith('Nurture:')) {
        return null;
    }
    const afterType = key.indexOf(':') + 1;
    const kindStart = key.indexOf(':', afterType) + 1;
    const kindEnd = key.indexOf(':', kindStart);
    if (kindStart <= 0 || kindEnd < 0) {
        return null;
    }
    const kind = key.slice(kindStart, kindEnd);
    return ROUTE_KINDS.find((candidate) => candidate === kind) ?? null;
}

export function committeeAwareClockKey(accountId: string, trigger: Date | number): string {
    return `CommitteeAware:${accountId}:${iso(trigger)}`;
}

export function followUpClockKey(accountId: string, handoffAt: Date | number): string {
    return `FollowUp:${accountId}:${iso(handoffAt)}`;
}

export function newMemberClockKey(
    accountId: string,
    personId: string,
    handoffAt: Date | number
): string {
    return `NewMember:${accountId}:${personId}:${iso(handoffAt)}`;
}

export function disputeReviewClockKey(leadId: string, rejectedAt: Date | number): string {
    return `DisputeReview:${leadId}:${iso(rejectedAt)}`;
}

export function disputeFollowUpClockKey(leadId: string, rejectedAt: Date | number): string {
    return `DisputeFollowUp:${leadId}:${iso(rejectedAt)}`;
}

/** Clock that replaces a breached clock after reassignment to another rep. */
export function reassignedClockKey(breachedClockKey: string): string {
    return `${breachedClockKey}+R`;
}

export function breachKey(clockKey: string): string {
    return `Breach:${clockKey}`;
}

export function repReviewKey(userId: string, fiscalQuarter: string): string {
    return `RepBreachReview:${userId}:${fiscalQuarter}`;
}

export function teamReviewKey(managerId: string, month: string): string {
    return `TeamRemediation:${managerId}:${month}`;
}

export function probationReviewKey(month: string): string {
    return `MarketingProbation:${month}`;
}

export function disputeDecisionKey(leadId: string, rejectedAt: Date | number): string {
    return `DisputeDecision:${leadId}:${iso(rejectedAt)}`;
}

export function scorecardKey(
    scope: 'Rep' | 'Team' | 'Marketing',
    ownerId: string,
    month: string
): string {
    return `${scope}:${ownerId}:${month}`;
}

export function cadenceTaskKey(followUpKey: string, step: number): string {
    return `Cadence:${followUpKey}:${step}`;
}

export function reminderTaskKey(breachKeyValue: string): string {
    return `Reminder:${breachKeyValue}`;
}

/** Marks the line of a Task description that stores its key. */
const TASK_KEY_PREFIX = 'SLA key: ';

/** Appends the key line to a task description. */
export function describeTask(text: string, key: string): string {
    return `${text}\n\n${TASK_KEY_PREFIX}${key}`;
}

/** Reads the key line of a task description; null when the task was not made by the engine. */
export function taskKeyOf(description: string | null): string | null {
    if (description === null) {
        return null;
    }
    const at = description.lastIndexOf(TASK_KEY_PREFIX);
    if (at < 0) {
        return null;
    }
    const rest = description.slice(at + TASK_KEY_PREFIX.length);
    const end = rest.indexOf('\n');
    const key = (end < 0 ? rest : rest.slice(0, end)).trim();
    return key === '' ? null : key;
}
