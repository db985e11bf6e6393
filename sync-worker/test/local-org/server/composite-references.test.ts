import {
    resolveText,
    resolveValue,
    UnresolvedReferenceError
} from '../../../src/local-org/server/routes/composite-references';

const bodies = new Map<string, unknown>([
    ['newAccount', { id: '001LO0000000001AAA', success: true }],
    [
        'leads',
        {
            totalSize: 2,
            records: [
                { Id: '00QLO0000000001AAA', NumberOfEmployees: 50 },
                { Id: '00QLO0000000002AAA' }
            ]
        }
    ]
]);

describe('composite references', () => {
    it('resolves fields and array indexes in text', () => {
        expect(resolveText('/sobjects/Account/@{newAccount.id}', bodies)).toBe(
            '/sobjects/Account/001LO0000000001AAA'
        );
        expect(resolveText("WHERE Id = '@{leads.records[1].Id}'", bodies)).toBe(
            "WHERE Id = '00QLO0000000002AAA'"
        );
    });

    it('keeps the JSON type of a whole-string reference', () => {
        expect(
            resolveValue(
                { size: '@{leads.records[0].NumberOfEmployees}', ok: '@{newAccount.success}' },
                bodies
            )
        ).toEqual({
            size: 50,
            ok: true
        });
    });

    it('rejects unknown references and missing values', () => {
        expect(() => resolveText('@{missing.id}', bodies)).toThrow(UnresolvedReferenceError);
        expect(() => resolveText('@{leads.records[5].Id}', bodies)).toThrow(
            'Invalid reference specified. No value for leads.records[5].Id found in leads.'
        );
    });
});
