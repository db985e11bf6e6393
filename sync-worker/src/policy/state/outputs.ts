import type { SlaBreach, SlaReview, SlaScorecard, Task } from '../../schema/records';
import { taskKeyOf } from '../keys';
import type { BreachUpsert, KeyedUpsert, NotificationSend, TaskCreate } from '../plan';
import { joinReasons } from '../text';
import { sameValue } from './record-changes';

/** Writable fields of a breach, review or scorecard. */
export type BreachFields = BreachUpsert['fields'];
export type ReviewFields = KeyedUpsert<SlaReview>['fields'];
export type ScorecardFields = KeyedUpsert<SlaScorecard>['fields'];

/** Breach of the snapshot or of this evaluation, reduced to what the rules read. */
export interface BreachView {
    readonly key: string;
    readonly isNew: boolean;
    readonly responsibleUserId: string | null;
    readonly accountId: string | null;
    readonly leadId: string | null;
    readonly action: string | null;
    readonly breachedAt: Date | null;
    /** When the breach was logged: its CreatedDate, or the evaluation time for a new one. */
    readonly loggedAt: Date | null;
    readonly fiscalQuarter: string | null;
}

function viewOf(
    key: string,
    isNew: boolean,
    breach: BreachFields,
    loggedAt: Date | null
): BreachView {
    return {
        loggedAt,
        key,
        isNew,
        responsibleUserId: breach.Responsible_User__c ?? null,
        accountId: breach.Account__c ?? null,
        leadId: breach.Lead__c ?? null,
        action: breach.Action__c ?? null,
        breachedAt: breach.Breached_At__c ?? null,
        fiscalQuarter: breach.Fiscal_Quarter__c ?? null
    };
}

/** Breaches of the snapshot and new ones, with per-rep counts per fiscal quarter. */
export class BreachStore {
    private readonly views = new Map<string, BreachView>();
    private readonly created: BreachUpsert[] = [];
    private readonly perRepQuarter = new Map<string, number>();
    private readonly revertByAccount = new Map<string, number>();

    constructor(breaches: readonly SlaBreach[]) {
        for (const breach of breaches) {
            const key = breach.Breach_Key__c ?? `Id:${breach.Id}`;
            this.remember(viewOf(key, false, breach, breach.CreatedDate ?? breach.Breached_At__c));
        }
    }

    has(key: string): boolean {
        return this.views.has(key);
    }

    /** Breaches of a rep in a fiscal quarter (`2027-Q1`), new ones included. */
    countFor(userId: string, fiscalQuarter: string): number {
        return this.perRepQuarter.get(`${userId}|${fiscalQuarter}`) ?? 0;
    }

    add(key: string, clockKey: string, fields: BreachFields, reason: string, now: Date): void {
        if (this.views.has(key)) {
            return;
        }
        this.created.push({
            key,
            isNew: true,
            clockKey,
            fields: { ...fields, Breach_Key__c: key },
            reason: joinReasons([reason])
        });
        this.remember(viewOf(key, true, fields, now));
    }

    /** Lists every rep and fiscal quarter with at least one breach, with the count. */
    repQuarters(): { userId: string; quarter: string; count: number }[] {
        return [...this.perRepQuarter].map(([countKey, count]) => {
            const [userId = '', quarter = ''] = countKey.split('|');
            return { userId, quarter, count };
        });
    }

    /**
     * Latest time an account was reverted to Marketing after a breach, or -Infinity. It
     * is when the revert was logged, not the clock's due time, so signals the engine had
     * already seen when it reverted the account do not undo the revert.
     */
    latestRevert(accountId: string): number {
        return this.revertByAccount.get(accountId) ?? Number.NEGATIVE_INFINITY;
    }

    all(): IterableIterator<BreachView> {
        return this.views.values();
    }

    upserts(): BreachUpsert[] {
        return this.created;
    }

    private remember(view: BreachView): void {
        this.views.set(view.key, view);
        if (view.responsibleUserId !== null && view.fiscalQuarter !== null) {
            const countKey = `${view.responsibleUserId}|${view.fiscalQuarter}`;
            this.perRepQuarter.set(countKey, (this.perRepQuarter.get(countKey) ?? 0) + 1);
        }
        const time = view.breachedAt?.getTime();
        if (
            view.action === 'Reverted To Marketing' &&
            view.accountId !== null &&
            time !== undefined
        ) {
            this.revertByAccount.set(
                view.accountId,
                Math.max(time, this.latestRevert(view.accountId))
            );
        }
    }
}

