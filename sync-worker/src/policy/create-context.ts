import type { EngineContext } from './context';
import type { LedgerMark, OrgLedger } from './ledger';
import { AccountMatcher } from './matching';
import type { Evaluation, Problem, RecordUpdate } from './plan';
import { aggregateAccounts, scorePeople } from './scoring';
import { signalColumnsFrom, signalSourceOf, type SignalSource } from './signals';
import type { OrgSnapshot } from './snapshot';
import { SnapshotIndex } from './snapshot-index';
import { ClockStore } from './state/clock-store';
import { NotificationStore } from './state/outputs';
import { OwnerChanges, RecordChanges } from './state/record-changes';

/**
 * Builds the context of one part of an evaluation: the snapshot's people, accounts,
 * signals and clocks, with the org-wide state taken from `ledger`. `problems` is where
 * the part reports skipped records.
 */
export function createContext(
    snapshot: OrgSnapshot,
    ledger: OrgLedger,
    problems: Problem[]
): { ctx: EngineContext; source: SignalSource } {
    const { policy, now, time } = ledger;
    const nowMs = now.getTime();
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
    const ctx: EngineContext = {
        policy,
        now,
        nowMs,
        time,
        buyingCycleMonths: ledger.buyingCycleMonths,
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
        clocks: new ClockStore(snapshot.clocks, problems, ledger.workload),
        workload: ledger.workload,
        breaches: ledger.breaches,
        reviews: ledger.reviews,
        scorecards: ledger.scorecards,
        tasks: ledger.tasks,
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

/**
 * Collects the plan of one part: the context's own changes, and what the ledger created
 * after `mark` (breaches, reviews, tasks) with every scorecard it contains.
 */
export function buildEvaluation(ctx: EngineContext, mark: LedgerMark): Evaluation {
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
        breaches: ctx.breaches.upserts().slice(mark.breaches),
        reviews: ctx.reviews.upserts().slice(mark.reviews),
        scorecards: ctx.scorecards.upserts(),
        tasks: ctx.tasks.list().slice(mark.tasks),
        notifications: ctx.notifications.list(),
        problems: ctx.problems,
        stats: ctx.stats
    };
}
