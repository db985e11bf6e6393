import '../local-org/store/quiet-logs';
import { generateSampleOrg, loadSampleOrg } from '../../../scripts/sample-org';
import { DEFAULT_POLICY } from '../../src/config/policy-schema';
import { OrgStore } from '../../src/local-org/store';
import { evaluate, type OrgSnapshot } from '../../src/policy';
import { storeSource } from '../../src/report';
import { loadOrgSchema } from '../../src/schema';
import { ENGINE_ASSIGNED_OWNER, ENGINE_FIELDS } from '../../src/simulate/engine-fields';
import { readHistory } from '../../src/simulate/history';
import type { MirroredObject } from '../../src/sync/objects';

jest.setTimeout(60_000);

/** A Wednesday afternoon in New York, two months into a fiscal quarter of the sample org. */
const NOW = '2027-03-17T18:30:00.000Z';

/**
 * The replay empties the engine-written fields that `ENGINE_FIELDS` lists. A field the
 * engine writes but the list misses would leak the org's present value into the past.
 */
describe('engine-written fields', () => {
    it('cover every field an evaluation of the sample org writes', async () => {
        const store = new OrgStore({
            schema: loadOrgSchema('force-app'),
            clock: () => new Date(NOW)
        });
        try {
            loadSampleOrg(store, generateSampleOrg({ seed: 7, now: NOW, scale: 'small' }));
            const history = await readHistory(storeSource(store, 'the sample org'), {
                from: new Date(NOW),
                to: new Date(NOW),
                lookbackDays: 180
            });
            const records = history.records;
            const snapshot: OrgSnapshot = {
                leads: records.Lead,
                contacts: records.Contact,
                accounts: records.Account,
                opportunities: records.Opportunity,
                tasks: records.Task,
                events: records.Event,
                users: records.User,
                groups: records.Group,
                groupMembers: records.GroupMember,
                campaigns: records.Campaign,
                campaignMembers: records.CampaignMember,
                signals: records.Engagement_Signal__c,
                clocks: records.SLA_Clock__c,
                breaches: records.SLA_Breach__c,
                reviews: records.SLA_Review__c,
                scorecards: records.SLA_Scorecard__c,
                businessHours: records.BusinessHours,
                holidays: records.Holiday,
                organization: records.Organization[0] ?? null
            };
            const evaluation = evaluate(snapshot, DEFAULT_POLICY, new Date(NOW));
            const written = new Set<string>();
            for (const update of evaluation.updates) {
                Object.keys(update.fields).forEach((field) =>
                    written.add(`${update.object}.${field}`)
                );
            }
            for (const change of evaluation.ownerChanges) {
                written.add(`${change.object}.OwnerId`);
            }
            const known = new Set<string>(['Lead.Rejected_At__c']);
            for (const [object, fields] of Object.entries(ENGINE_FIELDS)) {
                fields.forEach((field) => known.add(`${object}.${field}`));
            }
            ENGINE_ASSIGNED_OWNER.forEach((object: MirroredObject) =>
                known.add(`${object}.OwnerId`)
            );
            expect(written.size).toBeGreaterThan(20);
            expect([...written].filter((field) => !known.has(field))).toEqual([]);
        } finally {
            store.close();
        }
    });
});
