/**
 * The changes of one scenario: N open leads, spread over as many accounts as the org
 * has, each changed the way people and marketing systems change leads. Three in four
 * get a new engagement signal, whose type rotates through the policy's signal types.
 * Every fourth gets a new lead source, which changes its source tier and can route it.
 * The same N gives the same leads and values on every copy of a template.
 */
import type { LocalOrg } from '../../sync-worker/src/local-org';
import type { OrgStore } from '../../sync-worker/src/local-org/store';

/** Signal types in rotation, light ones more often, as a real feed has them. */
const SIGNAL_TYPES = [
    'Web Visit',
    'Email Click',
    'Content Download',
    'Web Visit',
    'Webinar Attended',
    'Intent Surge',
    'Email Click',
    'Meeting Request',
    'Demo Request'
] as const;

/** Lead sources in rotation. A lead whose source is the next one already gets the one after it. */
const LEAD_SOURCES = ['Webinar', 'Demo Request', 'Trade Show', 'Pricing Page', 'Content Download'];

/** Signals happened from 1 to this many minutes before the evaluation time. */
const SIGNAL_AGE_MINUTES = 90;

const MINUTE_MS = 60_000;

/** Leads and records a scenario changed. */
export interface AppliedChanges {
    readonly leadIds: readonly string[];
    /** Distinct matched accounts of the changed leads. */
    readonly accounts: number;
    readonly signalsInserted: number;
    readonly leadsUpdated: number;
}

interface OpenLead {
    readonly Id: string;
    readonly Matched_Account__c: string | null;
    readonly LeadSource: string | null;
}

/** Returns every row of a store query. It reads the store directly, so the org counts no API call. */
export function storeRows(
    store: OrgStore,
    soql: string,
    includeDeleted = false
): Record<string, unknown>[] {
    let page = store.query(soql, { includeDeleted, batchSize: 50_000 });
    const rows: Record<string, unknown>[] = [...page.records];
    while (!page.done && page.nextRecordsCursor !== undefined) {
        page = store.queryMore(page.nextRecordsCursor);
        rows.push(...page.records);
    }
    return rows;
}

function openLeads(store: OrgStore): OpenLead[] {
    return storeRows(
        store,
        'SELECT Id, Matched_Account__c, LeadSource FROM Lead WHERE IsConverted = false ORDER BY Id'
    ).map((row) => ({
        Id: String(row.Id),
        Matched_Account__c:
            typeof row.Matched_Account__c === 'string' ? row.Matched_Account__c : null,
        LeadSource: typeof row.LeadSource === 'string' ? row.LeadSource : null
    }));
}

/**
 * Picks `count` leads round-robin over their matched accounts (leads without one form
 * their own group), so the changes reach as many accounts as possible.
 */
export function pickLeads(store: OrgStore, count: number): OpenLead[] {
    const groups = new Map<string, OpenLead[]>();
    for (const lead of openLeads(store)) {
        const key = lead.Matched_Account__c ?? 'none';
        const group = groups.get(key);
        if (group === undefined) {
            groups.set(key, [lead]);
        } else {
            group.push(lead);
        }
    }
    const queues = [...groups.values()];
    const picked: OpenLead[] = [];
    for (let round = 0; picked.length < count; round += 1) {
        const before = picked.length;
        for (const queue of queues) {
            const lead = queue[round];
            if (lead !== undefined && picked.length < count) {
                picked.push(lead);
            }
        }
        if (picked.length === before) {
            throw new RangeError(
                `The org has ${picked.length} open leads; the scenario needs ${count}.`
            );
        }
    }
    return picked;
}

/**
 * Changes `count` leads of `org` as the admin user (a person or a marketing system, not
 * the worker), in one store transaction. Signals happened before `evaluationTime`.
 */
export function applyChanges(org: LocalOrg, count: number, evaluationTime: Date): AppliedChanges {
    const { store } = org;
    const userId = store.seeded.adminUserId;
    const leads = pickLeads(store, count);
    let signalsInserted = 0;
    let leadsUpdated = 0;
    store.transaction(() => {
        leads.forEach((lead, index) => {
            if (index % 4 === 3) {
                const offset = (index >> 2) % LEAD_SOURCES.length;
                const rotated = LEAD_SOURCES[offset];
                const source =
                    rotated !== lead.LeadSource
                        ? rotated
                        : LEAD_SOURCES[(offset + 1) % LEAD_SOURCES.length];
                store.update('Lead', lead.Id, { LeadSource: source ?? 'Webinar' }, { userId });
                leadsUpdated += 1;
                return;
            }
            const type = SIGNAL_TYPES[index % SIGNAL_TYPES.length] ?? 'Web Visit';
            const minutes = 1 + (index % SIGNAL_AGE_MINUTES);
            store.insert(
                'Engagement_Signal__c',
                {
                    Lead__c: lead.Id,
                    Type__c: type,
                    Occurred_At__c: new Date(
                        evaluationTime.getTime() - minutes * MINUTE_MS
                    ).toISOString(),
                    Source_System__c: 'Benchmark',
                    External_Id__c: `bench-${count}-${index}`
                },
                { userId }
            );
            signalsInserted += 1;
        });
    });
    const accounts = new Set(leads.map((lead) => lead.Matched_Account__c).filter(Boolean)).size;
    return { leadIds: leads.map((lead) => lead.Id), accounts, signalsInserted, leadsUpdated };
}
