import { connect, DATA, rawRequest, startTestOrg } from './helpers';
import type { LocalOrg } from '../../../src/local-org';
import { loadOrgSchema } from '../../../src/schema';
import { text } from '../../../src/schema/field-builders';

const LEAD = {
    FirstName: 'Ada',
    LastName: 'Lovelace',
    Company: 'Analytical Engines',
    Email: 'ada@example.com'
};

describe('sObject record resources', () => {
    let org: LocalOrg;

    beforeAll(async () => {
        // A non-unique external ID on Lead, so that an upsert can match several records.
        const schema = loadOrgSchema('force-app');
        schema.objects
            .get('lead')
            ?.fields.set('legacy_id__c', text('Legacy_Id__c', 40, { externalId: true }));
        org = await startTestOrg({ schema });
    });

    afterAll(async () => {
        await org.close();
    });

    it('creates, reads, updates and deletes a lead with REST shapes', async () => {
        const created = await rawRequest(org, 'POST', `${DATA}/sobjects/Lead`, {
            body: JSON.stringify(LEAD)
        });
        expect(created.status).toBe(201);
        const { id } = created.json() as { id: string };
        expect(created.json()).toEqual({ id, success: true, errors: [] });
        expect(id).toMatch(/^00Q[0-9A-Za-z]{15}$/);
        expect(created.headers.get('location')).toBe(`${DATA}/sobjects/Lead/${id}`);

        const read = await rawRequest(
            org,
            'GET',
            `${DATA}/sobjects/Lead/${id}?fields=LastName,Company`
        );
        expect(read.status).toBe(200);
        expect(read.json()).toEqual({
            attributes: { type: 'Lead', url: `${DATA}/sobjects/Lead/${id}` },
            LastName: 'Lovelace',
            Company: 'Analytical Engines',
            Id: id
        });

        const updated = await rawRequest(org, 'PATCH', `${DATA}/sobjects/Lead/${id}`, {
            body: JSON.stringify({ Title: 'CTO' })
        });
        expect(updated.status).toBe(204);
        expect(updated.text).toBe('');
        const conn = connect(org);
        const record = await conn.sobject('Lead').retrieve(id);
        expect(record.Title).toBe('CTO');

        const deleted = await rawRequest(org, 'DELETE', `${DATA}/sobjects/Lead/${id}`);
        expect(deleted.status).toBe(204);
        const gone = await rawRequest(org, 'GET', `${DATA}/sobjects/Lead/${id}`);
        expect(gone.status).toBe(404);
        expect(gone.json()).toEqual([expect.objectContaining({ errorCode: 'NOT_FOUND' })]);
    });

    it('describes the global list and an object', async () => {
        const conn = connect(org);
        const global = await conn.describeGlobal();
        expect(global.sobjects.map((sobject) => sobject.name)).toEqual(
            expect.arrayContaining(['Lead', 'SLA_Clock__c'])
        );
        const lead = await conn.sobject('Lead').describe();
        expect(lead.name).toBe('Lead');
        expect(lead.fields.map((field) => field.name)).toEqual(
            expect.arrayContaining(['Id', 'LastName', 'OwnerId'])
        );
        const unknown = await rawRequest(org, 'GET', `${DATA}/sobjects/Nope__c/describe`);
        expect(unknown.status).toBe(404);
    });

    it('upserts by external ID with 201, 200 and 300', async () => {
        const path = `${DATA}/sobjects/Engagement_Signal__c/External_Id__c`;
        const body = JSON.stringify({
            Type__c: 'Web Visit',
            Occurred_At__c: '2027-03-01T10:00:00.000+0000'
        });
        const created = await rawRequest(org, 'PATCH', `${path}/sig-1`, { body });
        expect(created.status).toBe(201);
        const { id } = created.json() as { id: string };
        expect(created.json()).toEqual({ id, success: true, errors: [], created: true });

        const updated = await rawRequest(org, 'PATCH', `${path}/sig-1`, { body });
        expect(updated.status).toBe(200);
        expect(updated.json()).toEqual({ id, success: true, errors: [], created: false });

        const conn = connect(org);
        const viaJsforce = await conn.sobject('Engagement_Signal__c').upsert(
            {
                External_Id__c: 'sig-2',
                Type__c: 'Email Click',
                Occurred_At__c: '2027-03-01T11:00:00.000+0000'
            },
            'External_Id__c'
        );
        expect(viaJsforce).toMatchObject({ success: true, created: true });

        const byExternalId = await rawRequest(org, 'GET', `${path}/sig-2`);
        expect(byExternalId.status).toBe(200);
        expect(byExternalId.json()).toMatchObject({
            External_Id__c: 'sig-2',
            Type__c: 'Email Click'
        });

        const badField = await rawRequest(
            org,
            'PATCH',
            `${DATA}/sobjects/Engagement_Signal__c/Type__c/x`,
            { body }
        );
        expect(badField.status).toBe(404);
        expect(badField.json()).toEqual([
            expect.objectContaining({
                message: 'Provided external ID field does not exist or is not accessible: Type__c',
                errorCode: 'NOT_FOUND'
            })
        ]);
    });

    it('answers 300 with record URLs when several records match', async () => {
        const conn = connect(org);
        const first = await conn.sobject('Lead').create({ ...LEAD, Legacy_Id__c: 'L-7' });
        const second = await conn.sobject('Lead').create({ ...LEAD, Legacy_Id__c: 'L-7' });
        const response = await rawRequest(org, 'PATCH', `${DATA}/sobjects/Lead/Legacy_Id__c/L-7`, {
            body: JSON.stringify({ Title: 'VP' })
        });
        expect(response.status).toBe(300);
        expect((response.json() as string[]).sort()).toEqual(
            [
                `${DATA}/sobjects/Lead/${first.id ?? ''}`,
                `${DATA}/sobjects/Lead/${second.id ?? ''}`
            ].sort()
        );
        const read = await rawRequest(org, 'GET', `${DATA}/sobjects/Lead/Legacy_Id__c/L-7`);
        expect(read.status).toBe(300);
    });

    it.each([
        ['REQUIRED_FIELD_MISSING', { FirstName: 'No', Company: 'Last name' }],
        ['INVALID_FIELD', { ...LEAD, Not_A_Field__c: 1 }],
        ['STRING_TOO_LONG', { ...LEAD, LastName: 'x'.repeat(300) }],
        ['INVALID_EMAIL_ADDRESS', { ...LEAD, Email: 'not-an-email' }]
    ])('answers 400 %s for an invalid create', async (errorCode, body) => {
        const response = await rawRequest(org, 'POST', `${DATA}/sobjects/Lead`, {
            body: JSON.stringify(body)
        });
        expect(response.status).toBe(400);
        expect(response.json()).toEqual([expect.objectContaining({ errorCode })]);
    });

    it('answers 400 JSON_PARSER_ERROR for a body that is not JSON', async () => {
        const response = await rawRequest(org, 'POST', `${DATA}/sobjects/Lead`, {
            body: '{"LastName":'
        });
        expect(response.status).toBe(400);
        expect(response.json()).toEqual([
            expect.objectContaining({ errorCode: 'JSON_PARSER_ERROR' })
        ]);
    });

    it('answers 405 METHOD_NOT_ALLOWED and 404 for an unknown version', async () => {
        const method = await rawRequest(org, 'PUT', `${DATA}/sobjects/Lead`, { body: '{}' });
        expect(method.status).toBe(405);
        expect(method.json()).toEqual([
            expect.objectContaining({ errorCode: 'METHOD_NOT_ALLOWED' })
        ]);
        const version = await rawRequest(org, 'GET', '/services/data/v99.0/limits');
        expect(version.status).toBe(404);
    });
});

