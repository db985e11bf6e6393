import type { Policy } from '../config/policy-schema';
import { handleBreaches } from './breaches';
import { alwaysOpenCalendar, createBusinessCalendar, type BusinessCalendar } from './business-time';
import { handOffAccounts, startCommitteeAwareClocks, watchNewMembers } from './committee';
import type { EngineContext } from './context';
import { flagExploratoryActivities } from './exploratory';
import { writeAccountFacts, writePeopleFacts } from './facts';
import { AccountMatcher } from './matching';
import type { Evaluation, Problem, RecordUpdate } from './plan';
import { handoffsOf, updateProbation } from './probation';
import { progressClocks } from './progress';
import { handleRejections } from './rejections';
import { routePeople } from './routing';
import { aggregateAccounts, scorePeople } from './scoring';
import { signalColumnsFrom, signalSourceOf, type SignalSource } from './signals';
import { writeScorecards } from './scorecards';
import type { OrgSnapshot } from './snapshot';
import { SnapshotIndex } from './snapshot-index';
import { applyStages } from './stages';
import { ClockStore } from './state/clock-store';
import {
    BreachStore,
    NotificationStore,
    ReviewStore,
    ScorecardStore,
    TaskStore
} from './state/outputs';
import { OwnerChanges, RecordChanges } from './state/record-changes';
import { Workload } from './state/workload';
import { writeSummaries } from './summary';
import { TimeFrames } from './time-frames';

/**
 * Evaluates the SLA policy on a snapshot of the org at a given time and returns the
 * desired state as a plan of writes. Pure: it reads nothing but its arguments, and the
 * same arguments give the same plan. Applying the plan and evaluating again at the same
 * time gives an empty plan.
 */
export function evaluate(snapshot: OrgSnapshot, policy: Policy, now: Date): Evaluation {
    const { ctx, source } = createContext(snapshot, policy, now);
    writePeopleFacts(ctx);
    writeAccountFacts(ctx);
    runClockRounds(ctx);
    applyStages(ctx);
    const handoffs = handoffsOf(ctx);
    const probation = updateProbation(ctx, handoffs);
    routePeople(ctx, probation);
    // After routing, so that a lead routed now counts as handed to its rep.
    handleRejections(ctx);
    // Activities logged at the very time of routing already meet the new clocks.
    progressClocks(ctx);
    handleBreaches(ctx);
    flagExploratoryActivities(ctx, snapshot, source);
    writeScorecards(ctx, handoffsOf(ctx));
    writeSummaries(ctx);
    return buildEvaluation(ctx);
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

/** Builds the calendar of the org's default active business hours, or 24 x 7 in the org's time zone without them. */
function calendarOf(snapshot: OrgSnapshot, problems: Problem[]): BusinessCalendar {
    const zone = snapshot.organization?.TimeZoneSidKey ?? 'UTC';
    const hours =
        snapshot.businessHours.find((record) => record.IsDefault && record.IsActive) ??
        snapshot.businessHours.find((record) => record.IsActive);
    if (hours === undefined) {
        return alwaysOpenCalendar(zone);
    }
    try {
        return createBusinessCalendar(hours, snapshot.holidays, zone);
    } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        problems.push({
            object: 'BusinessHours',
            id: hours.Id,
            reason: `Ignored, windows run 24 x 7: ${reason}`
        });
        return alwaysOpenCalendar(zone);
    }
}

function createContext(
    snapshot: OrgSnapshot,
    policy: Policy,
    now: Date
): { ctx: EngineContext; source: SignalSource } {
    const problems: Problem[] = [];
    const nowMs = now.getTime();
    const calendar = calendarOf(snapshot, problems);
    const organization = snapshot.organization;
    const time = new TimeFrames(
        calendar,
        organization?.FiscalYearStartMonth ?? 1,
        organization?.UsesStartDateAsFiscalYearName ?? false
    );
    const index = new SnapshotIndex(snapshot);
    const matcher = new AccountMatcher(index, policy.freeMailDomains);
    const accountOf = index.people.map((person) =>
        person.kind === 'Contact'
            ? person.record.AccountId
            : (matcher.match(person.record)?.account.Id ?? null)
    );
    const columns = signalColumnsFrom(snapshot, problems);
    const source = signalSourceOf(columns, index, policy);
    const scored = scorePeople(snapshot, source, index, accountOf, policy, time, nowMs);
    const accounts = aggregateAccounts(
        scored.people,
        scored.accountFirst,
        scored.accountLast,
        policy,
        nowMs
    );
    const workload = new Workload();
    const ctx: EngineContext = {
        policy,
        now,
        nowMs,
        time,
        index,
        people: scored.people,
        accounts,
        changes: {
            Lead: new RecordChanges('Lead'),
            Contact: new RecordChanges('Contact'),
            Account: new RecordChanges('Account'),
            Opportunity: new RecordChanges('Opportunity'),
            Task: new RecordChanges('Task'),
            Event: new RecordChanges('Event')
        },
        owners: new OwnerChanges(),
        clocks: new ClockStore(snapshot.clocks, problems, workload),
        workload,
        breaches: new BreachStore(snapshot.breaches),
        reviews: new ReviewStore(snapshot.reviews),
        scorecards: new ScorecardStore(snapshot.scorecards),
        tasks: new TaskStore(snapshot.tasks),
        notifications: new NotificationStore(),
        problems,
        stats: {
            people: index.people.length,
            accounts: index.accounts.size,
            signals: columns.length,
            routed: 0,
            clocksStarted: 0,
            clocksClosed: 0,
            breaches: 0
        },
        breachEvents: [],
        resets: { people: new Set(), accounts: new Set(), revertedAccounts: new Set() },
        readOnly: new Set()
    };
    return { ctx, source };
}

function buildEvaluation(ctx: EngineContext): Evaluation {
    const writable = (id: string): boolean => !ctx.readOnly.has(id);
    const updates: RecordUpdate[] = [
        ...ctx.changes.Lead.updates(),
        ...ctx.changes.Contact.updates(),
        ...ctx.changes.Account.updates(),
        ...ctx.changes.Opportunity.updates(),
        ...ctx.changes.Task.updates(),
        ...ctx.changes.Event.updates()
    ].filter((update) => writable(update.id));
    return {
        now: ctx.now,
        policyVersion: ctx.policy.version,
        updates,
        ownerChanges: ctx.owners.list().filter((change) => writable(change.id)),
        clocks: ctx.clocks.upserts(),
        breaches: ctx.breaches.upserts(),
        reviews: ctx.reviews.upserts(),
        scorecards: ctx.scorecards.upserts(),
        tasks: ctx.tasks.list(),
        notifications: ctx.notifications.list(),
        problems: ctx.problems,
        stats: ctx.stats
    };
}
