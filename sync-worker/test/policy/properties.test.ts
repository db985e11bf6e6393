import fc from 'fast-check';
import { applyEvaluation, evaluate } from '../../src/policy';
import type { Evaluation } from '../../src/policy/plan';
import type { OrgSnapshot } from '../../src/policy/snapshot';
import type { SlaClock } from '../../src/schema/records';
import { policyWith } from './engine-helpers';
import { HOUR } from './org-builder';
import { buildScenario, scenarioSpec, type ScenarioSpec } from './org-arbitrary';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 150);

/** Every write of an evaluation, for "nothing new" checks with a readable failure. */
function writesOf(evaluation: Evaluation): unknown[] {
    return [
        ...evaluation.updates,
        ...evaluation.ownerChanges,
        ...evaluation.clocks,
        ...evaluation.breaches,
        ...evaluation.reviews,
        ...evaluation.scorecards,
        ...evaluation.tasks,
        ...evaluation.notifications
    ];
}

/** Evaluates a scenario at each of its steps, applying every plan; returns each state. */
function history(
    spec: ScenarioSpec
): { snapshot: OrgSnapshot; evaluation: Evaluation; now: Date }[] {
    const policy = policyWith({ assignOwners: spec.assignOwners });
    const { snapshot: start, now: startTime } = buildScenario(spec);
    const states: { snapshot: OrgSnapshot; evaluation: Evaluation; now: Date }[] = [];
    let snapshot = start;
    let now = startTime;
    for (const hours of spec.steps) {
        now = new Date(now.getTime() + hours * HOUR);
        const evaluation = evaluate(snapshot, policy, now);
        states.push({ snapshot, evaluation, now });
        snapshot = applyEvaluation(snapshot, evaluation);
    }
    states.push({ snapshot, evaluation: evaluate(snapshot, policy, now), now });
    return states;
}

const FIXED: readonly (keyof SlaClock)[] = [
    'Type__c',
    'Trigger_At__c',
    'Started_At__c',
    'Due_At__c',
    'Warning_At__c',
    'Policy_Version__c',
    'Business_Hours_Id__c'
];
const NEXT_STATUS: Record<string, readonly string[]> = {
    Open: ['Open', 'Warning', 'Met', 'Breached', 'Cancelled'],
    Warning: ['Warning', 'Met', 'Breached', 'Cancelled'],
    Met: ['Met'],
    Breached: ['Breached'],
    Cancelled: ['Cancelled']
};

function sameTime(a: unknown, b: unknown): boolean {
    return a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;
}

/** Problems with how a clock moved between two states of the org. */
function clockRegressions(before: SlaClock, after: SlaClock): string[] {
    const found: string[] = [];
    for (const field of FIXED) {
        if (!sameTime(before[field], after[field])) {
            found.push(`${field} changed`);
        }
    }
    if (!(NEXT_STATUS[before.Status__c ?? ''] ?? []).includes(after.Status__c ?? '')) {
        found.push(`status ${before.Status__c ?? 'null'} -> ${after.Status__c ?? 'null'}`);
    }
    if (
        before.Completed_At__c !== null &&
        !sameTime(before.Completed_At__c, after.Completed_At__c)
    ) {
        found.push('Completed_At__c changed');
    }
    return found;
}

