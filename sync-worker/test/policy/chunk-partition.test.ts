import fc from 'fast-check';
import { DEFAULT_POLICY } from '../../src/config/policy-schema';
import { partitionOrg, type OrgPartition } from '../../src/policy/partition';
import { isSignalColumns, type OrgSnapshot } from '../../src/policy/snapshot';
import { at, OrgBuilder } from './org-builder';
import { buildScenario, scenarioSpec } from './org-arbitrary';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 150);
const FREE_MAIL = DEFAULT_POLICY.freeMailDomains;

/** Chunk number of every record Id (and clock key) the partition hands out. */
function chunksById(partition: OrgPartition): Map<string, number> {
    const found = new Map<string, number>();
    for (let chunk = 0; chunk < partition.chunkCount; chunk++) {
        const part = partition.snapshotOf(chunk);
        const records = [
            ...part.leads,
            ...part.contacts,
            ...part.accounts,
            ...part.opportunities,
            ...part.tasks,
            ...part.events,
            ...part.clocks
        ];
        for (const record of records) {
            found.set(record.Id, chunk);
        }
        if (!isSignalColumns(part.signals)) {
            for (const signal of part.signals) {
                found.set(signal.Id, chunk);
            }
        }
    }
    return found;
}

/** Returns the record lists of a snapshot by list name. */
function listsOf(snapshot: OrgSnapshot): Record<string, readonly unknown[]> {
    return {
        leads: snapshot.leads,
        contacts: snapshot.contacts,
        accounts: snapshot.accounts,
        opportunities: snapshot.opportunities,
        tasks: snapshot.tasks,
        events: snapshot.events,
        campaignMembers: snapshot.campaignMembers,
        clocks: snapshot.clocks,
        signals: isSignalColumns(snapshot.signals) ? [] : snapshot.signals
    };
}

