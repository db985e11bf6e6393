/**
 * Bad input through the sync worker, one example of each kind: records real orgs
 * contain go into a local org next to good ones, and two real cycles run over jsforce.
 * Nothing fails, each bad record that cannot be used is skipped with its Id and reason
 * in the log and counted in the cycle summary, and the good records' decisions equal
 * those of a run without the bad ones.
 */
import type { CycleReport } from '../../src/sync';
import { expectBadInputHandled } from './bad-input-checks';
import { EXAMPLE_GOOD_ORG, runScenario, type ScenarioRun } from './bad-input-harness';
import type { BadSpec } from './bad-input-kinds';

jest.setTimeout(60_000);

/** Planned field updates of one record in a cycle. */
function updatesOf(report: CycleReport | undefined, id: string): Record<string, unknown>[] {
    return (report?.plan?.updates ?? [])
        .filter((update) => update.id === id)
        .map((update) => update.fields);
}

function createdBy(run: ScenarioRun, at: number): string {
    const id = run.inserted[0]?.created[at];
    if (id === undefined) {
        throw new Error(`The kind created fewer than ${at + 1} records.`);
    }
    return id;
}

/** Planned clock transitions of the second cycle whose key names `id`. */
function transitionsOf(run: ScenarioRun, id: string): Record<string, unknown>[] {
    return (run.reports[1]?.plan?.transitions ?? [])
        .filter((transition) => transition.key.includes(id))
        .map((transition) => transition.fields);
}

/** Planned breaches and escalations of the second cycle. */
function breachesOf(run: ScenarioRun): Record<string, unknown>[] {
    return (run.reports[1]?.plan?.outcomes ?? [])
        .filter((outcome) => outcome.object === 'SLA_Breach__c')
        .map((outcome) => outcome.fields);
}

type Check = (run: ScenarioRun) => void;

const EXAMPLES: [string, BadSpec, Check | null][] = [
    ['text in a number field', { kind: 'text-in-number', object: 'Lead', text: 'high' }, null],
    [
        'text in a signal weight',
        { kind: 'text-in-number', object: 'Engagement_Signal__c', text: 'n/a' },
        null
    ],
    [
        'text in an account count',
        { kind: 'text-in-number', object: 'Account', text: 'TBD 4' },
        null
    ],
    [
        'datetime without a zone',
        { kind: 'date-without-zone', object: 'Lead', text: '2026-11-30T09:15:00' },
        null
    ],
    ['malformed lookup Id', { kind: 'malformed-id', text: 'N/A' }, null],
    ['signal naming nobody', { kind: 'signal-without-subject' }, null],
    ['clock without a key', { kind: 'clock-without-key' }, null],
    ['rejected lead without a reason', { kind: 'rejected-without-reason' }, null],
    [
        'negative signal weight',
        { kind: 'signal-weight', weight: -25.5 },
        (run) => {
            // Only the 40-point signal counts; the negative one would have taken 25.5 off it.
            const lead = createdBy(run, 1);
            expect(updatesOf(run.reports[0], lead)).toContainEqual(
                expect.objectContaining({ Intent_Score__c: 40 })
            );
        }
    ],
    [
        'zero signal weight',
        { kind: 'signal-weight', weight: 0 },
        (run) => {
            const lead = createdBy(run, 1);
            expect(updatesOf(run.reports[0], lead)).toContainEqual(
                expect.objectContaining({ Intent_Score__c: 40 })
            );
        }
    ],
    [
        '15-character Ids',
        { kind: 'id-15' },
        (run) => {
            const account = createdBy(run, 1);
            const contact = createdBy(run, 2);
            expect(run.worker.mirror.get('Contact', contact)?.AccountId).toBe(account);
            expect(updatesOf(run.reports[0], account)).toContainEqual(
                expect.objectContaining({ Active_Committee_Members__c: 1 })
            );
        }
    ],
    ['email without a domain', { kind: 'email', email: 'ana' }, expectRoutedUnmatched],
    ['email without a host', { kind: 'email', email: 'ana@' }, expectRoutedUnmatched],
    ['free-mail email', { kind: 'email', email: 'ana@gmail.com' }, expectRoutedUnmatched],
    ['unknown picklist values', { kind: 'unknown-picklist', value: 'Carrier Pigeon' }, null],
    [
        'ancient dates',
        { kind: 'far-dates', year: 1700 },
        (run) => {
            const lead = createdBy(run, 1);
            expect(updatesOf(run.reports[0], lead)).toContainEqual(
                expect.objectContaining({ Intent_Score__c: 0 })
            );
        }
    ],
    ['future dates', { kind: 'far-dates', year: 3999 }, null],
    [
        'lead owned by a queue',
        { kind: 'owner', owner: 'queue' },
        (run) => {
            const lead = createdBy(run, 2);
            const clock = run.reports[0]?.plan?.newClocks.find((entry) => entry.key.includes(lead));
            expect(clock?.fields.Responsible_User__c).toBeNull();
            expect(clock?.fields.Responsible_Team__c).toBe('Marketing');
        }
    ],
    [
        'lead owned by an inactive user',
        { kind: 'owner', owner: 'inactive-user' },
        (run) => {
            // Salesforce rejects a task owned by an inactive user; the manager is reminded instead.
            const manager = createdBy(run, 0);
            const lead = createdBy(run, 2);
            const reminders = (run.reports[1]?.plan?.tasks ?? []).filter((task) =>
                task.key.includes(lead)
            );
            expect(reminders.map((task) => task.fields.OwnerId)).toContain(manager);
        }
    ],
    [
        'manager who is their own manager',
        { kind: 'manager', manager: 'self' },
        expectNoSelfReassignment
    ],
    [
        'manager the worker cannot read',
        { kind: 'manager', manager: 'missing' },
        expectNoSelfReassignment
    ],
    ['circular manager chain', { kind: 'manager', manager: 'circular' }, null],
    ['inactive manager', { kind: 'manager', manager: 'inactive' }, expectNoSelfReassignment],
    ['nulls where values are expected', { kind: 'nulls' }, null],
    [
        'lead converted between cycles',
        { kind: 'between-cycles', change: 'convert' },
        (run) => {
            const lead = createdBy(run, 1);
            expect(transitionsOf(run, lead)).toContainEqual(
                expect.objectContaining({
                    Status__c: 'Cancelled',
                    Reason__c: expect.stringMatching(/converted/) as unknown
                })
            );
            expect(updatesOf(run.reports[1], lead)).toEqual([]);
        }
    ],
    [
        'lead merged between cycles',
        { kind: 'between-cycles', change: 'merge' },
        expectLoserCancelled
    ],
    [
        'lead deleted between cycles',
        { kind: 'between-cycles', change: 'delete' },
        expectLoserCancelled
    ],
    [
        'lead turned invalid between cycles',
        { kind: 'between-cycles', change: 'invalidate' },
        (run) => {
            // The stale copy leaves the mirror: nothing is written to the lead from it.
            const lead = createdBy(run, 1);
            expect(run.worker.mirror.get('Lead', lead)).toBeUndefined();
            expect(updatesOf(run.reports[1], lead)).toEqual([]);
        }
    ]
];

