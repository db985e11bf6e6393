import { isQueryOrCollection, planComposites } from '../../src/salesforce/composite';

const QUERY = '/services/data/v65.0/queryAll?q=SELECT+Id+FROM+Lead';
const COLLECTION = '/services/data/v65.0/composite/sobjects';
const RECORD = '/services/data/v65.0/sobjects/Lead/00Q000000000001AAA';

describe('planComposites', () => {
    it('packs at most 5 queries per request', () => {
        const batches = planComposites(
            Array.from({ length: 12 }, () => QUERY),
            (url) => url
        );
        expect(batches.map((batch) => batch.length)).toEqual([5, 5, 2]);
    });

    it('packs at most 25 subrequests per request', () => {
        const batches = planComposites(
            Array.from({ length: 30 }, () => RECORD),
            (url) => url
        );
        expect(batches.map((batch) => batch.length)).toEqual([25, 5]);
    });

    it('adds light subrequests next to 5 heavy ones', () => {
        const items = [QUERY, COLLECTION, QUERY, COLLECTION, QUERY, RECORD, RECORD, QUERY];
        const batches = planComposites(items, (url) => url);
        expect(batches).toEqual([
            [QUERY, COLLECTION, QUERY, COLLECTION, QUERY, RECORD, RECORD],
            [QUERY]
        ]);
    });

    it('returns no request for no items', () => {
        expect(planComposites([], (url: string) => url)).toEqual([]);
    });
});

describe('isQueryOrCollection', () => {
    it.each([
        [QUERY, true],
        ['/services/data/v65.0/query/01gxx0000000001-2000', true],
        [`${COLLECTION}/SLA_Clock__c/Clock_Key__c`, true],
        [RECORD, false],
        ['/services/data/v65.0/limits', false]
    ])('%s: %s', (url, expected) => {
        expect(isQueryOrCollection(url)).toBe(expected);
    });
});
