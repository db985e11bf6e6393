import { connect, DATA, rawRequest, startTestOrg } from './helpers';
import type { LocalOrg } from '../../../src/local-org';

describe('daily API limit', () => {
    let org: LocalOrg;

    beforeEach(async () => {
        org = await startTestOrg({ dailyApiRequests: 20 });
    });

    afterEach(async () => {
        await org.close();
    });

    it('counts each REST call and reports it in Sforce-Limit-Info', async () => {
        const first = await rawRequest(org, 'GET', `${DATA}/limits`);
        expect(first.headers.get('sforce-limit-info')).toBe('api-usage=1/20');
        expect(first.json()).toMatchObject({ DailyApiRequests: { Max: 20, Remaining: 19 } });
        const failed = await rawRequest(org, 'GET', `${DATA}/sobjects/Nope__c/describe`);
        expect(failed.status).toBe(404);
        expect(failed.headers.get('sforce-limit-info')).toBe('api-usage=2/20');
    });

    it('does not count OAuth calls and counts a Composite request once', async () => {
        await fetch(`${org.loginUrl}/services/oauth2/token`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            body: 'grant_type=client_credentials&client_id=x&client_secret=y'
        });
        const conn = connect(org);
        await conn.requestPost(`${DATA}/composite`, {
            compositeRequest: [
                { method: 'GET', url: `${DATA}/query?q=SELECT+Id+FROM+User`, referenceId: 'a' },
                { method: 'GET', url: `${DATA}/sobjects/User/describe`, referenceId: 'b' },
                { method: 'GET', url: `${DATA}/sobjects/Lead/describe`, referenceId: 'c' }
            ]
        });
        expect(conn.limitInfo.apiUsage).toEqual({ used: 1, limit: 20 });
        expect(org.usage.used).toBe(1);
    });

    it('answers 403 REQUEST_LIMIT_EXCEEDED once the allocation is used up', async () => {
        org.faults.exhaustApiLimit();
        const response = await rawRequest(org, 'GET', `${DATA}/limits`);
        expect(response.status).toBe(403);
        expect(response.json()).toEqual([
            { message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }
        ]);
        expect(response.headers.get('sforce-limit-info')).toBe('api-usage=20/20');
        await expect(connect(org).query('SELECT Id FROM User')).rejects.toMatchObject({
            errorCode: 'REQUEST_LIMIT_EXCEEDED'
        });
        org.faults.resetApiUsage();
        expect((await rawRequest(org, 'GET', `${DATA}/limits`)).status).toBe(200);
    });
});
