import type { Policy } from '../config/policy-schema';
import { handleBreaches } from './breaches';
import { handOffAccounts, startCommitteeAwareClocks, watchNewMembers } from './committee';
import type { EngineContext } from './context';
import { buildEvaluation, createContext } from './create-context';
import { flagExploratoryActivities } from './exploratory';
import { writeAccountFacts, writePeopleFacts } from './facts';
import { EMPTY_MARK, handoffsOfSnapshot, OrgLedger } from './ledger';
import type { Evaluation } from './plan';
import { handoffsOf, updateProbation } from './probation';
import { progressClocks } from './progress';
import { handleRejections } from './rejections';
import { routePeople } from './routing';
import type { SignalSource } from './signals';
import { ScorecardTallies, tallyScorecards, writeScorecards } from './scorecards';
import { emptySnapshot, type OrgSnapshot } from './snapshot';
import { applyStages } from './stages';
import { writeSummaries } from './summary';

/**
 * Evaluates the SLA policy on a snapshot of the org at a given time and returns the
 * desired state as a plan of writes. Pure: it reads nothing but its arguments, and the
 * same arguments give the same plan. Applying the plan and evaluating again at the same
 * time gives an empty plan.
 */
export function evaluate(snapshot: OrgSnapshot, policy: Policy, now: Date): Evaluation {
    const ledger = new OrgLedger(snapshot, policy, now);
    const { ctx, source } = createContext(snapshot, ledger, [...ledger.problems]);
    runRules(ctx, snapshot, source, ledger);
    const tallies = new ScorecardTallies();
    tallyScorecards(ctx, tallies, handoffsOf(ctx));
    writeScorecards(ctx, tallies);
    writeSummaries(ctx);
    return buildEvaluation(ctx, EMPTY_MARK);
}

/**
 * Evaluates one account group of an org against the org's shared `ledger` (see
 * `evaluateInChunks`) and returns the group's part of the plan. Scorecards are only
 * tallied here; `closeOrgPart` writes them once every group is done.
 */
export function evaluateGroup(snapshot: OrgSnapshot, ledger: OrgLedger): Evaluation {
    const mark = ledger.mark();
    const { ctx, source } = createContext(snapshot, ledger, []);
    runRules(ctx, snapshot, source, ledger);
    tallyScorecards(ctx, ledger.tallies, handoffsOf(ctx));
    writeSummaries(ctx);
    return buildEvaluation(ctx, mark);
}

/** Returns the org-wide records of a snapshot, without any person, account or clock. */
function orgRecordsOf(snapshot: OrgSnapshot): OrgSnapshot {
    return {
        ...emptySnapshot(),
        users: snapshot.users,
        groups: snapshot.groups,
        groupMembers: snapshot.groupMembers,
        campaigns: snapshot.campaigns,
        businessHours: snapshot.businessHours,
        holidays: snapshot.holidays,
        organization: snapshot.organization
    };
}

/**
 * Decides the marketing probation for the whole org before its account groups are
 * evaluated, and returns the opening part of the plan: the probation review, if one
 * opens, and the problems with org-wide records.
 */
export function openOrgPart(snapshot: OrgSnapshot, ledger: OrgLedger): Evaluation {
    const mark = ledger.mark();
    const { ctx } = createContext(orgRecordsOf(snapshot), ledger, [...ledger.problems]);
    ledger.probation = updateProbation(ctx, handoffsOfSnapshot(snapshot));
    return buildEvaluation(ctx, mark);
}

/**
 * Writes the scorecards the account groups tallied and returns the closing part of the
 * plan: the scorecards, the team reviews they open and their notifications.
 */
export function closeOrgPart(snapshot: OrgSnapshot, ledger: OrgLedger): Evaluation {
    const mark = ledger.mark();
    const { ctx } = createContext(orgRecordsOf(snapshot), ledger, []);
    writeScorecards(ctx, ledger.tallies);
    return buildEvaluation(ctx, mark);
}

/** Runs the rules from the facts to the exploratory flags, in the order they depend on each other. */
function runRules(
    ctx: EngineContext,
    snapshot: OrgSnapshot,
    source: SignalSource,
    ledger: OrgLedger
): void {
    writePeopleFacts(ctx);
    writeAccountFacts(ctx);
    runClockRounds(ctx);
    applyStages(ctx);
    const probation = ledger.probation ?? updateProbation(ctx, handoffsOf(ctx));
    routePeople(ctx, probation);
    // After routing, so that a lead routed now counts as handed to its rep.
    handleRejections(ctx);
    // Activities logged at the very time of routing already meet the new clocks.
    progressClocks(ctx);
    handleBreaches(ctx);
    flagExploratoryActivities(ctx, snapshot, source);
}

/** Rounds of the account rules and clock progress; two are enough, one more proves it. */
const MAX_CLOCK_ROUNDS = 3;

/**
 * Starts the account clocks, advances every clock and acts on breaches, repeating while
 * a round changes something: a missed Committee-Aware window can open the next window at
 * once, and that one may already be over. Doing it all now keeps the evaluation
 * idempotent.
 */
function runClockRounds(ctx: EngineContext): void {
    for (let round = 0; round < MAX_CLOCK_ROUNDS; round++) {
        const before = ctx.stats.clocksStarted + ctx.stats.breaches;
        startCommitteeAwareClocks(ctx);
        handOffAccounts(ctx);
        watchNewMembers(ctx);
        progressClocks(ctx);
        handleBreaches(ctx);
        if (ctx.stats.clocksStarted + ctx.stats.breaches === before) {
            return;
        }
    }
}
