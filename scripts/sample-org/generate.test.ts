import { loadOrgSchema } from '../../sync-worker/src/schema';
import { DEFAULT_POLICY } from '../../sync-worker/src/config/policy-schema';
import { LOAD_ORDER } from './builder';
import { describeSampleOrg } from './describe';
import { generateSampleOrg } from './generate';
import { SCALES } from './scales';
import { isRef, recordsOf, sampleOrgFor, TEST_NOW, textField } from './test-support';
import type { KeySpec, RecordRef, SampleOrg } from './types';

const schema = loadOrgSchema('force-app');

/** References that name records the org has before loading. */
const EXISTING_REFS = new Set(['Queue:Marketing_Nurture', 'Queue:RevOps', 'BusinessHours:default']);

function keyRefs(key: KeySpec | undefined): RecordRef[] {
    if (key === undefined) {
        return [];
    }
    switch (key.kind) {
        case 'route-clock':
            return [key.person];
        case 'reassigned-clock':
        case 'breach':
            return [key.clock];
        case 'rep-review':
            return [key.user];
    }
}

/** Lists every reference to a record that is not loaded yet when its own record is inserted. */
function unresolvedRefs(org: SampleOrg): string[] {
    const loaded = new Set(EXISTING_REFS);
    const problems: string[] = [];
    for (const { records } of org.objects) {
        for (const record of records) {
            const refs = [...Object.values(record.fields).filter(isRef), ...keyRefs(record.key)];
            for (const ref of refs) {
                if (!loaded.has(ref.ref)) {
                    problems.push(`${record.ref} -> ${ref.ref}`);
                }
            }
            if (loaded.has(record.ref)) {
                problems.push(`${record.ref} is not unique`);
            }
            loaded.add(record.ref);
        }
    }
    for (const conversion of org.conversions) {
        if (!loaded.has(conversion.lead.ref) || !loaded.has(conversion.account.ref)) {
            problems.push(`conversion of ${conversion.lead.ref}`);
        }
    }
    return problems;
}

function countsOf(org: SampleOrg): Record<string, number> {
    return describeSampleOrg(org).counts;
}

