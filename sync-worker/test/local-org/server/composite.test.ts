import { connect, DATA, rawRequest, startTestOrg } from './helpers';
import type { LocalOrg } from '../../../src/local-org';

interface CompositeBody {
    compositeResponse: {
        body: unknown;
        httpHeaders: Record<string, string>;
        httpStatusCode: number;
        referenceId: string;
    }[];
}

describe('Composite', () => {
    let org: LocalOrg;

    beforeAll(async () => {
        org = await startTestOrg();
    });

    afterAll(async () => {
        await org.close();
    });

    it('runs subrequests with references into fields and arrays', async () => {
        const conn = connect(org);
        const result = await conn.requestPost<CompositeBody>(`${DATA}/composite`, {
            allOrNone: false,
            collateSubrequests: true,
            compositeRequest: [
                {
                    method: 'POST',
                    url: `${DATA}/sobjects/Account`,
                    referenceId: 'newAccount',
                    body: { Name: 'Composite Co' }
                },
                {
                    method: 'POST',
                    url: `${DATA}/sobjects/Contact`,
                    referenceId: 'newContact',
                    body: { LastName: 'Ref', AccountId: '@{newAccount.id}' }
                },
                {
                    method: 'GET',
                    url: `${DATA}/query?q=SELECT+Id,Name+FROM+Account+WHERE+Id='@{newAccount.id}'`,
                    referenceId: 'accounts'
                },
                {
                    method: 'PATCH',
                    url: `${DATA}/sobjects/Account/@{accounts.records[0].Id}`,
                    referenceId: 'rename',
                    body: { Name: 'Renamed Co' }
                }
            ]
        });
        const [account, contact, query, rename] = result.compositeResponse;
        expect(account).toEqual({
            body: { id: expect.any(String) as unknown, success: true, errors: [] },
            httpHeaders: {
                Location: expect.stringMatching(
                    /^\/services\/data\/v65\.0\/sobjects\/Account\/001/
                ) as unknown
            },
            httpStatusCode: 201,
            referenceId: 'newAccount'
        });
        expect(contact?.httpStatusCode).toBe(201);
        expect(query?.body).toMatchObject({ totalSize: 1, done: true });
        expect(rename).toEqual({
            body: null,
            httpHeaders: {},
            httpStatusCode: 204,
            referenceId: 'rename'
        });
        const accountId = (account?.body as { id: string }).id;
        const renamed = await conn.sobject('Account').retrieve(accountId);
        expect(renamed.Name).toBe('Renamed Co');
    });

    it('rolls back with allOrNone and reports PROCESSING_HALTED', async () => {
        const conn = connect(org);
        const result = await conn.requestPost<CompositeBody>(`${DATA}/composite`, {
            allOrNone: true,
            compositeRequest: [
                {
                    method: 'POST',
                    url: `${DATA}/sobjects/Account`,
                    referenceId: 'first',
                    body: { Name: 'Halted Co' }
                },
                {
                    method: 'POST',
                    url: `${DATA}/sobjects/Contact`,
                    referenceId: 'broken',
                    body: { FirstName: 'No last name' }
                },
                {
                    method: 'POST',
                    url: `${DATA}/sobjects/Account`,
                    referenceId: 'never',
                    body: { Name: 'Never Co' }
                }
            ]
        });
        const [first, broken, never] = result.compositeResponse;
        const halted = [
            {
                errorCode: 'PROCESSING_HALTED',
                message:
                    'The transaction was rolled back since another operation in the same transaction failed.'
            }
        ];
        expect(first).toEqual({
            body: halted,
            httpHeaders: {},
            httpStatusCode: 400,
            referenceId: 'first'
        });
        expect(broken?.httpStatusCode).toBe(400);
        expect(broken?.body).toEqual([
            expect.objectContaining({ errorCode: 'REQUIRED_FIELD_MISSING' })
        ]);
        expect(never).toEqual({
            body: halted,
            httpHeaders: {},
            httpStatusCode: 400,
            referenceId: 'never'
        });
        const left = await conn.query(
            "SELECT Id FROM Account WHERE Name IN ('Halted Co', 'Never Co')"
        );
        expect(left.totalSize).toBe(0);
    });

    it('halts only dependent subrequests without allOrNone', async () => {
        const result = await connect(org).requestPost<CompositeBody>(`${DATA}/composite`, {
            compositeRequest: [
                { method: 'POST', url: `${DATA}/sobjects/Contact`, referenceId: 'bad', body: {} },
                {
                    method: 'GET',
                    url: `${DATA}/sobjects/Contact/@{bad.id}`,
                    referenceId: 'dependent'
                },
                {
                    method: 'POST',
                    url: `${DATA}/sobjects/Account`,
                    referenceId: 'independent',
                    body: { Name: 'Independent' }
                }
            ]
        });
        const [bad, dependent, independent] = result.compositeResponse;
        expect(bad?.httpStatusCode).toBe(400);
        expect(dependent?.body).toEqual([
            expect.objectContaining({ errorCode: 'PROCESSING_HALTED' })
        ]);
        expect(independent?.httpStatusCode).toBe(201);
    });

    it('rejects more than 25 subrequests or 5 queries', async () => {
        const many = Array.from({ length: 26 }, (_, index) => ({
            method: 'GET',
            url: `${DATA}/sobjects/Lead/describe`,
            referenceId: `r${index}`
        }));
        const tooMany = await rawRequest(org, 'POST', `${DATA}/composite`, {
            body: JSON.stringify({ compositeRequest: many })
        });
        expect(tooMany.status).toBe(400);
        const queries = Array.from({ length: 6 }, (_, index) => ({
            method: 'GET',
            url: `${DATA}/query?q=SELECT+Id+FROM+User`,
            referenceId: `q${index}`
        }));
        const tooHeavy = await rawRequest(org, 'POST', `${DATA}/composite`, {
            body: JSON.stringify({ compositeRequest: queries })
        });
        expect(tooHeavy.status).toBe(400);
        expect(tooHeavy.json()).toEqual([expect.objectContaining({ errorCode: 'LIMIT_EXCEEDED' })]);
    });

    it('applies composite allOrNone to collection subrequests', async () => {
        const conn = connect(org);
        const result = await conn.requestPost<CompositeBody>(`${DATA}/composite`, {
            allOrNone: true,
            compositeRequest: [
                {
                    method: 'POST',
                    url: `${DATA}/composite/sobjects`,
                    referenceId: 'leads',
                    body: {
                        allOrNone: false,
                        records: [
                            { attributes: { type: 'Lead' }, LastName: 'Inner ok', Company: 'X' },
                            { attributes: { type: 'Lead' }, Company: 'Inner missing' }
                        ]
                    }
                }
            ]
        });
        expect(result.compositeResponse[0]?.httpStatusCode).toBe(200);
        expect(result.compositeResponse[0]?.body).toEqual([
            expect.objectContaining({
                errors: [
                    expect.objectContaining({ statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK' })
                ]
            }),
            expect.objectContaining({
                errors: [expect.objectContaining({ statusCode: 'REQUIRED_FIELD_MISSING' })]
            })
        ]);
        expect(
            (await conn.query("SELECT Id FROM Lead WHERE LastName = 'Inner ok'")).totalSize
        ).toBe(0);
    });
});
