import { PolicyError } from '../../src/config/policy-error';
import { DEFAULT_POLICY, parsePolicy, type Policy } from '../../src/config/policy-schema';

function rejectionOf(input: unknown): PolicyError {
    try {
        parsePolicy(input);
    } catch (error) {
        if (error instanceof PolicyError) {
            return error;
        }
        throw error;
    }
    throw new Error('expected the policy to be rejected');
}

function withField(patch: Record<string, unknown>): Record<string, unknown> {
    return { ...DEFAULT_POLICY, ...patch };
}

describe('DEFAULT_POLICY', () => {
    it('holds the agreement defaults', () => {
        expect(DEFAULT_POLICY).toMatchObject<Partial<Policy>>({
            version: '2027.1',
            intentHalfLifeDays: 14,
            scoringWindowDays: 180,
            routeSalesIntentAbove: 70,
            routeSalesHours: 1,
            routeCommitteeSizeAbove: 3,
            routeCommitteeHours: 4,
            routeSdrEngagementAbove: 5,
            routeSdrHours: 24,
            nurtureDays: 7,
            outboundResponseHours: 48,
            warningPercent: 75,
            committeeAwareWindowDays: 14,
            longCycleMonths: 14,
            longCycleWindowDays: 21,
            handoffMinIntent: 70,
            followUpDays: 5,
            newMemberResponseHours: 48,
            repReviewBreachCount: 3,
            teamBreachRatePercent: 10,
            teamMinClocksDue: 10,
            rejectionRatePercent: 20,
            probationConsecutiveMonths: 2,
            probationDays: 30,
            disputeReviewHours: 48,
            disputeFollowUpHours: 24,
            assignOwners: true
        });
        expect(DEFAULT_POLICY.signalWeights['Demo Request']).toBe(30);
        expect(DEFAULT_POLICY.followUpCadence.map((step) => `${step.day}:${step.type}`)).toEqual([
            '0:Call',
            '1:Email',
            '2:Social',
            '4:Call',
            '5:Email'
        ]);
        expect(
            DEFAULT_POLICY.sourceTiers
                .filter((tier) => tier.forceSales)
                .map((tier) => tier.leadSource)
        ).toEqual(['Contact Sales', 'Demo Request', 'Pricing Page']);
    });

    it('is frozen', () => {
        expect(Object.isFrozen(DEFAULT_POLICY)).toBe(true);
        expect(Object.isFrozen(DEFAULT_POLICY.sourceTiers[0])).toBe(true);
        expect(() => {
            (DEFAULT_POLICY as { routeSalesHours: number }).routeSalesHours = 5;
        }).toThrow(TypeError);
    });

    it('parses to itself', () => {
        expect(parsePolicy(DEFAULT_POLICY)).toEqual(DEFAULT_POLICY);
    });
});

describe('parsePolicy accepts boundary values', () => {
    const cases: Record<string, unknown>[] = [
        { warningPercent: 0 },
        { warningPercent: 100 },
        { routeSalesHours: 0.01 },
        { routeSalesIntentAbove: 0 },
        { routeSalesIntentAbove: 100 },
        { routeCommitteeSizeAbove: 0 },
        { intentHalfLifeDays: 0.5 },
        { followUpCadence: [{ day: 5, type: 'Email' }] },
        { sourceTiers: [] },
        { freeMailDomains: [] },
        { reassignLevel: 3, managerLevel: 2 }
    ];

    it.each(cases)('%j', (patch) => {
        expect(() => parsePolicy(withField(patch))).not.toThrow();
    });

    it('lower-cases and trims domains', () => {
        expect(
            parsePolicy(withField({ freeMailDomains: [' GMail.com '] })).freeMailDomains
        ).toEqual(['gmail.com']);
    });
});

