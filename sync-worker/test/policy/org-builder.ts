import {
    AccountSchema,
    BusinessHoursSchema,
    CampaignMemberSchema,
    CampaignSchema,
    ContactSchema,
    EngagementSignalSchema,
    EventSchema,
    GroupMemberSchema,
    GroupSchema,
    HolidaySchema,
    LeadSchema,
    OpportunitySchema,
    OrganizationSchema,
    SlaBreachSchema,
    SlaClockSchema,
    SlaReviewSchema,
    TaskSchema,
    UserSchema,
    type Account,
    type BusinessHours,
    type Campaign,
    type CampaignMember,
    type Contact,
    type EngagementSignal,
    type Event,
    type Group,
    type GroupMember,
    type Holiday,
    type Lead,
    type Opportunity,
    type Organization,
    type SlaBreach,
    type SlaClock,
    type SlaReview,
    type Task,
    type User
} from '../../src/schema/records';
import type { OrgSnapshot } from '../../src/policy/snapshot';

/** Salesforce-shaped 18-character Id: a key prefix and a counter. */
export function makeId(prefix: string, counter: number): string {
    return `${prefix}${String(counter).padStart(12, '0')}AAA`;
}

/** Instant from a readable UTC time, `2027-03-01T10:00`. */
export function at(text: string): Date {
    return new Date(text.endsWith('Z') ? text : `${text}:00.000Z`);
}

export const HOUR = 3_600_000;
export const DAY = 86_400_000;

type Input<T> = Partial<{ [K in keyof T]: T[K] | string | number | boolean | null }>;

/**
 * Builds small org snapshots for the engine's tests: every record goes through the
 * record schemas, so the engine sees exactly what the worker would hand it.
 */
export class OrgBuilder {
    private counter = 0;
    readonly leads: Lead[] = [];
    readonly contacts: Contact[] = [];
    readonly accounts: Account[] = [];
    readonly opportunities: Opportunity[] = [];
    readonly tasks: Task[] = [];
    readonly events: Event[] = [];
    readonly users: User[] = [];
    readonly groups: Group[] = [];
    readonly groupMembers: GroupMember[] = [];
    readonly campaigns: Campaign[] = [];
    readonly campaignMembers: CampaignMember[] = [];
    readonly signals: EngagementSignal[] = [];
    readonly clocks: SlaClock[] = [];
    readonly breaches: SlaBreach[] = [];
    readonly reviews: SlaReview[] = [];
    readonly businessHours: BusinessHours[] = [];
    readonly holidays: Holiday[] = [];
    organization: Organization | null = null;

    constructor(private readonly created: Date = at('2027-01-01T00:00')) {}

    nextId(prefix: string): string {
        this.counter += 1;
        return makeId(prefix, this.counter);
    }

    user(fields: Input<User> = {}): User {
        const user = UserSchema.parse({
            Id: this.nextId('005'),
            Name: `User ${this.counter}`,
            IsActive: true,
            CreatedDate: this.created,
            ...fields
        });
        this.users.push(user);
        return user;
    }

    queue(developerName: string, members: readonly User[] = []): Group {
        const group = GroupSchema.parse({
            Id: this.nextId('00G'),
            Name: developerName.replace('_', ' '),
            DeveloperName: developerName,
            Type: 'Queue'
        });
        this.groups.push(group);
        for (const member of members) {
            this.groupMembers.push(
                GroupMemberSchema.parse({
                    Id: this.nextId('011'),
                    GroupId: group.Id,
                    UserOrGroupId: member.Id
                })
            );
        }
        return group;
    }

    account(fields: Input<Account> = {}): Account {
        const account = AccountSchema.parse({
            Id: this.nextId('001'),
            Name: `Account ${this.counter}`,
            CreatedDate: this.created,
            ...fields
        });
        this.accounts.push(account);
        return account;
    }

    lead(fields: Input<Lead> = {}): Lead {
        const lead = LeadSchema.parse({
            Id: this.nextId('00Q'),
            LastName: `Lead ${this.counter}`,
            Company: 'Acme',
            CreatedDate: this.created,
            Status: 'Open - Not Contacted',
            ...fields
        });
        this.leads.push(lead);
        return lead;
    }

    contact(account: Account | null, fields: Input<Contact> = {}): Contact {
        const contact = ContactSchema.parse({
            Id: this.nextId('003'),
            LastName: `Contact ${this.counter}`,
            AccountId: account?.Id ?? null,
            CreatedDate: this.created,
            ...fields
        });
        this.contacts.push(contact);
        return contact;
    }

    opportunity(account: Account, fields: Input<Opportunity> = {}): Opportunity {
        const opportunity = OpportunitySchema.parse({
            Id: this.nextId('006'),
            Name: `Deal ${this.counter}`,
            AccountId: account.Id,
            StageName: 'Prospecting',
            CreatedDate: this.created,
            ...fields
        });
        this.opportunities.push(opportunity);
        return opportunity;
    }