/** Reviews of the snapshot and new ones. Existing reviews belong to RevOps and are never changed. */
export class ReviewStore {
    private readonly byKey = new Map<string, ReviewFields>();
    private readonly created: KeyedUpsert<SlaReview>[] = [];

    constructor(reviews: readonly SlaReview[]) {
        for (const review of reviews) {
            this.byKey.set(review.Review_Key__c ?? `Id:${review.Id}`, review);
        }
    }

    has(key: string): boolean {
        return this.byKey.has(key);
    }

    /** Opens a review unless one with the key exists; returns whether it was added. */
    add(key: string, fields: ReviewFields, reason: string): boolean {
        if (this.byKey.has(key)) {
            return false;
        }
        const full = { ...fields, Review_Key__c: key };
        this.byKey.set(key, full);
        this.created.push({ key, isNew: true, fields: full, reason: joinReasons([reason]) });
        return true;
    }

    ofType(type: string): ReviewFields[] {
        return [...this.byKey.values()].filter((review) => review.Type__c === type);
    }

    upserts(): KeyedUpsert<SlaReview>[] {
        return this.created;
    }
}

/** Scorecards: the desired figures per key, written when they differ from the snapshot. */
export class ScorecardStore {
    private readonly existing = new Map<string, SlaScorecard>();
    private readonly desired = new Map<string, { fields: ScorecardFields; reason: string }>();

    constructor(scorecards: readonly SlaScorecard[]) {
        for (const scorecard of scorecards) {
            if (scorecard.Scorecard_Key__c !== null) {
                this.existing.set(scorecard.Scorecard_Key__c, scorecard);
            }
        }
    }

    set(key: string, fields: ScorecardFields, reason: string): void {
        this.desired.set(key, { fields: { ...fields, Scorecard_Key__c: key }, reason });
    }

    upserts(): KeyedUpsert<SlaScorecard>[] {
        const upserts: KeyedUpsert<SlaScorecard>[] = [];
        for (const [key, { fields, reason }] of this.desired) {
            const before = this.existing.get(key);
            if (before === undefined) {
                upserts.push({ key, isNew: true, fields, reason });
                continue;
            }
            const changed = Object.entries(fields).filter(
                ([field, value]) => !sameValue(value, before[field as keyof SlaScorecard])
            );
            if (changed.length > 0) {
                upserts.push({ key, isNew: false, fields: Object.fromEntries(changed), reason });
            }
        }
        return upserts;
    }
}

/** Tasks the engine made before (found by the key in their description) and new ones. */
export class TaskStore {
    private readonly keys = new Set<string>();
    private readonly existing = new Map<string, Task>();
    private readonly created: TaskCreate[] = [];

    constructor(tasks: readonly Task[]) {
        for (const task of tasks) {
            const key = taskKeyOf(task.Description);
            if (key !== null && !task.IsDeleted) {
                this.keys.add(key);
                this.existing.set(key, task);
            }
        }
    }

    has(key: string): boolean {
        return this.keys.has(key);
    }

    /** Returns the snapshot's task with this key. */
    get(key: string): Task | undefined {
        return this.existing.get(key);
    }

    add(task: TaskCreate): void {
        if (this.keys.has(task.key)) {
            return;
        }
        this.keys.add(task.key);
        this.created.push({ ...task, reason: joinReasons([task.reason]) });
    }

    list(): TaskCreate[] {
        return this.created;
    }
}

/** Notifications of this evaluation, one per key. */
export class NotificationStore {
    private readonly byKey = new Map<string, NotificationSend>();

    /**
     * Adds a notification unless its key exists. One without recipients or without a
     * record to open (a clock that names no record) is left out, because the sender
     * rejects it and, kept in the outbox, it would fail every later cycle.
     */
    add(notification: NotificationSend): void {
        if (
            notification.recipientIds.length > 0 &&
            notification.targetId !== '' &&
            !this.byKey.has(notification.key)
        ) {
            this.byKey.set(notification.key, notification);
        }
    }

    list(): NotificationSend[] {
        return [...this.byKey.values()];
    }
}
