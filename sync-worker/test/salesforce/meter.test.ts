import { ApiCallMeter, parseLimitInfo } from '../../src/salesforce';
import { restResourceOf } from '../../src/salesforce/meter';

const BASE = 'https://example.my.salesforce.com';

describe('parseLimitInfo', () => {
    it('reads used and max', () => {
        expect(parseLimitInfo('api-usage=18/15000')).toEqual({ used: 18, max: 15_000 });
        expect(parseLimitInfo('api-usage=3/100, per-app-api-usage=2/50(appName=x)')).toEqual({
            used: 3,
            max: 100
        });
    });

    it('ignores missing or other headers', () => {
        expect(parseLimitInfo(undefined)).toBeUndefined();
        expect(parseLimitInfo('per-app-api-usage=2/50')).toBeUndefined();
    });
});

describe('restResourceOf', () => {
    it.each([
        [`${BASE}/services/data/v65.0/composite`, 'composite'],
        [`${BASE}/services/data/v65.0/composite/sobjects/Lead/Ext__c`, 'composite/sobjects'],
        [`${BASE}/services/data/v65.0/jobs/query/750xx/results?maxRecords=5`, 'jobs/query'],
        [`${BASE}/services/data/v65.0/queryAll?q=SELECT+Id`, 'queryAll'],
        [`${BASE}/services/data/v65.0/`, 'versions'],
        [`${BASE}/services/oauth2/token`, undefined],
        [`${BASE}/id/00Dxx/005xx`, undefined]
    ])('%s: %s', (url, expected) => {
        expect(restResourceOf(url)).toBe(expected);
    });
});

describe('ApiCallMeter', () => {
    it('counts REST calls per cycle and token requests apart', () => {
        const meter = new ApiCallMeter();
        meter.recordRequest(`${BASE}/services/oauth2/token`);
        meter.recordRequest(`${BASE}/services/data/v65.0/composite`);
        meter.recordRequest(`${BASE}/services/data/v65.0/composite`);
        meter.recordRequest(`${BASE}/services/data/v65.0/limits`);
        meter.recordResponse({ 'sforce-limit-info': 'api-usage=42/100000' });
        expect(meter.snapshot()).toEqual({
            cycleCalls: 3,
            totalCalls: 3,
            cycleTokenRequests: 1,
            cycleCallsByResource: { composite: 2, limits: 1 },
            usage: { used: 42, max: 100_000 }
        });
        meter.startCycle();
        meter.recordRequest(`${BASE}/services/data/v65.0/composite`);
        expect(meter.callsThisCycle).toBe(1);
        expect(meter.snapshot().totalCalls).toBe(4);
        expect(meter.usage).toEqual({ used: 42, max: 100_000 });
    });
});
