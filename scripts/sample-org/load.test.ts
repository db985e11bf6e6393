import { DEFAULT_POLICY } from '../../sync-worker/src/config/policy-schema';
import { OrgStore, type SObjectRecord } from '../../sync-worker/src/local-org/store';
import { breachKey } from '../../sync-worker/src/policy/keys';
import { evaluate } from '../../sync-worker/src/policy/evaluate';
import type { Evaluation } from '../../sync-worker/src/policy/plan';
import type { OrgSnapshot } from '../../sync-worker/src/policy/snapshot';
import { loadOrgSchema } from '../../sync-worker/src/schema';
import {
    fieldNamesOf,
    RECORD_SCHEMAS,
    type SObjectName,
    type SObjectRecord as ParsedRecord
} from '../../sync-worker/src/schema/records';
import { describeSampleOrg } from './describe';
import { loadSampleOrg, SampleOrgLoadError, type LoadResult } from './load';
import { sampleOrgFor, TEST_NOW } from './test-support';
import type { SampleOrg } from './types';

const schema = loadOrgSchema('force-app');

/** Opens an in-memory store whose clock is set to the sample org's `now`, as on the day it was seeded. */
function storeAt(now: string): OrgStore {
    return new OrgStore({ schema, clock: () => new Date(now) });
}

function count(store: OrgStore, soql: string): number {
    return store.query(soql).totalSize;
}

function allRecords(store: OrgStore, objectName: SObjectName): SObjectRecord[] {
    const soql = `SELECT ${fieldNamesOf(objectName).join(', ')} FROM ${objectName}`;
    let page = store.query(soql, { batchSize: 100_000 });
    const records = [...page.records];
    while (!page.done && page.nextRecordsCursor !== undefined) {
        page = store.queryMore(page.nextRecordsCursor);
        records.push(...page.records);
    }
    return records;
}

/** Reads the snapshot that the worker's first full read would build. */
function readSnapshot(store: OrgStore): OrgSnapshot {
    const parse = <N extends SObjectName>(name: N): ParsedRecord<N>[] =>
        // Indexing the schema map by a generic name loses the link between name and type.
        allRecords(store, name).map(
            (record) => RECORD_SCHEMAS[name].parse(record) as ParsedRecord<N>
        );
    return {
        leads: parse('Lead'),
        contacts: parse('Contact'),
        accounts: parse('Account'),
        opportunities: parse('Opportunity'),
        tasks: parse('Task'),
        events: parse('Event'),
        users: parse('User'),
        groups: parse('Group'),
        groupMembers: parse('GroupMember'),
        campaigns: parse('Campaign'),
        campaignMembers: parse('CampaignMember'),
        signals: parse('Engagement_Signal__c'),
        clocks: parse('SLA_Clock__c'),
        breaches: parse('SLA_Breach__c'),
        reviews: parse('SLA_Review__c'),
        scorecards: parse('SLA_Scorecard__c'),
        businessHours: parse('BusinessHours'),
        holidays: parse('Holiday'),
        organization: parse('Organization')[0] ?? null
    };
}

/** Generating and loading the small scale takes about a second; slow machines get room. */
const LOAD_TIMEOUT_MS = 60_000;

describe('loadSampleOrg', () => {
    const org = sampleOrgFor(1);
    const counts = describeSampleOrg(org).counts;
    const store = storeAt(org.now);
    const seededUsers = count(store, 'SELECT COUNT() FROM User');
    let result: LoadResult;

    beforeAll(() => {
        result = loadSampleOrg(store, org);
    }, LOAD_TIMEOUT_MS);

    afterAll(() => {
        store.close();
    });

    it('inserts every record', () => {
        expect(result.counts).toEqual(counts);
        expect(result.convertedLeads).toBe(org.conversions.length);
    });

    it.each([
        'Account',
        'Lead',
        'Opportunity',
        'Campaign',
        'CampaignMember',
        'Engagement_Signal__c',
        'SLA_Clock__c',
        'SLA_Breach__c',
        'SLA_Review__c',
        'Task',
        'Event',
        'Holiday'
    ])('reads back the %s count', (objectName) => {
        expect(count(store, `SELECT COUNT() FROM ${objectName}`)).toBe(counts[objectName]);
    });

    it('adds users and the contacts of converted leads', () => {
        expect(count(store, 'SELECT COUNT() FROM User')).toBe(seededUsers + (counts.User ?? 0));
        expect(count(store, 'SELECT COUNT() FROM Contact')).toBe(
            (counts.Contact ?? 0) + org.conversions.length
        );
        expect(count(store, 'SELECT COUNT() FROM Lead WHERE IsConverted = true')).toBe(
            org.conversions.length
        );
        expect(org.conversions.length).toBeGreaterThanOrEqual(2);
    });

    it('deactivates the reps who left after their records were assigned', () => {
        expect(count(store, 'SELECT COUNT() FROM User WHERE IsActive = false')).toBe(
            org.scale.inactiveReps
        );
        expect(count(store, "SELECT COUNT() FROM User WHERE SLA_Team__c = 'SDR'")).toBe(
            org.scale.sdrManagers * org.scale.repsPerSdrManager
        );
    });

    it('sets the fiscal year and the default business hours', () => {
        const [organization] = store.query(
            'SELECT FiscalYearStartMonth, TimeZoneSidKey FROM Organization'
        ).records;
        expect(organization?.FiscalYearStartMonth).toBe(2);
        expect(organization?.TimeZoneSidKey).toBe('America/New_York');
        const [hours] = store.query(
            'SELECT MondayStartTime, SaturdayStartTime FROM BusinessHours WHERE IsDefault = true'
        ).records;
        expect(String(hours?.MondayStartTime)).toMatch(/^08:00/);
        expect(hours?.SaturdayStartTime).toBeNull();
    });

    it('keys clocks and breaches as the engine does', () => {
        const clocks = store.query('SELECT Id, Clock_Key__c FROM SLA_Clock__c', {
            batchSize: 10_000
        }).records;
        const keyOf = new Map(clocks.map((clock) => [clock.Id, clock.Clock_Key__c]));
        expect(
            clocks.every(
                (clock) =>
                    /^(Response|Nurture):00Q\w{15}:(sales-1h|sdr-24h|nurture):/.test(
                        String(clock.Clock_Key__c)
                    ) || String(clock.Clock_Key__c).endsWith('+R')
            )
        ).toBe(true);
        const breaches = store.query(
            'SELECT SLA_Clock__c, Breach_Key__c FROM SLA_Breach__c'
        ).records;
        for (const breach of breaches) {
            expect(breach.Breach_Key__c).toBe(breachKey(String(keyOf.get(breach.SLA_Clock__c))));
        }
    });

    it('keeps the history times', () => {
        const [oldest] = store.query(
            'SELECT CreatedDate FROM SLA_Clock__c ORDER BY CreatedDate ASC LIMIT 1'
        ).records;
        expect(Date.parse(String(oldest?.CreatedDate))).toBeLessThan(
            Date.parse(org.now) - 60 * 86_400_000
        );
    });
});

