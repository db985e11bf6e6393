/**
 * Bad records that real orgs contain, as fast-check specs and as the records they put
 * into a local org. Each kind writes records of its own: users, accounts, domains and
 * leads younger than the good ones. So the good records' decisions must stay exactly
 * what they are without the bad ones.
 *
 * A kind's records are either skipped (invalid when read, or unusable by the policy
 * engine), which the cycle summary counts and the log names, or tolerated: valid
 * records with odd values, which the worker must process without a failed write.
 */
import fc from 'fast-check';
import type { RecordInput } from '../../src/local-org/store';
import { caseSafeSuffix } from '../../src/schema/ids';
import { hoursBefore, type OrgWriter } from './bad-input-org';

/** A record a cycle must skip, and a pattern its reason matches. */
export interface ExpectedSkip {
    readonly object: string;
    readonly id: string;
    readonly stage: 'read' | 'evaluation';
    readonly reason: RegExp;
    /** The first cycle that skips it: 0, or 1 for a record that turns bad between cycles. */
    readonly cycle: 0 | 1;
}

/** Records a kind inserted. */
export interface Inserted {
    /** Every record the kind created: none of their Ids may reach a good decision. */
    readonly created: string[];
    readonly skipped: ExpectedSkip[];
    /** Changes the org between the first and the second cycle. */
    readonly betweenCycles?: () => void;
}

/** Where a kind writes: the org and a counter for unique names and domains. */
export interface BadOrg {
    readonly writer: OrgWriter;
    /** Returns a number not used before in this org. */
    next(): number;
}

const NUMBER_TARGETS = {
    Lead: 'Intent_Score__c',
    Contact: 'Engagement_Count__c',
    Account: 'Open_Breaches__c',
    Engagement_Signal__c: 'Weight__c'
} as const;

const DATETIME_TARGETS = {
    Lead: 'Last_Evaluated_At__c',
    Account: 'First_Touch_At__c'
} as const;

/** Text that no number parser reads as a number, and that SQLite keeps as text in a REAL column. */
const nonNumericText = fc
    .tuple(fc.constantFrom('high', 'n/a', 'twelve', '1,5 pts', 'TBD', '∞'), fc.nat(99))
    .map(([word, n]) => (n % 3 === 0 ? word : `${word} ${n}`));

/** Every kind with its parameters. */
export const badSpecArbitrary = fc.oneof(
    fc.record({
        kind: fc.constant('text-in-number' as const),
        object: fc.constantFrom(
            ...(Object.keys(NUMBER_TARGETS) as (keyof typeof NUMBER_TARGETS)[])
        ),
        text: nonNumericText
    }),
    fc.record({
        kind: fc.constant('date-without-zone' as const),
        object: fc.constantFrom('Lead' as const, 'Account' as const),
        text: fc.constantFrom('2026-11-30T09:15:00', '2026-11-30T09:15:00.000', '2026-11-30 09:15')
    }),
    fc.record({
        kind: fc.constant('malformed-id' as const),
        text: fc.constantFrom('N/A', '001', 'not-an-id', '001ABC!@#000000000')
    }),
    fc.record({ kind: fc.constant('signal-without-subject' as const) }),
    fc.record({
        kind: fc.constant('signal-weight' as const),
        weight: fc.oneof(
            fc.constant(0),
            fc.integer({ min: -99_999, max: -1 }).map((n) => n / 100)
        )
    }),
    fc.record({ kind: fc.constant('clock-without-key' as const) }),
    fc.record({ kind: fc.constant('rejected-without-reason' as const) }),
    fc.record({ kind: fc.constant('id-15' as const) }),
    fc.record({
        kind: fc.constant('email' as const),
        email: fc.constantFrom('ana', 'ana@', '@', 'ana@localhost', 'ana@gmail.com', 'bo@yahoo.com')
    }),
    fc.record({
        kind: fc.constant('unknown-picklist' as const),
        value: fc.constantFrom('Carrier Pigeon', 'Legacy Value', 'zzz', 'Qualified (old)')
    }),
    fc.record({
        kind: fc.constant('far-dates' as const),
        year: fc.constantFrom(1700, 1899, 2999, 3999)
    }),
    fc.record({
        kind: fc.constant('owner' as const),
        owner: fc.constantFrom('queue', 'inactive-user')
    }),
    fc.record({
        kind: fc.constant('manager' as const),
        manager: fc.constantFrom('self', 'missing', 'circular', 'inactive')
    }),
    fc.record({ kind: fc.constant('nulls' as const) }),
    fc.record({
        kind: fc.constant('between-cycles' as const),
        change: fc.constantFrom('convert', 'merge', 'delete', 'invalidate')
    })
);

