import { parseQuery as parseSoql } from 'soql-parser-js';
import {
    POLICY_METADATA_FIELDS,
    POLICY_METADATA_SOQL,
    parseFollowUpCadence,
    policyFromCustomMetadata,
    type MetadataRecord,
    type PolicyMetadataRecords
} from '../../src/config/policy-loader';
import { PolicyError } from '../../src/config/policy-error';
import { DEFAULT_POLICY } from '../../src/config/policy-schema';
import { fieldNamesOf, recordsOf } from './force-app-metadata';

function forceAppRecords(): PolicyMetadataRecords {
    const policies = recordsOf('SLA_Policy__mdt');
    return {
        policy: policies.find((record) => record.DeveloperName === 'Default'),
        sourceTiers: recordsOf('SLA_Source_Tier__mdt'),
        signalWeights: recordsOf('SLA_Signal_Weight__mdt')
    };
}

function withPolicyField(field: string, value: unknown): PolicyMetadataRecords {
    const records = forceAppRecords();
    return { ...records, policy: { ...records.policy, [field]: value } };
}

function errorOf(build: () => unknown): PolicyError {
    try {
        build();
    } catch (error) {
        if (error instanceof PolicyError) {
            return error;
        }
        throw error;
    }
    throw new Error('expected a PolicyError');
}

describe('force-app custom metadata and the policy', () => {
    it('maps every SLA_Policy__mdt field in force-app', () => {
        expect(fieldNamesOf('SLA_Policy__mdt')).toEqual(Object.keys(POLICY_METADATA_FIELDS).sort());
    });

    it('queries every source tier and signal weight field', () => {
        const tierQuery = parseSoql(POLICY_METADATA_SOQL.sourceTiers);
        const weightQuery = parseSoql(POLICY_METADATA_SOQL.signalWeights);
        const fieldsOf = (query: typeof tierQuery): string[] =>
            (query.fields ?? [])
                .map((field) => (field.type === 'Field' ? field.field : ''))
                .filter((name) => name.endsWith('__c'))
                .sort();
        expect(fieldsOf(tierQuery)).toEqual(fieldNamesOf('SLA_Source_Tier__mdt'));
        expect(fieldsOf(weightQuery)).toEqual(fieldNamesOf('SLA_Signal_Weight__mdt'));
    });

    it('writes valid SOQL for the Default policy record', () => {
        const query = parseSoql(POLICY_METADATA_SOQL.policy);
        expect(query.sObject).toBe('SLA_Policy__mdt');
        expect(query.fields).toHaveLength(Object.keys(POLICY_METADATA_FIELDS).length + 1);
    });

    it('loads the Default record to exactly DEFAULT_POLICY', () => {
        expect(policyFromCustomMetadata(forceAppRecords())).toEqual(DEFAULT_POLICY);
    });

    it('has one record per signal type of the defaults', () => {
        const types = recordsOf('SLA_Signal_Weight__mdt').map((record) => record.Signal_Type__c);
        expect(types.sort()).toEqual(Object.keys(DEFAULT_POLICY.signalWeights).sort());
    });
});

