import { z } from 'zod';
import { invalidPolicyError, toPolicyIssues, type PathDescriber } from './policy-error';
import { DEFAULT_POLICY_VALUES } from './policy-defaults';

/**
 * The SLA policy: every threshold, window and weight of the marketing-to-sales
 * agreement. Field names carry their unit: `...Hours` are business hours of the org's
 * default business hours, `...Days` are calendar days, `...Percent` are 0 to 100,
 * `...Above` thresholds compare strictly and `...Min...` thresholds inclusively.
 */

/** Makes the allowed values the message of every issue a field can raise. */
function expect(text: string): { error: string } {
    return { error: text };
}

function positiveDays(): z.ZodNumber {
    const text = 'a whole number of days greater than 0';
    return z.number(expect(text)).int(expect(text)).gt(0, expect(text));
}

function positiveHours(): z.ZodNumber {
    const text = 'a number of hours greater than 0';
    return z.number(expect(text)).gt(0, expect(text)).lt(100_000, expect(text));
}

function percent(): z.ZodNumber {
    const text = 'a number from 0 to 100';
    return z.number(expect(text)).min(0, expect(text)).max(100, expect(text));
}

/** Returns the schema of a whole number of at least `minimum`: people, interactions, clocks. */
function wholeNumber(minimum: number): z.ZodNumber {
    const text = `a whole number of at least ${minimum}`;
    return z.number(expect(text)).int(expect(text)).min(minimum, expect(text));
}

/** Returns the schema of a whole number in a closed range, such as a 0 to 100 intent score. */
function wholeRange(minimum: number, maximum: number): z.ZodNumber {
    const text = `a whole number from ${minimum} to ${maximum}`;
    return z
        .number(expect(text))
        .int(expect(text))
        .min(minimum, expect(text))
        .max(maximum, expect(text));
}

/** Returns the schema of a number greater than 0 in a unit (days, months); fractions are allowed. */
function positive(unit: string): z.ZodNumber {
    const text = `a number of ${unit} greater than 0`;
    return z.number(expect(text)).gt(0, expect(text));
}

function label(maxLength: number): z.ZodString {
    const text = `a non-empty text of at most ${maxLength} characters`;
    return z.string(expect(text)).trim().min(1, expect(text)).max(maxLength, expect(text));
}

/** Lead source tiers, as the `SLA_Source_Tier__mdt.Tier__c` picklist names them. */
export const SOURCE_TIER_NAMES = [
    'Inbound High Intent',
    'Inbound',
    'Outbound',
    'Purchased List'
] as const;
export type SourceTierName = (typeof SOURCE_TIER_NAMES)[number];

/** Kinds of follow-up task in the sales cadence; they become Task subjects and types. */
export const FOLLOW_UP_TOUCHES = ['Call', 'Email', 'Social'] as const;
export type FollowUpTouch = (typeof FOLLOW_UP_TOUCHES)[number];

const tierText = `one of ${SOURCE_TIER_NAMES.map((name) => `"${name}"`).join(', ')}`;
const touchText = `one of ${FOLLOW_UP_TOUCHES.map((name) => `"${name}"`).join(', ')}`;

const sourceTierSchema = z.strictObject({
    /** `Lead.LeadSource` value, spelled exactly as on the lead. */
    leadSource: label(255),
    tier: z.enum(SOURCE_TIER_NAMES, expect(tierText)),
    /** Response window for this source; null uses the routing tree's window. */
    responseHours: positiveHours().nullable(),
    /** Every lead of this source goes to Sales, whatever its score. */
    forceSales: z.boolean(expect('true or false'))
});

const followUpStepSchema = z.strictObject({
    /** Offset in calendar days from the handoff; 0 is the handoff day. */
    day: wholeNumber(0),
    type: z.enum(FOLLOW_UP_TOUCHES, expect(touchText))
});

const domainText = 'a lower-case domain such as gmail.com';
const domainSchema = z
    .string(expect(domainText))
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, expect(domainText));

const signalTypeSchema = label(255);
const weightText = 'a number of points of at least 0';

