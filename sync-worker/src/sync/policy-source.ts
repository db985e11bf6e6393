/**
 * The source of the cycle's policy: a local JSON file when one is given, else the
 * org's custom metadata (`SLA_Policy__mdt` record Default, `SLA_Source_Tier__mdt`,
 * `SLA_Signal_Weight__mdt`), read in one Composite request.
 */
import { z } from 'zod';
import {
    loadPolicyFile,
    POLICY_METADATA_SOQL,
    policyFromCustomMetadata
} from '../config/policy-loader';
import type { Policy } from '../config/policy-schema';
import { getLogger, redactText } from '../logging';
import {
    sendComposite,
    SalesforceApiError,
    type RestClient,
    type Subresponse
} from '../salesforce';

const logger = getLogger('sync.policy');

const queryBodySchema = z.object({
    done: z.boolean(),
    records: z.array(z.record(z.string(), z.unknown()))
});

function recordsOf(answer: Subresponse | undefined, what: string): Record<string, unknown>[] {
    const parsed = queryBodySchema.safeParse(answer?.body);
    if (answer === undefined || answer.httpStatusCode >= 400 || !parsed.success) {
        throw new SalesforceApiError({
            kind: 'client',
            errorCode: 'POLICY_QUERY_FAILED',
            status: answer?.httpStatusCode,
            message: `the query of ${what} returned no records list: ${redactText(JSON.stringify(answer?.body ?? null)).slice(0, 200)}`,
            operation: `GET /query (${what})`
        });
    }
    return parsed.data.records;
}

/** Reads the policy from the org's custom metadata (one API call). */
export async function loadOrgPolicy(client: RestClient): Promise<Policy> {
    const subrequests = Object.entries(POLICY_METADATA_SOQL).map(([referenceId, soql]) => ({
        method: 'GET' as const,
        url: client.versionPath(`/query?q=${encodeURIComponent(soql)}`),
        referenceId
    }));
    const answers = await sendComposite(client, subrequests, { idempotent: true });
    const policy = policyFromCustomMetadata({
        policy: recordsOf(answers.get('policy'), 'SLA_Policy__mdt')[0] ?? null,
        sourceTiers: recordsOf(answers.get('sourceTiers'), 'SLA_Source_Tier__mdt'),
        signalWeights: recordsOf(answers.get('signalWeights'), 'SLA_Signal_Weight__mdt')
    });
    logger.info('Policy read from the org', { version: policy.version });
    return policy;
}

/** Reads the policy from `file` when given, else from the org. */
export async function loadPolicy(client: RestClient, file: string | null): Promise<Policy> {
    return file === null ? loadOrgPolicy(client) : loadPolicyFile(file);
}
