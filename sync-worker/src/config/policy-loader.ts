import { readFile } from 'node:fs/promises';
import { getLogger } from '../logging';
import { formatValue, invalidPolicyError, PolicyError } from './policy-error';
import { DEFAULT_POLICY, parsePolicy, type Policy } from './policy-schema';

export {
    POLICY_METADATA_FIELDS,
    POLICY_METADATA_SOQL,
    parseFollowUpCadence,
    policyFromCustomMetadata,
    type MetadataRecord,
    type PolicyMetadataRecords
} from './policy-metadata';

/**
 * Merges a partial policy over a base (the defaults unless given) and validates the
 * result. The merge is shallow: each top-level field given replaces the base's value
 * whole, so `signalWeights` or `sourceTiers` in a file list every entry the policy
 * should have. An unknown field is rejected by name.
 */
export function mergePolicy(overrides: unknown, base: Readonly<Policy> = DEFAULT_POLICY): Policy {
    if (overrides === null || typeof overrides !== 'object' || Array.isArray(overrides)) {
        const expected = 'a JSON object of policy fields';
        const message = `policy: ${formatValue(overrides)} is invalid; expected ${expected}`;
        throw invalidPolicyError([{ path: 'policy', value: overrides, expected, message }]);
    }
    return parsePolicy({ ...base, ...overrides });
}

/**
 * Reads a policy from a local JSON file and merges it over the defaults (see
 * `mergePolicy`). Throws `PolicyError` with `POLICY_FILE_UNREADABLE`,
 * `POLICY_FILE_NOT_JSON` or `POLICY_INVALID`; the message names the file.
 */
export async function loadPolicyFile(
    filePath: string,
    base: Readonly<Policy> = DEFAULT_POLICY
): Promise<Policy> {
    let text: string;
    try {
        text = await readFile(filePath, 'utf8');
    } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new PolicyError(
            'POLICY_FILE_UNREADABLE',
            `Policy file ${filePath} could not be read: ${reason}`,
            [],
            { cause: error }
        );
    }
    let json: unknown;
    try {
        json = JSON.parse(text);
    } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new PolicyError(
            'POLICY_FILE_NOT_JSON',
            `Policy file ${filePath} is not valid JSON: ${reason}`,
            [],
            { cause: error }
        );
    }
    try {
        const policy = mergePolicy(json, base);
        // The logger is fetched here, not at import, so LOG_LEVEL from the settings applies.
        getLogger('config.policy').info('Policy loaded from file', {
            file: filePath,
            version: policy.version
        });
        return policy;
    } catch (error) {
        if (error instanceof PolicyError) {
            throw new PolicyError(
                error.code,
                `Policy file ${filePath} is invalid:\n${error.message}`,
                error.issues,
                { cause: error }
            );
        }
        throw error;
    }
}
