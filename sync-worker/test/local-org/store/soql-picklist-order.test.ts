import './quiet-logs';
import type { OrgStore } from '../../../src/local-org/store';
import { openStore } from './store-fixture';

describe('SOQL ORDER BY on a picklist', () => {
    let store: OrgStore;

    beforeAll(() => {
        store = openStore();
        for (const status of ['Working', 'Rejected', 'New', 'Qualified']) {
            store.insert('Lead', { LastName: status, Company: 'Order Co', Status: status });
        }
    });

    afterAll(() => {
        store.close();
    });

    it('sorts by the defined value order', () => {
        const rows = store.query('SELECT Status FROM Lead ORDER BY Status').records;
        expect(rows.map((row) => row.Status)).toEqual(['New', 'Working', 'Qualified', 'Rejected']);
    });

    it('reverses the defined order with DESC', () => {
        const rows = store.query('SELECT Status FROM Lead ORDER BY Status DESC').records;
        expect(rows.map((row) => row.Status)).toEqual(['Rejected', 'Qualified', 'Working', 'New']);
    });

    it('sorts aggregate groups by the defined order', () => {
        const rows = store.query(
            'SELECT Status, COUNT(Id) FROM Lead GROUP BY Status ORDER BY Status'
        ).records;
        expect(rows.map((row) => row.Status)).toEqual(['New', 'Working', 'Qualified', 'Rejected']);
    });
});
