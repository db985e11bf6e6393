import { parseQuery, type WhereClause } from 'soql-parser-js';
import { fieldNamesOf } from '../../src/schema/records';
import {
    changeQuery,
    composeSoql,
    escapeSoqlText,
    idQueries,
    SalesforceUsageError
} from '../../src/salesforce';

const LEAD_ID = '00Q000000000001AAA';

/** Reads a SOQL string literal back into its text. */
function unquote(literal: unknown): string {
    const text = String(literal).slice(1, -1);
    const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
    return text.replace(/\\(.)/g, (_match, character: string) => escapes[character] ?? character);
}

/** Collects the conditions of a parsed WHERE clause, left to right. */
function conditionsOf(where: WhereClause | undefined): Record<string, unknown>[] {
    const result: Record<string, unknown>[] = [];
    let clause: WhereClause | undefined = where;
    while (clause !== undefined) {
        result.push(clause.left as unknown as Record<string, unknown>);
        clause = 'right' in clause ? clause.right : undefined;
    }
    return result;
}

describe('composeSoql', () => {
    it.each([
        "O'Brien",
        "x' OR Id != null OR Name = '",
        "\\' OR LastName LIKE '%",
        'back\\slash',
        "line\nbreak' OR IsDeleted = true",
        "''",
        '"double" quotes'
    ])('keeps the hostile text %j inside one literal', (hostile) => {
        const soql = composeSoql({
            object: 'Lead',
            fields: ['Id'],
            where: [
                { field: 'Company', operator: '=', value: { text: hostile } },
                { field: 'IsConverted', operator: '=', value: { boolean: false } }
            ]
        });
        const conditions = conditionsOf(parseQuery(soql).where);
        expect(conditions).toHaveLength(2);
        expect(conditions[0]).toMatchObject({
            field: 'Company',
            operator: '=',
            literalType: 'STRING'
        });
        expect(unquote(conditions[0]?.value)).toBe(hostile);
        expect(conditions[1]).toMatchObject({ field: 'IsConverted', literalType: 'BOOLEAN' });
    });

    it('escapes backslashes before quotes', () => {
        expect(escapeSoqlText("a\\'b")).toBe("a\\\\\\'b");
    });

    it.each(["00Q' OR Id != '", '00Q00000000000', '00Q000000000001AAA OR', ''])(
        'rejects the Id %j',
        (id) => {
            expect(() =>
                composeSoql({
                    object: 'Lead',
                    fields: ['Id'],
                    where: [{ field: 'Id', operator: '=', value: { id } }]
                })
            ).toThrow(SalesforceUsageError);
        }
    );

    it('rejects a field outside the record schema', () => {
        expect(() => composeSoql({ object: 'Lead', fields: ['Id', 'Password__c'] })).toThrow(
            'Password__c is not a field of Lead'
        );
    });

    it('rejects a field name that is not an identifier', () => {
        expect(() =>
            composeSoql({ object: 'Widget', fields: ['Id, (SELECT Id FROM Users)'] })
        ).toThrow('is not a valid API name');
    });

    it('rejects an empty IN list', () => {
        expect(() =>
            composeSoql({
                object: 'Lead',
                fields: ['Id'],
                where: [{ field: 'Id', operator: 'IN', value: { ids: [] } }]
            })
        ).toThrow('IN list of Id is empty');
    });

    it('rejects an invalid date', () => {
        expect(() =>
            composeSoql({
                object: 'Lead',
                fields: ['Id'],
                where: [
                    {
                        field: 'SystemModstamp',
                        operator: '>',
                        value: { dateTime: new Date('nope') }
                    }
                ]
            })
        ).toThrow('datetime for SystemModstamp is invalid');
    });

    it('writes null, numbers and dates as literals', () => {
        const soql = composeSoql({
            object: 'Task',
            fields: ['Id'],
            where: [
                { field: 'WhoId', operator: '!=', value: null },
                { field: 'ActivityDate', operator: '>=', value: { date: '2027-03-01' } }
            ],
            limit: 10
        });
        expect(soql).toBe(
            'SELECT Id FROM Task WHERE WhoId != null AND ActivityDate >= 2027-03-01 LIMIT 10'
        );
    });
});

describe('changeQuery', () => {
    it('selects every schema field in SystemModstamp order', () => {
        const soql = changeQuery('Lead', {
            since: new Date('2027-03-01T10:00:00Z'),
            until: new Date('2027-03-01T11:00:00Z')
        });
        const parsed = parseQuery(soql);
        expect(parsed.sObject).toBe('Lead');
        expect(parsed.fields?.map((field) => ('field' in field ? field.field : ''))).toEqual(
            fieldNamesOf('Lead')
        );
        expect(soql).toContain(
            'WHERE SystemModstamp >= 2027-03-01T10:00:00.000Z AND SystemModstamp < 2027-03-01T11:00:00.000Z'
        );
        expect(soql).toMatch(/ORDER BY SystemModstamp ASC, Id ASC$/);
    });

    it('reads everything without a lower bound', () => {
        expect(changeQuery('User', { fields: ['Id'] })).toBe(
            'SELECT Id FROM User ORDER BY SystemModstamp ASC, Id ASC'
        );
    });
});

describe('idQueries', () => {
    it('splits Ids into IN lists and drops duplicates', () => {
        const ids = Array.from({ length: 5 }, (_unused, index) => `00Q00000000000${index}AAA`);
        const queries = idQueries('Lead', 'Id', [...ids, ids[0] ?? ''], {
            fields: ['Id'],
            chunkSize: 2
        });
        expect(queries).toHaveLength(3);
        expect(queries[2]).toBe(`SELECT Id FROM Lead WHERE Id IN ('${ids[4] ?? ''}')`);
    });

    it('validates every Id', () => {
        expect(() => idQueries('Lead', 'Id', [LEAD_ID, "x' OR Name != '"])).toThrow(
            SalesforceUsageError
        );
    });
});
