/**
 * The sync cycle's pure parts: watermarks, echo recognition, the rotation of cold
 * objects, context expansion and the seeds of time.
 */
import { domainOf, expandFocus } from '../../src/sync/context';
import { isEcho, expectUpdate } from '../../src/sync/echo';
import { OrgMirror, type StoredRecord } from '../../src/sync/mirror';
import { COLD_OBJECTS, coldObjectsFor, HOT_OBJECTS } from '../../src/sync/objects';
import { Seeds, seedsOfTime } from '../../src/sync/seeds';
import { Watermarks } from '../../src/sync/watermarks';

const T0 = new Date('2027-03-10T15:00:00Z');

function at(seconds: number): Date {
    return new Date(T0.getTime() + seconds * 1000);
}

function record(fields: Record<string, unknown>): StoredRecord {
    return { Id: String(fields.Id), IsDeleted: false, ...fields };
}

describe('Watermarks', () => {
    it('moves to the latest stamp or the clock held back by the overlap', () => {
        const marks = new Watermarks();
        marks.advance('Lead', {
            startedAt: at(600),
            overlapSeconds: 300,
            complete: true,
            stoppedAtMaxFetch: false,
            latestStamp: at(100)
        });
        expect(marks.get('Lead')).toEqual(at(300));
        expect(marks.since('Lead', 300)).toEqual(at(0));
        marks.advance('Lead', {
            startedAt: at(700),
            overlapSeconds: 300,
            complete: true,
            stoppedAtMaxFetch: false,
            latestStamp: at(650)
        });
        expect(marks.get('Lead')).toEqual(at(650));
    });

    it('stays after a failed read and never moves backwards', () => {
        const marks = new Watermarks();
        marks.advance('Task', {
            startedAt: at(600),
            overlapSeconds: 60,
            complete: true,
            stoppedAtMaxFetch: false,
            latestStamp: null
        });
        marks.advance('Task', {
            startedAt: at(900),
            overlapSeconds: 60,
            complete: false,
            stoppedAtMaxFetch: false,
            latestStamp: at(890)
        });
        expect(marks.get('Task')).toEqual(at(540));
        marks.advance('Task', {
            startedAt: at(100),
            overlapSeconds: 60,
            complete: true,
            stoppedAtMaxFetch: false,
            latestStamp: at(10)
        });
        expect(marks.get('Task')).toEqual(at(540));
    });

    it('continues from the mark after a capped read', () => {
        const marks = new Watermarks();
        marks.advance('Lead', {
            startedAt: at(600),
            overlapSeconds: 300,
            complete: true,
            stoppedAtMaxFetch: false,
            latestStamp: null
        });
        marks.advance('Lead', {
            startedAt: at(700),
            overlapSeconds: 300,
            complete: false,
            stoppedAtMaxFetch: true,
            latestStamp: at(500)
        });
        expect(marks.since('Lead', 300)).toEqual(at(500));
        expect(marks.maxFetchFor('Lead', 100)).toBe(100);
        // A capped read that cannot move the mark doubles the cap of the next one.
        marks.advance('Lead', {
            startedAt: at(800),
            overlapSeconds: 300,
            complete: false,
            stoppedAtMaxFetch: true,
            latestStamp: at(500)
        });
        expect(marks.maxFetchFor('Lead', 100)).toBe(200);
        marks.advance('Lead', {
            startedAt: at(900),
            overlapSeconds: 300,
            complete: true,
            stoppedAtMaxFetch: false,
            latestStamp: at(520)
        });
        expect(marks.since('Lead', 300)).toEqual(at(300));
        expect(marks.maxFetchFor('Lead', 100)).toBe(100);
    });

    it('moves to the last stamp read when maxFetch stopped the read', () => {
        const marks = new Watermarks();
        marks.advance('Event', {
            startedAt: at(900),
            overlapSeconds: 60,
            complete: false,
            stoppedAtMaxFetch: true,
            latestStamp: at(200)
        });
        expect(marks.get('Event')).toEqual(at(200));
    });
});

describe('echo recognition', () => {
    const before = {
        Id: '00Q000000000001AAA',
        Intent_Score__c: 10,
        Email: 'a@b.example',
        SystemModstamp: at(0)
    };

    it('recognises the write it expects from the integration user', () => {
        const expected = expectUpdate(before, { Intent_Score__c: 42, Last_Evaluated_At__c: at(5) });
        const read = {
            ...before,
            Intent_Score__c: 42,
            Last_Evaluated_At__c: new Date(at(5)),
            LastModifiedById: '005A'
        };
        expect(isEcho(read, expected, '005A')).toBe(true);
    });

    it('treats another author or another value as a change', () => {
        const expected = expectUpdate(before, { Intent_Score__c: 42 });
        expect(
            isEcho({ ...before, Intent_Score__c: 42, LastModifiedById: '005B' }, expected, '005A')
        ).toBe(false);
        expect(
            isEcho(
                { ...before, Intent_Score__c: 42, Email: 'c@b.example', LastModifiedById: '005A' },
                expected,
                '005A'
            )
        ).toBe(false);
        expect(
            isEcho({ ...before, Intent_Score__c: 42, Email: 'c@b.example' }, expected, null)
        ).toBe(false);
    });

    it('tells re-reads and echoes from changes', () => {
        const mirror = new OrgMirror();
        mirror.put('Lead', record({ ...before, LastModifiedById: '005B' }));
        expect(
            mirror.applyRead('Lead', record({ ...before, LastModifiedById: '005B' }), '005A')
        ).toBe('same');
        mirror.applyWrite('Lead', before.Id, { Intent_Score__c: 42 });
        expect(
            mirror.applyRead(
                'Lead',
                record({
                    ...before,
                    Intent_Score__c: 42,
                    SystemModstamp: at(9),
                    LastModifiedById: '005A'
                }),
                '005A'
            )
        ).toBe('echo');
        expect(
            mirror.applyRead(
                'Lead',
                record({
                    ...before,
                    Intent_Score__c: 42,
                    SystemModstamp: at(20),
                    LastModifiedById: '005B'
                }),
                '005A'
            )
        ).toBe('changed');
        expect(
            mirror.applyRead(
                'Lead',
                record({ ...before, IsDeleted: true, SystemModstamp: at(30) }),
                '005A'
            )
        ).toBe('deleted');
        expect(mirror.count('Lead')).toBe(0);
    });
});

