import type { Policy } from '../config/policy-schema';
import type { EvaluationStats, Problem } from './plan';
import type { SnapshotIndex } from './snapshot-index';
import type { AccountFacts, PeopleFacts } from './scoring';
import type { ClockStore } from './state/clock-store';
import type {
    BreachStore,
    NotificationStore,
    ReviewStore,
    ScorecardStore,
    TaskStore
} from './state/outputs';
import type { OwnerChanges, RecordChanges } from './state/record-changes';
import type { TimeFrames } from './time-frames';
import type { Workload } from './state/workload';

/** Desired field values of existing records, per object. */
export interface Changes {
    readonly Lead: RecordChanges<'Lead'>;
    readonly Contact: RecordChanges<'Contact'>;
    readonly Account: RecordChanges<'Account'>;
    readonly Opportunity: RecordChanges<'Opportunity'>;
    readonly Task: RecordChanges<'Task'>;
    readonly Event: RecordChanges<'Event'>;
}

/** A clock that breached in this evaluation, waiting for its consequences. */
export interface BreachEvent {
    readonly clockKey: string;
    readonly breachedAt: Date;
}

/** Stage overrides that rules 12, 14 and 17 allow: the only ways a stage moves back. */
export interface StageResets {
    /** People whose own stage is recomputed from scratch (recycled). */
    readonly people: Set<number>;
    /** Accounts whose stage is recomputed from scratch (recycled). */
    readonly accounts: Set<string>;
    /** Accounts sent back to Committee-Aware (new committee member not followed up). */
    readonly revertedAccounts: Set<string>;
}

/** Everything one evaluation reads and writes, passed to each rule family. */
export interface EngineContext {
    readonly policy: Policy;
    readonly now: Date;
    readonly nowMs: number;
    readonly time: TimeFrames;
    /** Average buying cycle of the whole org in months (see `averageBuyingCycleMonths`). */
    readonly buyingCycleMonths: number | null;
    readonly index: SnapshotIndex;
    readonly people: PeopleFacts;
    readonly accounts: AccountFacts;
    readonly changes: Changes;
    readonly owners: OwnerChanges;
    readonly clocks: ClockStore;
    /** Open clocks and latest assignment per user, for assignment by workload. */
    readonly workload: Workload;
    readonly breaches: BreachStore;
    readonly reviews: ReviewStore;
    readonly scorecards: ScorecardStore;
    readonly tasks: TaskStore;
    readonly notifications: NotificationStore;
    readonly problems: Problem[];
    readonly stats: EvaluationStats;
    readonly breachEvents: BreachEvent[];
    readonly resets: StageResets;
    /** Records that must not be written (they would fail a validation rule). */
    readonly readOnly: Set<string>;
}
