import fc from 'fast-check';
import type { Policy } from '../../src/config/policy-schema';
import { applyEvaluation, evaluate } from '../../src/policy';
import { evaluateInChunks, mergeEvaluations } from '../../src/policy/chunks';
import type { Evaluation } from '../../src/policy/plan';
import { signalColumnsFrom } from '../../src/policy/signals';
import type { OrgSnapshot } from '../../src/policy/snapshot';
import { policyWith } from './engine-helpers';
import { HOUR } from './org-builder';
import { buildScenario, scenarioSpec, type ScenarioSpec } from './org-arbitrary';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 100);

/**
 * Lists every value a plan writes, one sorted line per record and field. Two plans then
 * compare whatever the order of their parts, and a failure names the field that differs.
 */
function writtenValues(evaluation: Evaluation, skip: ReadonlySet<string> = new Set()): string[] {
    const lines: string[] = [];
    const add = (kind: string, key: string, fields: object): void => {
        for (const [field, value] of Object.entries(fields)) {
            if (!skip.has(field)) {
                lines.push(`${kind} ${key} ${field}=${JSON.stringify(value)}`);
            }
        }
    };
    for (const update of evaluation.updates) {
        add(update.object, update.id, update.fields);
    }
    for (const change of evaluation.ownerChanges) {
        add('Owner', change.id, change);
    }
    const upserts = [
        ['Clock', evaluation.clocks],
        ['Breach', evaluation.breaches],
        ['Review', evaluation.reviews],
        ['Scorecard', evaluation.scorecards],
        ['Task', evaluation.tasks]
    ] as const;
    for (const [kind, list] of upserts) {
        for (const upsert of list) {
            add(kind, upsert.key, upsert.fields);
        }
    }
    for (const sent of evaluation.notifications) {
        add('Notification', sent.key, sent);
    }
    return lines.sort();
}

function inGroups(
    snapshot: OrgSnapshot,
    policy: Policy,
    now: Date,
    maxGroupSize: number
): Evaluation {
    return mergeEvaluations(evaluateInChunks(snapshot, policy, now, { maxGroupSize }));
}

/** Lists the states of a scenario's org as each whole plan is applied in turn, with the evaluation time. */
function wholeHistory(spec: ScenarioSpec, policy: Policy): { snapshot: OrgSnapshot; now: Date }[] {
    const { snapshot: start, now: startTime } = buildScenario(spec);
    const states = [{ snapshot: start, now: startTime }];
    let snapshot = start;
    let now = startTime;
    for (const hours of spec.steps) {
        now = new Date(now.getTime() + hours * HOUR);
        snapshot = applyEvaluation(snapshot, evaluate(snapshot, policy, now));
        states.push({ snapshot, now });
    }
    return states;
}

/** A breach's level counts the rep's breaches so far, which follows the order of the groups. */
const LEVEL: ReadonlySet<string> = new Set(['Level__c']);

/** Policy under which no decision depends on the order of work across accounts. */
function orderFreePolicy(): Policy {
    return policyWith({
        assignOwners: false,
        managerLevel: 50,
        reassignLevel: 51,
        repReviewBreachCount: 50
    });
}

/**
 * Scenarios in which every user is active. An overturned dispute whose rejecting rep has
 * left goes to the least loaded teammate, and that workload pick follows the order of
 * the groups under any policy.
 */
const activeUsersSpec = scenarioSpec.map((spec) => ({
    ...spec,
    users: spec.users.map((user) => ({ ...user, active: true }))
}));

describe('evaluation in account groups', () => {
    it('gives the whole plan in one group', () => {
        fc.assert(
            fc.property(scenarioSpec, (spec) => {
                const policy = policyWith({ assignOwners: spec.assignOwners });
                for (const { snapshot, now } of wholeHistory(spec, policy)) {
                    const whole = evaluate(snapshot, policy, now);
                    const grouped = inGroups(snapshot, policy, now, Number.POSITIVE_INFINITY);
                    expect(writtenValues(grouped)).toEqual(writtenValues(whole));
                    expect(grouped.stats).toEqual(whole.stats);
                    expect([...grouped.problems].sort()).toEqual([...whole.problems].sort());
                }
            }),
            { numRuns: RUNS }
        );
    });

    it('gives the whole plan in single-account groups when order cannot matter', () => {
        const policy = orderFreePolicy();
        fc.assert(
            fc.property(activeUsersSpec, (spec) => {
                for (const { snapshot, now } of wholeHistory(spec, policy)) {
                    const whole = evaluate(snapshot, policy, now);
                    const grouped = inGroups(snapshot, policy, now, 1);
                    expect(writtenValues(grouped, LEVEL)).toEqual(writtenValues(whole, LEVEL));
                    expect(grouped.stats).toEqual(whole.stats);
                }
            }),
            { numRuns: RUNS }
        );
    });

    it('scores, matches, stages and routes like the whole evaluation', () => {
        const decided = new Set([
            'Intent_Score__c',
            'Engagement_Count__c',
            'Last_Signal_At__c',
            'Matched_Account__c',
            'Source_Tier__c',
            'Lifecycle_Stage__c',
            'Routing_Decision__c',
            'Committee_Intent_Score__c',
            'Active_Committee_Members__c',
            'First_Touch_At__c',
            'MEDDPICC_Completeness__c'
        ]);
        const decisions = (evaluation: Evaluation): string[] =>
            writtenValues(evaluation).filter((line) =>
                decided.has(line.split(' ')[2]?.split('=')[0] ?? '')
            );
        fc.assert(
            fc.property(scenarioSpec, (spec) => {
                const { snapshot, now } = buildScenario(spec);
                const policy = policyWith({ assignOwners: spec.assignOwners });
                expect(decisions(inGroups(snapshot, policy, now, 1))).toEqual(
                    decisions(evaluate(snapshot, policy, now))
                );
            }),
            { numRuns: RUNS }
        );
    });

    it('leaves nothing for the whole evaluation to write', () => {
        fc.assert(
            fc.property(scenarioSpec, fc.integer({ min: 1, max: 4 }), (spec, groupSize) => {
                const policy = policyWith({ assignOwners: spec.assignOwners });
                const { snapshot: start, now: startTime } = buildScenario(spec);
                let snapshot = start;
                let now = startTime;
                for (const hours of [0, ...spec.steps]) {
                    now = new Date(now.getTime() + hours * HOUR);
                    snapshot = applyEvaluation(
                        snapshot,
                        inGroups(snapshot, policy, now, groupSize)
                    );
                    expect(writtenValues(evaluate(snapshot, policy, now))).toEqual([]);
                }
            }),
            { numRuns: RUNS }
        );
    });

    it('reads signal columns like signal records', () => {
        fc.assert(
            fc.property(activeUsersSpec, (spec) => {
                const { snapshot, now } = buildScenario(spec);
                const policy = orderFreePolicy();
                const columns = { ...snapshot, signals: signalColumnsFrom(snapshot, []) };
                expect(writtenValues(inGroups(columns, policy, now, 1), LEVEL)).toEqual(
                    writtenValues(evaluate(snapshot, policy, now), LEVEL)
                );
            }),
            { numRuns: RUNS }
        );
    });
});
