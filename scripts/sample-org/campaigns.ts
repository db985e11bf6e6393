/**
 * Marketing campaigns of the last 120 days and their members. A member with status
 * `Responded` is a campaign response, which the policy scores like a signal of the
 * type its campaign type maps to (or the default weight for unmapped types such as
 * Partners). Only people no scenario depends on become members, so exact scores stay exact.
 */
import { DateTime } from 'luxon';
import type { RecordBuilder } from './builder';
import type { PersonDraft } from './people';
import { HISTORY_DAYS } from './profiles';
import type { Random } from './random';
import { DAY_MS, HOUR_MS } from './scoring';
import { ORG_TIME_ZONE } from './setup';
import type { RecordRef } from './types';
import type { Staff } from './users';

const CAMPAIGN_TEMPLATES: readonly (readonly [type: string, name: string])[] = [
    ['Webinar', 'Webinar: Forecasting Without Spreadsheets'],
    ['Email', 'Nurture Email: The Revenue Operations Playbook'],
    ['Advertisement', 'Paid Social: Buyer Intent Guide'],
    ['Trade Show', 'SaaS Operations Expo Booth'],
    ['Webinar', 'Webinar: Pipeline Reviews That Work'],
    ['Banner Ads', 'Display Retargeting: Pricing Page Visitors'],
    ['Conference', 'Revenue Leaders Conference Sponsorship'],
    ['Partners', 'Partner Co-Marketing Workshop'],
    ['Email', 'Product Update Newsletter'],
    ['Seminar / Conference', 'Regional RevOps Breakfast Series']
];

interface CampaignPlan {
    readonly ref: RecordRef;
    readonly startMs: number;
    readonly endMs: number;
}

function localDate(ms: number): string {
    return DateTime.fromMillis(ms, { zone: ORG_TIME_ZONE }).toISODate() ?? '';
}

/** Writes `count` campaigns, cycling through the templates and numbering repeats. */
function writeCampaigns(
    builder: RecordBuilder,
    random: Random,
    staff: Staff,
    count: number,
    nowMs: number
): CampaignPlan[] {
    return Array.from({ length: count }, (_, index) => {
        const [type, name] = CAMPAIGN_TEMPLATES[index % CAMPAIGN_TEMPLATES.length] ?? [
            'Other',
            'Campaign'
        ];
        const round = Math.floor(index / CAMPAIGN_TEMPLATES.length);
        const startMs = nowMs - random.float(10, HISTORY_DAYS) * DAY_MS;
        const endMs = Math.min(nowMs + 30 * DAY_MS, startMs + random.int(1, 45) * DAY_MS);
        const budget = random.int(5, 80) * 1000;
        const ref = builder.add('Campaign', {
            Name: round === 0 ? name : `${name} (${round + 1})`,
            Type: type,
            Status: endMs < nowMs ? 'Completed' : 'In Progress',
            StartDate: localDate(startMs),
            EndDate: localDate(endMs),
            IsActive: endMs >= nowMs,
            BudgetedCost: budget,
            ActualCost: Math.round(budget * random.float(0.6, 1.1)),
            OwnerId: random.pick(staff.marketing).ref,
            CreatedDate: new Date(startMs - 14 * DAY_MS).toISOString()
        });
        return { ref, startMs, endMs };
    });
}

/** Writes campaigns and members: about a quarter of the unclaimed people with signals, 40% of them responding. */
export function generateCampaigns(
    builder: RecordBuilder,
    random: Random,
    input: { staff: Staff; people: readonly PersonDraft[]; count: number; nowMs: number }
): void {
    const campaigns = writeCampaigns(builder, random, input.staff, input.count, input.nowMs);
    for (const person of input.people) {
        if (person.claimed || person.signals.length === 0 || !random.chance(0.25)) {
            continue;
        }
        const campaign = random.pick(campaigns);
        const createdMs =
            typeof person.fields.CreatedDate === 'string'
                ? Date.parse(person.fields.CreatedDate)
                : 0;
        const addedMs = Math.max(
            createdMs + HOUR_MS,
            random.float(campaign.startMs, campaign.endMs)
        );
        const memberMs = Math.min(input.nowMs - HOUR_MS, addedMs);
        const responded = random.chance(0.4);
        builder.add('CampaignMember', {
            CampaignId: campaign.ref,
            LeadId: person.objectName === 'Lead' ? person.ref : null,
            ContactId: person.objectName === 'Contact' ? person.ref : null,
            Status: responded ? 'Responded' : 'Sent',
            CreatedDate: new Date(Math.round(memberMs)).toISOString(),
            LastModifiedDate: new Date(Math.round(memberMs)).toISOString()
        });
    }
}
