import { DATA, rawRequest, startTestOrg, unusedId } from './helpers';
import type { LocalOrg } from '../../../src/local-org';

/** One REST call with the status and error code Salesforce returns for it. */
interface ErrorCase {
    errorCode: string;
    status: number;
    method: string;
    path: string;
    body?: unknown;
}

const LEAD = { LastName: 'Codes', Company: 'Error Codes Inc' };
const SIGNAL = { Type__c: 'Web Visit', Occurred_At__c: '2027-03-01T10:00:00.000+0000' };

describe('REST error codes', () => {
    let org: LocalOrg;
    let convertedLeadId: string;

    beforeAll(async () => {
        org = await startTestOrg();
        org.store.insert('Engagement_Signal__c', { ...SIGNAL, External_Id__c: 'taken-key' });
        convertedLeadId = org.store.insert('Lead', LEAD);
        org.store.convertLead(convertedLeadId);
    });

    afterAll(async () => {
        await org.close();
    });

    const cases: ErrorCase[] = [
        {
            errorCode: 'REQUIRED_FIELD_MISSING',
            status: 400,
            method: 'POST',
            path: '/sobjects/Lead',
            body: { Company: 'x' }
        },
        {
            errorCode: 'INVALID_FIELD',
            status: 400,
            method: 'POST',
            path: '/sobjects/Lead',
            body: { ...LEAD, Bogus__c: 1 }
        },
        {
            errorCode: 'INVALID_TYPE',
            status: 400,
            method: 'GET',
            path: `/query?q=${encodeURIComponent('SELECT Id FROM Bogus__c')}`
        },
        {
            errorCode: 'DUPLICATE_VALUE',
            status: 400,
            method: 'POST',
            path: '/sobjects/Engagement_Signal__c',
            body: { ...SIGNAL, External_Id__c: 'taken-key' }
        },
        {
            errorCode: 'INVALID_CROSS_REFERENCE_KEY',
            status: 400,
            method: 'POST',
            path: '/sobjects/Contact',
            body: { LastName: 'Orphan', AccountId: unusedId('001') }
        },
        {
            errorCode: 'STRING_TOO_LONG',
            status: 400,
            method: 'POST',
            path: '/sobjects/Lead',
            body: { ...LEAD, LastName: 'x'.repeat(81) }
        },
        {
            errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
            status: 400,
            method: 'POST',
            path: '/sobjects/Engagement_Signal__c',
            body: { ...SIGNAL, Type__c: 'Carrier Pigeon' }
        },
        {
            errorCode: 'MALFORMED_QUERY',
            status: 400,
            method: 'GET',
            path: `/query?q=${encodeURIComponent('SELEC Id FROM Lead')}`
        },
        {
            errorCode: 'MALFORMED_ID',
            status: 400,
            method: 'PATCH',
            path: '/sobjects/Lead/not-an-id',
            body: { Title: 'x' }
        },
        {
            errorCode: 'NOT_FOUND',
            status: 404,
            method: 'GET',
            path: `/sobjects/Lead/${unusedId('00Q')}`
        },
        { errorCode: 'NOT_FOUND', status: 404, method: 'GET', path: '/sobjects/Bogus__c/describe' },
        {
            errorCode: 'JSON_PARSER_ERROR',
            status: 400,
            method: 'POST',
            path: '/sobjects/Lead',
            body: '{"LastName":'
        },
        {
            errorCode: 'METHOD_NOT_ALLOWED',
            status: 405,
            method: 'PUT',
            path: '/sobjects/Lead',
            body: {}
        },
        {
            errorCode: 'INVALID_QUERY_LOCATOR',
            status: 400,
            method: 'GET',
            path: '/query/01gLO0000000999AAA-2000'
        },
        {
            errorCode: 'EXCEEDED_ID_LIMIT',
            status: 400,
            method: 'DELETE',
            path: `/composite/sobjects?ids=${Array.from({ length: 201 }, () => unusedId('00Q')).join(',')}`
        }
    ];

    it.each(cases)(
        'returns $status $errorCode for $method $path',
        async ({ errorCode, status, method, path, body }) => {
            const response = await rawRequest(org, method, `${DATA}${path}`, {
                ...(body === undefined
                    ? {}
                    : { body: typeof body === 'string' ? body : JSON.stringify(body) })
            });
            expect(response.status).toBe(status);
            const errors = response.json() as { errorCode: string; message: string }[];
            expect(errors).toHaveLength(1);
            expect(errors[0]?.errorCode).toBe(errorCode);
            expect(errors[0]?.message.length).toBeGreaterThan(0);
        }
    );

    it('returns 400 CANNOT_UPDATE_CONVERTED_LEAD for a converted lead', async () => {
        const response = await rawRequest(
            org,
            'PATCH',
            `${DATA}/sobjects/Lead/${convertedLeadId}`,
            {
                body: JSON.stringify({ Title: 'x' })
            }
        );
        expect(response.status).toBe(400);
        expect(response.json()).toEqual([
            expect.objectContaining({ errorCode: 'CANNOT_UPDATE_CONVERTED_LEAD' })
        ]);
    });
});
