/**
 * Accounts (the buying committees). Most get a tier that decides how active their
 * people are. The first ones are scenario accounts built to sit exactly on a rule's
 * boundary. No lead matches them, so their committees stay as designed.
 */
import { refOf, type RecordBuilder } from './builder';
import { CITIES, uniqueCompany, websiteVariant, type CompanyName } from './names';
import type { Random } from './random';
import { DAY_MS } from './scoring';
import type { Staff, StaffMember } from './users';
import type { RecordRef, SampleFields } from './types';

export type AccountTier = 'hot' | 'warm' | 'single' | 'cold';

/**
 * Accounts built for one rule each:
 * - `committee-at-70` / `committee-at-69`: three active people whose top-three mean is
 *   exactly 70 (hand-off) or 69 (none);
 * - `committee-of-4` / `committee-of-3`: low-intent committees just above and at the
 *   routing size threshold of 3;
 * - `sales-owned-new-member`: handed to Sales earlier, with a person active for the first time;
 * - `active-opportunity`, `demo-event-opportunity`: open opportunity with an NDA and a demo
 *   date, or a Demo event instead of the date;
 * - `qualified-budget`: committee above 70 with the budget confirmed on the account;
 * - `exploratory`: exactly one active person and a recent Sales activity;
 * - `first-touch-overdue`: first touched 20 days ago and still one active person;
 * - `domain-tie-*`: two accounts on one website domain, for the tie-break by contact count.
 */
export const ACCOUNT_SCENARIOS = [
    'committee-at-70',
    'committee-at-69',
    'committee-of-4',
    'committee-of-3',
    'sales-owned-new-member',
    'active-opportunity',
    'demo-event-opportunity',
    'qualified-budget',
    'exploratory',
    'first-touch-overdue',
    'domain-tie-big',
    'domain-tie-small'
] as const;
export type AccountScenario = (typeof ACCOUNT_SCENARIOS)[number];

export interface AccountPlan {
    readonly ref: RecordRef;
    readonly index: number;
    readonly company: CompanyName;
    /** Normalised website domain, such as `harborlight.example`. */
    readonly domain: string;
    readonly tier: AccountTier;
    readonly scenario: AccountScenario | null;
    readonly owner: StaffMember;
    readonly createdMs: number;
    /** Number of contacts to create. */
    contactCount: number;
}

const TIER_WEIGHTS: readonly (readonly [AccountTier, number])[] = [
    ['hot', 4],
    ['warm', 10],
    ['single', 20],
    ['cold', 66]
];

/** Contacts an account of each tier gets, relative to the average. */
const CONTACT_SHARE: Readonly<Record<AccountTier, number>> = {
    hot: 2,
    warm: 1.4,
    single: 1,
    cold: 0.8
};

function scenarioTier(scenario: AccountScenario): AccountTier {
    if (scenario === 'exploratory' || scenario === 'first-touch-overdue') {
        return 'single';
    }
    return scenario.startsWith('domain-tie') || scenario.startsWith('committee-of')
        ? 'warm'
        : 'hot';
}

/** Fixed contact counts of scenario accounts; the tie pair differs in size on purpose. */
function scenarioContacts(scenario: AccountScenario): number {
    if (scenario === 'domain-tie-big') {
        return 6;
    }
    return scenario === 'domain-tie-small' ? 2 : 5;
}

/** Spreads `total` contacts over the non-scenario accounts by tier share, at least one each. */
function spreadContacts(plans: AccountPlan[], total: number): void {
    const free = plans.filter((plan) => plan.scenario === null);
    const fixed = plans.reduce(
        (sum, plan) => sum + (plan.scenario === null ? 0 : plan.contactCount),
        0
    );
    const remaining = Math.max(free.length, total - fixed);
    const shares = free.map((plan) => CONTACT_SHARE[plan.tier]);
    const shareSum = shares.reduce((sum, share) => sum + share, 0);
    let assigned = 0;
    free.forEach((plan, index) => {
        plan.contactCount = Math.max(1, Math.floor((remaining * (shares[index] ?? 1)) / shareSum));
        assigned += plan.contactCount;
    });
    for (let index = 0; assigned < remaining && free.length > 0; index += 1) {
        const plan = free[index % free.length];
        if (plan !== undefined) {
            plan.contactCount += 1;
            assigned += 1;
        }
    }
}

function accountFields(
    plan: AccountPlan,
    random: Random,
    website: string,
    nowMs: number
): SampleFields {
    const [city, state] = random.pick(CITIES);
    const employees = random.pick([40, 120, 350, 800, 2500, 9000]) + random.int(0, 30);
    const fields: SampleFields = {
        Name: plan.company.name,
        Website: website,
        Industry: plan.company.industry,
        Type: random.chance(0.15) ? 'Customer - Direct' : 'Prospect',
        NumberOfEmployees: employees,
        AnnualRevenue: employees * random.int(90, 260) * 1000,
        BillingCity: city,
        BillingState: state,
        BillingCountry: 'United States',
        Phone: `+1 555 01${String(random.int(0, 99)).padStart(2, '0')}`,
        OwnerId: plan.owner.ref,
        Budget_Confirmed__c: plan.scenario === 'qualified-budget',
        CreatedDate: new Date(plan.createdMs).toISOString(),
        LastModifiedDate: new Date(plan.createdMs).toISOString()
    };
    if (plan.scenario === 'sales-owned-new-member') {
        const handoffMs = nowMs - 12 * DAY_MS;
        Object.assign(fields, {
            Lifecycle_Stage__c: 'Qualified',
            Lifecycle_Owner__c: 'Sales',
            Handoff_At__c: new Date(handoffMs).toISOString(),
            Stage_Changed_At__c: new Date(handoffMs).toISOString(),
            First_Touch_At__c: new Date(handoffMs - 30 * DAY_MS).toISOString(),
            Committee_Intent_Score__c: 78,
            Active_Committee_Members__c: 3
        });
    }
    return fields;
}

/** Writes the accounts and returns their plans, scenario accounts first. `taken` collects domain stems. */
export function generateAccounts(
    builder: RecordBuilder,
    random: Random,
    staff: Staff,
    counts: { readonly accounts: number; readonly contacts: number },
    nowMs: number,
    taken: Set<string>
): AccountPlan[] {
    const owners = staff.salesReps.filter((rep) => rep.active);
    const plans: AccountPlan[] = [];
    for (let index = 0; index < counts.accounts; index += 1) {
        const scenario = ACCOUNT_SCENARIOS[index] ?? null;
        const tieSibling = scenario === 'domain-tie-small' ? plans[index - 1] : undefined;
        const company = tieSibling
            ? { ...tieSibling.company, name: `${tieSibling.company.name} (EMEA)` }
            : uniqueCompany(random, taken);
        plans.push({
            ref: refOf('Account', index),
            index,
            company,
            domain: `${company.stem}.example`,
            tier: scenario === null ? random.weighted(TIER_WEIGHTS) : scenarioTier(scenario),
            scenario,
            owner: owners[index % owners.length] ?? staff.vp,
            createdMs: nowMs - random.int(700, 1800) * DAY_MS,
            contactCount: scenario === null ? 0 : scenarioContacts(scenario)
        });
    }
    spreadContacts(plans, counts.contacts);
    for (const plan of plans) {
        const website = websiteVariant(random, plan.domain);
        builder.put(plan.ref, 'Account', accountFields(plan, random, website, nowMs));
    }
    return plans;
}
