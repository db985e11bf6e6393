/**
 * The org's records as they were at a given time, rebuilt from their timestamps. The org
 * keeps only the current version of each record. So a record appears at its
 * `CreatedDate` (a signal at `Occurred_At__c`), and the changes people made later are
 * undone before the time they carry. These are a rejection before `Rejected_At__c`, a
 * dispute before it was raised and decided, a conversion before `ConvertedDate`, a
 * task's completion before `CompletedDateTime`, an opportunity's close before
 * `CloseDate` and a campaign response before `FirstRespondedDate`. Every other field
 * keeps its current value at every time.
 */
import { DateTime } from 'luxon';
import {
    disputeDecisionKey,
    disputeFollowUpClockKey,
    disputeReviewClockKey,
    taskKeyOf
} from '../policy/keys';
import type { StoredRecord } from '../sync/mirror';
import type { OrgHistory } from './history';

/** Objects whose records appear and change during a replay; the rest are read as they are now. */
export const TIMELINE_OBJECTS = [
    'Account',
    'Contact',
    'Lead',
    'Opportunity',
    'CampaignMember',
    'Engagement_Signal__c',
    'Task',
    'Event'
] as const;

export type TimelineObject = (typeof TIMELINE_OBJECTS)[number];

/**
 * A change the replay feeds the engine at `at` (epoch milliseconds): a record of
 * `object` appears or people change it, or (`engineTask`) people complete a task the
 * engine created, identified by its key.
 */
export type HistoryEvent =
    | {
          readonly at: number;
          readonly kind: 'record';
          readonly object: TimelineObject;
          readonly id: string;
      }
    | { readonly at: number; readonly kind: 'engineTask'; readonly key: string };

/** Times of the changes people made to a lead, NaN for those it never had. */
interface LeadTimes {
    readonly rejectedAt: number;
    readonly disputedAt: number;
    readonly decidedAt: number;
    readonly convertedAt: number;
}

/** Completion of a task the engine created, as people recorded it in the org. */
export interface EngineTaskCompletion {
    readonly at: number;
    readonly fields: StoredRecord;
}

/** Returns the epoch milliseconds of a datetime field, NaN when it is empty. */
export function timeOf(record: StoredRecord | undefined, field: string): number {
    const value = record?.[field];
    return value instanceof Date ? value.getTime() : Number.NaN;
}

function textOf(record: StoredRecord | undefined, field: string): string | null {
    const value = record?.[field];
    return typeof value === 'string' && value !== '' ? value : null;
}

/** Returns the first number that is not NaN, else NaN. */
function firstKnown(...times: number[]): number {
    return times.find((time) => !Number.isNaN(time)) ?? Number.NaN;
}

/** Returns when a task was done, NaN while it is open, read as the engine reads it. */
function taskDoneAt(task: StoredRecord): number {
    if (task.IsClosed !== true && task.Status !== 'Completed') {
        return Number.NaN;
    }
    const created = timeOf(task, 'CreatedDate');
    const done = firstKnown(
        timeOf(task, 'CompletedDateTime'),
        timeOf(task, 'LastModifiedDate'),
        created
    );
    // A task logged after the fact can carry a completion time before its creation.
    return Number.isNaN(created) ? done : Math.max(done, created);
}

const TASK_NOT_DONE = { IsClosed: false, Status: 'Not Started', CompletedDateTime: null };

/** Records of the history and their versions over time. */
export class HistoryTimeline {
    private readonly byObject = new Map<TimelineObject, Map<string, StoredRecord>>();
    private readonly clocksByKey = new Map<string, StoredRecord>();
    private readonly reviewsByKey = new Map<string, StoredRecord>();
    private readonly leadTimes = new Map<string, LeadTimes>();
    /** Completions of engine tasks by task key. */
    readonly engineTasks = new Map<string, EngineTaskCompletion>();

    constructor(
        history: OrgHistory,
        private readonly timeZone: string
    ) {
        for (const object of TIMELINE_OBJECTS) {
            const records = new Map<string, StoredRecord>();
            for (const record of history.records[object] as readonly StoredRecord[]) {
                if (object === 'Task' && taskKeyOf(textOf(record, 'Description')) !== null) {
                    this.addEngineTask(record);
                } else {
                    records.set(record.Id, record);
                }
            }
            this.byObject.set(object, records);
        }
        for (const clock of history.records.SLA_Clock__c) {
            if (clock.Clock_Key__c !== null) {
                this.clocksByKey.set(clock.Clock_Key__c, clock);
            }
        }
        for (const review of history.records.SLA_Review__c) {
            if (review.Review_Key__c !== null) {
                this.reviewsByKey.set(review.Review_Key__c, review);
            }
        }
    }