describe('org partition', () => {
    it('keeps a domain with its accounts and people in one group', () => {
        const org = new OrgBuilder();
        const older = org.account({ Website: 'https://www.acme.com/' });
        const newer = org.account({ Website: 'acme.com' });
        const lead = org.lead({ Email: 'ann@ACME.com' });
        const contact = org.contact(newer);
        const beta = org.account({ Website: 'beta.io' });
        const betaLead = org.lead({ Email: 'bo@beta.io' });
        const freeMail = org.lead({ Email: 'cy@gmail.com' });
        const chunks = chunksById(partitionOrg(org.build(), FREE_MAIL, 1));
        expect(chunks.get(newer.Id)).toBe(chunks.get(older.Id));
        expect(chunks.get(lead.Id)).toBe(chunks.get(older.Id));
        expect(chunks.get(contact.Id)).toBe(chunks.get(older.Id));
        expect(chunks.get(betaLead.Id)).toBe(chunks.get(beta.Id));
        expect(chunks.get(beta.Id)).not.toBe(chunks.get(older.Id));
        expect(chunks.get(freeMail.Id)).not.toBe(chunks.get(older.Id));
        expect(chunks.get(freeMail.Id)).not.toBe(chunks.get(beta.Id));
    });

    it('keeps records that name each other in one group', () => {
        const org = new OrgBuilder();
        const acme = org.account({ Website: 'acme.com' });
        const beta = org.account({ Website: 'beta.io' });
        const contact = org.contact(acme);
        const converted = org.lead({ IsConverted: true, ConvertedContactId: contact.Id });
        const lead = org.lead({ Email: 'x@gmail.com' });
        const task = org.task({ WhoId: lead.Id, WhatId: beta.Id });
        const gamma = org.account({ Website: 'gamma.org' });
        const deal = org.opportunity(gamma);
        const other = org.lead({ Email: 'y@gmail.com' });
        const event = org.event({ WhoId: other.Id, WhatId: deal.Id });
        const lone = org.lead({ Email: 'z@gmail.com' });
        const signal = org.signal(lone, 'Web Visit', at('2027-03-01T10:00'), {
            Account__c: acme.Id
        });
        const first = org.lead({ Email: 'p@gmail.com' });
        const second = org.lead({ Email: 'q@gmail.com' });
        org.clock({ Clock_Key__c: 'Response:p:sales-1h:1', Lead__c: first.Id });
        org.clock({ Clock_Key__c: 'Response:p:sales-1h:1', Lead__c: second.Id });
        const chunks = chunksById(partitionOrg(org.build(), FREE_MAIL, 1));
        expect(chunks.get(converted.Id)).toBe(chunks.get(acme.Id));
        expect(chunks.get(task.Id)).toBe(chunks.get(beta.Id));
        expect(chunks.get(lead.Id)).toBe(chunks.get(beta.Id));
        expect(chunks.get(other.Id)).toBe(chunks.get(gamma.Id));
        expect(chunks.get(event.Id)).toBe(chunks.get(gamma.Id));
        expect(chunks.get(lone.Id)).toBe(chunks.get(acme.Id));
        expect(chunks.get(signal.Id)).toBe(chunks.get(acme.Id));
        expect(chunks.get(second.Id)).toBe(chunks.get(first.Id));
        expect(chunks.get(beta.Id)).not.toBe(chunks.get(acme.Id));
    });

    it('packs components up to the group size without splitting one', () => {
        const org = new OrgBuilder();
        for (let index = 0; index < 5; index++) {
            org.lead({ Email: `p${index}@gmail.com` });
        }
        const account = org.account({ Website: 'acme.com' });
        for (let index = 0; index < 3; index++) {
            org.lead({ Email: `q${index}@acme.com` });
        }
        const partition = partitionOrg(org.build(), FREE_MAIL, 2);
        // The account's Id (prefix 001) is the smallest, so its component comes first.
        expect(partition.sizes).toEqual([4, 2, 2, 1]);
        expect(partition.snapshotOf(0).accounts).toEqual([account]);
        expect(partition.snapshotOf(0).leads).toHaveLength(3);
    });

    it('hands out every record exactly once, in list order', () => {
        fc.assert(
            fc.property(scenarioSpec, fc.integer({ min: 1, max: 6 }), (spec, groupSize) => {
                const { snapshot } = buildScenario(spec);
                const partition = partitionOrg(snapshot, FREE_MAIL, groupSize);
                const whole = listsOf(snapshot);
                const parts = Array.from({ length: partition.chunkCount }, (_, chunk) =>
                    listsOf(partition.snapshotOf(chunk))
                );
                for (const [name, records] of Object.entries(whole)) {
                    const handedOut = parts.flatMap((part) => [...(part[name] ?? [])]);
                    expect(new Set(handedOut)).toEqual(new Set(records));
                    expect(handedOut).toHaveLength(records.length);
                    for (const part of parts) {
                        const order = (part[name] ?? []).map((record) => records.indexOf(record));
                        expect(order).toEqual([...order].sort((a, b) => a - b));
                    }
                }
            }),
            { numRuns: RUNS }
        );
    });

    it('forms the same groups whatever the order of the records', () => {
        fc.assert(
            fc.property(scenarioSpec, (spec) => {
                const { snapshot } = buildScenario(spec);
                const reversed: OrgSnapshot = {
                    ...snapshot,
                    leads: [...snapshot.leads].reverse(),
                    contacts: [...snapshot.contacts].reverse(),
                    accounts: [...snapshot.accounts].reverse(),
                    signals: isSignalColumns(snapshot.signals)
                        ? snapshot.signals
                        : [...snapshot.signals].reverse()
                };
                expect(chunksById(partitionOrg(reversed, FREE_MAIL, 2))).toEqual(
                    chunksById(partitionOrg(snapshot, FREE_MAIL, 2))
                );
            }),
            { numRuns: RUNS }
        );
    });
});