export const policySchema = z
    .strictObject({
        /** Stamped on every clock the policy starts (`Policy_Version__c`). */
        version: label(40),

        // Scoring and committees.
        intentHalfLifeDays: positive('days'),
        scoringWindowDays: positiveDays(),
        intentCap: wholeRange(1, 100),
        engagementWindowDays: positiveDays(),
        activeWindowDays: positiveDays(),
        committeeTopN: wholeNumber(1),
        signalWeights: z.record(
            signalTypeSchema,
            z.number(expect(weightText)).min(0, expect(weightText))
        ),
        contentSignalTypes: z.array(signalTypeSchema),
        meetingSignalTypes: z.array(signalTypeSchema),
        /** Campaign responses: `Campaign.Type` to the signal type a response counts as. */
        campaignSignalTypes: z.record(label(255), signalTypeSchema),
        /** Weight of a response whose campaign type has no mapping; it is not content. */
        campaignResponseDefaultWeight: z.number(expect(weightText)).min(0, expect(weightText)),
        freeMailDomains: z.array(domainSchema),

        // Lifecycle stages.
        engagedMinContent: wholeNumber(0),
        engagedMinMeetings: wholeNumber(0),
        committeeAwareMinActive: wholeNumber(1),
        qualifiedMinIntent: wholeRange(0, 100),
        qualifiedMinActive: wholeNumber(1),

        // Routing tree and response clocks.
        routeForcedSalesHours: positiveHours(),
        routeSalesIntentAbove: wholeRange(0, 100),
        routeSalesHours: positiveHours(),
        routeCommitteeSizeAbove: wholeNumber(0),
        routeCommitteeHours: positiveHours(),
        routeSdrEngagementAbove: wholeNumber(0),
        routeSdrHours: positiveHours(),
        outboundResponseHours: positiveHours(),
        nurtureDays: positiveDays(),
        sourceTiers: z.array(sourceTierSchema),
        assignOwners: z.boolean(expect('true or false')),
        warningPercent: percent(),

        // Identified to Committee-Aware, with the market clause.
        committeeAwareWindowDays: positiveDays(),
        longCycleMonths: positive('months'),
        longCycleWindowDays: positiveDays(),
        buyingCycleLookbackDays: positiveDays(),

        // Committee handoff and sales follow-through.
        handoffMinIntent: wholeRange(0, 100),
        handoffMinActive: wholeNumber(1),
        followUpDays: positiveDays(),
        followUpCadence: z.array(followUpStepSchema).min(1, expect('at least one follow-up step')),
        newMemberResponseHours: positiveHours(),
        exploratoryActivePeople: wholeNumber(1),

        // Breaches, escalation and reviews.
        managerLevel: wholeNumber(1),
        reassignLevel: wholeNumber(2),
        repReviewBreachCount: wholeNumber(1),
        teamBreachRatePercent: percent(),
        teamMinClocksDue: wholeNumber(1),

        // Rejections, probation and disputes.
        rejectionRatePercent: percent(),
        probationConsecutiveMonths: wholeNumber(1),
        probationDays: positiveDays(),
        disputeReviewHours: positiveHours(),
        disputeFollowUpHours: positiveHours()
    })
    .superRefine((policy, context) => {
        if (policy.reassignLevel <= policy.managerLevel) {
            context.addIssue({
                code: 'custom',
                path: ['reassignLevel'],
                message: `a whole number greater than managerLevel (${policy.managerLevel})`
            });
        }
        policy.followUpCadence.forEach((step, index) => {
            if (step.day > policy.followUpDays) {
                context.addIssue({
                    code: 'custom',
                    path: ['followUpCadence', index, 'day'],
                    message: `a day from 0 to followUpDays (${policy.followUpDays})`
                });
            }
        });
        const seenSources = new Set<string>();
        policy.sourceTiers.forEach((tier, index) => {
            if (seenSources.has(tier.leadSource)) {
                context.addIssue({
                    code: 'custom',
                    path: ['sourceTiers', index, 'leadSource'],
                    message: 'a lead source that no other tier names'
                });
            }
            seenSources.add(tier.leadSource);
        });
        for (const [campaignType, signalType] of Object.entries(policy.campaignSignalTypes)) {
            if (!(signalType in policy.signalWeights)) {
                context.addIssue({
                    code: 'custom',
                    path: ['campaignSignalTypes', campaignType],
                    message: 'a signal type that has a weight in signalWeights'
                });
            }
        }
        for (const key of ['contentSignalTypes', 'meetingSignalTypes'] as const) {
            policy[key].forEach((type, index) => {
                if (!(type in policy.signalWeights)) {
                    context.addIssue({
                        code: 'custom',
                        path: [key, index],
                        message: 'a signal type that has a weight in signalWeights'
                    });
                }
            });
        }
    });

/** A validated policy. */
export type Policy = z.output<typeof policySchema>;
/** A policy as written in JSON or mapped from custom metadata, before validation. */
export type PolicyInput = z.input<typeof policySchema>;
export type SourceTier = Policy['sourceTiers'][number];
export type FollowUpStep = Policy['followUpCadence'][number];

/**
 * Validates a complete policy. Throws a `PolicyError` (`POLICY_INVALID`) that lists
 * every rejected value with its path; `describePath` renames paths for other sources.
 */
export function parsePolicy(input: unknown, describePath?: PathDescriber): Policy {
    const result = policySchema.safeParse(input);
    if (!result.success) {
        throw invalidPolicyError(toPolicyIssues(result.error.issues, input, describePath));
    }
    return result.data;
}

function deepFreeze<T>(value: T): T {
    if (value !== null && typeof value === 'object') {
        for (const item of Object.values(value)) {
            deepFreeze(item);
        }
        Object.freeze(value);
    }
    return value;
}

/** The agreement's defaults, frozen; force-app's Default custom metadata records match it. */
export const DEFAULT_POLICY: Readonly<Policy> = deepFreeze(parsePolicy(DEFAULT_POLICY_VALUES));
