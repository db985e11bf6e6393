import type {
    Account,
    Contact,
    Event,
    Lead,
    Opportunity,
    SlaBreach,
    SlaClock,
    SlaReview,
    SlaScorecard,
    Task
} from '../schema/records';

/**
 * The evaluation's output: the desired state as a plan of writes, each with the reason a
 * person reads ("Routed to Sales within 1 business hour: intent 82 is above 70"). Only
 * values that differ from the snapshot appear. Reasons fit 255 characters.
 */

/** Fields the engine never writes: system fields and record names. */
type SystemField =
    | 'Id'
    | 'CreatedDate'
    | 'LastModifiedDate'
    | 'LastModifiedById'
    | 'SystemModstamp'
    | 'IsDeleted'
    | 'Name';

/** Record types whose existing records receive field updates. */
export interface UpdatableRecords {
    Lead: Lead;
    Contact: Contact;
    Account: Account;
    Opportunity: Opportunity;
    Task: Task;
    Event: Event;
}
export type UpdatableObject = keyof UpdatableRecords;

/** Writable fields of an updatable record type (OwnerId travels in `ownerChanges`). */
export type WritableFields<N extends UpdatableObject> = Partial<
    Omit<UpdatableRecords[N], SystemField | 'OwnerId'>
>;

/** Changed field values of one existing record. */
export type RecordUpdate = {
    [N in UpdatableObject]: {
        readonly object: N;
        readonly id: string;
        readonly fields: WritableFields<N>;
        readonly reason: string;
    };
}[UpdatableObject];

/** A new owner for a person or account. Written together with the record's field update. */
export interface OwnerChange {
    readonly object: 'Lead' | 'Contact' | 'Account';
    readonly id: string;
    readonly fromOwnerId: string | null;
    /** A User Id, or a queue's Group Id (Leads only). */
    readonly toOwnerId: string;
    readonly reason: string;
}

/**
 * Insert or update of a record identified by its external ID. New records carry every
 * non-null field; existing ones only the changed fields. `key` is the external ID value.
 */
export interface KeyedUpsert<T> {
    readonly key: string;
    readonly isNew: boolean;
    readonly fields: Partial<Omit<T, SystemField>>;
    readonly reason: string;
}

/**
 * Upsert of an `SLA_Breach__c`. `clockKey` is the `Clock_Key__c` of its clock: write the
 * lookup as `SLA_Clock__r: { Clock_Key__c: clockKey }` because the clock may be new.
 */
export interface BreachUpsert extends KeyedUpsert<SlaBreach> {
    readonly clockKey: string;
}

/**
 * A Task to insert. Its stable key is also the last line of `Description`
 * (`SLA key: ...`), so the engine recognises the task when it reads it back and never
 * creates it twice. `clockKey` links the task to its clock as for breaches.
 */
export interface TaskCreate {
    readonly key: string;
    readonly fields: Partial<Omit<Task, SystemField>>;
    readonly clockKey: string | null;
    readonly reason: string;
}

/** Record whose write a notification waits for. */
export interface NotificationAnchor {
    readonly object: 'SLA_Clock__c' | 'SLA_Breach__c' | 'SLA_Review__c';
    readonly key: string;
}

/**
 * An `SLA_Alert` custom notification. It is produced once, in the evaluation that makes
 * the change it reports (a clock turning Warning, a breach, a review), and `anchor` names
 * the record written by that change. Send it only after that write succeeded: the next
 * evaluation sees the change applied and does not produce the notification again.
 */
export interface NotificationSend {
    readonly key: string;
    readonly recipientIds: readonly string[];
    /** Record the notification opens: the person, account or lead concerned. */
    readonly targetId: string;
    readonly title: string;
    readonly body: string;
    readonly anchor: NotificationAnchor;
}

/** A record the engine skipped or could only partly evaluate. */
export interface Problem {
    readonly object: string;
    readonly id: string;
    readonly reason: string;
}

/** Counters for logs and benchmarks. */
export interface EvaluationStats {
    people: number;
    accounts: number;
    signals: number;
    routed: number;
    clocksStarted: number;
    clocksClosed: number;
    breaches: number;
}

export interface Evaluation {
    readonly now: Date;
    readonly policyVersion: string;
    readonly updates: readonly RecordUpdate[];
    readonly ownerChanges: readonly OwnerChange[];
    readonly clocks: readonly KeyedUpsert<SlaClock>[];
    readonly breaches: readonly BreachUpsert[];
    readonly reviews: readonly KeyedUpsert<SlaReview>[];
    readonly scorecards: readonly KeyedUpsert<SlaScorecard>[];
    readonly tasks: readonly TaskCreate[];
    readonly notifications: readonly NotificationSend[];
    readonly problems: readonly Problem[];
    readonly stats: EvaluationStats;
}

/** True when the evaluation asks for no write at all. */
export function isEmptyEvaluation(evaluation: Evaluation): boolean {
    return (
        evaluation.updates.length === 0 &&
        evaluation.ownerChanges.length === 0 &&
        evaluation.clocks.length === 0 &&
        evaluation.breaches.length === 0 &&
        evaluation.reviews.length === 0 &&
        evaluation.scorecards.length === 0 &&
        evaluation.tasks.length === 0 &&
        evaluation.notifications.length === 0
    );
}
