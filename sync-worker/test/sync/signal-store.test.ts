/**
 * The mirror's signal columns: whatever sequence of reads, changes, deletions and prunes
 * reaches them, the engine gets the signals that the records would give it and the
 * problems it would report for them. Rows are compared sorted, because a signal that
 * becomes scorable moves to the end of the columns.
 */
import fc from 'fast-check';
import { signalColumnsOf, type Problem, type SignalColumns } from '../../src/policy';
import { signalColumnsFrom } from '../../src/policy/signals';
import { emptySnapshot } from '../../src/policy/snapshot';
import type { EngagementSignal } from '../../src/schema/records';
import { OrgMirror } from '../../src/sync/mirror';
import { SignalStore } from '../../src/sync/signal-store';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 100);
const BASE = Date.parse('2026-11-02T09:00:00.000Z');
const HOUR = 3_600_000;
const LEADS = ['00Q000000000001AAA', '00Q000000000002AAA', '00Q000000000003AAA'];
const CONTACTS = ['003000000000001AAA', '003000000000002AAA'];
const ACCOUNTS = ['001000000000001AAA', '001000000000002AAA'];

function signal(id: string, fields: Partial<EngagementSignal> = {}): EngagementSignal {
    return {
        Id: id,
        CreatedDate: new Date(BASE),
        LastModifiedDate: new Date(BASE),
        LastModifiedById: null,
        SystemModstamp: new Date(BASE),
        IsDeleted: false,
        Name: `Signal ${id}`,
        Lead__c: LEADS[0] ?? null,
        Contact__c: null,
        Account__c: null,
        Type__c: 'Web Visit',
        Occurred_At__c: new Date(BASE - HOUR),
        Source_System__c: 'Website',
        Weight__c: null,
        External_Id__c: `ext-${id}`,
        ...fields
    };
}

/** Lists the rows of columns with Ids and types resolved, so columns with other ref orders compare. */
function rowsOf(columns: SignalColumns): string[] {
    const refAt = (ref: number | undefined): string | null =>
        ref === undefined || ref < 0 ? null : (columns.refs[ref] ?? null);
    const rows: string[] = [];
    for (let row = 0; row < columns.length; row++) {
        rows.push(
            JSON.stringify([
                refAt(columns.lead[row]),
                refAt(columns.contact[row]),
                refAt(columns.account[row]),
                columns.types[columns.type[row] ?? 0],
                columns.occurredAt[row],
                columns.weight[row]
            ])
        );
    }
    return rows;
}

/** Returns what the engine reads from signal records: the column rows and the problems. */
function fromRecords(records: readonly EngagementSignal[]): {
    rows: string[];
    problems: Problem[];
} {
    const problems: Problem[] = [];
    const columns = signalColumnsFrom({ ...emptySnapshot(), signals: records }, problems);
    return { rows: rowsOf(columns), problems };
}

const sortedProblems = (problems: readonly Problem[]): string[] =>
    problems.map((problem) => `${problem.id} ${problem.reason}`).sort();

const maybe = <T>(values: readonly T[]): fc.Arbitrary<T | null> =>
    fc.option(fc.constantFrom(...values), { nil: null });

const versionSpec = fc.record({
    id: fc.nat(11),
    lead: maybe(LEADS),
    contact: maybe(CONTACTS),
    account: maybe(ACCOUNTS),
    type: fc.option(fc.constantFrom('Web Visit', 'Demo Request', 'Email Click'), { nil: null }),
    hoursAgo: fc.option(fc.integer({ min: 0, max: 24 }), { nil: null, freq: 8 }),
    weight: fc.option(fc.integer({ min: -2, max: 20 }), { nil: null }),
    stamp: fc.nat(5),
    deleted: fc.boolean()
});

const operationSpec = fc.oneof(
    { arbitrary: versionSpec.map((version) => ({ kind: 'put' as const, version })), weight: 6 },
    { arbitrary: fc.nat(11).map((id) => ({ kind: 'remove' as const, id })), weight: 2 },
    {
        arbitrary: fc.integer({ min: 0, max: 24 }).map((hoursAgo) => ({
            kind: 'prune' as const,
            hoursAgo
        })),
        weight: 1
    }
);

type VersionSpec = typeof versionSpec extends fc.Arbitrary<infer T> ? T : never;

function idOf(index: number): string {
    return `a0B${String(index).padStart(12, '0')}AAA`;
}

function recordOf(version: VersionSpec): EngagementSignal {
    return signal(idOf(version.id), {
        Lead__c: version.lead,
        Contact__c: version.contact,
        Account__c: version.account,
        Type__c: version.type,
        Occurred_At__c: version.hoursAgo === null ? null : new Date(BASE - version.hoursAgo * HOUR),
        Weight__c: version.weight,
        SystemModstamp: new Date(BASE + version.stamp * 1_000),
        IsDeleted: version.deleted
    });
}

