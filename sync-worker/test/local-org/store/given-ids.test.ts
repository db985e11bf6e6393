import './quiet-logs';
import type { OrgStore } from '../../../src/local-org/store';
import { caught, openStore } from './store-fixture';

// A lead Id from a real org export, 15 and 18 characters.
const EXPORT_LEAD_ID_15 = '00QEc00000BBaeX';
const EXPORT_LEAD_ID_18 = '00QEc00000BBaeXMAT';
const LEAD = { LastName: 'Lee', Company: 'Acme' };

describe('store inserts with a given Id', () => {
    let store: OrgStore;

    beforeEach(() => {
        store = openStore();
    });

    afterEach(() => {
        store.close();
    });

    it('keeps the given Id as 18 characters', () => {
        const id = store.insert('Lead', LEAD, { system: true, recordId: EXPORT_LEAD_ID_15 });

        expect(id).toBe(EXPORT_LEAD_ID_18);
        expect(store.retrieve('Lead', EXPORT_LEAD_ID_18, ['LastName']).LastName).toBe('Lee');
    });

    it('rejects a given Id without set-up access', () => {
        const error = caught(() => store.insert('Lead', LEAD, { recordId: EXPORT_LEAD_ID_18 }));

        expect(error.errorCode).toBe('INVALID_FIELD_FOR_INSERT_UPDATE');
        expect(error.fields).toEqual(['Id']);
    });

    it('rejects an Id of another object', () => {
        const error = caught(() =>
            store.insert('Lead', LEAD, { system: true, recordId: '001Ec00000GINb1IAH' })
        );

        expect(error.errorCode).toBe('MALFORMED_ID');
    });

    it('rejects an Id a record already has', () => {
        store.insert('Lead', LEAD, { system: true, recordId: EXPORT_LEAD_ID_18 });
        const error = caught(() =>
            store.insert('Lead', LEAD, { system: true, recordId: EXPORT_LEAD_ID_18 })
        );

        expect(error.errorCode).toBe('DUPLICATE_VALUE');
    });
});
