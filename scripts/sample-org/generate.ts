/**
 * Deterministic sample org: the same seed and `now` give identical records. The
 * generator is pure, with no I/O, no clock and no `Math.random`. Every random draw comes
 * from a stream of the seed named after the part it builds, so changing one part leaves
 * the others as they were.
 */
import { TimeFrames } from '../../sync-worker/src/policy/time-frames';
import { generateAccounts, type AccountPlan } from './accounts';
import { generateActivities } from './activities';
import { RecordBuilder } from './builder';
import { generateCampaigns } from './campaigns';
import { generateContacts } from './contacts';
import { generateLeads } from './leads';
import { uniqueCompany } from './names';
import { generateOpportunities } from './opportunities';
import { stampAuditDates, type PersonDraft } from './people';
import { Random } from './random';
import { resolveOptions } from './scales';
import {
    businessHoursValues,
    FISCAL_YEAR_START_MONTH,
    holidayFields,
    holidayRecords,
    ORGANIZATION,
    sampleCalendar
} from './setup';
import { writePeople, writeSignals } from './signals';
import { generateSlaHistory } from './sla-history';
import type { GenerateOptions, LeadConversion, SampleOrg, ScaleCounts } from './types';
import { generateStaff } from './users';

/**
 * Leads that Sales already converted into their matched account: about one per thousand
 * leads, from hot accounts first, then from any account.
 */
function pickConversions(
    leads: readonly PersonDraft[],
    accounts: readonly AccountPlan[],
    scale: ScaleCounts
): LeadConversion[] {
    const target = Math.max(2, Math.round(scale.leads / 1000));
    const conversions: LeadConversion[] = [];
    for (const hotOnly of [true, false]) {
        for (const lead of leads) {
            const account = lead.accountIndex === null ? undefined : accounts[lead.accountIndex];
            const eligible = !lead.claimed && lead.category === 'account';
            if (account === undefined || !eligible || (hotOnly && account.tier !== 'hot')) {
                continue;
            }
            if (conversions.length >= target) {
                return conversions;
            }
            lead.claimed = true;
            conversions.push({ lead: lead.ref, account: account.ref });
        }
    }
    return conversions;
}

function groupByAccount(contacts: readonly PersonDraft[]): Map<number, PersonDraft[]> {
    const groups = new Map<number, PersonDraft[]>();
    for (const contact of contacts) {
        if (contact.accountIndex !== null) {
            const group = groups.get(contact.accountIndex) ?? [];
            group.push(contact);
            groups.set(contact.accountIndex, group);
        }
    }
    return groups;
}

/**
 * Generates the sample org. Throws a ZodError for invalid options and a RangeError when
 * custom counts are too small for the SLA history's scenarios.
 */
export function generateSampleOrg(options: GenerateOptions): SampleOrg {
    const { seed, now, scale } = resolveOptions(options);
    const nowMs = now.getTime();
    const root = new Random(seed);
    const builder = new RecordBuilder();
    const holidays = holidayRecords(now);
    const frames = new TimeFrames(sampleCalendar(holidays), FISCAL_YEAR_START_MONTH, false);

    const staff = generateStaff(builder, root.fork('users'), nowMs, scale);
    for (const holiday of holidays) {
        builder.add('Holiday', holidayFields(holiday));
    }
    const stems = new Set<string>();
    const accounts = generateAccounts(builder, root.fork('accounts'), staff, scale, nowMs, stems);
    const companyRandom = root.fork('companies');
    const companies = Array.from({ length: Math.max(20, Math.round(scale.leads / 5)) }, () =>
        uniqueCompany(companyRandom, stems)
    );
    const emails = new Set<string>();
    const contacts = generateContacts(accounts, root.fork('contacts'), nowMs, emails);
    const leadContext = {
        random: root.fork('leads'),
        nowMs,
        staff,
        accounts,
        companies,
        contacts,
        emails
    };
    const leads = generateLeads(leadContext, scale.leads);

    generateSlaHistory({ builder, random: root.fork('sla'), frames, nowMs, staff, leads, scale });
    const conversions = pickConversions(leads, accounts, scale);
    const people = [...contacts, ...leads];
    const auditRandom = root.fork('audit');
    for (const person of people) {
        stampAuditDates(person, auditRandom, nowMs);
    }
    generateCampaigns(builder, root.fork('campaigns'), {
        staff,
        people,
        count: scale.campaigns,
        nowMs
    });
    generateOpportunities(
        builder,
        root.fork('opportunities'),
        accounts,
        groupByAccount(contacts),
        nowMs
    );
    writePeople(builder, { contacts, leads }, auditRandom, nowMs);
    writeSignals(builder, people, accounts, root.fork('signals'), nowMs);
    const sdrRefs = new Set(staff.sdrReps.map((rep) => rep.ref.ref));
    generateActivities(
        builder,
        root.fork('activities'),
        { accounts, contacts, leads, nowMs },
        sdrRefs
    );

    return {
        seed,
        now: now.toISOString(),
        scale,
        organization: ORGANIZATION,
        businessHours: businessHoursValues(),
        objects: builder.objects(),
        conversions
    };
}
