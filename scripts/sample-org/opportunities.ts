/**
 * Opportunities. Deals closed over the last year give the average buying cycle from
 * creation to close, about six months, which is under the 14-month long-cycle line.
 * Open deals on hot and warm accounts have MEDDPICC partly filled in, and some have the
 * budget confirmed, an NDA signed or a demo scheduled.
 */
import { DateTime } from 'luxon';
import type { AccountPlan } from './accounts';
import type { RecordBuilder } from './builder';
import type { PersonDraft } from './people';
import type { Random } from './random';
import { DAY_MS } from './scoring';
import { ORG_TIME_ZONE } from './setup';
import type { RecordRef, SampleFields } from './types';

const PRODUCTS = ['Platform', 'Growth Plan', 'Enterprise Suite', 'Analytics Add-on', 'Renewal'];
const OPEN_STAGES = [
    'Qualification',
    'Needs Analysis',
    'Value Proposition',
    'Id. Decision Makers',
    'Proposal/Price Quote',
    'Negotiation/Review'
];

/** MEDDPICC text fields with an example answer each; a deal fills some of them. */
const MEDDPICC_TEXT: readonly (readonly [field: string, text: string])[] = [
    [
        'Metrics__c',
        'Cut lead response time from two days to under four hours; lift meeting rate by 15%.'
    ],
    [
        'Decision_Criteria__c',
        'Native Salesforce data, business-hours SLAs, audit trail for every reassignment.'
    ],
    ['Decision_Process__c', 'RevOps evaluation, then a sales leadership review, then procurement.'],
    ['Paper_Process__c', 'Security questionnaire, MSA redlines by legal, signature by the CFO.'],
    [
        'Identified_Pain__c',
        'Inbound demo requests wait days for a first call and half are never followed up.'
    ],
    ['Competition__c', 'Spreadsheet tracking and a home-grown assignment flow.']
];

function localDate(ms: number): string {
    return DateTime.fromMillis(ms, { zone: ORG_TIME_ZONE }).toISODate() ?? '';
}

function meddpicc(random: Random, share: number): SampleFields {
    const fields: SampleFields = {};
    for (const [field, text] of MEDDPICC_TEXT) {
        fields[field] = random.chance(share) ? text : null;
    }
    return fields;
}

function dealName(account: AccountPlan, random: Random): string {
    return `${account.company.name} - ${random.pick(PRODUCTS)}`.slice(0, 120);
}

/** Closed deals over the last 365 days: created 45 to 300 days before their close. */
function closedDeal(account: AccountPlan, random: Random, nowMs: number): SampleFields {
    const closeMs = nowMs - random.float(5, 360) * DAY_MS;
    const createdMs = Math.max(account.createdMs, closeMs - random.float(45, 300) * DAY_MS);
    const won = random.chance(0.4);
    return {
        Name: dealName(account, random),
        AccountId: account.ref,
        OwnerId: account.owner.ref,
        StageName: won ? 'Closed Won' : 'Closed Lost',
        CloseDate: localDate(closeMs),
        Amount: random.int(12, 240) * 1000,
        Type: 'New Customer',
        ...meddpicc(random, won ? 0.8 : 0.4),
        Budget_Confirmed__c: won,
        NDA_Signed__c: won,
        CreatedDate: new Date(createdMs).toISOString(),
        LastModifiedDate: new Date(closeMs).toISOString()
    };
}

/** Role holders of an account's contacts, for the Economic Buyer and Champion lookups. */
function roleHolder(contacts: readonly PersonDraft[], role: string): RecordRef | null {
    return contacts.find((contact) => contact.fields.Committee_Role__c === role)?.ref ?? null;
}

function openDeal(
    account: AccountPlan,
    contacts: readonly PersonDraft[],
    random: Random,
    nowMs: number
): SampleFields {
    const createdMs = nowMs - random.float(5, 90) * DAY_MS;
    const scenario = account.scenario;
    const demoMs =
        scenario === 'active-opportunity'
            ? nowMs + 3 * DAY_MS
            : nowMs + random.float(-10, 14) * DAY_MS;
    const withDemo = scenario === 'active-opportunity' || (scenario === null && random.chance(0.2));
    const ndaSigned =
        scenario === 'active-opportunity' ||
        scenario === 'demo-event-opportunity' ||
        random.chance(0.25);
    return {
        Name: dealName(account, random),
        AccountId: account.ref,
        OwnerId: account.owner.ref,
        StageName: random.pick(OPEN_STAGES),
        CloseDate: localDate(nowMs + random.float(20, 150) * DAY_MS),
        Amount: random.int(20, 300) * 1000,
        Type: 'New Customer',
        ...meddpicc(random, 0.5),
        Economic_Buyer__c: random.chance(0.6) ? roleHolder(contacts, 'Economic Buyer') : null,
        Champion__c: random.chance(0.7) ? roleHolder(contacts, 'Champion') : null,
        Budget_Confirmed__c: random.chance(0.3),
        NDA_Signed__c: ndaSigned,
        Demo_Scheduled_At__c: withDemo ? new Date(Math.round(demoMs)).toISOString() : null,
        CreatedDate: new Date(Math.max(account.createdMs, createdMs)).toISOString(),
        LastModifiedDate: new Date(nowMs - random.float(0.1, 4) * DAY_MS).toISOString()
    };
}

function wantsOpenDeal(account: AccountPlan, random: Random): boolean {
    if (account.scenario !== null) {
        return (
            account.scenario === 'active-opportunity' ||
            account.scenario === 'demo-event-opportunity'
        );
    }
    return (
        (account.tier === 'hot' && random.chance(0.6)) ||
        (account.tier === 'warm' && random.chance(0.25))
    );
}

/** Writes closed deals (one for about a fifth of the accounts) and open deals. */
export function generateOpportunities(
    builder: RecordBuilder,
    random: Random,
    accounts: readonly AccountPlan[],
    contactsByAccount: ReadonlyMap<number, readonly PersonDraft[]>,
    nowMs: number
): void {
    const closed = Math.max(5, Math.round(accounts.length / 5));
    const eligible = accounts.filter((account) => account.scenario === null);
    for (let index = 0; index < closed; index += 1) {
        builder.add('Opportunity', closedDeal(random.pick(eligible), random, nowMs));
    }
    for (const account of accounts) {
        if (wantsOpenDeal(account, random)) {
            builder.add(
                'Opportunity',
                openDeal(account, contactsByAccount.get(account.index) ?? [], random, nowMs)
            );
        }
    }
}
