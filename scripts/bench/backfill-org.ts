/**
 * The org of the backfill benchmark, written straight into a local org store rather
 * than through the API. That lets records carry their creation dates (audit fields), and
 * the seeding spends none of the daily API allowance that the sync is measured against.
 * Its shape follows the engine benchmark's generator: a revenue team, one account per 10
 * leads matched by email domain, leads created over 200 days and owned by the nurture
 * queue, and engagement signals skewed towards a minority of hot leads. Values come from
 * a seeded generator, so a size always gives the same org.
 */
import type { OrgStore, WriteContext } from '../../sync-worker/src/local-org/store';
import { MANAGERS, randomSource, SIGNAL_TYPES, TEAM_SIZES } from './engine-data';

/** Sizes of one backfill org. */
export interface BackfillSizes {
    readonly leads: number;
    readonly accounts: number;
    readonly signals: number;
}

/** Record counts and the Ids the self-check needs. */
export interface SeededOrg {
    readonly counts: Readonly<Record<string, number>>;
    /** Account Ids in creation order: account `i` owns the email domain `acct<i>.example`. */
    readonly accountIds: readonly string[];
    /** Lead Ids in creation order: lead `i` has the email `backfillLeadEmail(i, accounts)`. */
    readonly leadIds: readonly string[];
    readonly seconds: number;
}

const DAY_MS = 86_400_000;

/** Rows per transaction: large enough to amortise the commit, small enough to keep the WAL short. */
const ROWS_PER_TRANSACTION = 20_000;

/** Relative frequency of each signal type: mostly visits and clicks, few demo requests. */
const TYPE_ODDS = [40, 25, 12, 6, 5, 5, 4, 3];

const LEAD_SOURCES = [
    'Web',
    'Webinar',
    'Content Download',
    'Cold Call',
    'Purchased List',
    'Demo Request',
    'Trade Show'
];

/** Email of lead `index`: every 20th has none, every 10th uses free mail, the rest an account's domain. */
export function backfillLeadEmail(index: number, accounts: number): string | null {
    if (index % 20 === 19) {
        return null;
    }
    return index % 10 === 9 ? `p${index}@gmail.com` : `p${index}@acct${index % accounts}.example`;
}

function pickSignalType(random: () => number): string {
    let roll = random() * 100;
    for (let index = 0; index < TYPE_ODDS.length; index++) {
        roll -= TYPE_ODDS[index] ?? 0;
        if (roll < 0) {
            return SIGNAL_TYPES[index] ?? 'Web Visit';
        }
    }
    return 'Web Visit';
}

/** Inserts `count` rows of one object in transactions of `ROWS_PER_TRANSACTION`. */
function insertMany(
    store: OrgStore,
    object: string,
    count: number,
    context: WriteContext,
    fieldsOf: (index: number) => Record<string, string | number | boolean | null>,
    onId?: (id: string) => void
): void {
    for (let start = 0; start < count; start += ROWS_PER_TRANSACTION) {
        const end = Math.min(count, start + ROWS_PER_TRANSACTION);
        store.transaction(() => {
            for (let index = start; index < end; index++) {
                const id = store.insert(object, fieldsOf(index), context);
                onId?.(id);
            }
        });
    }
}

function queueId(store: OrgStore, developerName: string): string {
    const result = store.query(
        `SELECT Id FROM Group WHERE Type = 'Queue' AND DeveloperName = '${developerName}'`
    );
    const id = result.records[0]?.Id;
    if (typeof id !== 'string') {
        throw new Error(`The queue ${developerName} is missing from the local org's force-app.`);
    }
    return id;
}

/** Inserts the managers, then each team's members reporting to them; returns the Sales reps. */
function insertTeam(store: OrgStore, admin: WriteContext): string[] {
    const setup: WriteContext = { ...admin, system: true };
    const managers: string[] = [];
    const salesReps: string[] = [];
    let counter = 0;
    const user = (lastName: string, team: string | null, managerId: string | null): string => {
        counter += 1;
        return store.insert(
            'User',
            {
                LastName: lastName,
                FirstName: 'Bench',
                Username: `bench${counter}@backfill.example`,
                Email: `bench${counter}@backfill.example`,
                Alias: `b${counter}`,
                TimeZoneSidKey: 'America/New_York',
                ManagerId: managerId,
                SLA_Team__c: team
            },
            setup
        );
    };
    for (let index = 0; index < MANAGERS; index++) {
        managers.push(user(`Manager ${index}`, null, null));
    }
    for (const [team, size] of Object.entries(TEAM_SIZES)) {
        for (let member = 0; member < size; member++) {
            const id = user(`${team} ${member}`, team, managers[member % MANAGERS] ?? null);
            if (team === 'Sales') {
                salesReps.push(id);
            }
        }
    }
    return salesReps;
}

/**
 * Seeds the org: users, accounts, leads and signals, as records people created over the
 * last 200 days (audit fields set, created by the admin user).
 */
export function seedBackfillOrg(
    store: OrgStore,
    sizes: BackfillSizes,
    now: Date,
    seed: number
): SeededOrg {
    const started = performance.now();
    const random = randomSource(seed);
    const admin: WriteContext = { userId: store.seeded.adminUserId, allowAuditFields: true };
    const salesReps = insertTeam(store, admin);
    const nurtureQueue = queueId(store, 'Marketing_Nurture');
    const stamp = (ageMs: number): string => new Date(now.getTime() - ageMs).toISOString();

    const accountIds: string[] = [];
    insertMany(
        store,
        'Account',
        sizes.accounts,
        admin,
        (index) => ({
            Name: `Account ${index}`,
            Website: `https://www.acct${index}.example/`,
            OwnerId: salesReps[index % salesReps.length] ?? null,
            Budget_Confirmed__c: index % 4 === 0,
            CreatedDate: stamp((400 + (index % 300)) * DAY_MS)
        }),
        (id) => accountIds.push(id)
    );

    const leadIds: string[] = [];
    insertMany(
        store,
        'Lead',
        sizes.leads,
        admin,
        (index) => ({
            LastName: `Lead ${index}`,
            Company: `Company ${index % sizes.accounts}`,
            Email: backfillLeadEmail(index, sizes.accounts),
            LeadSource: LEAD_SOURCES[Math.floor(random() * LEAD_SOURCES.length)] ?? 'Web',
            Status: 'Open - Not Contacted',
            OwnerId: nurtureQueue,
            CreatedDate: stamp(Math.floor(random() * 200 * DAY_MS))
        }),
        (id) => leadIds.push(id)
    );

    insertMany(store, 'Engagement_Signal__c', sizes.signals, admin, (index) => {
        // Squaring skews signals towards a minority of hot leads, as in real orgs.
        const lead = Math.floor(random() * random() * sizes.leads);
        return {
            Lead__c: leadIds[lead] ?? null,
            Type__c: pickSignalType(random),
            Occurred_At__c: stamp(Math.floor(random() * 200 * DAY_MS)),
            Weight__c: index % 50 === 0 ? 25 : null,
            External_Id__c: `backfill-signal-${index}`
        };
    });

    return {
        counts: {
            User: MANAGERS + Object.values(TEAM_SIZES).reduce((sum, size) => sum + size, 0),
            Account: sizes.accounts,
            Lead: sizes.leads,
            Engagement_Signal__c: sizes.signals
        },
        accountIds,
        leadIds,
        seconds: (performance.now() - started) / 1000
    };
}
