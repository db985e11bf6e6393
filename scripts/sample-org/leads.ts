/**
 * Leads: company addresses that match an account's domain, unrelated companies,
 * free-mail addresses (some with a matching website), LinkedIn-only and anonymous
 * visitors, duplicates, and a set of boundary leads for the routing thresholds. Every
 * lead source of the default policy's source tiers appears.
 */
import { DEFAULT_POLICY } from '../../sync-worker/src/config/policy-schema';
import type { AccountPlan, AccountTier } from './accounts';
import { refOf } from './builder';
import { uniqueEmail } from './contacts';
import {
    CITIES,
    emailLocalPart,
    linkedInUrl,
    personName,
    websiteVariant,
    type CompanyName
} from './names';
import { planSignals, type ActivityPlan, type LeadCategory, type PersonDraft } from './people';
import type { Profile } from './profiles';
import { WeightedTable, type Random, type WeightedEntry } from './random';
import { DAY_MS, MINUTE_MS, type PlannedSignal, type SignalType } from './scoring';
import { NURTURE_QUEUE_REF, type RecordRef, type SampleFields } from './types';
import type { Staff } from './users';

export interface LeadContext {
    readonly random: Random;
    readonly nowMs: number;
    readonly staff: Staff;
    readonly accounts: readonly AccountPlan[];
    /** Companies that are not accounts, for leads whose domain matches nothing. */
    readonly companies: readonly CompanyName[];
    readonly contacts: readonly PersonDraft[];
    readonly emails: Set<string>;
}

interface LeadScenario {
    readonly plan: ActivityPlan;
    readonly source: string;
    readonly external?: number;
    readonly approved?: boolean;
    readonly linkedInOnly?: boolean;
}

/**
 * Leads on the routing boundaries. Intent and external score sit at 70 (not above) and
 * 71, engagement at 5 (not above) and 6. Outbound and purchased sources make the SDR
 * window 48 hours, and a forced-Sales source goes to Sales despite low intent. One hot
 * lead has only a LinkedIn URL, and two leads carry the Sales approval that lets them
 * through a marketing probation.
 */
const LEAD_SCENARIOS: readonly LeadScenario[] = [
    { plan: { exactIntent: 70 }, source: 'Web' },
    { plan: { exactIntent: 71 }, source: 'Web' },
    { plan: 'light', source: 'Webinar', external: 70 },
    { plan: 'light', source: 'Webinar', external: 71 },
    { plan: { exactEngagement: 5 }, source: 'Content Download' },
    { plan: { exactEngagement: 6 }, source: 'Content Download' },
    { plan: { exactEngagement: 6 }, source: 'Cold Call' },
    { plan: { exactEngagement: 6 }, source: 'Purchased List' },
    { plan: 'light', source: 'Pricing Page' },
    { plan: 'hot', source: 'Partner Referral', linkedInOnly: true },
    { plan: 'hot', source: 'Web', approved: true },
    { plan: 'sdr', source: 'Website', approved: true }
];

const CATEGORIES: readonly WeightedEntry<LeadCategory>[] = [
    ['account', 28],
    ['corporate', 40],
    ['freemail', 13],
    ['freemail-website', 2],
    ['linkedin', 8],
    ['anonymous', 6],
    ['duplicate', 3]
];

const GENERAL_PROFILES: readonly WeightedEntry<Profile>[] = [
    ['none', 20],
    ['dormant', 32],
    ['light', 25],
    ['sdr', 7],
    ['engaged', 9],
    ['warm', 5],
    ['hot', 2]
];

const PROFILES_BY_TIER: Readonly<Record<AccountTier, readonly WeightedEntry<Profile>[]>> = {
    hot: [
        ['hot', 20],
        ['warm', 25],
        ['engaged', 20],
        ['light', 20],
        ['dormant', 15]
    ],
    warm: [
        ['warm', 15],
        ['engaged', 20],
        ['light', 30],
        ['dormant', 35]
    ],
    single: GENERAL_PROFILES,
    cold: GENERAL_PROFILES
};

const MATCH_WEIGHT: Readonly<Record<AccountTier, number>> = { hot: 6, warm: 3, single: 1, cold: 1 };

/** Relative frequency of a source by its tier; every source still appears at least once. */
const TIER_FREQUENCY: Readonly<Record<string, number>> = {
    Inbound: 10,
    'Inbound High Intent': 3,
    Outbound: 4,
    'Purchased List': 3
};

