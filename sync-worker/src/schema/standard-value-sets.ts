/**
 * Values of the standard picklists as a new Salesforce org ships them (Developer and
 * Enterprise Edition defaults). Admins change these in real orgs; force-app's
 * `standardValueSets/` folder overrides them when present.
 */
import type { PicklistValue } from './types';

type Entry = string | (Partial<PicklistValue> & { value: string });

export const INDUSTRY: Entry[] = [
    'Agriculture',
    'Apparel',
    'Banking',
    'Biotechnology',
    'Chemicals',
    'Communications',
    'Construction',
    'Consulting',
    'Education',
    'Electronics',
    'Energy',
    'Engineering',
    'Entertainment',
    'Environmental',
    'Finance',
    'Food & Beverage',
    'Government',
    'Healthcare',
    'Hospitality',
    'Insurance',
    'Machinery',
    'Manufacturing',
    'Media',
    'Not For Profit',
    'Recreation',
    'Retail',
    'Shipping',
    'Technology',
    'Telecommunications',
    'Transportation',
    'Utilities',
    'Other'
];

export const LEAD_SOURCE: Entry[] = [
    'Web',
    'Phone Inquiry',
    'Partner Referral',
    'Purchased List',
    'Other'
];

export const LEAD_STATUS: Entry[] = [
    { value: 'Open - Not Contacted', defaultValue: true },
    'Working - Contacted',
    { value: 'Closed - Converted', converted: true },
    'Closed - Not Converted'
];

export const RATING: Entry[] = ['Hot', 'Warm', 'Cold'];

export const SALUTATION: Entry[] = ['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.', 'Mx.'];

export const ACCOUNT_TYPE: Entry[] = [
    'Prospect',
    'Customer - Direct',
    'Customer - Channel',
    'Channel Partner / Reseller',
    'Installation Partner',
    'Technology Partner',
    'Other'
];

/** Opportunity stages with the probability, forecast category and closed/won flags each implies. */
export const OPPORTUNITY_STAGE: Entry[] = [
    { value: 'Prospecting', probability: 10, forecastCategoryName: 'Pipeline' },
    { value: 'Qualification', probability: 10, forecastCategoryName: 'Pipeline' },
    { value: 'Needs Analysis', probability: 20, forecastCategoryName: 'Pipeline' },
    { value: 'Value Proposition', probability: 50, forecastCategoryName: 'Pipeline' },
    { value: 'Id. Decision Makers', probability: 60, forecastCategoryName: 'Pipeline' },
    { value: 'Perception Analysis', probability: 70, forecastCategoryName: 'Pipeline' },
    { value: 'Proposal/Price Quote', probability: 75, forecastCategoryName: 'Pipeline' },
    { value: 'Negotiation/Review', probability: 90, forecastCategoryName: 'Pipeline' },
    {
        value: 'Closed Won',
        probability: 100,
        forecastCategoryName: 'Closed',
        closed: true,
        won: true
    },
    {
        value: 'Closed Lost',
        probability: 0,
        forecastCategoryName: 'Omitted',
        closed: true,
        won: false
    }
];

export const FORECAST_CATEGORY_NAME: Entry[] = [
    'Omitted',
    'Pipeline',
    'Best Case',
    'Commit',
    'Closed'
];

export const OPPORTUNITY_TYPE: Entry[] = [
    'Existing Customer - Upgrade',
    'Existing Customer - Replacement',
    'Existing Customer - Downgrade',
    'New Customer'
];

export const TASK_STATUS: Entry[] = [
    { value: 'Not Started', defaultValue: true },
    'In Progress',
    { value: 'Completed', closed: true },
    'Waiting on someone else',
    'Deferred'
];

export const TASK_PRIORITY: Entry[] = ['High', { value: 'Normal', defaultValue: true }, 'Low'];

export const ACTIVITY_TYPE: Entry[] = ['Call', 'Email', 'Meeting', 'Other'];

export const TASK_SUBTYPE: Entry[] = ['Task', 'Email', 'List Email', 'Cadence', 'Call', 'LinkedIn'];

export const CAMPAIGN_TYPE: Entry[] = [
    'Advertisement',
    'Email',
    'Telemarketing',
    'Banner Ads',
    'Seminar / Conference',
    'Public Relations',
    'Partners',
    'Referral Program',
    'Webinar',
    'Other'
];

export const CAMPAIGN_STATUS: Entry[] = ['Planned', 'In Progress', 'Completed', 'Aborted'];

/** Default member statuses of a new campaign; `Responded` counts as a response. */
export const CAMPAIGN_MEMBER_STATUS: Entry[] = [
    { value: 'Sent', defaultValue: true },
    { value: 'Responded', responded: true }
];

export const GROUP_TYPE: Entry[] = [
    'Regular',
    'Role',
    'RoleAndSubordinates',
    'Organization',
    'Queue',
    'Manager',
    'ManagerAndSubordinatesInternal'
];

export const HOLIDAY_RECURRENCE_TYPE: Entry[] = [
    'RecursDaily',
    'RecursEveryWeekday',
    'RecursMonthly',
    'RecursMonthlyNth',
    'RecursWeekly',
    'RecursYearly',
    'RecursYearlyNth'
];

export const RECURRENCE_INSTANCE: Entry[] = ['First', 'Second', 'Third', 'Fourth', 'Last'];

export const MONTH_OF_YEAR: Entry[] = [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December'
];

export const EVENT_SHOW_AS: Entry[] = [
    { value: 'Busy', defaultValue: true },
    'OutOfOffice',
    'Free'
];