export type BadSpec = typeof badSpecArbitrary extends fc.Arbitrary<infer T> ? T : never;

/** Creates a Sales user of the kind's own, with an optional manager. */
function badUser(org: BadOrg, managerId: string | null = null): string {
    return org.writer.user(`Bad${org.next()}`, 'Sales', managerId);
}

/** Creates a lead younger than every good lead, on a domain of its own, owned by `ownerId`. */
function badLead(org: BadOrg, ownerId: string, fields: RecordInput = {}): string {
    const n = org.next();
    return org.writer.lead(
        `p${n}@bad${n}.example`,
        { LeadSource: 'Demo Request', OwnerId: ownerId, ...fields },
        1
    );
}

function badAccount(org: BadOrg, fields: RecordInput = {}): string {
    const n = org.next();
    return org.writer.account(`Bad ${n}`, `https://bad${n}.example`, fields);
}

function skip(
    object: string,
    id: string,
    stage: ExpectedSkip['stage'],
    reason: RegExp,
    cycle: 0 | 1 = 0
): ExpectedSkip {
    return { object, id, stage, reason, cycle };
}

function textInNumber(org: BadOrg, spec: Extract<BadSpec, { kind: 'text-in-number' }>): Inserted {
    const owner = badUser(org);
    const lead = badLead(org, owner);
    const created = [owner, lead];
    let target = lead;
    if (spec.object === 'Contact' || spec.object === 'Account') {
        const account = badAccount(org);
        created.push(account);
        target = account;
        if (spec.object === 'Contact') {
            target = org.writer.contact(account, `c${org.next()}@bad.example`);
            created.push(target);
        }
    } else if (spec.object === 'Engagement_Signal__c') {
        target = org.writer.signal(lead, 'Web Visit', 1);
        created.push(target);
    }
    writeText(org, spec.object, target, NUMBER_TARGETS[spec.object], spec.text);
    return { created, skipped: [skip(spec.object, target, 'read', /expected a number/)] };
}

function writeText(org: BadOrg, object: string, id: string, field: string, text: string): void {
    // See `writeColumns`: the API rejects this value on insert, as Salesforce does.
    org.writer.writeRaw(object, id, { [field]: text });
}

function dateWithoutZone(
    org: BadOrg,
    spec: Extract<BadSpec, { kind: 'date-without-zone' }>
): Inserted {
    const owner = badUser(org);
    const target = spec.object === 'Lead' ? badLead(org, owner) : badAccount(org);
    writeText(org, spec.object, target, DATETIME_TARGETS[spec.object], spec.text);
    return {
        created: [owner, target],
        skipped: [skip(spec.object, target, 'read', /expected a datetime/)]
    };
}

function malformedId(org: BadOrg, spec: Extract<BadSpec, { kind: 'malformed-id' }>): Inserted {
    const owner = badUser(org);
    const lead = badLead(org, owner);
    writeText(org, 'Lead', lead, 'Matched_Account__c', spec.text);
    return { created: [owner, lead], skipped: [skip('Lead', lead, 'read', /record Id/)] };
}

