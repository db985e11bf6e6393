import './quiet-logs';
import type { OrgStore } from '../../../src/local-org/store';
import { loadSoqlFixture, type SoqlFixture } from './soql-fixture';
import { caught, errorCodeOf, openStore } from './store-fixture';

describe('SOQL aggregate queries', () => {
    let store: OrgStore;
    let data: SoqlFixture;

    beforeAll(() => {
        store = openStore();
        data = loadSoqlFixture(store);
    });

    afterAll(() => {
        store.close();
    });

    it('aggregates without GROUP BY into one row', () => {
        const result = store.query(
            'SELECT COUNT(Id), SUM(Intent_Score__c), AVG(Intent_Score__c), MIN(LastName), MAX(CreatedDate) FROM Lead'
        );
        expect(result).toEqual({
            totalSize: 1,
            done: true,
            records: [
                {
                    attributes: { type: 'AggregateResult' },
                    expr0: 3,
                    expr1: 120,
                    expr2: 60,
                    expr3: 'Doe',
                    expr4: '2027-03-03T15:00:00.000+0000'
                }
            ]
        });
    });

    it('groups with aliases, HAVING and ORDER BY on an aggregate', () => {
        const rows = store.query(
            'SELECT LeadSource, COUNT(Id) leads, COUNT_DISTINCT(OwnerId) FROM Lead GROUP BY LeadSource HAVING COUNT(Id) > 0 ORDER BY COUNT(Id) DESC'
        ).records;
        expect(rows).toEqual([
            { attributes: { type: 'AggregateResult' }, LeadSource: 'Web', leads: 2, expr0: 2 },
            {
                attributes: { type: 'AggregateResult' },
                LeadSource: 'Partner Referral',
                leads: 1,
                expr0: 1
            }
        ]);
    });

    it('filters groups with HAVING', () => {
        const rows = store.query(
            'SELECT LeadSource FROM Lead GROUP BY LeadSource HAVING COUNT(Id) > 1'
        ).records;
        expect(rows.map((row) => row.LeadSource)).toEqual(['Web']);
    });

    it('groups by a parent field under its field name', () => {
        const rows = store.query(
            'SELECT Owner.Name, COUNT(Id) FROM Lead GROUP BY Owner.Name ORDER BY Owner.Name'
        ).records;
        expect(rows.map((row) => [row.Name, row.expr0])).toEqual([
            ['Marketing Nurture', 1],
            ['Pat Rep', 2]
        ]);
    });

    it('rejects an ungrouped field', () => {
        expect(
            errorCodeOf(() =>
                store.query('SELECT LastName, COUNT(Id) FROM Lead GROUP BY LeadSource')
            )
        ).toBe('MALFORMED_QUERY');
    });

    it('rejects SUM of a text field', () => {
        expect(errorCodeOf(() => store.query('SELECT SUM(LastName) FROM Lead'))).toBe(
            'MALFORMED_QUERY'
        );
    });

    it('groups by a lookup Id', () => {
        const rows = store.query(
            'SELECT OwnerId, COUNT(Id) FROM Lead GROUP BY OwnerId ORDER BY COUNT(Id) DESC'
        ).records;
        expect(rows.map((row) => [row.OwnerId, row.expr0])).toEqual([
            [data.repId, 2],
            [data.queueId, 1]
        ]);
    });
});

describe('unsupported and invalid SOQL', () => {
    let store: OrgStore;

    beforeAll(() => {
        store = openStore();
    });

    afterAll(() => {
        store.close();
    });

    it.each([
        ['TYPEOF', 'SELECT TYPEOF What WHEN Account THEN Name END FROM Task', 'TYPEOF'],
        ['FOR UPDATE', 'SELECT Id FROM Lead FOR UPDATE', 'FOR UPDATE'],
        [
            'a date function in WHERE',
            'SELECT Id FROM Lead WHERE CALENDAR_YEAR(CreatedDate) = 2027',
            'CALENDAR_YEAR'
        ],
        [
            'GROUP BY ROLLUP',
            'SELECT LeadSource, COUNT(Id) FROM Lead GROUP BY ROLLUP(LeadSource)',
            'ROLLUP'
        ],
        ['an alias outside aggregates', 'SELECT LastName n FROM Lead', 'alias n'],
        ['toLabel', 'SELECT toLabel(Status) FROM Lead', 'toLabel'],
        ['INCLUDES', "SELECT Id FROM Lead WHERE Status INCLUDES ('a')", 'INCLUDES'],
        [
            'WITH SECURITY_ENFORCED',
            'SELECT Id FROM Lead WITH SECURITY_ENFORCED',
            'SECURITY_ENFORCED'
        ],
        [
            'nested child subqueries',
            'SELECT Id, (SELECT Id, (SELECT Id FROM Tasks) FROM Contacts) FROM Account',
            'nested'
        ]
    ])('MALFORMED_QUERY naming %s', (_name, soql, part) => {
        const error = caught(() => store.query(soql));
        expect(error.errorCode).toBe('MALFORMED_QUERY');
        expect(error.message).toContain(part);
    });

    it('MALFORMED_QUERY for a syntax error', () => {
        expect(errorCodeOf(() => store.query('SELECT FROM Lead'))).toBe('MALFORMED_QUERY');
    });

    it('MALFORMED_QUERY for a duplicate field', () => {
        expect(errorCodeOf(() => store.query('SELECT Id, id FROM Lead'))).toBe('MALFORMED_QUERY');
    });

    it('INVALID_TYPE for an unknown object or child relationship', () => {
        expect(errorCodeOf(() => store.query('SELECT Id FROM Widget__c'))).toBe('INVALID_TYPE');
        expect(
            errorCodeOf(() => store.query('SELECT Id, (SELECT Id FROM Widgets__r) FROM Lead'))
        ).toBe('INVALID_TYPE');
    });

    it('INVALID_FIELD for an unknown field or relationship', () => {
        expect(errorCodeOf(() => store.query('SELECT Colour__c FROM Lead'))).toBe('INVALID_FIELD');
        expect(errorCodeOf(() => store.query('SELECT Boss.Name FROM Lead'))).toBe('INVALID_FIELD');
        expect(errorCodeOf(() => store.query('SELECT Owner.Manager.Name FROM Lead'))).toBe(
            'INVALID_FIELD'
        );
    });

    it('INVALID_QUERY_FILTER_OPERATOR for literals of the wrong type', () => {
        expect(errorCodeOf(() => store.query("SELECT Id FROM Lead WHERE Id = 'abc'"))).toBe(
            'INVALID_QUERY_FILTER_OPERATOR'
        );
        expect(
            errorCodeOf(() => store.query('SELECT Id FROM Lead WHERE CreatedDate > 2027-01-01'))
        ).toBe('INVALID_QUERY_FILTER_OPERATOR');
        expect(
            errorCodeOf(() => store.query("SELECT Id FROM Lead WHERE Intent_Score__c = '5'"))
        ).toBe('INVALID_QUERY_FILTER_OPERATOR');
        expect(
            errorCodeOf(() => store.query("SELECT Id FROM Lead WHERE IsConverted LIKE 'a%'"))
        ).toBe('INVALID_QUERY_FILTER_OPERATOR');
    });

    it('NUMBER_OUTSIDE_VALID_RANGE for an OFFSET above 2000', () => {
        expect(errorCodeOf(() => store.query('SELECT Id FROM Lead LIMIT 10 OFFSET 2001'))).toBe(
            'NUMBER_OUTSIDE_VALID_RANGE'
        );
    });
});
