/**
 * Recognising the worker's own writes when they come back in the next poll. After a
 * successful write the worker remembers the values the record must now hold: the
 * record as it was read with the written fields on top (an update), or the written
 * fields alone (a new record). A record that comes back last modified by the
 * integration user with exactly those values is an echo: nothing in it is new to the
 * policy, so it does not make the record's account worth evaluating again. Any other
 * difference, such as a field a person changed between the read and the write, makes it
 * a real change.
 */

/** Fields the org maintains itself; they never take part in the comparison. */
const SYSTEM_FIELDS: ReadonlySet<string> = new Set([
    'Id',
    'CreatedDate',
    'LastModifiedDate',
    'LastModifiedById',
    'SystemModstamp',
    'IsDeleted'
]);

/** Values a record must hold after the worker's write. */
export interface Expectation {
    readonly fields: Readonly<Record<string, unknown>>;
}

/** A record as read: field values by API name. */
export type RecordValues = Readonly<Record<string, unknown>>;

/** Comparable form of a field value: Dates as epoch milliseconds, empty as null. */
function comparable(value: unknown): unknown {
    if (value instanceof Date) {
        return value.getTime();
    }
    return value ?? null;
}

/** True when two field values are equal as the org stores them. */
export function sameValue(left: unknown, right: unknown): boolean {
    const a = comparable(left);
    const b = comparable(right);
    if (typeof a === 'number' && typeof b === 'number') {
        // Numbers travel as JSON text; anything below this is a rounding artefact.
        return Math.abs(a - b) < 1e-9;
    }
    return a === b;
}

/**
 * Builds the expectation of an update: the record as read, with the written fields on
 * top. One object spread keeps the copy compact in V8, where adding its fields one by
 * one made it a dictionary several times larger. System fields stay in the copy, and
 * `isEcho` skips them.
 */
export function expectUpdate(before: RecordValues | undefined, written: RecordValues): Expectation {
    return { fields: { ...before, ...written } };
}

/**
 * True when `record` is the echo of the write `expected` describes. `integrationUserId`
 * null skips the author check (the worker could not learn its own user Id); the values
 * must then match on their own.
 */
export function isEcho(
    record: RecordValues,
    expected: Expectation,
    integrationUserId: string | null
): boolean {
    if (integrationUserId !== null && record.LastModifiedById !== integrationUserId) {
        return false;
    }
    for (const [name, value] of Object.entries(expected.fields)) {
        if (!SYSTEM_FIELDS.has(name) && !sameValue(record[name], value)) {
            return false;
        }
    }
    return true;
}