/** Checks that the kind's lead was routed and matched to no account. */
function expectRoutedUnmatched(run: ScenarioRun): void {
    const lead = createdBy(run, 1);
    const clocks = run.reports[0]?.plan?.newClocks.filter((clock) => clock.key.includes(lead));
    expect(clocks?.map((clock) => clock.fields.Type__c)).toEqual(['Response']);
    for (const fields of updatesOf(run.reports[0], lead)) {
        expect(fields.Matched_Account__c ?? null).toBeNull();
    }
}

/** Checks that no breach reassigns a rep's record to that rep or names the rep as manager. */
function expectNoSelfReassignment(run: ScenarioRun): void {
    const rep = createdBy(run, 0);
    const breaches = breachesOf(run);
    expect(breaches.map((breach) => breach.Responsible_User__c)).toContain(rep);
    for (const breach of breaches) {
        expect(breach.Reassigned_To__c === rep).toBe(false);
        expect(breach.Manager__c === rep).toBe(false);
    }
    const owners = (run.reports[1]?.plan?.updates ?? []).map((update) => update.fields.OwnerId);
    expect(owners).not.toContain(rep);
}

/** Checks that the losing lead's clock is cancelled in the second cycle, never breached. */
function expectLoserCancelled(run: ScenarioRun): void {
    const loser = createdBy(run, 2);
    expect(transitionsOf(run, loser)).toEqual([
        expect.objectContaining({
            Status__c: 'Cancelled',
            Reason__c: expect.stringMatching(/merged|deleted/) as unknown
        })
    ]);
    expect(breachesOf(run).map((breach) => breach.Lead__c)).not.toContain(loser);
}

describe('bad input through the sync worker', () => {
    const now = new Date();
    let clean: ScenarioRun;

    beforeAll(async () => {
        clean = await runScenario(EXAMPLE_GOOD_ORG, [], now);
    });

    afterAll(async () => {
        await clean.testOrg.close();
    });

    it('processes the good org alone without skips', () => {
        expect(clean.reports.map((report) => report.outcome)).toEqual(['success', 'success']);
        expect(clean.reports.map((report) => report.badRecords.count)).toEqual([0, 0]);
        expect(clean.reports[0]?.plan?.newClocks.length).toBeGreaterThan(0);
        expect(clean.reports[1]?.plan?.outcomes.length).toBeGreaterThan(0);
    });

    it.each(EXAMPLES)('handles %s', async (_name, spec, check) => {
        const run = await runScenario(EXAMPLE_GOOD_ORG, [spec], now);
        try {
            expectBadInputHandled(run, clean);
            check?.(run);
        } finally {
            await run.testOrg.close();
        }
    });
});