function signalWithoutSubject(org: BadOrg): Inserted {
    const signal = org.writer.insert(
        'Engagement_Signal__c',
        {
            Type__c: 'Web Visit',
            Occurred_At__c: hoursBefore(org.writer.now, 1).toISOString(),
            External_Id__c: `bad-signal-${org.next()}`
        },
        1
    );
    return {
        created: [signal],
        skipped: [skip('Engagement_Signal__c', signal, 'evaluation', /names no lead/)]
    };
}

function signalWeight(org: BadOrg, spec: Extract<BadSpec, { kind: 'signal-weight' }>): Inserted {
    const owner = badUser(org);
    const lead = badLead(org, owner, { LeadSource: 'Web' });
    const plain = org.writer.signal(lead, 'Web Visit', 1, { Weight__c: 40 });
    const odd = org.writer.signal(lead, 'Demo Request', 1, { Weight__c: spec.weight });
    const skipped =
        spec.weight < 0
            ? [skip('Engagement_Signal__c', odd, 'evaluation', /Weight__c .* is negative/)]
            : [];
    return { created: [owner, lead, plain, odd], skipped };
}

function clockWithoutKey(org: BadOrg): Inserted {
    const owner = badUser(org);
    const lead = badLead(org, owner);
    const clock = org.writer.insert('SLA_Clock__c', {
        Type__c: 'Response',
        Status__c: 'Open',
        Lead__c: lead,
        Responsible_User__c: owner,
        Started_At__c: hoursBefore(org.writer.now, 2).toISOString(),
        Due_At__c: hoursBefore(org.writer.now, 1).toISOString()
    });
    return {
        created: [owner, lead, clock],
        skipped: [skip('SLA_Clock__c', clock, 'evaluation', /no Clock_Key__c/)]
    };
}

function rejectedWithoutReason(org: BadOrg): Inserted {
    const owner = badUser(org);
    const lead = badLead(org, owner, { Status: 'Rejected', Rejection_Reason__c: 'No Budget' });
    // The org's validation rule forbids a rejected lead without a reason; older data has them.
    org.writer.writeRaw('Lead', lead, { Rejection_Reason__c: null });
    return {
        created: [owner, lead],
        skipped: [skip('Lead', lead, 'evaluation', /Rejection_Reason__c is empty/)]
    };
}

/** Returns the 15-character form of an Id, as copied from the Salesforce UI. */
function shortId(id: string): string {
    return id.slice(0, 15);
}

function id15(org: BadOrg): Inserted {
    const owner = badUser(org);
    const account = badAccount(org);
    const contact = org.writer.contact(account, `c${org.next()}@bad.example`);
    org.writer.signal(contact, 'Content Download', 1);
    const lead = badLead(org, owner);
    org.writer.writeRaw('Contact', contact, { AccountId: shortId(account) });
    org.writer.writeRaw('Lead', lead, { OwnerId: shortId(owner) });
    return { created: [owner, account, contact, lead], skipped: [] };
}

function email(org: BadOrg, spec: Extract<BadSpec, { kind: 'email' }>): Inserted {
    const owner = badUser(org);
    const lead = badLead(org, owner);
    // The API rejects an address without a domain; imports and old data have them.
    org.writer.writeRaw('Lead', lead, { Email: spec.email });
    const domain = spec.email.split('@')[1] ?? '';
    const created = [owner, lead];
    if (domain.includes('.')) {
        // An account someone made for the free-mail domain must not collect its leads.
        created.push(org.writer.account(`Mail ${org.next()}`, `https://${domain}`));
    }
    return { created, skipped: [] };
}