describe('replication resources', () => {
    it('list updated and deleted ids once their minute has passed', async () => {
        // Salesforce rounds both ends of the window down to the minute, so a change shows
        // up only after its minute is over: the test moves the org's clock forward.
        const clock = { offsetMs: 0 };
        const org = await startTestOrg({ clock: () => new Date(Date.now() + clock.offsetMs) });
        try {
            const conn = connect(org);
            const start = new Date(Date.now() - 60_000);
            const kept = await conn.sobject('Lead').create({ ...LEAD, LastName: 'Replicated' });
            const removed = await conn.sobject('Lead').create({ ...LEAD, LastName: 'Removed' });
            await conn.sobject('Lead').destroy(removed.id ?? '');
            clock.offsetMs = 120_000;
            const end = new Date(Date.now() + clock.offsetMs);
            const updated = await conn
                .sobject('Lead')
                .updated(start.toISOString(), end.toISOString());
            expect(updated.ids).toContain(kept.id);
            expect(updated.ids).not.toContain(removed.id);
            expect(updated.latestDateCovered).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00\.000\+0000$/);
            const deleted = await conn
                .sobject('Lead')
                .deleted(start.toISOString(), end.toISOString());
            expect(deleted.deletedRecords.map((entry) => entry.id)).toEqual([removed.id]);
            const missing = await rawRequest(org, 'GET', `${DATA}/sobjects/Lead/updated/`);
            expect(missing.status).toBe(400);
            expect(missing.json()).toEqual([
                expect.objectContaining({ errorCode: 'MISSING_ARGUMENT' })
            ]);
            const reversed = await rawRequest(
                org,
                'GET',
                `${DATA}/sobjects/Lead/updated/?start=${encodeURIComponent(end.toISOString())}&end=${encodeURIComponent(start.toISOString())}`
            );
            expect(reversed.status).toBe(400);
            expect(reversed.json()).toEqual([
                expect.objectContaining({ errorCode: 'INVALID_REPLICATION_DATE' })
            ]);
        } finally {
            await org.close();
        }
    });
});