describe('generateSampleOrg', () => {
    it('is deterministic for the same seed and now', () => {
        const first = generateSampleOrg({ seed: 11, now: TEST_NOW, scale: 'small' });
        const second = generateSampleOrg({ seed: 11, now: new Date(TEST_NOW), scale: 'small' });
        expect(JSON.stringify(second)).toBe(JSON.stringify(first));
    });

    it('differs for another seed or another now', () => {
        const base = JSON.stringify(sampleOrgFor(11));
        expect(JSON.stringify(sampleOrgFor(12))).not.toBe(base);
        expect(JSON.stringify(sampleOrgFor(11, '2027-03-18T18:30:00.000Z'))).not.toBe(base);
    });

    it('lists objects in load order', () => {
        expect(sampleOrgFor(1).objects.map((object) => object.objectName)).toEqual([...LOAD_ORDER]);
    });

    it('resolves every reference to an earlier record', () => {
        expect(unresolvedRefs(sampleOrgFor(1))).toEqual([]);
        expect(unresolvedRefs(sampleOrgFor(2))).toEqual([]);
    });

    it('uses only fields of the org schema', () => {
        const unknown: string[] = [];
        for (const { objectName, records } of sampleOrgFor(1).objects) {
            const object = schema.objects.get(objectName.toLowerCase());
            const names = new Set(records.flatMap((record) => Object.keys(record.fields)));
            for (const name of names) {
                if (object?.fields.has(name.toLowerCase()) !== true) {
                    unknown.push(`${objectName}.${name}`);
                }
            }
        }
        expect(unknown).toEqual([]);
    });

    it('uses every lead source of the source tier metadata', () => {
        const metadataSources = schema.metadataRecords
            .filter((record) => record.objectName === 'SLA_Source_Tier__mdt')
            .map((record) => String(record.values.Lead_Source__c));
        const used = new Set(
            recordsOf(sampleOrgFor(1), 'Lead').map((lead) => lead.fields.LeadSource)
        );
        expect(metadataSources.length).toBeGreaterThan(10);
        expect(metadataSources.filter((source) => !used.has(source))).toEqual([]);
        const tiers = new Set(DEFAULT_POLICY.sourceTiers.map((tier) => tier.tier));
        expect(tiers.size).toBe(4);
    });

    it('uses every signal type of the picklist', () => {
        const picklist =
            schema.objects.get('engagement_signal__c')?.fields.get('type__c')?.picklistValues ?? [];
        const used = new Set(
            recordsOf(sampleOrgFor(1), 'Engagement_Signal__c').map(
                (signal) => signal.fields.Type__c
            )
        );
        expect(picklist.length).toBe(8);
        expect(picklist.map((entry) => entry.value).filter((type) => !used.has(type))).toEqual([]);
    });

    it('gives signals unique external ids within 120 days before now', () => {
        const signals = recordsOf(sampleOrgFor(1), 'Engagement_Signal__c');
        const ids = new Set(signals.map((signal) => signal.fields.External_Id__c));
        const nowMs = Date.parse(TEST_NOW);
        const times = signals.map((signal) =>
            Date.parse(textField(signal.fields, 'Occurred_At__c') ?? '')
        );
        expect(ids.size).toBe(signals.length);
        expect(Math.max(...times)).toBeLessThanOrEqual(nowMs);
        expect(Math.min(...times)).toBeGreaterThanOrEqual(nowMs - 121 * 86_400_000);
    });

    it('creates no record after now', () => {
        const nowMs = Date.parse(TEST_NOW);
        const late = sampleOrgFor(1)
            .objects.flatMap((object) => object.records)
            .filter(
                (record) => Date.parse(textField(record.fields, 'CreatedDate') ?? TEST_NOW) > nowMs
            );
        expect(late.map((record) => record.ref)).toEqual([]);
    });

    it('matches the small scale counts', () => {
        const scale = SCALES.small;
        const counts = countsOf(sampleOrgFor(1));
        const staff = 4 + scale.salesManagers + scale.sdrManagers + scale.marketingUsers;
        const reps =
            scale.salesManagers * scale.repsPerSalesManager +
            scale.sdrManagers * scale.repsPerSdrManager;
        expect(counts.User).toBe(staff + reps);
        expect(counts.Account).toBe(scale.accounts);
        expect(counts.Contact).toBe(scale.contacts);
        expect(counts.Lead).toBe(scale.leads);
        expect(counts.Campaign).toBe(scale.campaigns);
        expect(counts.Holiday).toBe(7);
        expect(counts.Engagement_Signal__c).toBeGreaterThan(scale.leads + scale.contacts);
        expect(counts.Engagement_Signal__c).toBeLessThan(8 * (scale.leads + scale.contacts));
    });

    it('builds the standard scale in seconds', () => {
        const started = Date.now();
        const org = sampleOrgFor(1, TEST_NOW, 'standard');
        const elapsed = Date.now() - started;
        const counts = countsOf(org);
        expect(counts.User).toBe(53);
        expect(counts.Account).toBe(1500);
        expect(counts.Contact).toBe(15000);
        expect(counts.Lead).toBe(20000);
        expect(counts.Engagement_Signal__c).toBeGreaterThan(50_000);
        expect(describeSampleOrg(org).reps).toBe(40);
        // NOTE: about 2.5 s on one core of the development machine; the bound leaves room for slow CI.
        expect(elapsed).toBeLessThan(20_000);
    }, 60_000);

    it('accepts count overrides on a preset', () => {
        const org = generateSampleOrg({
            seed: 3,
            now: TEST_NOW,
            scale: { base: 'small', accounts: 25, leads: 300 }
        });
        expect(countsOf(org).Account).toBe(25);
        expect(countsOf(org).Lead).toBe(300);
        expect(org.scale.contacts).toBe(SCALES.small.contacts);
    });

    it('rejects invalid options', () => {
        expect(() => generateSampleOrg({ seed: 1, now: 'yesterday' })).toThrow('ISO 8601');
        expect(() => generateSampleOrg({ seed: 1, now: TEST_NOW, scale: { leads: 10 } })).toThrow();
        expect(() =>
            generateSampleOrg({ seed: 1, now: TEST_NOW, scale: { base: 'small', inactiveReps: 5 } })
        ).toThrow('inactiveReps');
    });
});

describe('sample org names', () => {
    it('puts every company address on a reserved domain', () => {
        const org = sampleOrgFor(1);
        const freeMail = new Set(DEFAULT_POLICY.freeMailDomains);
        const emails = [
            ...recordsOf(org, 'Lead'),
            ...recordsOf(org, 'Contact'),
            ...recordsOf(org, 'User')
        ]
            .map((record) => textField(record.fields, 'Email'))
            .filter((email): email is string => email !== null);
        const domains = emails.map((email) => email.slice(email.indexOf('@') + 1).toLowerCase());
        expect(
            domains.filter((domain) => !domain.endsWith('.example') && !freeMail.has(domain))
        ).toEqual([]);
        expect(domains.some((domain) => freeMail.has(domain))).toBe(true);
        const websites = recordsOf(org, 'Account').map(
            (account) => textField(account.fields, 'Website') ?? ''
        );
        expect(websites.filter((website) => !/\.example(\/|$)/i.test(website))).toEqual([]);
    });

    it('has leads without e-mail, some with a LinkedIn URL', () => {
        const leads = recordsOf(sampleOrgFor(1), 'Lead');
        const noEmail = leads.filter((lead) => lead.fields.Email === undefined);
        expect(noEmail.some((lead) => typeof lead.fields.LinkedIn_URL__c === 'string')).toBe(true);
        expect(noEmail.some((lead) => lead.fields.LinkedIn_URL__c === undefined)).toBe(true);
    });

    it('has duplicate e-mail addresses that differ only in case', () => {
        const org = sampleOrgFor(1, TEST_NOW, 'standard');
        const seen = new Set<string>();
        let duplicates = 0;
        for (const person of [...recordsOf(org, 'Contact'), ...recordsOf(org, 'Lead')]) {
            const email = textField(person.fields, 'Email')?.toLowerCase();
            if (email !== undefined) {
                duplicates += seen.has(email) ? 1 : 0;
                seen.add(email);
            }
        }
        expect(duplicates).toBeGreaterThan(100);
    });
});
