/**
 * Hand-made org contents for the sync tests: a sales team, accounts, people, signals and
 * activities, written into a local org as people would write them.
 */
import type { RecordInput } from '../../src/local-org/store';
import { insertAsPerson, insertSetup, type TestOrg } from './helpers';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Time `hours` after `from`. */
export function hoursAfter(from: Date, hours: number): Date {
    return new Date(from.getTime() + hours * HOUR_MS);
}

/** Time `days` before `from`. */
export function daysBefore(from: Date, days: number): Date {
    return new Date(from.getTime() - days * DAY_MS);
}

/** The users of a small revenue team. */
export interface Team {
    readonly salesManager: string;
    readonly salesReps: readonly [string, string, string];
    readonly sdr: string;
    readonly marketer: string;
    readonly revops: string;
    readonly nurtureQueue: string;
    readonly revopsQueue: string;
}

/** Builds records in one test org; every name is unique within it. */
export class Fixture {
    private counter = 0;

    public constructor(public readonly testOrg: TestOrg) {}

    private next(): number {
        this.counter += 1;
        return this.counter;
    }

    public user(lastName: string, team: string | null, managerId: string | null = null): string {
        const n = this.next();
        return insertSetup(this.testOrg, 'User', {
            LastName: lastName,
            FirstName: 'Test',
            Username: `user${n}.${lastName.toLowerCase()}@example.test`,
            Email: `user${n}@example.test`,
            Alias: `u${n}`,
            TimeZoneSidKey: 'America/New_York',
            ManagerId: managerId,
            SLA_Team__c: team
        });
    }

    public queueId(developerName: string): string {
        const result = this.testOrg.org.store.query(
            `SELECT Id FROM Group WHERE Type = 'Queue' AND DeveloperName = '${developerName}'`
        );
        const id = result.records[0]?.Id;
        if (typeof id !== 'string') {
            throw new Error(`The queue ${developerName} is missing from the local org.`);
        }
        return id;
    }

    /** Creates a manager with three sales reps, an SDR, a marketer and a RevOps analyst in the RevOps queue. */
    public team(): Team {
        const salesManager = this.user('Manager', null);
        const salesReps: [string, string, string] = [
            this.user('Ames', 'Sales', salesManager),
            this.user('Boyd', 'Sales', salesManager),
            this.user('Cole', 'Sales', salesManager)
        ];
        const sdr = this.user('Diaz', 'SDR', salesManager);
        const marketer = this.user('Ellis', 'Marketing');
        const revops = this.user('Ford', 'RevOps');
        const revopsQueue = this.queueId('RevOps');
        insertSetup(this.testOrg, 'GroupMember', { GroupId: revopsQueue, UserOrGroupId: revops });
        return {
            salesManager,
            salesReps,
            sdr,
            marketer,
            revops,
            nurtureQueue: this.queueId('Marketing_Nurture'),
            revopsQueue
        };
    }

    public account(name: string, website: string, fields: RecordInput = {}): string {
        return insertAsPerson(this.testOrg, 'Account', { Name: name, Website: website, ...fields });
    }

    public contact(accountId: string, email: string, fields: RecordInput = {}): string {
        return insertAsPerson(this.testOrg, 'Contact', {
            LastName: `Contact ${this.next()}`,
            AccountId: accountId,
            Email: email,
            ...fields
        });
    }

    public lead(email: string | null, fields: RecordInput = {}): string {
        return insertAsPerson(this.testOrg, 'Lead', {
            LastName: `Lead ${this.next()}`,
            Company: 'Example Co',
            Email: email,
            ...fields
        });
    }

    /** Creates an engagement signal of a lead or contact (by Id prefix) at `at`. */
    public signal(personId: string, type: string, at: Date, fields: RecordInput = {}): string {
        const person = personId.startsWith('00Q')
            ? { Lead__c: personId }
            : { Contact__c: personId };
        return insertAsPerson(this.testOrg, 'Engagement_Signal__c', {
            ...person,
            Type__c: type,
            Occurred_At__c: at.toISOString(),
            External_Id__c: `signal-${this.next()}`,
            ...fields
        });
    }

    /** Signals that make a person active and engaged with a high intent score. */
    public hotSignals(personId: string, now: Date): void {
        this.signal(personId, 'Demo Request', daysBefore(now, 1));
        this.signal(personId, 'Meeting Request', daysBefore(now, 2));
        this.signal(personId, 'Content Download', daysBefore(now, 3));
        this.signal(personId, 'Webinar Attended', daysBefore(now, 4));
        this.signal(personId, 'Intent Surge', daysBefore(now, 1));
    }

    /** Creates a completed call by `ownerId` on a person. */
    public completedCall(ownerId: string, whoId: string): string {
        return this.testOrg.org.store.insert(
            'Task',
            { OwnerId: ownerId, WhoId: whoId, Subject: 'Call', Type: 'Call', Status: 'Completed' },
            { userId: ownerId }
        );
    }
}
