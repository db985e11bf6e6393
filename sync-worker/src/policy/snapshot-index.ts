import type {
    Account,
    Campaign,
    Contact,
    Event,
    Group,
    Lead,
    Opportunity,
    Task,
    User
} from '../schema/records';
import { taskKeyOf } from './keys';
import type { OrgSnapshot } from './snapshot';
import { NURTURE_QUEUE, REVOPS_QUEUE, USER_ID_PREFIX, type Team } from './values';

interface ActivityFacts {
    readonly ownerId: string | null;
    readonly whoId: string | null;
    /** Account from `AccountId`, an account `WhatId`, or the account of an opportunity `WhatId`. */
    readonly accountId: string | null;
    /** When it was done (a completed task) or logged (an event), epoch ms; NaN for an open task. */
    readonly doneAt: number;
    readonly createdAt: number;
    readonly type: string | null;
    /** Made by the engine (cadence and reminder tasks); never counts as a response. */
    readonly byEngine: boolean;
}

/** A Task or Event reduced to what the rules read. */
export type Activity = ActivityFacts &
    (
        | { readonly kind: 'Task'; readonly record: Task }
        | { readonly kind: 'Event'; readonly record: Event }
    );

/** A person: an unconverted Lead or a Contact, with its slot in the per-person arrays. */
export type Person =
    | { readonly index: number; readonly kind: 'Lead'; readonly record: Lead }
    | { readonly index: number; readonly kind: 'Contact'; readonly record: Contact };

export const TEAMS: readonly Team[] = ['Sales', 'SDR', 'Marketing', 'RevOps'];

function push<K, V>(map: Map<K, V[]>, key: K | null, value: V): void {
    if (key === null) {
        return;
    }
    const list = map.get(key);
    if (list === undefined) {
        map.set(key, [value]);
    } else {
        list.push(value);
    }
}

function byId<T extends { Id: string }>(records: readonly T[]): Map<string, T> {
    return new Map(records.map((record) => [record.Id, record]));
}

export function isUserId(id: string | null): id is string {
    return id?.startsWith(USER_ID_PREFIX) === true;
}

function taskDoneAt(task: Task): number {
    if (!task.IsClosed && task.Status !== 'Completed') {
        return Number.NaN;
    }
    const done = task.CompletedDateTime ?? task.LastModifiedDate ?? task.CreatedDate;
    return done?.getTime() ?? Number.NaN;
}

/** Lookup tables over a snapshot, built once per evaluation. */
export class SnapshotIndex {
    readonly leads: Map<string, Lead>;
    readonly contacts: Map<string, Contact>;
    readonly accounts: Map<string, Account>;
    readonly opportunities: Map<string, Opportunity>;
    readonly users: Map<string, User>;
    readonly groups: Map<string, Group>;
    readonly campaigns: Map<string, Campaign>;
    readonly queues = new Map<string, Group>();
    readonly queueMembers = new Map<string, string[]>();
    readonly contactsByAccount = new Map<string, Contact[]>();
    readonly opportunitiesByAccount = new Map<string, Opportunity[]>();
    readonly activitiesByWho = new Map<string, Activity[]>();
    readonly activitiesByAccount = new Map<string, Activity[]>();
    readonly activities: Activity[] = [];
    /** Active users per `SLA_Team__c`, sorted by Id. */
    readonly activeByTeam = new Map<Team, User[]>();
    /** Direct reports of each manager, active or not, sorted by Id. */
    readonly reportsByManager = new Map<string, User[]>();
    /** Converted lead of each contact it became. */
    readonly convertedLeadByContact = new Map<string, Lead>();
    readonly people: Person[] = [];
    readonly personIndex = new Map<string, number>();

    constructor(snapshot: OrgSnapshot) {
        this.leads = byId(snapshot.leads);
        this.contacts = byId(snapshot.contacts);
        this.accounts = byId(snapshot.accounts);
        this.opportunities = byId(snapshot.opportunities);
        this.users = byId(snapshot.users);
        this.groups = byId(snapshot.groups);
        this.campaigns = byId(snapshot.campaigns);
        this.indexGroups(snapshot);
        this.indexUsers(snapshot.users);
        this.indexPeople(snapshot);
        for (const opportunity of snapshot.opportunities) {
            push(this.opportunitiesByAccount, opportunity.AccountId, opportunity);
        }
        for (const task of snapshot.tasks) {
            if (!task.IsDeleted) {
                this.addActivity({
                    ...this.factsOf(task, taskDoneAt(task)),
                    kind: 'Task',
                    record: task
                });
            }
        }
        for (const event of snapshot.events) {
            if (!event.IsDeleted) {
                const facts = this.factsOf(event, event.CreatedDate?.getTime() ?? Number.NaN);
                this.addActivity({ ...facts, kind: 'Event', record: event });
            }
        }
    }

