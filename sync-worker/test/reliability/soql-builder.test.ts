/**
 * Hostile values against the SOQL builder. Whatever a value holds, the composed query
 * parses to exactly the WHERE tree the caller asked for, with soql-parser-js, the parser
 * the local org uses. Each literal decodes back to the value it came from.
 */
import fc from 'fast-check';
import { parseQuery, type WhereClause } from 'soql-parser-js';
import { unquote } from '../../src/local-org/store/soql/literals';
import {
    composeSoql,
    SalesforceUsageError,
    type SoqlCondition,
    type SoqlValue
} from '../../src/salesforce';
import { integrationUserSoql } from '../../src/sync/integration-user';

/** Values that would change an unescaped query, one per way of breaking out of a literal. */
const HOSTILE_TEXTS: readonly string[] = [
    "x' OR Company != '",
    "' OR '1'='1",
    "') OR (Id != null",
    "\\' OR IsDeleted = true OR Company = '",
    'trailing backslash\\',
    '\\\\',
    "line\nbreak' OR Id != null OR Company = '",
    'carriage\r\nreturn',
    'tab\tand\u0000nul\u001fcontrol\u007fdelete',
    'separator\u2028line\u2029paragraph',
    '\u2019 OR Company != \u2018typographic quotes\u201d',
    '"double" quotes',
    '%',
    '_',
    '100% off_today',
    '',
    "O'Brien",
    'Ünïcödé 名前 😀'
];

/** Returns the literal of the first condition of a WHERE clause; the tests build only AND chains. */
function firstLiteral(clause: WhereClause | undefined): unknown {
    const left: unknown = clause?.left;
    if (typeof left !== 'object' || left === null || !('value' in left)) {
        throw new Error('The WHERE clause has no compared value first.');
    }
    return left.value;
}

/** Composes `Company <operator> value AND IsConverted = false` and returns the parsed WHERE. */
function parsedWhere(condition: SoqlCondition): WhereClause | undefined {
    const soql = composeSoql({
        object: 'Lead',
        fields: ['Id'],
        where: [condition, { field: 'IsConverted', operator: '=', value: { boolean: false } }]
    });
    return parseQuery(soql).where;
}

/** Expected shape: the one condition given, then `IsConverted = false`, and nothing else. */
function expectOnlyTwoConditions(where: WhereClause | undefined, operator: string): void {
    expect(where).toEqual({
        left: {
            field: 'Company',
            operator,
            literalType: 'STRING',
            value: (operator === 'IN' ? expect.any(Array) : expect.any(String)) as unknown
        },
        operator: 'AND',
        right: {
            left: { field: 'IsConverted', operator: '=', literalType: 'BOOLEAN', value: 'FALSE' }
        }
    });
}

function textCondition(text: string, operator: '=' | '!=' | 'LIKE' = '='): SoqlCondition {
    return { field: 'Company', operator, value: { text } };
}

describe('SOQL builder with hostile text', () => {
    it.each(HOSTILE_TEXTS.map((text) => [text]))('keeps %j inside one literal', (hostile) => {
        const where = parsedWhere(textCondition(hostile));

        expectOnlyTwoConditions(where, '=');
        expect(unquote(String(firstLiteral(where)))).toBe(hostile);
    });

    it('keeps every value of an IN list apart', () => {
        const where = parsedWhere({
            field: 'Company',
            operator: 'IN',
            value: { texts: HOSTILE_TEXTS }
        });

        expectOnlyTwoConditions(where, 'IN');
        const literals = firstLiteral(where) as string[];
        expect(literals).toHaveLength(HOSTILE_TEXTS.length);
        expect(literals.map((literal) => unquote(literal))).toEqual(HOSTILE_TEXTS);
    });

    it('escapes LIKE wildcards so the text matches literally', () => {
        const where = parsedWhere(textCondition('50%_off', 'LIKE'));

        expectOnlyTwoConditions(where, 'LIKE');
        const literal = String(firstLiteral(where));
        expect(literal).toBe("'50\\%\\_off'");
        expect(unquote(literal)).toBe('50%_off');
    });

    it('keeps any text inside one literal', () => {
        const dangerous = fc.constantFrom(
            "'",
            '"',
            '\\',
            '\n',
            '\r',
            '\u2028',
            '\u0000',
            '%',
            '_',
            '(',
            ')',
            ' OR ',
            ' AND ',
            '\u2019',
            'a'
        );
        const texts = fc.oneof(
            fc.string({ unit: dangerous, maxLength: 12 }),
            fc.string({ unit: 'binary', maxLength: 30 })
        );
        fc.assert(
            fc.property(
                texts,
                fc.constantFrom<'=' | '!=' | 'LIKE'>('=', '!=', 'LIKE'),
                (text, operator) => {
                    const where = parsedWhere(textCondition(text, operator));
                    expectOnlyTwoConditions(where, operator);
                    expect(unquote(String(firstLiteral(where)))).toBe(text);
                }
            ),
            { seed: 9, numRuns: 400 }
        );
    });

    it('composes the username query with the hostile name as one literal', () => {
        const hostile = "integration@example.test' OR Username != '";
        const where = parseQuery(integrationUserSoql(hostile)).where;

        expect(where).toEqual({
            left: {
                field: 'Username',
                operator: '=',
                literalType: 'STRING',
                value: expect.any(String) as unknown
            }
        });
        expect(unquote(String(firstLiteral(where)))).toBe(hostile);
    });
});

