import './quiet-logs';
import type { OrgStore } from '../../../src/local-org/store';
import { loadSoqlFixture } from './soql-fixture';
import { caught, openStore } from './store-fixture';

describe('SOQL that Salesforce rejects', () => {
    let store: OrgStore;

    beforeAll(() => {
        store = openStore();
        loadSoqlFixture(store);
    });

    afterAll(() => {
        store.close();
    });

    it('rejects a duplicate alias', () => {
        const error = caught(() => store.query('SELECT COUNT(Id) c, COUNT(Id) c FROM Lead'));
        expect(error.errorCode).toBe('MALFORMED_QUERY');
        expect(error.message).toContain('duplicate alias: c');
    });
});

describe('SOQL conditions that Salesforce rejects', () => {
    let store: OrgStore;

    beforeAll(() => {
        store = openStore();
        loadSoqlFixture(store);
    });

    afterAll(() => {
        store.close();
    });

    function messageOf(soql: string): string {
        const error = caught(() => store.query(soql));
        expect(error.errorCode).toBe('MALFORMED_QUERY');
        return error.message;
    }

    it('rejects AND and OR mixed without parentheses', () => {
        expect(
            messageOf("SELECT Id FROM Lead WHERE LastName = 'a' AND Company = 'b' OR Company = 'c'")
        ).toContain('mixes AND and OR');
        expect(
            messageOf("SELECT Id FROM Lead WHERE LastName = 'a' OR Company = 'b' AND Company = 'c'")
        ).toContain('mixes AND and OR');
    });

    it('accepts AND and OR grouped by parentheses', () => {
        const result = store.query(
            "SELECT Id FROM Lead WHERE (LastName = 'a' AND Company = 'b') OR Company = 'c'"
        );
        expect(result.totalSize).toBe(0);
    });

    it('rejects a semi-join inside a semi-join', () => {
        expect(
            messageOf(
                'SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Contact WHERE Id IN (SELECT WhoId FROM Task))'
            )
        ).toContain('cannot contain another semi-join');
    });

    it('rejects a semi-join under OR', () => {
        expect(
            messageOf(
                "SELECT Id FROM Account WHERE Name = 'x' OR Id IN (SELECT AccountId FROM Contact)"
            )
        ).toContain('cannot be used under OR');
    });
});

describe('SOQL clauses that Salesforce rejects', () => {
    let store: OrgStore;

    beforeAll(() => {
        store = openStore();
        loadSoqlFixture(store);
    });

    afterAll(() => {
        store.close();
    });

    function messageOf(soql: string): string {
        const error = caught(() => store.query(soql));
        expect(error.errorCode).toBe('MALFORMED_QUERY');
        return error.message;
    }

    it('rejects COUNT() with other fields', () => {
        expect(messageOf('SELECT COUNT(), Id FROM Lead')).toContain(
            'COUNT() must be the only field'
        );
        expect(messageOf('SELECT Id, COUNT() FROM Lead')).toContain(
            'COUNT() must be the only field'
        );
    });

    it('rejects COUNT() with ORDER BY', () => {
        expect(messageOf('SELECT COUNT() FROM Lead ORDER BY LastName')).toContain(
            'COUNT() cannot be used with ORDER BY'
        );
    });

    it('rejects GROUP BY on a datetime field', () => {
        expect(
            messageOf('SELECT Started_At__c FROM SLA_Clock__c GROUP BY Started_At__c')
        ).toContain('datetime field Started_At__c cannot be grouped');
    });

    it('rejects a long text area in WHERE, GROUP BY and ORDER BY', () => {
        expect(messageOf("SELECT Id FROM Opportunity WHERE Metrics__c = 'x'")).toContain(
            'Metrics__c cannot be filtered'
        );
        expect(messageOf('SELECT Metrics__c FROM Opportunity GROUP BY Metrics__c')).toContain(
            'Metrics__c cannot be grouped'
        );
        expect(messageOf('SELECT Id FROM Opportunity ORDER BY Metrics__c')).toContain(
            'Metrics__c cannot be sorted'
        );
    });

    it('rejects an invalid escape in a string literal', () => {
        expect(messageOf("SELECT Id FROM Lead WHERE LastName = 'x\\z'")).toContain(
            'illegal escape sequence \\z'
        );
    });

    it('accepts the valid escapes', () => {
        const id = store.insert('Lead', { LastName: "O'Brien\tTab", Company: 'Escape Co' });
        const rows = store.query(
            "SELECT Id FROM Lead WHERE LastName = 'O\\'Brien\\tTab' AND Company = 'Escape\\u0020Co'"
        ).records;
        expect(rows.map((row) => row.Id)).toEqual([id]);
    });
});

describe('SOQL aggregate results', () => {
    let store: OrgStore;

    beforeAll(() => {
        store = openStore();
        for (let index = 0; index < 2_001; index += 1) {
            store.insert('Lead', { LastName: `Group ${index}`, Company: 'Group Co' });
        }
    });

    afterAll(() => {
        store.close();
    });

    it('returns every group in one response', () => {
        const result = store.query(
            'SELECT LastName, COUNT(Id) FROM Lead GROUP BY LastName LIMIT 2001',
            { batchSize: 200 }
        );
        expect(result.done).toBe(true);
        expect(result.records).toHaveLength(2_001);
    });

    it('rejects more than 2,000 groups without LIMIT', () => {
        const error = caught(() =>
            store.query('SELECT LastName, COUNT(Id) FROM Lead GROUP BY LastName')
        );
        expect(error.errorCode).toBe('MALFORMED_QUERY');
        expect(error.message).toContain('use LIMIT');
    });
});