function unknownPicklist(
    org: BadOrg,
    spec: Extract<BadSpec, { kind: 'unknown-picklist' }>
): Inserted {
    const owner = badUser(org);
    const lead = badLead(org, owner, { LeadSource: spec.value, Status: spec.value });
    const signal = org.writer.signal(lead, 'Web Visit', 1);
    // A clock of a type the engine does not know, naming no record, long past its due time.
    const clock = org.writer.insert('SLA_Clock__c', {
        Clock_Key__c: `Legacy:${owner}`,
        Type__c: 'Response',
        Status__c: 'Open',
        Responsible_User__c: owner,
        Started_At__c: hoursBefore(org.writer.now, 30).toISOString(),
        Due_At__c: hoursBefore(org.writer.now, 20).toISOString()
    });
    // Restricted picklists reject unknown values on insert; deactivated values stay on old records.
    org.writer.writeRaw('Lead', lead, { Lifecycle_Stage__c: spec.value });
    org.writer.writeRaw('Engagement_Signal__c', signal, { Type__c: spec.value });
    org.writer.writeRaw('User', owner, { SLA_Team__c: spec.value });
    org.writer.writeRaw('SLA_Clock__c', clock, { Type__c: spec.value });
    return { created: [owner, lead, signal, clock], skipped: [] };
}

function farDates(org: BadOrg, spec: Extract<BadSpec, { kind: 'far-dates' }>): Inserted {
    const owner = badUser(org);
    const lead = badLead(org, owner, { LeadSource: 'Web' });
    const at = `${spec.year}-06-15T12:00:00.000Z`;
    const signal = org.writer.insert(
        'Engagement_Signal__c',
        {
            Lead__c: lead,
            Type__c: 'Demo Request',
            Occurred_At__c: at,
            External_Id__c: `far-${org.next()}`
        },
        1
    );
    const account = badAccount(org, { CreatedDate: at });
    const clock = org.writer.insert('SLA_Clock__c', {
        Clock_Key__c: `Far:${lead}:${spec.year}`,
        Type__c: 'Response',
        Status__c: 'Open',
        Lead__c: lead,
        Responsible_User__c: owner,
        Started_At__c: at,
        Due_At__c: at
    });
    return { created: [owner, lead, signal, account, clock], skipped: [] };
}

function owner(org: BadOrg, spec: Extract<BadSpec, { kind: 'owner' }>): Inserted {
    const manager = badUser(org);
    const user = badUser(org, manager);
    const queue = org.writer.queueId('Marketing_Nurture');
    const lead = badLead(org, spec.owner === 'queue' ? queue : user);
    if (spec.owner === 'inactive-user') {
        org.writer.update('User', user, { IsActive: false });
    }
    return { created: [manager, user, lead], skipped: [] };
}

function manager(org: BadOrg, spec: Extract<BadSpec, { kind: 'manager' }>): Inserted {
    const rep = badUser(org);
    const created = [rep];
    if (spec.manager === 'self') {
        org.writer.writeRaw('User', rep, { ManagerId: rep });
    } else if (spec.manager === 'missing') {
        // A well-formed Id of a user the worker cannot read, such as one skipped as invalid.
        const body = `${rep.slice(0, 6)}zzzzzz${rep.slice(12, 15)}`;
        org.writer.writeRaw('User', rep, { ManagerId: body + caseSafeSuffix(body) });
    } else if (spec.manager === 'circular') {
        const boss = badUser(org, rep);
        org.writer.writeRaw('User', rep, { ManagerId: boss });
        created.push(boss);
    } else {
        const boss = badUser(org);
        org.writer.update('User', rep, { ManagerId: boss });
        org.writer.update('User', boss, { IsActive: false });
        created.push(boss);
    }
    // Three missed clocks in one quarter reach every escalation level: reminder, manager, reassignment.
    for (let count = 0; count < 3; count += 1) {
        created.push(badLead(org, rep));
    }
    return { created, skipped: [] };
}

function nulls(org: BadOrg): Inserted {
    const owner = badUser(org);
    const lead = badLead(org, owner, { LeadSource: null });
    org.writer.writeRaw('Lead', lead, { Email: null, Company: null, LastName: null });
    const account = badAccount(org);
    org.writer.writeRaw('Account', account, { Name: null, Website: null, OwnerId: null });
    const contact = org.writer.contact(null, null);
    return { created: [owner, lead, account, contact], skipped: [] };
}

