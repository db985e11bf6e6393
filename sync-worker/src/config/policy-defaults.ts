import type { PolicyInput } from './policy-schema';

/**
 * The agreement's default values. force-app contains the same values as the custom
 * metadata records `SLA_Policy.Default`, `SLA_Source_Tier.*` and `SLA_Signal_Weight.*`;
 * a test loads those records and compares them with this object.
 */

/** Lead sources and their tiers, sorted by lead source like the metadata mapper's output. */
const SOURCE_TIERS: PolicyInput['sourceTiers'] = [
    { leadSource: 'Cold Call', tier: 'Outbound', responseHours: null, forceSales: false },
    {
        leadSource: 'Contact Sales',
        tier: 'Inbound High Intent',
        responseHours: null,
        forceSales: true
    },
    { leadSource: 'Content Download', tier: 'Inbound', responseHours: null, forceSales: false },
    {
        leadSource: 'Demo Request',
        tier: 'Inbound High Intent',
        responseHours: null,
        forceSales: true
    },
    { leadSource: 'List Import', tier: 'Purchased List', responseHours: null, forceSales: false },
    { leadSource: 'Online Form', tier: 'Inbound', responseHours: null, forceSales: false },
    {
        leadSource: 'Outbound Prospecting',
        tier: 'Outbound',
        responseHours: null,
        forceSales: false
    },
    { leadSource: 'Partner Referral', tier: 'Inbound', responseHours: null, forceSales: false },
    { leadSource: 'Phone Inquiry', tier: 'Inbound', responseHours: null, forceSales: false },
    {
        leadSource: 'Pricing Page',
        tier: 'Inbound High Intent',
        responseHours: null,
        forceSales: true
    },
    {
        leadSource: 'Purchased List',
        tier: 'Purchased List',
        responseHours: null,
        forceSales: false
    },
    { leadSource: 'Referral', tier: 'Inbound', responseHours: null, forceSales: false },
    { leadSource: 'Sales Generated', tier: 'Outbound', responseHours: null, forceSales: false },
    { leadSource: 'Trade Show', tier: 'Inbound', responseHours: null, forceSales: false },
    { leadSource: 'Web', tier: 'Inbound', responseHours: null, forceSales: false },
    { leadSource: 'Webinar', tier: 'Inbound', responseHours: null, forceSales: false },
    { leadSource: 'Website', tier: 'Inbound', responseHours: null, forceSales: false }
];

/** Common free-mail providers, whose domains never match an account. */
const FREE_MAIL_DOMAINS = [
    'gmail.com',
    'googlemail.com',
    'yahoo.com',
    'yahoo.co.uk',
    'yahoo.fr',
    'yahoo.de',
    'ymail.com',
    'rocketmail.com',
    'hotmail.com',
    'hotmail.co.uk',
    'hotmail.fr',
    'outlook.com',
    'live.com',
    'msn.com',
    'aol.com',
    'icloud.com',
    'me.com',
    'mac.com',
    'protonmail.com',
    'proton.me',
    'pm.me',
    'gmx.com',
    'gmx.de',
    'gmx.net',
    'web.de',
    'mail.com',
    'zoho.com',
    'yandex.com',
    'yandex.ru',
    'mail.ru',
    'qq.com',
    '163.com',
    '126.com',
    'naver.com',
    'fastmail.com',
    'tutanota.com',
    'hey.com',
    'comcast.net',
    'verizon.net',
    'att.net',
    'sbcglobal.net',
    'orange.fr',
    'free.fr',
    'laposte.net',
    'libero.it',
    't-online.de',
    'btinternet.com',
    'rediffmail.com'
];

export const DEFAULT_POLICY_VALUES: PolicyInput = {
    version: '2027.1',

    intentHalfLifeDays: 14,
    scoringWindowDays: 180,
    intentCap: 100,
    engagementWindowDays: 90,
    activeWindowDays: 30,
    committeeTopN: 3,
    signalWeights: {
        'Web Visit': 2,
        'Email Click': 3,
        'Content Download': 8,
        'Webinar Attended': 10,
        'Competitor Research': 12,
        'Intent Surge': 15,
        'Meeting Request': 20,
        'Demo Request': 30
    },
    contentSignalTypes: ['Content Download', 'Email Click', 'Web Visit', 'Webinar Attended'],
    meetingSignalTypes: ['Meeting Request', 'Demo Request'],
    // Attending an event weighs like a webinar; ads and banners like a web visit. Other
    // campaign types (Direct Mail, Telemarketing, Partners, ...) get the default weight.
    campaignSignalTypes: {
        Webinar: 'Webinar Attended',
        Conference: 'Webinar Attended',
        'Trade Show': 'Webinar Attended',
        Email: 'Email Click',
        Advertisement: 'Web Visit',
        'Banner Ads': 'Web Visit'
    },
    campaignResponseDefaultWeight: 5,
    freeMailDomains: FREE_MAIL_DOMAINS,

    engagedMinContent: 3,
    engagedMinMeetings: 1,
    committeeAwareMinActive: 2,
    qualifiedMinIntent: 70,
    qualifiedMinActive: 3,

    routeForcedSalesHours: 1,
    routeSalesIntentAbove: 70,
    routeSalesHours: 1,
    routeCommitteeSizeAbove: 3,
    routeCommitteeHours: 4,
    routeSdrEngagementAbove: 5,
    routeSdrHours: 24,
    outboundResponseHours: 48,
    nurtureDays: 7,
    sourceTiers: SOURCE_TIERS,
    assignOwners: true,
    warningPercent: 75,

    committeeAwareWindowDays: 14,
    longCycleMonths: 14,
    longCycleWindowDays: 21,
    buyingCycleLookbackDays: 365,

    handoffMinIntent: 70,
    handoffMinActive: 3,
    followUpDays: 5,
    followUpCadence: [
        { day: 0, type: 'Call' },
        { day: 1, type: 'Email' },
        { day: 2, type: 'Social' },
        { day: 4, type: 'Call' },
        { day: 5, type: 'Email' }
    ],
    newMemberResponseHours: 48,
    exploratoryActivePeople: 1,

    managerLevel: 2,
    reassignLevel: 3,
    repReviewBreachCount: 3,
    teamBreachRatePercent: 10,
    teamMinClocksDue: 10,

    rejectionRatePercent: 20,
    probationConsecutiveMonths: 2,
    probationDays: 30,
    disputeReviewHours: 48,
    disputeFollowUpHours: 24
};