    /** Returns the org's current record of `object` with Id `id`. */
    record(object: TimelineObject, id: string): StoredRecord | undefined {
        return this.byObject.get(object)?.get(id);
    }

    /** Returns every current record of `object`, except the tasks the engine made. */
    records(object: TimelineObject): Iterable<StoredRecord> {
        return this.byObject.get(object)?.values() ?? [];
    }

    /** Returns when a record appears: its creation, or for a signal the time it occurred. */
    createdAt(object: TimelineObject, record: StoredRecord): number {
        const created =
            object === 'Engagement_Signal__c'
                ? firstKnown(timeOf(record, 'Occurred_At__c'), timeOf(record, 'CreatedDate'))
                : timeOf(record, 'CreatedDate');
        return Number.isNaN(created) ? Number.NEGATIVE_INFINITY : created;
    }

    /** Returns the creation time of the record and the times people changed it later. */
    changeTimes(object: TimelineObject, record: StoredRecord): number[] {
        const times = [this.createdAt(object, record)];
        switch (object) {
            case 'Lead': {
                const lead = this.timesOfLead(record);
                times.push(lead.rejectedAt, lead.disputedAt, lead.decidedAt, lead.convertedAt);
                break;
            }
            case 'Task':
                times.push(taskDoneAt(record));
                break;
            case 'Opportunity':
                times.push(this.closedAt(record));
                break;
            case 'CampaignMember':
                times.push(this.respondedAt(record));
                break;
            default:
                break;
        }
        return times.filter((time) => !Number.isNaN(time));
    }

    /** Returns the record as people had left it at `at`, or null before it existed. */
    versionAt(object: TimelineObject, record: StoredRecord, at: number): StoredRecord | null {
        if (at < this.createdAt(object, record)) {
            return null;
        }
        switch (object) {
            case 'Lead':
                return this.leadAt(record, at);
            case 'Task':
                return at < taskDoneAt(record) ? { ...record, ...TASK_NOT_DONE } : record;
            case 'Opportunity':
                return at < this.closedAt(record)
                    ? { ...record, IsClosed: false, IsWon: false }
                    : record;
            case 'CampaignMember':
                return at < this.respondedAt(record)
                    ? { ...record, HasResponded: false, FirstRespondedDate: null }
                    : record;
            default:
                return record;
        }
    }

    /** Returns an engine task as it stood at `at`, open before its completion. */
    engineTaskAt(task: StoredRecord, at: number): StoredRecord {
        return at < taskDoneAt(task) ? { ...task, ...TASK_NOT_DONE } : task;
    }

    /** Lists every change in (from, to], oldest first, ties in object order and then by Id or key. */
    eventsBetween(from: number, to: number): HistoryEvent[] {
        const events: HistoryEvent[] = [];
        for (const object of TIMELINE_OBJECTS) {
            for (const record of this.records(object)) {
                for (const at of new Set(this.changeTimes(object, record))) {
                    if (at > from && at <= to) {
                        events.push({ at, kind: 'record', object, id: record.Id });
                    }
                }
            }
        }
        for (const [key, completion] of this.engineTasks) {
            if (completion.at > from && completion.at <= to) {
                events.push({ at: completion.at, kind: 'engineTask', key });
            }
        }
        const order = (event: HistoryEvent): number =>
            event.kind === 'record'
                ? TIMELINE_OBJECTS.indexOf(event.object)
                : TIMELINE_OBJECTS.length;
        const name = (event: HistoryEvent): string =>
            event.kind === 'record' ? event.id : event.key;
        return events.sort(
            (a, b) => a.at - b.at || order(a) - order(b) || (name(a) < name(b) ? -1 : 1)
        );
    }

    /** Returns the start of a `YYYY-MM-DD` date in the org's time zone, in epoch milliseconds. */
    startOfDate(date: string | null): number {
        if (date === null) {
            return Number.NaN;
        }
        const local = DateTime.fromISO(date, { zone: this.timeZone });
        return local.isValid ? local.toMillis() : Date.parse(`${date}T00:00:00Z`);
    }

    private addEngineTask(task: StoredRecord): void {
        const key = taskKeyOf(textOf(task, 'Description'));
        const at = taskDoneAt(task);
        if (key === null || Number.isNaN(at)) {
            return;
        }
        this.engineTasks.set(key, {
            at,
            fields: {
                Id: task.Id,
                IsClosed: task.IsClosed,
                Status: task.Status,
                CompletedDateTime: task.CompletedDateTime,
                LastModifiedDate: task.LastModifiedDate
            }
        });
    }

    private closedAt(opportunity: StoredRecord): number {
        if (opportunity.IsClosed !== true) {
            return Number.NaN;
        }
        const closed = firstKnown(
            this.startOfDate(textOf(opportunity, 'CloseDate')),
            timeOf(opportunity, 'LastModifiedDate')
        );
        return Math.max(closed, this.createdAt('Opportunity', opportunity));
    }

