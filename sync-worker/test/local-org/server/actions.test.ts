import { connect, DATA, rawRequest, startTestOrg, unusedId } from './helpers';
import type { LocalOrg } from '../../../src/local-org';

describe('actions', () => {
    let org: LocalOrg;
    let typeId: string;

    beforeAll(async () => {
        org = await startTestOrg();
        const types = org.store.query('SELECT Id FROM CustomNotificationType LIMIT 1');
        typeId = String(types.records[0]?.Id);
    });

    afterAll(async () => {
        await org.close();
    });

    it('sends and keeps custom notifications', async () => {
        const recipient = org.store.seeded.adminUserId;
        const results = await connect(org).requestPost(
            `${DATA}/actions/standard/customNotificationAction`,
            {
                inputs: [
                    {
                        customNotifTypeId: typeId,
                        recipientIds: [recipient],
                        title: 'SLA breach',
                        body: 'Lead waited 5 hours',
                        targetId: recipient
                    }
                ]
            }
        );
        expect(results).toEqual([
            {
                actionName: 'customNotificationAction',
                errors: null,
                isSuccess: true,
                outputValues: {
                    SuccessMessage: 'Your custom notification is processed successfully.'
                }
            }
        ]);
        const kept = org.notifications.list().at(-1);
        expect(kept).toMatchObject({
            customNotifTypeId: typeId,
            recipientIds: [recipient],
            title: 'SLA breach',
            body: 'Lead waited 5 hours'
        });
    });

    it('reports invalid inputs per input', async () => {
        const response = await rawRequest(
            org,
            'POST',
            `${DATA}/actions/standard/customNotificationAction`,
            {
                body: JSON.stringify({
                    inputs: [
                        {
                            customNotifTypeId: typeId,
                            recipientIds: [org.store.seeded.adminUserId],
                            title: 'ok',
                            body: 'ok'
                        },
                        {
                            customNotifTypeId: unusedId('0ML'),
                            recipientIds: [org.store.seeded.adminUserId],
                            title: 'x',
                            body: 'y'
                        },
                        { recipientIds: [], title: 'x' }
                    ]
                })
            }
        );
        expect(response.status).toBe(400);
        const results = response.json() as {
            isSuccess: boolean;
            errors: { statusCode: string }[] | null;
        }[];
        expect(results.map((result) => result.isSuccess)).toEqual([true, false, false]);
        expect(results[1]?.errors?.[0]?.statusCode).toBe('INVALID_CROSS_REFERENCE_KEY');
        expect(results[2]?.errors?.[0]?.statusCode).toBe('REQUIRED_FIELD_MISSING');
    });

    it('converts a lead through the local-only action', async () => {
        const conn = connect(org);
        const { id } = await conn
            .sobject('Lead')
            .create({ LastName: 'Convert', Company: 'Converted Co' });
        const result = await conn.requestPost<{
            accountId: string;
            contactId: string;
            opportunityId: string | null;
        }>(`${DATA}/__local/convertLead`, { leadId: id });
        expect(result.accountId).toMatch(/^001/);
        expect(result.contactId).toMatch(/^003/);
        expect(result.opportunityId).toMatch(/^006/);
        const lead = await conn.sobject('Lead').retrieve(id ?? '');
        expect(lead.IsConverted).toBe(true);
        const again = await rawRequest(org, 'PATCH', `${DATA}/sobjects/Lead/${id ?? ''}`, {
            body: '{"Title":"x"}'
        });
        expect(again.status).toBe(400);
        expect(again.json()).toEqual([
            expect.objectContaining({ errorCode: 'CANNOT_UPDATE_CONVERTED_LEAD' })
        ]);
    });
});
