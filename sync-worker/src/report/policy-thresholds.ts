/**
 * The policy thresholds the charts draw: read from the org's custom metadata with the
 * queries the worker uses, or from a policy file that the worker runs with instead.
 */
import {
    loadPolicyFile,
    POLICY_METADATA_SOQL,
    policyFromCustomMetadata
} from '../config/policy-loader';
import type { Policy } from '../config/policy-schema';
import type { ChartThresholds } from './chart-types';
import type { ReportSource } from './source';

function thresholdsOf(policy: Policy, source: string): ChartThresholds {
    return {
        source,
        policyVersion: policy.version,
        teamBreachRatePercent: policy.teamBreachRatePercent,
        teamMinClocksDue: policy.teamMinClocksDue,
        rejectionRatePercent: policy.rejectionRatePercent,
        probationConsecutiveMonths: policy.probationConsecutiveMonths
    };
}

/**
 * Reads the thresholds from `policyFile` when given, else from the org's
 * `SLA_Policy__mdt` record Default (with the source tiers and signal weights, which the
 * policy's validation needs). Throws `PolicyError` when the record or the file is
 * missing or invalid.
 */
export async function readThresholds(
    source: ReportSource,
    policyFile: string | null
): Promise<ChartThresholds> {
    if (policyFile !== null) {
        return thresholdsOf(await loadPolicyFile(policyFile), `the policy file ${policyFile}`);
    }
    const policy = policyFromCustomMetadata({
        policy: (await source.records(POLICY_METADATA_SOQL.policy))[0] ?? null,
        sourceTiers: await source.records(POLICY_METADATA_SOQL.sourceTiers),
        signalWeights: await source.records(POLICY_METADATA_SOQL.signalWeights)
    });
    return thresholdsOf(policy, 'the SLA_Policy__mdt record Default');
}