describe('cold object rotation', () => {
    it('polls every cold object within a few cycles and 10 queries per cycle', () => {
        const seen = new Set<string>();
        const cycles = Math.ceil(COLD_OBJECTS.length / 2);
        for (let cycle = 1; cycle <= cycles; cycle += 1) {
            const cold = coldObjectsFor(cycle);
            expect(HOT_OBJECTS.length + cold.length).toBeLessThanOrEqual(10);
            cold.forEach((object) => seen.add(object));
        }
        expect([...seen].sort()).toEqual([...COLD_OBJECTS].sort());
    });
});

describe('context expansion', () => {
    it('normalises website and email domains', () => {
        expect(domainOf('HTTPS://www.Globex.example/about?x=1')).toBe('globex.example');
        expect(domainOf('ana@globex.example')).toBe('globex.example');
        expect(domainOf('not a domain')).toBeNull();
    });

    it('brings every account of a domain with all its people', () => {
        const mirror = new OrgMirror();
        mirror.put('Account', record({ Id: '001000000000001AAA', Website: 'globex.example' }));
        mirror.put('Account', record({ Id: '001000000000002AAA', Website: 'www.globex.example' }));
        mirror.put('Account', record({ Id: '001000000000003AAA', Website: 'other.example' }));
        mirror.put(
            'Contact',
            record({ Id: '003000000000001AAA', AccountId: '001000000000002AAA' })
        );
        mirror.put(
            'Lead',
            record({
                Id: '00Q000000000001AAA',
                Email: 'a@globex.example',
                Matched_Account__c: null,
                ConvertedAccountId: null,
                ConvertedContactId: null,
                Website: null
            })
        );
        mirror.put(
            'Lead',
            record({
                Id: '00Q000000000002AAA',
                Email: 'b@globex.example',
                Matched_Account__c: null,
                ConvertedAccountId: null,
                ConvertedContactId: null,
                Website: null
            })
        );
        mirror.put(
            'Lead',
            record({
                Id: '00Q000000000003AAA',
                Email: 'c@gmail.example',
                Matched_Account__c: null,
                ConvertedAccountId: null,
                ConvertedContactId: null,
                Website: null
            })
        );
        const seeds = new Seeds();
        seeds.people.add('00Q000000000001AAA');
        const focus = expandFocus(mirror, seeds, ['gmail.example']);
        expect([...(focus?.accountIds ?? [])].sort()).toEqual([
            '001000000000001AAA',
            '001000000000002AAA'
        ]);
        expect([...(focus?.leadIds ?? [])].sort()).toEqual([
            '00Q000000000001AAA',
            '00Q000000000002AAA'
        ]);
        expect([...(focus?.contactIds ?? [])]).toEqual(['003000000000001AAA']);
    });
});

describe('seeds of time', () => {
    function clock(fields: Record<string, unknown>): StoredRecord {
        return record({
            Lead__c: null,
            Contact__c: null,
            Account__c: null,
            Type__c: 'Response',
            ...fields
        });
    }

    it('finds clocks past their warning or due time and nothing else', () => {
        const mirror = new OrgMirror();
        mirror.put(
            'SLA_Clock__c',
            clock({
                Id: 'a00000000000001AAA',
                Status__c: 'Open',
                Warning_At__c: at(-10),
                Due_At__c: at(100),
                Lead__c: '00Q000000000001AAA'
            })
        );
        mirror.put(
            'SLA_Clock__c',
            clock({
                Id: 'a00000000000002AAA',
                Status__c: 'Warning',
                Warning_At__c: at(-100),
                Due_At__c: at(100),
                Lead__c: '00Q000000000002AAA'
            })
        );
        mirror.put(
            'SLA_Clock__c',
            clock({
                Id: 'a00000000000003AAA',
                Status__c: 'Warning',
                Warning_At__c: at(-100),
                Due_At__c: at(-1),
                Account__c: '001000000000003AAA'
            })
        );
        mirror.put(
            'SLA_Clock__c',
            clock({
                Id: 'a00000000000004AAA',
                Status__c: 'Open',
                Type__c: 'Nurture',
                Warning_At__c: at(-100),
                Due_At__c: at(100),
                Lead__c: '00Q000000000004AAA'
            })
        );
        mirror.put(
            'SLA_Clock__c',
            clock({
                Id: 'a00000000000005AAA',
                Status__c: 'Met',
                Warning_At__c: at(-100),
                Due_At__c: at(-50),
                Lead__c: '00Q000000000005AAA'
            })
        );
        const seeds = seedsOfTime(mirror, T0, null);
        expect([...seeds.people]).toEqual(['00Q000000000001AAA']);
        expect([...seeds.accounts]).toEqual(['001000000000003AAA']);
    });
});