describe('engine properties', () => {
    it('finds nothing new after its plan is applied', () => {
        fc.assert(
            fc.property(scenarioSpec, (spec) => {
                for (const { snapshot, evaluation, now } of history(spec)) {
                    const again = evaluate(
                        applyEvaluation(snapshot, evaluation),
                        policyWith({ assignOwners: spec.assignOwners }),
                        now
                    );
                    expect(writesOf(again)).toEqual([]);
                }
            }),
            { numRuns: RUNS }
        );
    });

    it('gives the same plan for the same input', () => {
        fc.assert(
            fc.property(scenarioSpec, (spec) => {
                const { snapshot, now } = buildScenario(spec);
                const policy = policyWith({ assignOwners: spec.assignOwners });
                expect(JSON.stringify(evaluate(snapshot, policy, now))).toBe(
                    JSON.stringify(evaluate(snapshot, policy, now))
                );
            }),
            { numRuns: RUNS }
        );
    });

    it('gives the same writes whatever the order of the records', () => {
        fc.assert(
            fc.property(scenarioSpec, fc.integer(), (spec, seed) => {
                const { snapshot, now } = buildScenario(spec);
                const policy = policyWith({ assignOwners: spec.assignOwners });
                const shuffled = shuffle(snapshot, seed);
                const sorted = (evaluation: Evaluation) =>
                    writesOf(evaluation)
                        .map((write) => JSON.stringify(write))
                        .sort();
                expect(sorted(evaluate(shuffled, policy, now))).toEqual(
                    sorted(evaluate(snapshot, policy, now))
                );
            }),
            { numRuns: RUNS }
        );
    });

    it('never runs a clock backwards and versions every clock', () => {
        fc.assert(
            fc.property(scenarioSpec, (spec) => {
                const states = history(spec);
                for (let step = 1; step < states.length; step++) {
                    const before = new Map(
                        (states[step - 1]?.snapshot.clocks ?? []).map((clock) => [
                            clock.Clock_Key__c,
                            clock
                        ])
                    );
                    for (const clock of states[step]?.snapshot.clocks ?? []) {
                        expect(clock.Policy_Version__c).toBe('2027.1');
                        expect(
                            (clock.Started_At__c?.getTime() ?? 0) <=
                                (clock.Due_At__c?.getTime() ?? 0)
                        ).toBe(true);
                        const previous = before.get(clock.Clock_Key__c);
                        if (previous !== undefined) {
                            expect(clockRegressions(previous, clock)).toEqual([]);
                        }
                    }
                }
            }),
            { numRuns: RUNS }
        );
    });

    it('keeps reasons within 255 characters and never writes converted leads', () => {
        fc.assert(
            fc.property(scenarioSpec, (spec) => {
                for (const { snapshot, evaluation } of history(spec)) {
                    const converted = new Set(
                        snapshot.leads.filter((lead) => lead.IsConverted).map((lead) => lead.Id)
                    );
                    const reasons = [
                        ...evaluation.updates.map((update) => update.reason),
                        ...evaluation.clocks.map(
                            (upsert) => upsert.fields.Reason__c ?? upsert.reason
                        ),
                        ...evaluation.updates.map((update) =>
                            'Decision_Reason__c' in update.fields
                                ? String(update.fields.Decision_Reason__c)
                                : ''
                        )
                    ];
                    expect(reasons.filter((reason) => reason.length > 255)).toEqual([]);
                    expect(evaluation.updates.filter((update) => converted.has(update.id))).toEqual(
                        []
                    );
                    expect(
                        evaluation.ownerChanges.filter((change) => converted.has(change.id))
                    ).toEqual([]);
                }
            }),
            { numRuns: RUNS }
        );
    });
});

/** The snapshot with every record list in a seeded random order. */
function shuffle(snapshot: OrgSnapshot, seed: number): OrgSnapshot {
    let state = seed >>> 0 || 1;
    const random = () => {
        state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
        return state / 2 ** 32;
    };
    const mix = <T>(list: readonly T[]): T[] => {
        const copy = [...list];
        for (let at = copy.length - 1; at > 0; at--) {
            const other = Math.floor(random() * (at + 1));
            [copy[at], copy[other]] = [copy[other] as T, copy[at] as T];
        }
        return copy;
    };
    return {
        ...snapshot,
        leads: mix(snapshot.leads),
        contacts: mix(snapshot.contacts),
        accounts: mix(snapshot.accounts),
        opportunities: mix(snapshot.opportunities),
        tasks: mix(snapshot.tasks),
        events: mix(snapshot.events),
        users: mix(snapshot.users),
        signals: Array.isArray(snapshot.signals) ? mix(snapshot.signals) : snapshot.signals,
        clocks: mix(snapshot.clocks),
        breaches: mix(snapshot.breaches)
    };
}