    /** Engagement signal of a lead, contact or account. */
    signal(
        target: Lead | Contact | Account,
        type: string,
        occurredAt: Date,
        fields: Input<EngagementSignal> = {}
    ): EngagementSignal {
        const link = target.Id.startsWith('00Q')
            ? { Lead__c: target.Id }
            : target.Id.startsWith('003')
              ? { Contact__c: target.Id }
              : { Account__c: target.Id };
        const signal = EngagementSignalSchema.parse({
            Id: this.nextId('a0S'),
            Type__c: type,
            Occurred_At__c: occurredAt,
            CreatedDate: occurredAt,
            ...link,
            ...fields
        });
        this.signals.push(signal);
        return signal;
    }

    campaign(type: string): Campaign {
        const campaign = CampaignSchema.parse({
            Id: this.nextId('701'),
            Name: `${type} campaign`,
            Type: type,
            IsActive: true
        });
        this.campaigns.push(campaign);
        return campaign;
    }

    campaignResponse(
        campaign: Campaign,
        person: Lead | Contact,
        respondedOn: string
    ): CampaignMember {
        const link = person.Id.startsWith('00Q') ? { LeadId: person.Id } : { ContactId: person.Id };
        const member = CampaignMemberSchema.parse({
            Id: this.nextId('00v'),
            CampaignId: campaign.Id,
            HasResponded: true,
            FirstRespondedDate: respondedOn,
            Status: 'Responded',
            ...link
        });
        this.campaignMembers.push(member);
        return member;
    }

    task(fields: Input<Task>): Task {
        const task = TaskSchema.parse({
            Id: this.nextId('00T'),
            Subject: 'Call',
            Status: 'Completed',
            IsClosed: true,
            CreatedDate: this.created,
            ...fields
        });
        this.tasks.push(task);
        return task;
    }

    event(fields: Input<Event>): Event {
        const event = EventSchema.parse({
            Id: this.nextId('00U'),
            Subject: 'Meeting',
            CreatedDate: this.created,
            ...fields
        });
        this.events.push(event);
        return event;
    }

    clock(fields: Input<SlaClock>): SlaClock {
        const clock = SlaClockSchema.parse({
            Id: this.nextId('a00'),
            Status__c: 'Open',
            ...fields
        });
        this.clocks.push(clock);
        return clock;
    }

    breach(fields: Input<SlaBreach>): SlaBreach {
        const breach = SlaBreachSchema.parse({ Id: this.nextId('a01'), ...fields });
        this.breaches.push(breach);
        return breach;
    }

    review(fields: Input<SlaReview>): SlaReview {
        const review = SlaReviewSchema.parse({
            Id: this.nextId('a02'),
            Status__c: 'Open',
            ...fields
        });
        this.reviews.push(review);
        return review;
    }

    /** Default business hours: Monday to Friday, `open` to `close` local time. */
    hours(timeZone: string, open = '09:00:00.000Z', close = '17:00:00.000Z'): BusinessHours {
        const days = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
        const times = Object.fromEntries(
            days.flatMap((day) => [
                [`${day}StartTime`, open],
                [`${day}EndTime`, close]
            ])
        );
        const hours = BusinessHoursSchema.parse({
            Id: this.nextId('01m'),
            Name: 'Default',
            IsActive: true,
            IsDefault: true,
            TimeZoneSidKey: timeZone,
            ...times
        });
        this.businessHours.push(hours);
        return hours;
    }

    holiday(date: string, fields: Input<Holiday> = {}): Holiday {
        const holiday = HolidaySchema.parse({
            Id: this.nextId('0Cv'),
            Name: 'Holiday',
            ActivityDate: date,
            IsAllDay: true,
            ...fields
        });
        this.holidays.push(holiday);
        return holiday;
    }

    org(fiscalYearStartMonth = 1, timeZone = 'UTC'): Organization {
        this.organization = OrganizationSchema.parse({
            Id: this.nextId('00D'),
            Name: 'Org',
            FiscalYearStartMonth: fiscalYearStartMonth,
            TimeZoneSidKey: timeZone
        });
        return this.organization;
    }

    build(): OrgSnapshot {
        return {
            leads: [...this.leads],
            contacts: [...this.contacts],
            accounts: [...this.accounts],
            opportunities: [...this.opportunities],
            tasks: [...this.tasks],
            events: [...this.events],
            users: [...this.users],
            groups: [...this.groups],
            groupMembers: [...this.groupMembers],
            campaigns: [...this.campaigns],
            campaignMembers: [...this.campaignMembers],
            signals: [...this.signals],
            clocks: [...this.clocks],
            breaches: [...this.breaches],
            reviews: [...this.reviews],
            scorecards: [],
            businessHours: [...this.businessHours],
            holidays: [...this.holidays],
            organization: this.organization
        };
    }
}