    private respondedAt(member: StoredRecord): number {
        if (member.HasResponded !== true) {
            return Number.NaN;
        }
        const responded = this.startOfDate(textOf(member, 'FirstRespondedDate'));
        const created = this.createdAt('CampaignMember', member);
        return Number.isNaN(responded) ? created : Math.max(responded, created);
    }

    /**
     * Returns when people rejected, disputed and decided on a lead, and when it was
     * converted. The engine stamps `Rejected_At__c`. The dispute has no time field of its
     * own, so its times come from the dispute clocks and review the worker made for it,
     * else from the lead's `LastModifiedDate`.
     */
    private timesOfLead(lead: StoredRecord): LeadTimes {
        const known = this.leadTimes.get(lead.Id);
        if (known !== undefined) {
            return known;
        }
        const created = this.createdAt('Lead', lead);
        const modified = timeOf(lead, 'LastModifiedDate');
        const rejectedAt =
            lead.Status === 'Rejected'
                ? Math.max(firstKnown(timeOf(lead, 'Rejected_At__c'), modified), created)
                : Number.NaN;
        const times: LeadTimes = {
            rejectedAt,
            ...this.disputeTimes(lead, rejectedAt, modified),
            convertedAt: lead.IsConverted === true ? this.convertedAt(lead, created) : Number.NaN
        };
        this.leadTimes.set(lead.Id, times);
        return times;
    }

    /** Returns when a rejected lead's dispute was raised and decided, NaN for steps it never had. */
    private disputeTimes(
        lead: StoredRecord,
        rejectedAt: number,
        modified: number
    ): { disputedAt: number; decidedAt: number } {
        const status = textOf(lead, 'Dispute_Status__c');
        if (Number.isNaN(rejectedAt) || status === null) {
            return { disputedAt: Number.NaN, decidedAt: Number.NaN };
        }
        const stamp = new Date(rejectedAt);
        const review = this.clocksByKey.get(disputeReviewClockKey(lead.Id, stamp));
        const disputedAt = Math.max(
            firstKnown(timeOf(review, 'Started_At__c'), modified),
            rejectedAt
        );
        if (status !== 'Overturned' && status !== 'Upheld') {
            return { disputedAt, decidedAt: Number.NaN };
        }
        const followUp = this.clocksByKey.get(disputeFollowUpClockKey(lead.Id, stamp));
        const decision = this.reviewsByKey.get(disputeDecisionKey(lead.Id, stamp));
        const decided = firstKnown(
            review?.Status__c === 'Met' ? timeOf(review, 'Completed_At__c') : Number.NaN,
            timeOf(followUp, 'Started_At__c'),
            timeOf(decision, 'Starts_At__c'),
            modified
        );
        return { disputedAt, decidedAt: Math.max(decided, disputedAt) };
    }

    /** Returns the converted contact's creation when it was made on `ConvertedDate`, else the start of that date. */
    private convertedAt(lead: StoredRecord, created: number): number {
        const dayStart = this.startOfDate(textOf(lead, 'ConvertedDate'));
        const contactId = textOf(lead, 'ConvertedContactId');
        const contact = contactId === null ? undefined : this.record('Contact', contactId);
        const contactCreated = timeOf(contact, 'CreatedDate');
        const sameDay = contactCreated >= dayStart && contactCreated < dayStart + 86_400_000;
        const at = sameDay
            ? contactCreated
            : firstKnown(dayStart, timeOf(lead, 'LastModifiedDate'));
        return Math.max(at, created);
    }

    /** Returns the lead without the rejection, dispute and conversion it did not have yet at `at`. */
    private leadAt(lead: StoredRecord, at: number): StoredRecord {
        const times = this.timesOfLead(lead);
        let version: StoredRecord = lead;
        if (at < times.convertedAt) {
            version = {
                ...version,
                IsConverted: false,
                ConvertedAccountId: null,
                ConvertedContactId: null,
                ConvertedOpportunityId: null,
                ConvertedDate: null
            };
        }
        if (Number.isNaN(times.rejectedAt)) {
            return version;
        }
        if (at < times.rejectedAt) {
            // The status before the rejection is not kept; the engine only tests for Rejected.
            return {
                ...version,
                Status: null,
                Rejection_Reason__c: null,
                Rejected_At__c: null,
                Dispute_Status__c: null,
                Dispute_Evidence_URL__c: null
            };
        }
        version = { ...version, Rejected_At__c: new Date(times.rejectedAt) };
        if (at < times.disputedAt) {
            return { ...version, Dispute_Status__c: null, Dispute_Evidence_URL__c: null };
        }
        return at < times.decidedAt ? { ...version, Dispute_Status__c: 'Open' } : version;
    }
}