describe('SignalStore', () => {
    it('matches records after any changes', () => {
        fc.assert(
            fc.property(fc.array(operationSpec, { maxLength: 60 }), (operations) => {
                const store = new SignalStore();
                const model = new Map<string, EngagementSignal>();
                for (const operation of operations) {
                    if (operation.kind === 'put') {
                        const record = recordOf(operation.version);
                        store.put(record);
                        model.set(record.Id, record);
                    } else if (operation.kind === 'remove') {
                        store.remove(idOf(operation.id));
                        model.delete(idOf(operation.id));
                    } else {
                        const cutoff = BASE - operation.hoursAgo * HOUR;
                        store.pruneBefore(new Date(cutoff));
                        for (const [id, record] of model) {
                            const occurred = record.Occurred_At__c?.getTime();
                            if (occurred !== undefined && occurred < cutoff) {
                                model.delete(id);
                            }
                        }
                    }
                }
                const expected = fromRecords([...model.values()]);

                expect(rowsOf(store.columns()).sort()).toEqual(expected.rows.sort());
                expect(sortedProblems(store.problems())).toEqual(sortedProblems(expected.problems));
                expect(store.size).toBe(model.size);
                for (const [id, record] of model) {
                    expect(store.stampOf(id)).toBe(record.SystemModstamp?.getTime() ?? null);
                }
            }),
            { numRuns: RUNS }
        );
    });

    it('picks the signals of some people and accounts', () => {
        fc.assert(
            fc.property(
                fc.array(versionSpec, { maxLength: 40 }),
                fc.subarray([...LEADS, ...CONTACTS]),
                fc.subarray(ACCOUNTS),
                (versions, peopleList, accountList) => {
                    const store = new SignalStore();
                    const model = new Map<string, EngagementSignal>();
                    for (const version of versions) {
                        const record = recordOf(version);
                        store.put(record);
                        model.set(record.Id, record);
                    }
                    const people = new Set(peopleList);
                    const accounts = new Set(accountList);
                    const concerned = [...model.values()].filter(
                        (record) =>
                            (record.Lead__c !== null && people.has(record.Lead__c)) ||
                            (record.Contact__c !== null && people.has(record.Contact__c)) ||
                            (record.Account__c !== null && accounts.has(record.Account__c))
                    );
                    const expected = fromRecords(concerned);

                    expect(rowsOf(store.columnsConcerning(people, accounts)).sort()).toEqual(
                        expected.rows.sort()
                    );
                    expect(sortedProblems(store.problems(people, accounts))).toEqual(
                        sortedProblems(expected.problems)
                    );
                }
            ),
            { numRuns: RUNS }
        );
    });

    it('returns a stored signal with the fields it keeps', () => {
        const store = new SignalStore();
        const record = signal(idOf(1), { Contact__c: CONTACTS[0] ?? null, Weight__c: 7 });
        store.put(record);

        expect(store.get(record.Id)).toEqual({
            ...record,
            CreatedDate: null,
            LastModifiedDate: null,
            Name: null,
            Source_System__c: null,
            External_Id__c: null
        });
        expect(store.list()).toHaveLength(1);
    });

    it('keeps a signal it cannot score as the record read', () => {
        const store = new SignalStore();
        const record = signal(idOf(2), { Occurred_At__c: null });
        store.put(record);

        expect(store.get(record.Id)).toBe(record);
        expect(store.columns().length).toBe(0);
        expect(store.problems()).toEqual([
            {
                object: 'Engagement_Signal__c',
                id: record.Id,
                reason: 'Skipped: Occurred_At__c is empty'
            }
        ]);
    });

    it('prunes signals before the cutoff only', () => {
        const store = new SignalStore();
        const cutoff = new Date(BASE - 2 * HOUR);
        store.put(signal(idOf(0), { Occurred_At__c: new Date(cutoff.getTime() - 1) }));
        store.put(signal(idOf(1), { Occurred_At__c: cutoff }));

        expect(store.pruneBefore(cutoff)).toBe(1);
        expect(store.has(idOf(0))).toBe(false);
        expect(store.has(idOf(1))).toBe(true);
    });

    it('keeps order and Ids after compaction', () => {
        const store = new SignalStore();
        const records = Array.from({ length: 10 }, (_, index) =>
            signal(idOf(index), { Weight__c: index })
        );
        for (const record of records) {
            store.put(record);
        }
        for (const index of [0, 2, 4, 6, 8, 9]) {
            store.remove(idOf(index));
        }

        expect(store.columns().weight).toEqual(Float64Array.from([1, 3, 5, 7]));
        expect(store.get(idOf(7))?.Weight__c).toBe(7);
        expect(store.has(idOf(8))).toBe(false);
    });
});

describe('OrgMirror signals', () => {
    it('separates re-read and changed versions', () => {
        const mirror = new OrgMirror();
        const first = signal(idOf(3));
        expect(mirror.applyRead('Engagement_Signal__c', first, null)).toBe('new');

        expect(mirror.applyRead('Engagement_Signal__c', signal(idOf(3)), null)).toBe('same');
        const changed = signal(idOf(3), {
            Type__c: 'Demo Request',
            SystemModstamp: new Date(BASE + HOUR)
        });
        expect(mirror.applyRead('Engagement_Signal__c', changed, null)).toBe('changed');
        expect(mirror.get('Engagement_Signal__c', idOf(3))?.Type__c).toBe('Demo Request');
        expect(
            mirror.applyRead('Engagement_Signal__c', { ...changed, IsDeleted: true }, null)
        ).toBe('deleted');
        expect(mirror.count('Engagement_Signal__c')).toBe(0);
    });

    it('gives the engine the columns of its signals', () => {
        const mirror = new OrgMirror();
        const records = [
            signal(idOf(4), { Lead__c: LEADS[1] ?? null }),
            signal(idOf(5), { Lead__c: null, Account__c: ACCOUNTS[0] ?? null })
        ];
        for (const record of records) {
            mirror.put('Engagement_Signal__c', record);
        }

        expect(rowsOf(mirror.signalColumns())).toEqual(rowsOf(signalColumnsOf(records)));
    });
});
