/**
 * Composite references: `@{referenceId.path}` in a subrequest's URL or body stands for a
 * value of an earlier subrequest's response body. Paths use dots and array indexes,
 * such as `@{newAccount.id}` or `@{leads.records[0].Id}`.
 */

const REFERENCE = /@\{([A-Za-z0-9_]+)((?:\.[A-Za-z0-9_]+|\[\d+\])*)\}/g;
const WHOLE_REFERENCE = /^@\{([A-Za-z0-9_]+)((?:\.[A-Za-z0-9_]+|\[\d+\])*)\}$/;

/** A reference that names no earlier successful subrequest, or no value in its body. */
export class UnresolvedReferenceError extends Error {
    public readonly expression: string;
    public readonly referenceId: string;

    public constructor(expression: string, referenceId: string) {
        super(`Invalid reference specified. No value for ${expression} found in ${referenceId}.`);
        this.name = 'UnresolvedReferenceError';
        this.expression = expression;
        this.referenceId = referenceId;
    }
}

function lookup(bodies: ReadonlyMap<string, unknown>, referenceId: string, path: string): unknown {
    if (!bodies.has(referenceId)) {
        throw new UnresolvedReferenceError(`${referenceId}${path}`, referenceId);
    }
    let value = bodies.get(referenceId);
    const steps = path.match(/\.[A-Za-z0-9_]+|\[\d+\]/g) ?? [];
    for (const step of steps) {
        const key = step.startsWith('.') ? step.slice(1) : Number(step.slice(1, -1));
        if (typeof value !== 'object' || value === null || !(key in value)) {
            throw new UnresolvedReferenceError(`${referenceId}${path}`, referenceId);
        }
        value = (value as Record<string | number, unknown>)[key];
    }
    if (value === undefined || value === null) {
        throw new UnresolvedReferenceError(`${referenceId}${path}`, referenceId);
    }
    return value;
}

/** Replaces every reference in a text with the referenced value's text. */
export function resolveText(text: string, bodies: ReadonlyMap<string, unknown>): string {
    return text.replace(REFERENCE, (_match, referenceId: string, path: string) => {
        const value = lookup(bodies, referenceId, path);
        return typeof value === 'string' ? value : JSON.stringify(value);
    });
}

/**
 * Resolves references inside a JSON body. A string that is exactly one reference takes
 * the referenced value with its JSON type; references inside longer strings become text.
 */
export function resolveValue(value: unknown, bodies: ReadonlyMap<string, unknown>): unknown {
    if (typeof value === 'string') {
        const whole = WHOLE_REFERENCE.exec(value);
        if (whole?.[1] !== undefined) {
            return lookup(bodies, whole[1], whole[2] ?? '');
        }
        return resolveText(value, bodies);
    }
    if (Array.isArray(value)) {
        return value.map((item) => resolveValue(item, bodies));
    }
    if (typeof value === 'object' && value !== null) {
        const resolved: Record<string, unknown> = {};
        for (const [key, item] of Object.entries(value)) {
            resolved[key] = resolveValue(item, bodies);
        }
        return resolved;
    }
    return value;
}