/** The signal an inbound lead source implies at the moment the lead came in. */
const SOURCE_SIGNAL: Readonly<Record<string, SignalType>> = {
    'Demo Request': 'Demo Request',
    'Contact Sales': 'Meeting Request',
    'Pricing Page': 'Web Visit',
    Webinar: 'Webinar Attended',
    'Content Download': 'Content Download',
    Web: 'Web Visit',
    Website: 'Web Visit',
    'Online Form': 'Content Download',
    'Trade Show': 'Webinar Attended'
};

const OUTBOUND_SOURCES = new Set(['Cold Call', 'Outbound Prospecting', 'Sales Generated']);
const LIST_SOURCES = new Set(['Purchased List', 'List Import']);

/** The most common free-mail providers of the default policy's list. */
const FREE_MAIL = DEFAULT_POLICY.freeMailDomains.slice(0, 12);

function sourceEntries(): WeightedEntry<string>[] {
    return DEFAULT_POLICY.sourceTiers.map((tier) => [
        tier.leadSource,
        TIER_FREQUENCY[tier.tier] ?? 1
    ]);
}

function ownerFor(source: string, context: LeadContext): RecordRef {
    const { random, staff } = context;
    if (OUTBOUND_SOURCES.has(source)) {
        return random.pick(staff.sdrReps).ref;
    }
    if (LIST_SOURCES.has(source) || random.chance(0.25)) {
        return random.pick(staff.marketing).ref;
    }
    return NURTURE_QUEUE_REF;
}

/** Adds the signal of the lead's own source just before its first signal, when the source implies one. */
function withSourceSignal(
    signals: PlannedSignal[],
    source: string,
    context: LeadContext
): PlannedSignal[] {
    const type = SOURCE_SIGNAL[source];
    if (type === undefined) {
        return signals;
    }
    const first = signals.reduce(
        (min, signal) => Math.min(min, signal.atMs),
        Number.POSITIVE_INFINITY
    );
    const atMs = Number.isFinite(first)
        ? first - context.random.int(1, 60) * MINUTE_MS
        : context.nowMs - context.random.float(0.2, 110) * DAY_MS;
    return [{ type, atMs: Math.round(atMs), weight: null }, ...signals];
}

/** Lookups built once per run: accounts a lead may match, and contacts a duplicate may copy. */
interface LeadTables {
    readonly matches: WeightedTable<AccountPlan>;
    readonly duplicateSources: readonly PersonDraft[];
}

/** Accounts a lead's domain may match, weighted by tier; scenario accounts keep their designed committees. */
function leadTables(context: LeadContext): LeadTables {
    const candidates = context.accounts.filter((account) => account.scenario === null);
    return {
        matches: new WeightedTable(
            candidates.map((account) => [account, MATCH_WEIGHT[account.tier]] as const)
        ),
        duplicateSources: context.contacts.filter((contact) => !contact.claimed)
    };
}

interface Identity {
    readonly fields: SampleFields;
    readonly accountIndex: number | null;
    readonly profiles: readonly WeightedEntry<Profile>[];
}

function identityFor(category: LeadCategory, context: LeadContext, tables: LeadTables): Identity {
    const { random, emails } = context;
    const name = personName(random);
    const company = random.pick(context.companies);
    const base = {
        FirstName: name.first,
        LastName: name.last,
        Company: company.name,
        Industry: company.industry
    };
    switch (category) {
        case 'account': {
            const account = tables.matches.pick(random);
            const email = uniqueEmail(emailLocalPart(random, name), account.domain, emails);
            const fields = {
                ...base,
                Company: account.company.name,
                Industry: account.company.industry,
                Email: email
            };
            return {
                fields,
                accountIndex: account.index,
                profiles: PROFILES_BY_TIER[account.tier]
            };
        }
        case 'corporate': {
            const email = uniqueEmail(
                emailLocalPart(random, name),
                `${company.stem}.example`,
                emails
            );
            const website = random.chance(0.3)
                ? websiteVariant(random, `${company.stem}.example`)
                : null;
            return {
                fields: { ...base, Email: email, Website: website },
                accountIndex: null,
                profiles: GENERAL_PROFILES
            };
        }
        case 'freemail':
        case 'freemail-website': {
            const local = `${emailLocalPart(random, name)}${random.int(1, 99)}`;
            const email = uniqueEmail(local, random.pick(FREE_MAIL), emails);
            if (category === 'freemail') {
                return {
                    fields: { ...base, Email: email },
                    accountIndex: null,
                    profiles: GENERAL_PROFILES
                };
            }
            const account = tables.matches.pick(random);
            const fields = {
                ...base,
                Company: account.company.name,
                Email: email,
                Website: websiteVariant(random, account.domain)
            };
            return {
                fields,
                accountIndex: account.index,
                profiles: PROFILES_BY_TIER[account.tier]
            };
        }
        case 'linkedin':
            return {
                fields: { ...base, LinkedIn_URL__c: linkedInUrl(random, name) },
                accountIndex: null,
                profiles: GENERAL_PROFILES
            };
        case 'anonymous':
            return {
                fields: {
                    FirstName: null,
                    LastName: `Visitor ${random.hex(6)}`,
                    Company: '[not provided]'
                },
                accountIndex: null,
                profiles: [
                    ['light', 1],
                    ['dormant', 1]
                ]
            };
        case 'duplicate':
            return duplicateIdentity(context, tables);
    }
}

