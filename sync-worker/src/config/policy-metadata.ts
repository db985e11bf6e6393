import {
    formatPath,
    formatValue,
    invalidPolicyError,
    PolicyError,
    type PolicyIssue
} from './policy-error';
import { DEFAULT_POLICY, FOLLOW_UP_TOUCHES, parsePolicy, type Policy } from './policy-schema';
import { composeSoql } from '../salesforce/soql';

/**
 * Maps the org's custom metadata (`SLA_Policy__mdt` record Default, every
 * `SLA_Source_Tier__mdt` and `SLA_Signal_Weight__mdt` record) to a `Policy`. Pure: the
 * caller runs the queries in `POLICY_METADATA_SOQL` and passes the records as returned.
 */

/** A custom metadata record keyed by field API name, as a SOQL query returns it. */
export type MetadataRecord = Readonly<Record<string, unknown>>;

export interface PolicyMetadataRecords {
    /** The `SLA_Policy__mdt` record whose DeveloperName is Default. */
    readonly policy: MetadataRecord | null | undefined;
    readonly sourceTiers: readonly MetadataRecord[];
    readonly signalWeights: readonly MetadataRecord[];
}

/** `SLA_Policy__mdt` fields whose value is a number, by the policy field they set. */
const NUMBER_FIELDS = {
    Active_Window_Days__c: 'activeWindowDays',
    Buying_Cycle_Lookback_Days__c: 'buyingCycleLookbackDays',
    Committee_Aware_Min_Active__c: 'committeeAwareMinActive',
    Committee_Aware_Window_Days__c: 'committeeAwareWindowDays',
    Committee_Top_N__c: 'committeeTopN',
    Dispute_Follow_Up_Hours__c: 'disputeFollowUpHours',
    Dispute_Review_Hours__c: 'disputeReviewHours',
    Engaged_Min_Content__c: 'engagedMinContent',
    Engaged_Min_Meetings__c: 'engagedMinMeetings',
    Engagement_Window_Days__c: 'engagementWindowDays',
    Exploratory_Active_People__c: 'exploratoryActivePeople',
    Follow_Up_Days__c: 'followUpDays',
    Handoff_Min_Active__c: 'handoffMinActive',
    Handoff_Min_Intent__c: 'handoffMinIntent',
    Intent_Cap__c: 'intentCap',
    Intent_Half_Life_Days__c: 'intentHalfLifeDays',
    Long_Cycle_Months__c: 'longCycleMonths',
    Long_Cycle_Window_Days__c: 'longCycleWindowDays',
    Manager_Level__c: 'managerLevel',
    New_Member_Response_Hours__c: 'newMemberResponseHours',
    Nurture_Days__c: 'nurtureDays',
    Outbound_Response_Hours__c: 'outboundResponseHours',
    Probation_Consecutive_Months__c: 'probationConsecutiveMonths',
    Probation_Days__c: 'probationDays',
    Qualified_Min_Active__c: 'qualifiedMinActive',
    Qualified_Min_Intent__c: 'qualifiedMinIntent',
    Reassign_Level__c: 'reassignLevel',
    Rejection_Rate_Percent__c: 'rejectionRatePercent',
    Rep_Review_Breach_Count__c: 'repReviewBreachCount',
    Route_Committee_Hours__c: 'routeCommitteeHours',
    Route_Committee_Size_Above__c: 'routeCommitteeSizeAbove',
    Route_Forced_Sales_Hours__c: 'routeForcedSalesHours',
    Route_SDR_Engagement_Above__c: 'routeSdrEngagementAbove',
    Route_SDR_Hours__c: 'routeSdrHours',
    Route_Sales_Hours__c: 'routeSalesHours',
    Route_Sales_Intent_Above__c: 'routeSalesIntentAbove',
    Scoring_Window_Days__c: 'scoringWindowDays',
    Team_Breach_Rate_Percent__c: 'teamBreachRatePercent',
    Team_Min_Clocks_Due__c: 'teamMinClocksDue',
    Warning_Percent__c: 'warningPercent'
} as const satisfies Record<string, keyof Policy>;

