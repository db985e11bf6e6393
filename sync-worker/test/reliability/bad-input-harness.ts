/**
 * Runs of the sync worker on an org of good records, with and without bad ones. Each
 * run is two real cycles through jsforce against a local org. The good records'
 * decisions come out in a form that compares across orgs.
 */
import fc from 'fast-check';
import { DEFAULT_POLICY, type Policy } from '../../src/config/policy-schema';
import type { CycleReport, SyncWorker } from '../../src/sync';
import { captureLogs, type CapturedLog } from '../salesforce/helpers';
import { createWorker, startSyncOrg, type TestOrg } from '../sync/helpers';
import { insertBad, type BadOrBigSpec, type Inserted } from './bad-input-kinds';
import { OrgWriter, type TeamIds } from './bad-input-org';

const HOUR_MS = 3_600_000;

/**
 * The policy of these runs. Routing keeps owners, so a bad lead never takes a good
 * rep's place in the workload order, which would change later good decisions for a
 * reason that has nothing to do with bad input.
 */
export const RUN_POLICY: Policy = { ...DEFAULT_POLICY, assignOwners: false };

/** Hours between the two cycles: past every 1-hour clock, and on a new day, so both evaluate the whole org. */
export const SECOND_CYCLE_HOURS = 26;

const SOURCES = ['Demo Request', 'Web', 'Webinar', 'Cold Call', 'Purchased List', null] as const;
const SIGNAL_TYPES = [
    'Web Visit',
    'Content Download',
    'Webinar Attended',
    'Intent Surge',
    'Meeting Request',
    'Demo Request'
] as const;

const signalsSpec = fc.array(
    fc.record({
        type: fc.constantFrom(...SIGNAL_TYPES),
        ageHours: fc.integer({ min: 0, max: 480 })
    }),
    { maxLength: 4 }
);

/** A small org of good records. */
export const goodOrgArbitrary = fc.record({
    reps: fc.integer({ min: 1, max: 3 }),
    accounts: fc.array(fc.array(signalsSpec, { maxLength: 3 }), { minLength: 1, maxLength: 3 }),
    leads: fc.array(
        fc.record({
            source: fc.constantFrom(...SOURCES),
            account: fc.option(fc.nat(2), { nil: null }),
            ageHours: fc.integer({ min: 2, max: 72 }),
            rep: fc.nat(2),
            signals: signalsSpec
        }),
        { minLength: 1, maxLength: 5 }
    )
});

export type GoodOrgSpec = typeof goodOrgArbitrary extends fc.Arbitrary<infer T> ? T : never;

/** Fixed good org of the example tests: two accounts, contacts and five leads. */
export const EXAMPLE_GOOD_ORG: GoodOrgSpec = {
    reps: 3,
    accounts: [
        [[{ type: 'Content Download', ageHours: 5 }], [{ type: 'Webinar Attended', ageHours: 30 }]],
        [[]]
    ],
    leads: [
        { source: 'Demo Request', account: 0, ageHours: 6, rep: 0, signals: [] },
        {
            source: 'Web',
            account: 0,
            ageHours: 5,
            rep: 1,
            signals: [{ type: 'Intent Surge', ageHours: 2 }]
        },
        { source: 'Cold Call', account: null, ageHours: 4, rep: 2, signals: [] },
        {
            source: 'Webinar',
            account: 1,
            ageHours: 3,
            rep: 0,
            signals: [{ type: 'Web Visit', ageHours: 48 }]
        },
        {
            source: null,
            account: null,
            ageHours: 2,
            rep: 1,
            signals: [{ type: 'Demo Request', ageHours: 1 }]
        }
    ]
};