describe('parsePolicy rejects invalid values with their path', () => {
    const tier = DEFAULT_POLICY.sourceTiers[0];
    const cases: { patch: Record<string, unknown>; message: string }[] = [
        {
            patch: { routeSalesHours: -1 },
            message:
                'policy.routeSalesHours: -1 is invalid; expected a number of hours greater than 0'
        },
        {
            patch: { routeSdrHours: 0 },
            message: 'policy.routeSdrHours: 0 is invalid; expected a number of hours greater than 0'
        },
        {
            patch: { warningPercent: 101 },
            message: 'policy.warningPercent: 101 is invalid; expected a number from 0 to 100'
        },
        {
            patch: { teamBreachRatePercent: '10' },
            message:
                'policy.teamBreachRatePercent: "10" is invalid; expected a number from 0 to 100'
        },
        {
            patch: { committeeTopN: 2.5 },
            message: 'policy.committeeTopN: 2.5 is invalid; expected a whole number of at least 1'
        },
        {
            patch: { nurtureDays: 0 },
            message:
                'policy.nurtureDays: 0 is invalid; expected a whole number of days greater than 0'
        },
        {
            patch: { routeSalesIntentAbove: 101 },
            message:
                'policy.routeSalesIntentAbove: 101 is invalid; expected a whole number from 0 to 100'
        },
        {
            patch: { intentCap: 0 },
            message: 'policy.intentCap: 0 is invalid; expected a whole number from 1 to 100'
        },
        {
            patch: { longCycleMonths: -3 },
            message:
                'policy.longCycleMonths: -3 is invalid; expected a number of months greater than 0'
        },
        {
            patch: { assignOwners: 'yes' },
            message: 'policy.assignOwners: "yes" is invalid; expected true or false'
        },
        {
            patch: { version: '' },
            message:
                'policy.version: "" is invalid; expected a non-empty text of at most 40 characters'
        },
        {
            patch: { version: undefined },
            message: 'policy.version: missing; expected a non-empty text of at most 40 characters'
        },
        {
            patch: {
                signalWeights: {
                    'Web Visit': -1,
                    'Email Click': 3,
                    'Content Download': 8,
                    'Webinar Attended': 10,
                    'Meeting Request': 20,
                    'Demo Request': 30
                }
            },
            message:
                'policy.signalWeights.Web Visit: -1 is invalid; expected a number of points of at least 0'
        },
        {
            patch: { contentSignalTypes: ['Web Visit', 'Podcast'] },
            message:
                'policy.contentSignalTypes[1]: "Podcast" is invalid; expected a signal type that has a weight in signalWeights'
        },
        {
            patch: { campaignSignalTypes: { Webinar: 'Webinar Watched' } },
            message:
                'policy.campaignSignalTypes.Webinar: "Webinar Watched" is invalid; expected a signal type that has a weight in signalWeights'
        },
        {
            patch: { freeMailDomains: ['gmail'] },
            message:
                'policy.freeMailDomains[0]: "gmail" is invalid; expected a lower-case domain such as gmail.com'
        },
        {
            patch: { sourceTiers: [{ ...tier, tier: 'Warm' }] },
            message:
                'policy.sourceTiers[0].tier: "Warm" is invalid; expected one of "Inbound High Intent", "Inbound", "Outbound", "Purchased List"'
        },
        {
            patch: { sourceTiers: [{ ...tier, responseHours: -4 }] },
            message:
                'policy.sourceTiers[0].responseHours: -4 is invalid; expected a number of hours greater than 0'
        },
        {
            patch: { sourceTiers: [{ leadSource: 'Web', tier: 'Inbound', forceSales: false }] },
            message:
                'policy.sourceTiers[0].responseHours: missing; expected a number of hours greater than 0'
        },
        {
            patch: { sourceTiers: [tier, { ...tier }] },
            message: `policy.sourceTiers[1].leadSource: ${JSON.stringify(tier?.leadSource)} is invalid; expected a lead source that no other tier names`
        },
        {
            patch: { followUpCadence: [{ day: 6, type: 'Call' }] },
            message:
                'policy.followUpCadence[0].day: 6 is invalid; expected a day from 0 to followUpDays (5)'
        },
        {
            patch: { followUpCadence: [{ day: 1, type: 'Fax' }] },
            message:
                'policy.followUpCadence[0].type: "Fax" is invalid; expected one of "Call", "Email", "Social"'
        },
        {
            patch: { followUpCadence: [] },
            message: 'policy.followUpCadence: [] is invalid; expected at least one follow-up step'
        },
        {
            patch: { reassignLevel: 2 },
            message:
                'policy.reassignLevel: 2 is invalid; expected a whole number greater than managerLevel (2)'
        },
        {
            patch: { routeSalesHour: 1 },
            message: 'policy.routeSalesHour: unknown field; remove it or check its spelling'
        },
        {
            patch: { followUpCadence: [{ day: 0, type: 'Call', owner: 'me' }] },
            message:
                'policy.followUpCadence[0].owner: unknown field; remove it or check its spelling'
        }
    ];

    it.each(cases)('$message', ({ patch, message }) => {
        const error = rejectionOf(withField(patch));
        expect(error.code).toBe('POLICY_INVALID');
        expect(error.issues.map((issue) => issue.message)).toEqual([message]);
        expect(error.message).toBe(message);
    });

    it('lists every issue, one per line', () => {
        const error = rejectionOf(withField({ routeSalesHours: -1, warningPercent: 150 }));
        expect(error.issues.map((issue) => issue.path)).toEqual([
            'policy.routeSalesHours',
            'policy.warningPercent'
        ]);
        expect(error.issues.map((issue) => issue.value)).toEqual([-1, 150]);
        expect(error.message.split('\n')).toHaveLength(2);
    });

    it('cuts long values in messages', () => {
        const error = rejectionOf(withField({ version: 'v'.repeat(200) }));
        expect(error.message).toContain('...');
        expect(error.message.length).toBeLessThan(200);
    });
});