    /** Team of a user or queue owner: the user's `SLA_Team__c`, or the team a queue is named after. */
    teamOf(ownerId: string | null): Team | null {
        if (ownerId === null) {
            return null;
        }
        const user = this.users.get(ownerId);
        if (user !== undefined) {
            return TEAMS.find((team) => team === user.SLA_Team__c) ?? null;
        }
        const group = this.groups.get(ownerId);
        if (group === undefined) {
            return null;
        }
        if (group.DeveloperName === NURTURE_QUEUE) {
            return 'Marketing';
        }
        return TEAMS.find((team) => team === group.DeveloperName || team === group.Name) ?? null;
    }

    isActiveUser(userId: string | null): boolean {
        return userId !== null && this.users.get(userId)?.IsActive === true;
    }

    /** Users to notify for an owner: the user itself, or the members of a queue. */
    recipientsOf(ownerId: string | null): string[] {
        if (ownerId === null) {
            return [];
        }
        if (isUserId(ownerId)) {
            return [ownerId];
        }
        return (this.queueMembers.get(ownerId) ?? []).filter((id) => this.isActiveUser(id));
    }

    /** Active members of the queue a team works from: RevOps, or Marketing_Nurture for Marketing. */
    teamQueueMembers(team: string | null): string[] {
        let queueName: string | null = null;
        if (team === 'Marketing') {
            queueName = NURTURE_QUEUE;
        } else if (team === 'RevOps') {
            queueName = REVOPS_QUEUE;
        }
        return queueName === null ? [] : this.recipientsOf(this.queues.get(queueName)?.Id ?? null);
    }

    private indexGroups(snapshot: OrgSnapshot): void {
        for (const group of snapshot.groups) {
            if (group.Type === 'Queue' && group.DeveloperName !== null) {
                this.queues.set(group.DeveloperName, group);
            }
        }
        for (const member of snapshot.groupMembers) {
            if (isUserId(member.UserOrGroupId)) {
                push(this.queueMembers, member.GroupId, member.UserOrGroupId);
            }
        }
    }

    private indexUsers(users: readonly User[]): void {
        const sorted = [...users].sort((a, b) => a.Id.localeCompare(b.Id));
        for (const user of sorted) {
            push(this.reportsByManager, user.ManagerId, user);
            const team = TEAMS.find((candidate) => candidate === user.SLA_Team__c);
            if (user.IsActive && team !== undefined) {
                push(this.activeByTeam, team, user);
            }
        }
    }

    private indexPeople(snapshot: OrgSnapshot): void {
        for (const lead of snapshot.leads) {
            if (lead.IsConverted) {
                if (lead.ConvertedContactId !== null) {
                    this.convertedLeadByContact.set(lead.ConvertedContactId, lead);
                }
            } else if (!lead.IsDeleted) {
                this.addPerson({ index: this.people.length, kind: 'Lead', record: lead });
            }
        }
        for (const contact of snapshot.contacts) {
            if (!contact.IsDeleted) {
                this.addPerson({ index: this.people.length, kind: 'Contact', record: contact });
                push(this.contactsByAccount, contact.AccountId, contact);
            }
        }
    }

    private addPerson(person: Person): void {
        this.people.push(person);
        this.personIndex.set(person.record.Id, person.index);
    }

    private factsOf(record: Task | Event, doneAt: number): ActivityFacts {
        return {
            ownerId: record.OwnerId,
            whoId: record.WhoId,
            accountId: this.accountOfActivity(record),
            doneAt,
            createdAt: record.CreatedDate?.getTime() ?? Number.NaN,
            type: record.Type,
            byEngine: taskKeyOf(record.Description) !== null
        };
    }

    private addActivity(activity: Activity): void {
        this.activities.push(activity);
        push(this.activitiesByWho, activity.whoId, activity);
        push(this.activitiesByAccount, activity.accountId, activity);
    }

    private accountOfActivity(record: Task | Event): string | null {
        if (record.AccountId !== null) {
            return record.AccountId;
        }
        const what = record.WhatId;
        if (what === null) {
            return null;
        }
        if (this.accounts.has(what)) {
            return what;
        }
        return this.opportunities.get(what)?.AccountId ?? null;
    }
}
