import './quiet-logs';
import { clampRestBatchSize, type OrgStore } from '../../../src/local-org/store';
import { caught, openStore, TestClock } from './store-fixture';

describe('query paging', () => {
    let store: OrgStore;
    let clock: TestClock;

    beforeAll(() => {
        clock = new TestClock();
        store = openStore(clock, { queryLocatorTtlMs: 60_000 });
        store.transaction(() => {
            for (let index = 0; index < 2500; index += 1) {
                store.insert('Lead', {
                    LastName: `Lead ${String(index).padStart(4, '0')}`,
                    Company: 'Bulk'
                });
            }
        });
    });

    afterAll(() => {
        store.close();
    });

    it('returns 2,000 records per page by default', () => {
        const first = store.query('SELECT LastName FROM Lead ORDER BY LastName');
        expect(first.totalSize).toBe(2500);
        expect(first.done).toBe(false);
        expect(first.records).toHaveLength(2000);
        expect(first.nextRecordsCursor).toMatch(/^01g[0-9A-Za-z]{15}-2000$/);
        const second = store.queryMore(first.nextRecordsCursor ?? '');
        expect(second.done).toBe(true);
        expect(second.nextRecordsCursor).toBeUndefined();
        expect(second.records).toHaveLength(500);
        expect(second.records[0]?.LastName).toBe('Lead 2000');
        expect(second.records[499]?.LastName).toBe('Lead 2499');
    });

    it('honours a smaller batch size', () => {
        const sizes: number[] = [];
        let page = store.query("SELECT Id FROM Lead WHERE LastName LIKE 'Lead 00%'", {
            batchSize: 30
        });
        sizes.push(page.records.length);
        while (page.nextRecordsCursor !== undefined) {
            page = store.queryMore(page.nextRecordsCursor);
            sizes.push(page.records.length);
        }
        expect(sizes).toEqual([30, 30, 30, 10]);
    });

    it('clamps REST batch sizes to 200..2000', () => {
        expect(clampRestBatchSize(undefined)).toBe(2000);
        expect(clampRestBatchSize(50)).toBe(200);
        expect(clampRestBatchSize(500)).toBe(500);
        expect(clampRestBatchSize(5000)).toBe(2000);
    });

    it('keeps the result set of a cursor stable while records change', () => {
        const first = store.query(
            "SELECT LastName FROM Lead WHERE Company = 'Bulk' ORDER BY LastName",
            { batchSize: 1000 }
        );
        store.insert('Lead', { LastName: 'Aaron', Company: 'Bulk' });
        let total = first.records.length;
        let page = first;
        while (page.nextRecordsCursor !== undefined) {
            page = store.queryMore(page.nextRecordsCursor);
            total += page.records.length;
        }
        expect(total).toBe(2500);
        expect(store.query("SELECT COUNT() FROM Lead WHERE Company = 'Bulk'").totalSize).toBe(2501);
    });

    it('serves the same page again for a retried locator', () => {
        const first = store.query('SELECT Id FROM Lead ORDER BY Id', { batchSize: 200 });
        const locator = first.nextRecordsCursor ?? '';
        expect(store.queryMore(locator).records).toEqual(store.queryMore(locator).records);
    });

    it('expires idle locators with INVALID_QUERY_LOCATOR', () => {
        const first = store.query('SELECT Id FROM Lead', { batchSize: 200 });
        const locator = first.nextRecordsCursor ?? '';
        clock.advance(59_000);
        expect(store.queryMore(locator).records).toHaveLength(200);
        clock.advance(61_000);
        expect(caught(() => store.queryMore(locator)).errorCode).toBe('INVALID_QUERY_LOCATOR');
    });

    it('rejects unknown locators', () => {
        expect(caught(() => store.queryMore('01gXXXXXXXXXXXXXXX-200')).errorCode).toBe(
            'INVALID_QUERY_LOCATOR'
        );
        expect(caught(() => store.queryMore('nonsense')).errorCode).toBe('INVALID_QUERY_LOCATOR');
    });

    it('returns aggregate results in one page', () => {
        const first = store.query(
            'SELECT LastName, COUNT(Id) FROM Lead GROUP BY LastName LIMIT 1500',
            { batchSize: 1000 }
        );
        expect(first.records).toHaveLength(1500);
        expect(first.records[0]?.attributes).toEqual({ type: 'AggregateResult' });
        expect(first.done).toBe(true);
    });

    it('returns child subqueries on every page', () => {
        const leads = store.query(
            "SELECT Id FROM Lead WHERE LastName IN ('Lead 0001', 'Lead 2400')"
        ).records;
        for (const lead of leads) {
            store.insert('SLA_Clock__c', {
                Lead__c: lead.Id,
                Clock_Key__c: `page-${String(lead.Id)}`
            });
        }
        const first = store.query(
            "SELECT LastName, (SELECT Clock_Key__c FROM SLA_Clocks__r) FROM Lead WHERE Company = 'Bulk' ORDER BY LastName",
            { batchSize: 2000 }
        );
        const second = store.queryMore(first.nextRecordsCursor ?? '');
        const withClocks = [...first.records, ...second.records].filter(
            (record) => record.SLA_Clocks__r !== null
        );
        expect(withClocks.map((record) => record.LastName)).toEqual(['Lead 0001', 'Lead 2400']);
    });

    it('uses the API version of the request in record URLs', () => {
        const page = store.query('SELECT Id FROM Lead LIMIT 1', { apiVersion: '59.0' });
        expect(page.records[0]?.attributes.url).toMatch(
            /^\/services\/data\/v59\.0\/sobjects\/Lead\//
        );
    });
});
