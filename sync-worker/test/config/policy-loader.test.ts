import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import winston from 'winston';
import { loadPolicyFile, mergePolicy } from '../../src/config/policy-loader';
import { PolicyError } from '../../src/config/policy-error';
import { DEFAULT_POLICY } from '../../src/config/policy-schema';
import { setRootLogger } from '../../src/logging';

let folder: string;

beforeAll(() => {
    setRootLogger(winston.createLogger({ silent: true }));
    folder = mkdtempSync(path.join(tmpdir(), 'lead-sla-policy-'));
});

afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
});

function policyFile(name: string, text: string): string {
    const file = path.join(folder, name);
    writeFileSync(file, text);
    return file;
}

async function rejectionOf(promise: Promise<unknown>): Promise<PolicyError> {
    try {
        await promise;
    } catch (error) {
        if (error instanceof PolicyError) {
            return error;
        }
        throw error;
    }
    throw new Error('expected a PolicyError');
}

describe('mergePolicy', () => {
    it('returns the defaults for an empty object', () => {
        expect(mergePolicy({})).toEqual(DEFAULT_POLICY);
    });

    it('replaces only the fields given', () => {
        const policy = mergePolicy({ routeSalesHours: 2, version: 'local-1' });
        expect(policy.routeSalesHours).toBe(2);
        expect(policy.version).toBe('local-1');
        expect(policy.routeSdrHours).toBe(DEFAULT_POLICY.routeSdrHours);
    });

    it('replaces lists and maps whole', () => {
        const policy = mergePolicy({
            signalWeights: { 'Demo Request': 40 },
            contentSignalTypes: [],
            meetingSignalTypes: ['Demo Request'],
            campaignSignalTypes: {}
        });
        expect(policy.signalWeights).toEqual({ 'Demo Request': 40 });
    });

    it('merges over a given base', () => {
        const base = mergePolicy({ nurtureDays: 10 });
        expect(mergePolicy({ warningPercent: 50 }, base).nurtureDays).toBe(10);
    });

    it('rejects an unknown field by name', () => {
        expect(() => mergePolicy({ routeSalesHours: 1, nurtureDay: 7 })).toThrow(
            'policy.nurtureDay: unknown field; remove it or check its spelling'
        );
    });

    it.each([[null], [[]], ['policy'], [42]])('rejects %j as a whole policy', (value) => {
        expect(() => mergePolicy(value)).toThrow(
            /^policy: .* is invalid; expected a JSON object of policy fields$/
        );
    });
});

describe('loadPolicyFile', () => {
    it('merges a partial file over the defaults', async () => {
        const file = policyFile(
            'partial.json',
            JSON.stringify({ routeSdrHours: 12, assignOwners: false })
        );
        const policy = await loadPolicyFile(file);
        expect(policy.routeSdrHours).toBe(12);
        expect(policy.assignOwners).toBe(false);
        expect(policy.sourceTiers).toEqual(DEFAULT_POLICY.sourceTiers);
    });

    it('names the file and the field of an invalid value', async () => {
        const file = policyFile('invalid.json', JSON.stringify({ routeSalesHours: -1 }));
        const error = await rejectionOf(loadPolicyFile(file));
        expect(error.code).toBe('POLICY_INVALID');
        expect(error.message).toBe(
            `Policy file ${file} is invalid:\npolicy.routeSalesHours: -1 is invalid; expected a number of hours greater than 0`
        );
        expect(error.issues[0]?.path).toBe('policy.routeSalesHours');
    });

    it('rejects a file that is not JSON', async () => {
        const file = policyFile('broken.json', '{ "routeSalesHours": 1,');
        const error = await rejectionOf(loadPolicyFile(file));
        expect(error.code).toBe('POLICY_FILE_NOT_JSON');
        expect(error.message).toContain(`Policy file ${file} is not valid JSON`);
    });

    it('rejects a missing file', async () => {
        const file = path.join(folder, 'absent.json');
        const error = await rejectionOf(loadPolicyFile(file));
        expect(error.code).toBe('POLICY_FILE_UNREADABLE');
        expect(error.message).toContain(`Policy file ${file} could not be read`);
    });
});
