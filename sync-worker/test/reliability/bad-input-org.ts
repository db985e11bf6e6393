/**
 * Org building for the bad-input tests. Records go into a local org with fixed audit
 * dates, so two orgs built in the same order hold the same Ids and times. Raw column
 * writes put into the org's SQLite file what its API would reject on insert.
 */
import { join } from 'node:path';
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import type { RecordInput } from '../../src/local-org/store';
import { DATABASE_FILE, quote } from '../../src/local-org/store/database';
import type { TestOrg } from '../sync/helpers';

const HOUR_MS = 3_600_000;

/** Time `hours` before `from`; negative hours lie after it. */
export function hoursBefore(from: Date, hours: number): Date {
    return new Date(from.getTime() - hours * HOUR_MS);
}

/**
 * Writes column values straight into the org's SQLite file, past the API's checks.
 * Salesforce returns values its API would reject today when they were stored before:
 * a field whose type or validation changed after the data was loaded, a picklist value
 * deactivated later, or an import with validation switched off. The local org's insert
 * path rejects them as Salesforce's does, so they go in here. The store reads SQLite on
 * every request, so the next query returns them.
 */
export function writeColumns(
    testOrg: TestOrg,
    object: string,
    id: string,
    values: Readonly<Record<string, SQLInputValue>>
): void {
    const names = Object.keys(values);
    const database = new DatabaseSync(join(testOrg.dataDir, 'org', DATABASE_FILE));
    try {
        const assignments = names.map((name) => `${quote(name)} = ?`).join(', ');
        const result = database
            .prepare(`UPDATE ${quote(object)} SET ${assignments} WHERE "Id" = ?`)
            .run(...names.map((name) => values[name] ?? null), id);
        if (result.changes !== 1) {
            throw new Error(`No ${object} record ${id} to write ${names.join(', ')} into.`);
        }
    } finally {
        database.close();
    }
}

/** Lookups to a lead that a merge moves to the winning lead. */
const LEAD_LOOKUPS = [
    ['SLA_Clock__c', 'Lead__c'],
    ['SLA_Breach__c', 'Lead__c'],
    ['SLA_Review__c', 'Lead__c'],
    ['Engagement_Signal__c', 'Lead__c'],
    ['CampaignMember', 'LeadId'],
    ['Task', 'WhoId'],
    ['Event', 'WhoId']
] as const;

/** The users of a small revenue team. */
export interface TeamIds {
    readonly manager: string;
    readonly reps: readonly string[];
    readonly sdr: string;
    readonly marketer: string;
}

/**
 * Writes records into one org with `CreatedDate` given relative to `now`, as an import
 * with the "Set Audit Fields upon Record Creation" permission would. Every name is
 * unique within the org; two builders that make the same calls give the same Ids.
 */
export class OrgWriter {
    private counter = 0;

    public constructor(
        public readonly testOrg: TestOrg,
        public readonly now: Date
    ) {}

    private next(): number {
        this.counter += 1;
        return this.counter;
    }

    /** Inserts a record as the admin user, created `ageHours` before `now`. */
    public insert(object: string, fields: RecordInput, ageHours = 24): string {
        return this.testOrg.org.store.insert(
            object,
            { CreatedDate: hoursBefore(this.now, ageHours).toISOString(), ...fields },
            { userId: this.testOrg.adminId, allowAuditFields: true }
        );
    }

    /** Updates a record as the admin user. */
    public update(object: string, id: string, fields: RecordInput): void {
        this.testOrg.org.store.update(object, id, fields, { userId: this.testOrg.adminId });
    }

    /** Writes values past the API's checks; see `writeColumns`. */
    public writeRaw(
        object: string,
        id: string,
        values: Readonly<Record<string, SQLInputValue>>
    ): void {
        writeColumns(this.testOrg, object, id, values);
    }

    /**
     * Merges lead `loser` into `winner` as Salesforce does: the records that look the
     * loser up move to the winner, then the loser is deleted. The local org has no merge.
     */
    public merge(winner: string, loser: string): void {
        const store = this.testOrg.org.store;
        for (const [object, field] of LEAD_LOOKUPS) {
            const rows = store.query(`SELECT Id FROM ${object} WHERE ${field} = '${loser}'`);
            for (const row of rows.records) {
                store.update(
                    object,
                    String(row.Id),
                    { [field]: winner },
                    {
                        system: true,
                        userId: this.testOrg.adminId
                    }
                );
            }
        }
        store.delete('Lead', loser, { userId: this.testOrg.adminId });
    }

    /** Inserts a user with set-up access. */
    public user(lastName: string, team: string | null, managerId: string | null = null): string {
        const n = this.next();
        return this.testOrg.org.store.insert(
            'User',
            {
                LastName: lastName,
                FirstName: 'Test',
                Username: `user${n}.${lastName.toLowerCase()}@example.test`,
                Email: `user${n}@example.test`,
                Alias: `u${n}`,
                TimeZoneSidKey: 'America/New_York',
                ManagerId: managerId,
                SLA_Team__c: team
            },
            { system: true, userId: this.testOrg.adminId }
        );
    }

    /** Creates a manager with `repCount` sales reps, an SDR and a marketer. */
    public team(repCount: number): TeamIds {
        const manager = this.user('Manager', null);
        const reps = Array.from({ length: repCount }, (_, index) =>
            this.user(`Rep${index}`, 'Sales', manager)
        );
        return {
            manager,
            reps,
            sdr: this.user('Sdr', 'SDR', manager),
            marketer: this.user('Marketer', 'Marketing')
        };
    }

    /** Returns the Id of the queue with this developer name. */
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

    public account(name: string, website: string | null, fields: RecordInput = {}): string {
        return this.insert('Account', { Name: name, Website: website, ...fields }, 24 * 30);
    }

    public contact(
        accountId: string | null,
        email: string | null,
        fields: RecordInput = {}
    ): string {
        return this.insert('Contact', {
            LastName: `Contact ${this.next()}`,
            AccountId: accountId,
            Email: email,
            ...fields
        });
    }

    public lead(email: string | null, fields: RecordInput = {}, ageHours = 2): string {
        return this.insert(
            'Lead',
            { LastName: `Lead ${this.next()}`, Company: 'Example Co', Email: email, ...fields },
            ageHours
        );
    }

    /** Creates an engagement signal of a lead or contact (by Id prefix), `ageHours` before now. */
    public signal(
        personId: string,
        type: string,
        ageHours: number,
        fields: RecordInput = {}
    ): string {
        const person = personId.startsWith('00Q')
            ? { Lead__c: personId }
            : { Contact__c: personId };
        return this.insert(
            'Engagement_Signal__c',
            {
                ...person,
                Type__c: type,
                Occurred_At__c: hoursBefore(this.now, ageHours).toISOString(),
                External_Id__c: `signal-${this.next()}`,
                ...fields
            },
            Math.max(ageHours, 0)
        );
    }
}
