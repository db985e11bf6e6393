import '../local-org/store/quiet-logs';
import { DEFAULT_POLICY } from '../../src/config/policy-schema';
import { loadGivenPolicy, policyChanges } from '../../src/simulate/policy-file';
import { policyFolder } from './helpers';

describe('policy file of a replay', () => {
    const files = policyFolder();

    afterAll(() => {
        files.remove();
    });

    it('merges its fields onto the current policy', async () => {
        const current = { ...DEFAULT_POLICY, routeSdrHours: 12 };
        const given = await loadGivenPolicy(
            files.write('merge.json', { routeSalesHours: 2 }),
            current
        );
        expect(given.routeSalesHours).toBe(2);
        expect(given.routeSdrHours).toBe(12);
        expect(policyChanges(current, given)).toEqual([
            { field: 'routeSalesHours', current: 1, given: 2 }
        ]);
    });

    it('ignores the order of map entries', async () => {
        const reversed = Object.fromEntries(Object.entries(DEFAULT_POLICY.signalWeights).reverse());
        const given = await loadGivenPolicy(
            files.write('order.json', { signalWeights: reversed }),
            DEFAULT_POLICY
        );
        expect(policyChanges(DEFAULT_POLICY, given)).toEqual([]);
    });

    it('lists a changed map entry as its field', async () => {
        const weights = { ...DEFAULT_POLICY.signalWeights, 'Web Visit': 5 };
        const given = await loadGivenPolicy(
            files.write('weights.json', { signalWeights: weights }),
            DEFAULT_POLICY
        );
        expect(policyChanges(DEFAULT_POLICY, given).map((change) => change.field)).toEqual([
            'signalWeights'
        ]);
    });

    it('names an invalid field of the merged policy', async () => {
        const file = files.write('cap.json', { intentCap: 120 });
        await expect(loadGivenPolicy(file, DEFAULT_POLICY)).rejects.toThrow(
            'policy.intentCap: 120 is invalid; expected a whole number from 1 to 100'
        );
    });
});