describe('SOQL builder with hostile Ids', () => {
    const badIds = [
        "00Q00000000'001",
        '00Q0000000000 1',
        '00Q00000000000é',
        '00Q00000000000\u0410',
        '00Q０００００００００００1',
        '00Q000000000001\n',
        '00Q000000000001AA',
        '00Q00000000000',
        "00Q000000000001' OR Id != '",
        '00Q000000000001 OR Id != null',
        ''
    ];

    it.each(badIds.map((id) => [id]))('rejects %j as an Id', (id) => {
        const compose = (value: SoqlValue): string =>
            composeSoql({
                object: 'Lead',
                fields: ['Id'],
                where: [
                    {
                        field: 'Id',
                        operator: value !== null && 'ids' in value ? 'IN' : '=',
                        value
                    }
                ]
            });

        expect(() => compose({ id })).toThrow(SalesforceUsageError);
        expect(() => compose({ ids: ['00Q000000000001AAA', id] })).toThrow(SalesforceUsageError);
    });

    it('accepts 15- and 18-character Ids', () => {
        const soql = composeSoql({
            object: 'Lead',
            fields: ['Id'],
            where: [
                {
                    field: 'Id',
                    operator: 'IN',
                    value: { ids: ['00Q000000000001', 'a0B5e00000AbCdEfGh'] }
                }
            ]
        });

        expect(parseQuery(soql).where).toEqual({
            left: {
                field: 'Id',
                operator: 'IN',
                literalType: 'STRING',
                value: ["'00Q000000000001'", "'a0B5e00000AbCdEfGh'"]
            }
        });
    });
});

describe('SOQL builder with misused operators and names', () => {
    const misuses: [string, SoqlCondition][] = [
        ['a list with =', { field: 'Id', operator: '=', value: { ids: ['00Q000000000001'] } }],
        ['one value with IN', { field: 'Company', operator: 'IN', value: { text: 'Acme' } }],
        ['null with <', { field: 'Company', operator: '<', value: null }],
        ['a number with LIKE', { field: 'Company', operator: 'LIKE', value: { number: 1 } }],
        [
            'an unknown operator',
            { field: 'Company', operator: '= null OR Id' as '=', value: { text: 'x' } }
        ],
        [
            'a boolean that is text',
            {
                field: 'IsConverted',
                operator: '=',
                value: { boolean: 'true OR Id != null' as unknown as boolean }
            }
        ],
        [
            'a number that is text',
            {
                field: 'Intent_Score__c',
                operator: '>',
                value: { number: '1 OR Id != null' as unknown as number }
            }
        ],
        [
            'a date with more text',
            { field: 'CreatedDate', operator: '>', value: { date: '2027-01-01 OR Id != null' } }
        ],
        [
            'a field that is an expression',
            { field: 'Company) OR (Id', operator: '=', value: { text: 'x' } }
        ]
    ];

    it.each(misuses)('rejects %s', (_case, condition) => {
        expect(() => composeSoql({ object: 'Lead', fields: ['Id'], where: [condition] })).toThrow(
            SalesforceUsageError
        );
    });

    it('rejects an extra field that is not an API name', () => {
        expect(() =>
            composeSoql({
                object: 'User',
                fields: ['Id'],
                extraFields: ['Username, (SELECT Id FROM Users)']
            })
        ).toThrow('is not a valid API name');
    });
});