/** Every `SLA_Policy__mdt` field the mapper reads, by the policy field it sets. */
export const POLICY_METADATA_FIELDS = {
    ...NUMBER_FIELDS,
    Assign_Owners__c: 'assignOwners',
    Follow_Up_Cadence__c: 'followUpCadence',
    Free_Mail_Domains__c: 'freeMailDomains',
    Version__c: 'version'
} as const satisfies Record<string, keyof Policy>;

const SOURCE_TIER_FIELDS = {
    leadSource: 'Lead_Source__c',
    tier: 'Tier__c',
    responseHours: 'Response_Hours__c',
    forceSales: 'Force_Sales__c'
} as const;

const SIGNAL_WEIGHT_FIELDS = ['Signal_Type__c', 'Weight__c', 'Counts_As_Content__c'] as const;

/** The three queries whose records `policyFromCustomMetadata` expects. */
export const POLICY_METADATA_SOQL = {
    policy: composeSoql({
        object: 'SLA_Policy__mdt',
        fields: ['DeveloperName', ...Object.keys(POLICY_METADATA_FIELDS)],
        where: [{ field: 'DeveloperName', operator: '=', value: { text: 'Default' } }]
    }),
    sourceTiers: composeSoql({
        object: 'SLA_Source_Tier__mdt',
        fields: ['DeveloperName', ...Object.values(SOURCE_TIER_FIELDS)]
    }),
    signalWeights: composeSoql({
        object: 'SLA_Signal_Weight__mdt',
        fields: ['DeveloperName', ...SIGNAL_WEIGHT_FIELDS]
    })
} as const;

/** Reads numeric text (Bulk API CSV, XML) as a number; leaves anything else for the schema to reject. */
function numberOf(value: unknown): unknown {
    if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
        return Number(value);
    }
    return value ?? undefined;
}

function booleanOf(value: unknown): unknown {
    if (value === 'true' || value === 'false') {
        return value === 'true';
    }
    return value ?? undefined;
}

const CADENCE_STEP = /^(\d+)\s*:\s*([A-Za-z]+)$/;

/** Parses `0:Call,1:Email` into cadence steps, or returns null when any step is malformed. */
export function parseFollowUpCadence(text: string): { day: number; type: string }[] | null {
    const steps: { day: number; type: string }[] = [];
    for (const part of text.split(',')) {
        const match = CADENCE_STEP.exec(part.trim());
        if (!match) {
            return null;
        }
        const word = (match[2] ?? '').toLowerCase();
        const type =
            FOLLOW_UP_TOUCHES.find((touch) => touch.toLowerCase() === word) ?? match[2] ?? '';
        steps.push({ day: Number(match[1]), type });
    }
    return steps;
}

/** Splits a comma, space or line separated domain list; blank gives an empty list. */
function domainsOf(value: unknown): unknown {
    if (value == null) {
        return [];
    }
    if (typeof value !== 'string') {
        return value;
    }
    return value.split(/[\s,;]+/).filter((domain) => domain !== '');
}

function nameOf(record: MetadataRecord, index: number): string {
    return typeof record.DeveloperName === 'string' ? record.DeveloperName : `#${index + 1}`;
}

const CADENCE_TEXT =
    'comma-separated day:touch pairs such as 0:Call,1:Email, with the touch Call, Email or Social';

/**
 * Builds a policy from custom metadata records. Fields that have no custom metadata
 * field (`meetingSignalTypes`, `campaignSignalTypes`, `campaignResponseDefaultWeight`)
 * keep their value from `base`. Throws `PolicyError`: `POLICY_RECORD_MISSING` without a
 * Default record, `POLICY_INVALID` with custom metadata field paths for bad values.
 */
