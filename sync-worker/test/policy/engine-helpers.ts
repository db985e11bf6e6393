import {
    DEFAULT_POLICY,
    parsePolicy,
    type Policy,
    type PolicyInput
} from '../../src/config/policy-schema';
import { DEFAULT_POLICY_VALUES } from '../../src/config/policy-defaults';
import { applyEvaluation, evaluate, isEmptyEvaluation } from '../../src/policy';
import type { Evaluation } from '../../src/policy/plan';
import type { OrgSnapshot } from '../../src/policy/snapshot';
import type { SlaBreach, SlaClock, SlaReview, SlaScorecard } from '../../src/schema/records';
import type { OrgBuilder } from './org-builder';

/** The default policy with some fields changed. */
export function policyWith(overrides: Partial<PolicyInput>): Policy {
    return parsePolicy({ ...DEFAULT_POLICY_VALUES, ...overrides });
}

/** One evaluation with helpers to read its plan, and to apply it and evaluate again. */
export class Outcome {
    constructor(
        readonly snapshot: OrgSnapshot,
        readonly evaluation: Evaluation,
        readonly policy: Policy
    ) {}

    /** Changed fields of a record; `{}` when the plan leaves it alone. */
    fields(id: string): Record<string, unknown> {
        const update = this.evaluation.updates.find((candidate) => candidate.id === id);
        return update === undefined ? {} : { ...update.fields };
    }

    reasonOf(id: string): string | undefined {
        return this.evaluation.updates.find((candidate) => candidate.id === id)?.reason;
    }

    /** New owner of a record, or undefined when it keeps its owner. */
    owner(id: string): string | undefined {
        return this.evaluation.ownerChanges.find((change) => change.id === id)?.toOwnerId;
    }

    /** New or changed clocks, optionally of one type, with their unchanged fields filled in. */
    clocks(type?: string): Partial<SlaClock>[] {
        return this.evaluation.clocks
            .map((upsert) => this.merged(upsert.key, upsert.fields))
            .filter((fields) => type === undefined || fields.Type__c === type);
    }

    /** New or changed clock by key, with its unchanged fields filled in. */
    clock(key: string): Partial<SlaClock> | undefined {
        const upsert = this.evaluation.clocks.find((candidate) => candidate.key === key);
        return upsert === undefined ? undefined : this.merged(key, upsert.fields);
    }

    private merged(key: string, fields: Partial<SlaClock>): Partial<SlaClock> {
        const before = this.snapshot.clocks.find((clock) => clock.Clock_Key__c === key);
        return { ...before, ...fields };
    }

    breaches(): Partial<SlaBreach>[] {
        return this.evaluation.breaches.map((upsert) => upsert.fields);
    }

    reviews(type?: string): Partial<SlaReview>[] {
        return this.evaluation.reviews
            .map((upsert) => upsert.fields)
            .filter((fields) => type === undefined || fields.Type__c === type);
    }

    scorecard(key: string): Partial<SlaScorecard> | undefined {
        return this.evaluation.scorecards.find((upsert) => upsert.key === key)?.fields;
    }

    /** The snapshot after the plan was written. */
    applied(): OrgSnapshot {
        return applyEvaluation(this.snapshot, this.evaluation);
    }

    /** Applies the plan, lets the test change the org, and evaluates at `now`. */
    next(now: Date, change?: (snapshot: OrgSnapshot) => OrgSnapshot): Outcome {
        const applied = this.applied();
        const snapshot = change === undefined ? applied : change(applied);
        return new Outcome(snapshot, evaluate(snapshot, this.policy, now), this.policy);
    }

    /** True when evaluating the applied plan again at the same time asks for nothing. */
    isSettled(): boolean {
        return isEmptyEvaluation(evaluate(this.applied(), this.policy, this.evaluation.now));
    }
}

export function evaluateOrg(
    org: OrgBuilder | OrgSnapshot,
    now: Date,
    policy: Policy = DEFAULT_POLICY
): Outcome {
    const snapshot = 'build' in org ? org.build() : org;
    return new Outcome(snapshot, evaluate(snapshot, policy, now), policy);
}