/** Copies an earlier person's name and e-mail with different letter case: the duplicate a second form fill makes. */
function duplicateIdentity(context: LeadContext, tables: LeadTables): Identity {
    const { random } = context;
    const original = random.pick(tables.duplicateSources);
    const email =
        typeof original.fields.Email === 'string'
            ? original.fields.Email
            : 'unknown@invalid.example';
    const fields: SampleFields = {
        FirstName: original.fields.FirstName ?? null,
        LastName: original.fields.LastName ?? 'Unknown',
        Company: context.accounts[original.accountIndex ?? 0]?.company.name ?? 'Unknown',
        Email: email.charAt(0).toUpperCase() + email.slice(1)
    };
    return {
        fields,
        accountIndex: original.accountIndex,
        profiles: [
            ['light', 1],
            ['none', 1]
        ]
    };
}

const LEAD_TITLES = [
    'Director of Operations',
    'VP of Sales',
    'RevOps Manager',
    'Head of Growth',
    'Sales Manager'
];

/** Inputs of one lead: where its identity comes from, its source, and the fixed activity plan of a boundary lead. */
interface LeadSpec {
    readonly category: LeadCategory;
    readonly source: string;
    readonly plan?: ActivityPlan;
}

function leadDraft(
    index: number,
    spec: LeadSpec,
    context: LeadContext,
    tables: LeadTables
): PersonDraft {
    const { random, nowMs } = context;
    const identity = identityFor(spec.category, context, tables);
    const chosen = spec.plan ?? random.weighted(identity.profiles);
    const planned = planSignals(chosen, nowMs, random);
    // Boundary leads keep exactly their planned signals.
    const signals =
        spec.plan === undefined ? withSourceSignal(planned, spec.source, context) : planned;
    const [city, state] = random.pick(CITIES);
    const identified =
        typeof identity.fields.Email === 'string' ||
        typeof identity.fields.LinkedIn_URL__c === 'string';
    return {
        objectName: 'Lead',
        ref: refOf('Lead', index),
        category: spec.category,
        accountIndex: identity.accountIndex,
        identified,
        claimed: spec.plan !== undefined,
        signals,
        fields: {
            ...identity.fields,
            Title: spec.category === 'anonymous' ? null : random.pick(LEAD_TITLES),
            LeadSource: spec.source,
            Status: 'Open - Not Contacted',
            OwnerId: ownerFor(spec.source, context),
            City: city,
            State: state,
            Country: 'United States'
        }
    };
}

/** Builds the lead drafts: the boundary leads first, then one of each lead source, then the rest by weight. */
export function generateLeads(context: LeadContext, count: number): PersonDraft[] {
    const tables = leadTables(context);
    const drafts: PersonDraft[] = [];
    for (const scenario of LEAD_SCENARIOS) {
        const category: LeadCategory = scenario.linkedInOnly === true ? 'linkedin' : 'corporate';
        const spec = { category, source: scenario.source, plan: scenario.plan };
        const draft = leadDraft(drafts.length, spec, context, tables);
        draft.fields.External_Intent_Score__c = scenario.external ?? null;
        draft.fields.Handoff_Approved__c = scenario.approved === true;
        drafts.push(draft);
    }
    const sources = DEFAULT_POLICY.sourceTiers.map((tier) => tier.leadSource);
    const sourceTable = new WeightedTable(sourceEntries());
    const categoryTable = new WeightedTable(CATEGORIES);
    for (let regular = 0; drafts.length < count; regular += 1) {
        const source = sources[regular] ?? sourceTable.pick(context.random);
        const spec = { category: categoryTable.pick(context.random), source };
        const draft = leadDraft(drafts.length, spec, context, tables);
        if (draft.category !== 'anonymous' && context.random.chance(0.05)) {
            draft.fields.External_Intent_Score__c = context.random.int(5, 95);
        }
        drafts.push(draft);
    }
    return drafts;
}