/** Inserts the good records; returns their Ids. */
function insertGood(writer: OrgWriter, spec: GoodOrgSpec): string[] {
    const team: TeamIds = writer.team(spec.reps);
    const ids = [team.manager, ...team.reps, team.sdr, team.marketer];
    const accounts = spec.accounts.map((contacts, index) => {
        const account = writer.account(`Good ${index}`, `https://www.good${index}.example`);
        ids.push(account);
        contacts.forEach((signals, at) => {
            const contact = writer.contact(account, `c${at}@good${index}.example`);
            ids.push(contact);
            signals.forEach((signal) =>
                ids.push(writer.signal(contact, signal.type, signal.ageHours))
            );
        });
        return account;
    });
    spec.leads.forEach((lead, index) => {
        const domain =
            lead.account === null || accounts[lead.account] === undefined
                ? `lead${index}.example`
                : `good${lead.account}.example`;
        const id = writer.lead(
            `l${index}@${domain}`,
            { LeadSource: lead.source, OwnerId: team.reps[lead.rep % team.reps.length] ?? null },
            lead.ageHours
        );
        ids.push(id);
        lead.signals.forEach((signal) => ids.push(writer.signal(id, signal.type, signal.ageHours)));
    });
    return ids;
}

/** One run: its org, both cycle reports, the log, and the bad records it inserted. */
export interface ScenarioRun {
    readonly testOrg: TestOrg;
    readonly worker: SyncWorker;
    readonly reports: readonly CycleReport[];
    readonly logs: readonly CapturedLog[];
    readonly inserted: readonly Inserted[];
    readonly goodIds: readonly string[];
}

/**
 * Builds an org of the good records, then the bad ones, and runs two cycles: at `now`
 * and `SECOND_CYCLE_HOURS` later, with each kind's change in between. The caller closes
 * `testOrg`.
 */
export async function runScenario(
    good: GoodOrgSpec,
    bad: readonly BadOrBigSpec[],
    now: Date
): Promise<ScenarioRun> {
    const logs = captureLogs();
    const testOrg = await startSyncOrg();
    try {
        const writer = new OrgWriter(testOrg, now);
        const goodIds = insertGood(writer, good);
        let counter = 0;
        const badOrg = { writer, next: () => (counter += 1) };
        const inserted = bad.map((spec) => insertBad(badOrg, spec));
        const worker = await createWorker(testOrg, { policy: RUN_POLICY });
        const first = await worker.runCycle(now);
        inserted.forEach((records) => records.betweenCycles?.());
        const later = new Date(now.getTime() + SECOND_CYCLE_HOURS * HOUR_MS);
        const second = await worker.runCycle(later);
        return { testOrg, worker, reports: [first, second], logs, inserted, goodIds };
    } catch (error) {
        await testOrg.close();
        throw error;
    }
}

/**
 * Returns a rewrite of one org's Ids in a text so that two orgs compare: an SLA clock's
 * Id becomes its key, any other Id its key prefix and counter. Local orgs differ only in
 * the two instance characters of their Ids (and the suffix that depends on them).
 */
function canonicaliserOf(run: ScenarioRun): (text: string) => string {
    const clocks = new Map(
        run.worker.mirror.list('SLA_Clock__c').map((clock) => [clock.Id, clock.Clock_Key__c])
    );
    const instance = run.testOrg.adminId.slice(3, 5);
    const anyId = new RegExp(
        `\\b([0-9A-Za-z]{3})${instance}0([0-9A-Za-z]{9})[0-9A-Za-z]{3}\\b`,
        'g'
    );
    return (text) =>
        text
            .replace(/\b[0-9A-Za-z]{18}\b/g, (id) => {
                const key = clocks.get(id);
                return key === undefined || key === null ? id : `clock{${key}}`;
            })
            .replace(anyId, '$1~$2');
}

/**
 * Decisions of one cycle that concern good records: every planned write and
 * notification in canonical JSON, sorted, without those that name a bad record. Left
 * out: the Marketing scorecard, a sum over every lead handed to Sales (the tolerated
 * bad leads too), and the list of writes a focused cycle leaves for later.
 */
export function goodDecisions(run: ScenarioRun, cycle: number): string[] {
    const plan = run.reports[cycle]?.plan;
    if (plan === null || plan === undefined) {
        return [];
    }
    const entries = [
        ...plan.updates,
        ...plan.newClocks,
        ...plan.tasks,
        ...plan.outcomes.filter((outcome) => !outcome.key.startsWith('Marketing:')),
        ...plan.transitions,
        ...plan.notifications
    ];
    const canonicalise = canonicaliserOf(run);
    const bad = run.inserted.flatMap((records) => records.created).map(canonicalise);
    return entries
        .map((entry) => canonicalise(JSON.stringify(entry)))
        .filter((line) => !bad.some((id) => line.includes(id)))
        .sort();
}
