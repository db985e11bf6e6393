/**
 * Writes people and their planned signals as Lead, Contact and Engagement_Signal__c
 * records. Each signal names the system that reported it and carries a unique external
 * ID, as a load from HubSpot, 6sense or the website's own tracking would.
 */
import type { AccountPlan } from './accounts';
import type { RecordBuilder } from './builder';
import { stampAuditDates, type PersonDraft } from './people';
import type { Random } from './random';
import { MINUTE_MS, type SignalType } from './scoring';

const SOURCE_SYSTEM: Readonly<Record<SignalType, string>> = {
    'Web Visit': 'Website',
    'Email Click': 'HubSpot',
    'Content Download': 'HubSpot',
    'Webinar Attended': 'HubSpot',
    'Competitor Research': '6sense',
    'Intent Surge': '6sense',
    'Meeting Request': 'HubSpot',
    'Demo Request': 'Website'
};

/** Writes the people (contacts first, then leads) with their audit dates. */
export function writePeople(
    builder: RecordBuilder,
    people: { contacts: readonly PersonDraft[]; leads: readonly PersonDraft[] },
    random: Random,
    nowMs: number
): void {
    for (const person of [...people.contacts, ...people.leads]) {
        stampAuditDates(person, random, nowMs);
        builder.put(person.ref, person.objectName, person.fields);
    }
}

/**
 * Writes every planned signal in time order per person. Signals reach the org a few
 * minutes after they happened (`CreatedDate`), never after `now`.
 */
export function writeSignals(
    builder: RecordBuilder,
    people: readonly PersonDraft[],
    accounts: readonly AccountPlan[],
    random: Random,
    nowMs: number
): void {
    let sequence = 0;
    for (const person of people) {
        const account =
            person.objectName === 'Contact' && person.accountIndex !== null
                ? accounts[person.accountIndex]
                : undefined;
        const ordered = [...person.signals].sort((a, b) => a.atMs - b.atMs);
        for (const signal of ordered) {
            sequence += 1;
            const system = SOURCE_SYSTEM[signal.type];
            const createdMs = Math.min(nowMs, signal.atMs + random.int(1, 10) * MINUTE_MS);
            const created = new Date(createdMs).toISOString();
            builder.add('Engagement_Signal__c', {
                Lead__c: person.objectName === 'Lead' ? person.ref : null,
                Contact__c: person.objectName === 'Contact' ? person.ref : null,
                Account__c: account?.ref ?? null,
                Type__c: signal.type,
                Occurred_At__c: new Date(signal.atMs).toISOString(),
                Source_System__c: system,
                Weight__c: signal.weight,
                External_Id__c: `${system.toLowerCase()}-${String(sequence).padStart(8, '0')}`,
                CreatedDate: created,
                LastModifiedDate: created
            });
        }
    }
}