export function policyFromCustomMetadata(
    records: PolicyMetadataRecords,
    base: Readonly<Policy> = DEFAULT_POLICY
): Policy {
    const record = records.policy;
    if (!record) {
        throw new PolicyError(
            'POLICY_RECORD_MISSING',
            'SLA_Policy__mdt has no record named Default; deploy force-app or pass a policy file'
        );
    }
    const issues: PolicyIssue[] = [];
    const input: Record<string, unknown> = { ...base };
    for (const [field, key] of Object.entries(NUMBER_FIELDS)) {
        input[key] = numberOf(record[field]);
    }
    input.assignOwners = booleanOf(record.Assign_Owners__c);
    input.version =
        typeof record.Version__c === 'number'
            ? String(record.Version__c)
            : (record.Version__c ?? undefined);
    input.freeMailDomains = domainsOf(record.Free_Mail_Domains__c);
    const cadenceText = record.Follow_Up_Cadence__c;
    const cadence = typeof cadenceText === 'string' ? parseFollowUpCadence(cadenceText) : null;
    if (cadence) {
        input.followUpCadence = cadence;
    } else {
        const path = 'SLA_Policy__mdt.Default.Follow_Up_Cadence__c';
        const shown = cadenceText == null ? 'missing' : `${formatValue(cadenceText)} is invalid`;
        issues.push({
            path,
            value: cadenceText,
            expected: CADENCE_TEXT,
            message: `${path}: ${shown}; expected ${CADENCE_TEXT}`
        });
    }

    input.sourceTiers = records.sourceTiers.map((tier) => ({
        leadSource: tier.Lead_Source__c ?? undefined,
        tier: tier.Tier__c ?? undefined,
        responseHours: numberOf(tier.Response_Hours__c) ?? null,
        forceSales: booleanOf(tier.Force_Sales__c) ?? false
    }));

    const weights: Record<string, unknown> = {};
    const weightRecordOf = new Map<string, number>();
    const contentTypes: string[] = [];
    records.signalWeights.forEach((weight, index) => {
        const type = weight.Signal_Type__c;
        const path = `SLA_Signal_Weight__mdt.${nameOf(weight, index)}.Signal_Type__c`;
        if (typeof type !== 'string' || type.trim() === '' || weightRecordOf.has(type)) {
            const expected = 'a signal type that no other SLA_Signal_Weight__mdt record names';
            const shown = type == null ? 'missing' : `${formatValue(type)} is invalid`;
            issues.push({
                path,
                value: type,
                expected,
                message: `${path}: ${shown}; expected ${expected}`
            });
            return;
        }
        weightRecordOf.set(type, index);
        weights[type] = numberOf(weight.Weight__c);
        if (booleanOf(weight.Counts_As_Content__c) === true) {
            contentTypes.push(type);
        }
    });
    input.signalWeights = weights;
    input.contentSignalTypes = contentTypes.sort();

    if (issues.length > 0) {
        throw invalidPolicyError(issues);
    }

    const describePath = (path: readonly PropertyKey[]): string => {
        const [head, second, ...rest] = path;
        const metadataField = Object.entries(POLICY_METADATA_FIELDS).find(
            ([, key]) => key === head
        )?.[0];
        if (metadataField) {
            return formatPath(`SLA_Policy__mdt.Default.${metadataField}`, path.slice(1));
        }
        if (head === 'sourceTiers' && typeof second === 'number') {
            const tier = records.sourceTiers[second] ?? {};
            const field = SOURCE_TIER_FIELDS[rest[0] as keyof typeof SOURCE_TIER_FIELDS];
            return `SLA_Source_Tier__mdt.${nameOf(tier, second)}.${field}`;
        }
        if (head === 'signalWeights' && typeof second === 'string') {
            const index = weightRecordOf.get(second) ?? 0;
            return `SLA_Signal_Weight__mdt.${nameOf(records.signalWeights[index] ?? {}, index)}.Weight__c`;
        }
        return formatPath('policy', path);
    };
    const policy = parsePolicy(input, describePath);
    return {
        ...policy,
        sourceTiers: [...policy.sourceTiers].sort((a, b) => compareText(a.leadSource, b.leadSource))
    };
}

function compareText(left: string, right: string): number {
    if (left === right) {
        return 0;
    }
    return left < right ? -1 : 1;
}
