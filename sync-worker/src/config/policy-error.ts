import type { z } from 'zod';

/**
 * Stable codes of policy failures, for callers that branch on them and for tests.
 * - `POLICY_INVALID`: a value breaks the schema (range, type, unknown field).
 * - `POLICY_FILE_UNREADABLE`: the policy file could not be read.
 * - `POLICY_FILE_NOT_JSON`: the policy file is not valid JSON.
 * - `POLICY_RECORD_MISSING`: the org has no `SLA_Policy__mdt` record named Default.
 */
export type PolicyErrorCode =
    'POLICY_INVALID' | 'POLICY_FILE_UNREADABLE' | 'POLICY_FILE_NOT_JSON' | 'POLICY_RECORD_MISSING';

/** One rejected value: where it sits, what it was and what is allowed. */
export interface PolicyIssue {
    /** Readable location, such as `policy.sourceTiers[2].tier` or a custom metadata field. */
    readonly path: string;
    /** The rejected value, or undefined when the value is missing. */
    readonly value: unknown;
    /** Allowed values of the field, such as `a number greater than 0`. */
    readonly expected: string;
    /** The full line: `policy.routeSalesHours: -1 is invalid; expected a number greater than 0`. */
    readonly message: string;
}

/** Rejection of a policy, with one issue per offending value. */
export class PolicyError extends Error {
    override readonly name = 'PolicyError';

    constructor(
        readonly code: PolicyErrorCode,
        message: string,
        readonly issues: readonly PolicyIssue[] = [],
        options?: { cause?: unknown }
    ) {
        super(message, options);
    }
}

/** Turns a path of keys and indexes into `root.a.b[2].c`. */
export function formatPath(root: string, path: readonly PropertyKey[]): string {
    let text = root;
    for (const key of path) {
        text += typeof key === 'number' ? `[${key}]` : `.${String(key)}`;
    }
    return text;
}

/** Renders a rejected value for a message: JSON, cut to 80 characters. */
export function formatValue(value: unknown): string {
    // JSON.stringify returns undefined for undefined and functions despite its declared type.
    const json = JSON.stringify(value) as string | undefined;
    const text = json ?? String(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
    let current = input;
    for (const key of path) {
        if (current === null || typeof current !== 'object') {
            return undefined;
        }
        current = (current as Record<PropertyKey, unknown>)[key];
    }
    return current;
}

/** Renders a location for a message; the default is `policy.<path>`. */
export type PathDescriber = (path: readonly PropertyKey[]) => string;

const describePolicyPath: PathDescriber = (path) => formatPath('policy', path);

/**
 * Converts zod issues into policy issues. The schema puts the allowed values into each
 * issue's message (see `expect` in policy-schema.ts), so the message becomes `expected`.
 */
export function toPolicyIssues(
    issues: readonly z.core.$ZodIssue[],
    input: unknown,
    describePath: PathDescriber = describePolicyPath
): PolicyIssue[] {
    const result: PolicyIssue[] = [];
    for (const issue of issues) {
        if (issue.code === 'unrecognized_keys') {
            for (const key of issue.keys) {
                const path = describePath([...issue.path, key]);
                const expected = 'no such field; remove it or check its spelling';
                const value = valueAt(input, [...issue.path, key]);
                const message = `${path}: unknown field; remove it or check its spelling`;
                result.push({ path, value, expected, message });
            }
            continue;
        }
        const path = describePath(issue.path);
        const value = valueAt(input, issue.path);
        const expected = issue.message;
        const message =
            value === undefined
                ? `${path}: missing; expected ${expected}`
                : `${path}: ${formatValue(value)} is invalid; expected ${expected}`;
        result.push({ path, value, expected, message });
    }
    return result;
}

/** Builds the `POLICY_INVALID` error whose message lists every issue, one per line. */
export function invalidPolicyError(issues: readonly PolicyIssue[]): PolicyError {
    return new PolicyError(
        'POLICY_INVALID',
        issues.map((issue) => issue.message).join('\n'),
        issues
    );
}