describe('policyFromCustomMetadata', () => {
    it('reads changed values', () => {
        const policy = policyFromCustomMetadata(withPolicyField('Route_Sales_Hours__c', 2.5));
        expect(policy.routeSalesHours).toBe(2.5);
    });

    it('reads numbers and checkboxes sent as text', () => {
        const records = withPolicyField('Warning_Percent__c', '80');
        const policy = policyFromCustomMetadata({
            ...records,
            policy: { ...records.policy, Assign_Owners__c: 'false' }
        });
        expect(policy.warningPercent).toBe(80);
        expect(policy.assignOwners).toBe(false);
    });

    it('reads a blank free-mail list as no exclusions', () => {
        expect(
            policyFromCustomMetadata(withPolicyField('Free_Mail_Domains__c', null)).freeMailDomains
        ).toEqual([]);
    });

    it('sorts source tiers by lead source', () => {
        const records = forceAppRecords();
        const policy = policyFromCustomMetadata({
            ...records,
            sourceTiers: [...records.sourceTiers].reverse()
        });
        expect(policy.sourceTiers.map((tier) => tier.leadSource)).toEqual(
            DEFAULT_POLICY.sourceTiers.map((tier) => tier.leadSource)
        );
    });

    it('keeps JSON-only fields from the base policy', () => {
        const base = { ...DEFAULT_POLICY, campaignResponseDefaultWeight: 7 };
        expect(
            policyFromCustomMetadata(forceAppRecords(), base).campaignResponseDefaultWeight
        ).toBe(7);
    });

    it('rejects a missing Default record', () => {
        const error = errorOf(() =>
            policyFromCustomMetadata({ ...forceAppRecords(), policy: undefined })
        );
        expect(error.code).toBe('POLICY_RECORD_MISSING');
        expect(error.message).toMatch(/SLA_Policy__mdt has no record named Default/);
    });

    const invalidCases: { name: string; records: () => PolicyMetadataRecords; message: string }[] =
        [
            {
                name: 'negative hours',
                records: () => withPolicyField('Route_Sales_Hours__c', -1),
                message:
                    'SLA_Policy__mdt.Default.Route_Sales_Hours__c: -1 is invalid; expected a number of hours greater than 0'
            },
            {
                name: 'missing number',
                records: () => withPolicyField('Committee_Top_N__c', null),
                message:
                    'SLA_Policy__mdt.Default.Committee_Top_N__c: missing; expected a whole number of at least 1'
            },
            {
                name: 'malformed cadence',
                records: () => withPolicyField('Follow_Up_Cadence__c', '0:Call,tomorrow'),
                message:
                    'SLA_Policy__mdt.Default.Follow_Up_Cadence__c: "0:Call,tomorrow" is invalid; expected comma-separated day:touch pairs such as 0:Call,1:Email, with the touch Call, Email or Social'
            },
            {
                name: 'cadence day after the follow-up window',
                records: () => withPolicyField('Follow_Up_Cadence__c', '0:Call,9:Email'),
                message:
                    'SLA_Policy__mdt.Default.Follow_Up_Cadence__c[1].day: 9 is invalid; expected a day from 0 to followUpDays (5)'
            },
            {
                name: 'unknown touch',
                records: () => withPolicyField('Follow_Up_Cadence__c', '0:Fax'),
                message:
                    'SLA_Policy__mdt.Default.Follow_Up_Cadence__c[0].type: "Fax" is invalid; expected one of "Call", "Email", "Social"'
            },
            {
                name: 'bad free-mail domain',
                records: () => withPolicyField('Free_Mail_Domains__c', 'gmail.com, not a domain'),
                message:
                    'SLA_Policy__mdt.Default.Free_Mail_Domains__c[1]: "not" is invalid; expected a lower-case domain such as gmail.com'
            },
            {
                name: 'bad tier picklist value',
                records: () => {
                    const records = forceAppRecords();
                    const tiers = records.sourceTiers.map((tier): MetadataRecord =>
                        tier.DeveloperName === 'Web' ? { ...tier, Tier__c: 'Warm' } : tier
                    );
                    return { ...records, sourceTiers: tiers };
                },
                message:
                    'SLA_Source_Tier__mdt.Web.Tier__c: "Warm" is invalid; expected one of "Inbound High Intent", "Inbound", "Outbound", "Purchased List"'
            },
            {
                name: 'negative signal weight',
                records: () => {
                    const records = forceAppRecords();
                    const weights = records.signalWeights.map((weight): MetadataRecord =>
                        weight.DeveloperName === 'Web_Visit' ? { ...weight, Weight__c: -2 } : weight
                    );
                    return { ...records, signalWeights: weights };
                },
                message:
                    'SLA_Signal_Weight__mdt.Web_Visit.Weight__c: -2 is invalid; expected a number of points of at least 0'
            },
            {
                name: 'duplicate signal type',
                records: () => {
                    const records = forceAppRecords();
                    const copy = { ...records.signalWeights[0], DeveloperName: 'Copy' };
                    return { ...records, signalWeights: [...records.signalWeights, copy] };
                },
                message:
                    'SLA_Signal_Weight__mdt.Copy.Signal_Type__c: "Competitor Research" is invalid; expected a signal type that no other SLA_Signal_Weight__mdt record names'
            }
        ];

    it.each(invalidCases)('reports $name by its metadata field', ({ records, message }) => {
        const error = errorOf(() => policyFromCustomMetadata(records()));
        expect(error.code).toBe('POLICY_INVALID');
        expect(error.issues.map((issue) => issue.message)).toContain(message);
    });
});

describe('parseFollowUpCadence', () => {
    it('reads steps and normalises the touch', () => {
        expect(parseFollowUpCadence('0:call, 2 : EMAIL')).toEqual([
            { day: 0, type: 'Call' },
            { day: 2, type: 'Email' }
        ]);
    });

    it('returns null for a malformed step', () => {
        expect(parseFollowUpCadence('0:Call,,1:Email')).toBeNull();
    });
});
