/**
 * The policy a replay tries: a JSON file of policy fields, merged onto the current
 * policy. A field given replaces the current value whole, so a `signalWeights` map or a
 * `sourceTiers` list names every entry it should have. Fields left out keep the current
 * value. The merged policy is validated with the policy's zod schema, so an
 * unknown field or a bad value stops the command with the field named.
 */
import { loadPolicyFile } from '../config/policy-loader';
import type { Policy } from '../config/policy-schema';
import type { PolicyChange } from './types';

/** Reads `file` and merges it onto `current`; raises `PolicyError` naming the file and every invalid field. */
export function loadGivenPolicy(file: string, current: Readonly<Policy>): Promise<Policy> {
    return loadPolicyFile(file, current);
}

/** Returns JSON text of a value with the keys of every object sorted, so that key order does not count as a change. */
function canonicalJson(value: unknown): string {
    return JSON.stringify(value, (_key, inner: unknown) => {
        if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) {
            return inner;
        }
        const entries = Object.entries(inner as Record<string, unknown>);
        // Keys of a JSON object are unique, so no two entries compare equal.
        return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : 1)));
    });
}

/** Lists the fields whose values differ between two policies, in the policy schema's order. */
export function policyChanges(current: Readonly<Policy>, given: Readonly<Policy>): PolicyChange[] {
    const changes: PolicyChange[] = [];
    for (const field of Object.keys(current) as (keyof Policy)[]) {
        if (canonicalJson(current[field]) !== canonicalJson(given[field])) {
            changes.push({ field, current: current[field], given: given[field] });
        }
    }
    return changes;
}
