/**
 * Contacts of each account, with committee roles and activity by account tier. Scenario
 * accounts get fixed activity plans so their committees sit exactly on the thresholds.
 */
import type { AccountPlan, AccountScenario, AccountTier } from './accounts';
import { refOf } from './builder';
import { emailLocalPart, linkedInUrl, personName } from './names';
import { planSignals, type ActivityPlan, type PersonDraft } from './people';
import type { Profile } from './profiles';
import type { Random, WeightedEntry } from './random';

const SCENARIO_PLANS: Readonly<Record<AccountScenario, readonly ActivityPlan[]>> = {
    'committee-at-70': [
        { exactIntent: 72 },
        { exactIntent: 70 },
        { exactIntent: 68 },
        'none',
        'dormant'
    ],
    'committee-at-69': [
        { exactIntent: 71 },
        { exactIntent: 69 },
        { exactIntent: 67 },
        'dormant',
        'none'
    ],
    'committee-of-4': ['light', 'light', 'engaged', 'light', 'dormant'],
    'committee-of-3': ['light', 'light', 'engaged', 'dormant', 'none'],
    'sales-owned-new-member': ['hot', 'hot', 'hot', 'newcomer', 'dormant'],
    'active-opportunity': ['hot', 'hot', 'warm', 'engaged', 'dormant'],
    'demo-event-opportunity': ['hot', 'hot', 'warm', 'engaged', 'dormant'],
    'qualified-budget': ['hot', 'hot', 'hot', 'light', 'none'],
    exploratory: ['light', 'dormant', 'dormant', 'none', 'none'],
    'first-touch-overdue': ['first-touch-20', 'none', 'none', 'none', 'none'],
    'domain-tie-big': ['warm', 'light', 'dormant', 'dormant', 'none', 'none'],
    'domain-tie-small': ['light', 'none']
};

/** Activity of the first (core) people of an account by tier; the rest are background. */
const CORE_PLANS: Readonly<Record<AccountTier, readonly Profile[]>> = {
    hot: ['hot', 'hot', 'hot', 'warm'],
    warm: ['warm', 'engaged'],
    single: ['light'],
    cold: []
};

const BACKGROUND: readonly WeightedEntry<Profile>[] = [
    ['none', 45],
    ['dormant', 40],
    ['light', 10],
    ['engaged', 5]
];

const ROLES: readonly (readonly [role: string, titles: readonly string[]])[] = [
    ['Champion', ['Director of Revenue Operations', 'Head of Sales Operations']],
    ['Economic Buyer', ['Chief Financial Officer', 'VP of Finance']],
    ['Decision Maker', ['Chief Revenue Officer', 'VP of Sales']],
    ['Technical Evaluator', ['Solutions Architect', 'Director of IT']],
    ['Influencer', ['Marketing Operations Manager', 'Sales Enablement Lead']],
    ['User', ['Account Executive', 'Customer Success Manager']],
    ['Blocker', ['Procurement Manager', 'Security Officer']]
];

function activityPlan(account: AccountPlan, position: number, random: Random): ActivityPlan {
    if (account.scenario !== null) {
        return SCENARIO_PLANS[account.scenario][position] ?? 'none';
    }
    return CORE_PLANS[account.tier][position] ?? random.weighted(BACKGROUND);
}

/** Returns a company address that no other person of the sample org has. */
export function uniqueEmail(local: string, domain: string, taken: Set<string>): string {
    let candidate = `${local}@${domain}`;
    for (let suffix = 2; taken.has(candidate.toLowerCase()); suffix += 1) {
        candidate = `${local}${suffix}@${domain}`;
    }
    taken.add(candidate.toLowerCase());
    return candidate;
}

function contactDraft(
    account: AccountPlan,
    position: number,
    index: number,
    context: { random: Random; nowMs: number; emails: Set<string> }
): PersonDraft {
    const { random, nowMs } = context;
    const name = personName(random);
    const [role, titles] = ROLES[position % ROLES.length] ?? ['User', ['Analyst']];
    const plan = activityPlan(account, position, random);
    return {
        objectName: 'Contact',
        ref: refOf('Contact', index),
        category: 'account',
        accountIndex: account.index,
        identified: true,
        claimed: account.scenario !== null,
        signals: planSignals(plan, nowMs, random),
        fields: {
            FirstName: name.first,
            LastName: name.last,
            Title: random.pick(titles),
            Email: uniqueEmail(emailLocalPart(random, name), account.domain, context.emails),
            Phone: `+1 555 02${String(random.int(0, 99)).padStart(2, '0')}`,
            AccountId: account.ref,
            OwnerId: account.owner.ref,
            Committee_Role__c: position < ROLES.length ? role : null,
            LinkedIn_URL__c: random.chance(0.4) ? linkedInUrl(random, name) : null,
            External_Intent_Score__c:
                account.scenario === null && random.chance(0.04) ? random.int(10, 95) : null,
            LeadSource: random.chance(0.5)
                ? random.pick(['Web', 'Trade Show', 'Partner Referral'])
                : null
        }
    };
}

/** Builds the contact drafts of every account, in account order. */
export function generateContacts(
    accounts: readonly AccountPlan[],
    random: Random,
    nowMs: number,
    emails: Set<string>
): PersonDraft[] {
    const drafts: PersonDraft[] = [];
    for (const account of accounts) {
        for (let position = 0; position < account.contactCount; position += 1) {
            drafts.push(contactDraft(account, position, drafts.length, { random, nowMs, emails }));
        }
    }
    return drafts;
}