function betweenCycles(org: BadOrg, spec: Extract<BadSpec, { kind: 'between-cycles' }>): Inserted {
    const owner = badUser(org);
    const winner = badLead(org, owner);
    const loser = org.writer.lead(
        `dup${org.next()}@bad-dup.example`,
        { LeadSource: 'Demo Request', OwnerId: owner },
        1
    );
    const created = [owner, winner, loser];
    if (spec.change === 'invalidate') {
        // An edit after the first cycle leaves a value the worker cannot read.
        const invalidate = (): void => {
            org.writer.update('Lead', winner, { Company: 'Renamed Co' });
            writeText(org, 'Lead', winner, 'Intent_Score__c', 'high');
        };
        const skipped = [skip('Lead', winner, 'read', /expected a number/, 1)];
        return { created, skipped, betweenCycles: invalidate };
    }
    const change = (): void => {
        if (spec.change === 'convert') {
            const result = org.writer.testOrg.org.store.convertLead(
                winner,
                { createOpportunity: false },
                { userId: org.writer.testOrg.adminId }
            );
            created.push(result.accountId, result.contactId);
        } else if (spec.change === 'merge') {
            org.writer.merge(winner, loser);
        } else {
            org.writer.testOrg.org.store.delete('Lead', loser, {
                userId: org.writer.testOrg.adminId
            });
        }
    };
    return { created, skipped: [], betweenCycles: change };
}

/**
 * Creates an account with `people` contacts. Most are anonymous (no email, no signal)
 * and already hold the values the engine would write, so the cycle writes little. One
 * in a hundred is active. A lead of the account's domain arrives between the cycles.
 */
function bigAccount(org: BadOrg, people: number): Inserted {
    const owner = badUser(org);
    const n = org.next();
    const account = org.writer.account(`Big ${n}`, `https://big${n}.example`);
    const created = [owner, account];
    org.writer.testOrg.org.store.transaction(() => {
        for (let index = 0; index < people; index += 1) {
            const active = index % 100 === 0;
            const contact = org.writer.contact(
                account,
                active ? `p${index}@big${n}.example` : null,
                {
                    OwnerId: owner,
                    Intent_Score__c: 0,
                    Engagement_Count__c: 0,
                    Lifecycle_Stage__c: 'Anonymous'
                }
            );
            created.push(contact);
            if (active) {
                created.push(org.writer.signal(contact, 'Content Download', 3));
            }
        }
    });
    const newLead = (): void => {
        created.push(
            org.writer.lead(`new@big${n}.example`, { LeadSource: 'Web', OwnerId: owner }, 0)
        );
    };
    return { created, skipped: [], betweenCycles: newLead };
}

/** A bad spec or an account of many people, which is too slow for every property run. */
export type BadOrBigSpec = BadSpec | { readonly kind: 'big-account'; readonly people: number };

/** Inserts the records of one bad spec. */
export function insertBad(org: BadOrg, spec: BadOrBigSpec): Inserted {
    switch (spec.kind) {
        case 'big-account':
            return bigAccount(org, spec.people);
        case 'text-in-number':
            return textInNumber(org, spec);
        case 'date-without-zone':
            return dateWithoutZone(org, spec);
        case 'malformed-id':
            return malformedId(org, spec);
        case 'signal-without-subject':
            return signalWithoutSubject(org);
        case 'signal-weight':
            return signalWeight(org, spec);
        case 'clock-without-key':
            return clockWithoutKey(org);
        case 'rejected-without-reason':
            return rejectedWithoutReason(org);
        case 'id-15':
            return id15(org);
        case 'email':
            return email(org, spec);
        case 'unknown-picklist':
            return unknownPicklist(org, spec);
        case 'far-dates':
            return farDates(org, spec);
        case 'owner':
            return owner(org, spec);
        case 'manager':
            return manager(org, spec);
        case 'nulls':
            return nulls(org);
        case 'between-cycles':
            return betweenCycles(org, spec);
    }
}