describe('loadSampleOrg failures', () => {
    it('writes nothing when a record is rejected', () => {
        const org = sampleOrgFor(1);
        const broken: SampleOrg = {
            ...org,
            objects: org.objects.map((object) =>
                object.objectName === 'Lead'
                    ? {
                          ...object,
                          records: [
                              ...object.records,
                              { ref: 'Lead:broken', fields: { FirstName: 'No' } }
                          ]
                      }
                    : object
            )
        };
        const store = storeAt(org.now);
        const users = count(store, 'SELECT COUNT() FROM User');
        expect(() => loadSampleOrg(store, broken)).toThrow(SampleOrgLoadError);
        expect(() => loadSampleOrg(store, broken)).toThrow('Lead Lead:broken');
        expect(count(store, 'SELECT COUNT() FROM User')).toBe(users);
        expect(count(store, 'SELECT COUNT() FROM Lead')).toBe(0);
        store.close();
    });
});

describe('first evaluation of the sample org', () => {
    let evaluation: Evaluation;
    /** Leads with a response clock the history left open. */
    let seededLeads: Set<string>;

    beforeAll(() => {
        const org = sampleOrgFor(1);
        const store = storeAt(org.now);
        loadSampleOrg(store, org);
        const snapshot = readSnapshot(store);
        store.close();
        const open = snapshot.clocks.filter(
            (clock) => clock.Status__c === 'Open' && clock.Type__c === 'Response'
        );
        seededLeads = new Set(open.map((clock) => clock.Lead__c ?? ''));
        evaluation = evaluate(snapshot, DEFAULT_POLICY, new Date(Date.parse(TEST_NOW) + 60_000));
    }, LOAD_TIMEOUT_MS);

    it('keeps the routes of seeded clocks', () => {
        const routedAgain = evaluation.clocks.filter(
            (clock) =>
                clock.isNew &&
                seededLeads.has(clock.fields.Lead__c ?? '') &&
                !clock.key.endsWith('+R')
        );
        expect(seededLeads.size).toBeGreaterThan(10);
        expect(routedAgain.map((clock) => clock.key)).toEqual([]);
    });

    it('reports no problem records', () => {
        expect(evaluation.problems).toEqual([]);
    });

    it('breaches at levels 1 to 4 with every escalation', () => {
        const levels = new Set(
            evaluation.breaches
                .filter((breach) => breach.isNew)
                .map((breach) => breach.fields.Level__c)
        );
        const actions = new Set(evaluation.breaches.map((breach) => breach.fields.Action__c));
        expect([...levels]).toEqual(expect.arrayContaining([1, 2, 3, 4]));
        expect([...actions]).toEqual(
            expect.arrayContaining(['Reminder', 'Manager Notified', 'Reassigned'])
        );
        expect(evaluation.ownerChanges.length).toBeGreaterThan(0);
    });

    it('opens reviews: rep breach, team remediation and marketing probation', () => {
        const types = new Set(
            evaluation.reviews
                .filter((review) => review.isNew)
                .map((review) => review.fields.Type__c)
        );
        expect([...types]).toEqual(
            expect.arrayContaining(['Rep Breach Review', 'Team Remediation', 'Marketing Probation'])
        );
    });

    it('routes, warns, meets and reviews the dispute', () => {
        const clockChanges = evaluation.clocks.map(
            (clock) =>
                `${clock.isNew ? 'new' : 'update'} ${clock.fields.Type__c ?? ''} ${clock.fields.Status__c ?? ''}`
        );
        expect(clockChanges).toEqual(
            expect.arrayContaining([
                'update  Warning',
                'update  Met',
                'update  Breached',
                'new Dispute Review Open',
                'new Response Open',
                'new Nurture Open'
            ])
        );
        expect(evaluation.stats.routed).toBeGreaterThan(50);
    });
});
