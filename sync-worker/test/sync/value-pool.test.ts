/**
 * The mirror's value pool: records keep every value they were read with, while the
 * equal times of one record become one Date (equal strings are shared too, which no
 * test can observe, since JavaScript compares strings by content).
 */
import { OrgMirror } from '../../src/sync/mirror';
import { ValuePool } from '../../src/sync/value-pool';

/** Returns a copy of `text` that is a distinct string in memory, as in each parsed row. */
function fresh(text: string): string {
    return text
        .split('')
        .map((character) => character)
        .join('');
}

describe('ValuePool', () => {
    it('keeps every value while it shares Ids, picklist values and equal times', () => {
        const mirror = new OrgMirror();
        const stamp = Date.parse('2026-11-02T09:00:00.000Z');
        const tasks = [1, 2, 3].map((index) => ({
            Id: `00T00000000000${index}AAA`,
            WhoId: fresh('00Q000000000001AAA'),
            Status: fresh('Completed'),
            CreatedDate: new Date(stamp),
            SystemModstamp: new Date(stamp),
            CompletedDateTime: new Date(stamp - 60_000)
        }));
        const copies = tasks.map((task) => ({ ...task }));
        for (const task of tasks) {
            mirror.put('Task', task);
        }

        const stored = tasks.map((task) => mirror.get('Task', task.Id));
        stored.forEach((record, index) => {
            expect(record).toEqual(copies[index]);
        });
        // Equal times of one record are now one object.
        const [first, second] = stored;
        expect(first?.SystemModstamp).toBe(first?.CreatedDate);
        expect(second?.SystemModstamp).toBe(second?.CreatedDate);
        expect(first?.CompletedDateTime).not.toBe(first?.CreatedDate);
    });

    it('keeps every value of records whose fields have too many values to pool', () => {
        const pool = new ValuePool();
        const records = Array.from({ length: 1_500 }, (_, index) => ({
            Id: `00Q${String(index).padStart(12, '0')}AAA`,
            Email: `person${index}@example.com`,
            Status: fresh(index % 2 === 0 ? 'Open' : 'Working'),
            Description: 'x'.repeat(100 + index)
        }));
        const copies = records.map((record) => ({ ...record }));
        for (const record of records) {
            pool.share('Lead', record);
        }
        expect(records).toEqual(copies);
    });
});
