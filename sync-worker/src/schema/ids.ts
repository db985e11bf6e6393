/**
 * Salesforce record Ids: 15 case-sensitive characters (key prefix, instance, counter)
 * plus a 3-character suffix that encodes the case of the first 15, so that the
 * 18-character form is safe in case-insensitive tools.
 */

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const ID_BODY = /^[0-9A-Za-z]{15}$/;

/**
 * Computes the case-safe suffix of a 15-character Id. Each 5-character chunk gives one
 * suffix character: bit i is set when character i of the chunk is an upper-case letter.
 */
export function caseSafeSuffix(id15: string): string {
    let suffix = '';
    for (let chunk = 0; chunk < 3; chunk += 1) {
        let bits = 0;
        for (let position = 0; position < 5; position += 1) {
            const character = id15.charAt(chunk * 5 + position);
            if (character >= 'A' && character <= 'Z') {
                bits += 1 << position;
            }
        }
        suffix += SUFFIX_ALPHABET.charAt(bits);
    }
    return suffix;
}

/**
 * Returns the 18-character form of a 15- or 18-character Id, or null when the text is
 * not a well-formed Id. An 18-character Id whose suffix does not match its body is
 * malformed, except that the suffix may differ in case (Salesforce accepts that).
 */
export function normalizeId(id: string): string | null {
    const body = id.slice(0, 15);
    if (!ID_BODY.test(body)) {
        return null;
    }
    const suffix = caseSafeSuffix(body);
    if (id.length === 15) {
        return body + suffix;
    }
    if (id.length === 18 && id.slice(15).toUpperCase() === suffix) {
        return body + suffix;
    }
    return null;
}

/** Returns true when the text is a well-formed 15- or 18-character Id. */
export function isValidId(id: string): boolean {
    return normalizeId(id) !== null;
}

/** Returns the key prefix (first three characters) of an Id. */
export function keyPrefixOf(id: string): string {
    return id.slice(0, 3);
}

/** Encodes a non-negative integer in base 62, left-padded with zeros to `width`. */
export function toBase62(value: number, width: number): string {
    let remaining = Math.floor(value);
    let text = '';
    while (remaining > 0) {
        text = BASE62.charAt(remaining % 62) + text;
        remaining = Math.floor(remaining / 62);
    }
    if (text.length > width) {
        throw new RangeError(`Value ${value} does not fit in ${width} base-62 digits.`);
    }
    return text.padStart(width, '0');
}

/**
 * Builds an 18-character Id from a key prefix, a 2-character instance code and a
 * counter. Layout: prefix (3), instance (2), reserved `0` (1), counter (9, base 62).
 */
export function buildId(keyPrefix: string, instance: string, counter: number): string {
    const body = `${keyPrefix}${instance}0${toBase62(counter, 9)}`;
    if (!ID_BODY.test(body)) {
        throw new RangeError(
            `Cannot build an Id from prefix ${keyPrefix} and instance ${instance}.`
        );
    }
    return body + caseSafeSuffix(body);
}

function hashName(name: string): number {
    // FNV-1a, 32 bits: stable across runs and platforms, which is all the prefix needs.
    let hash = 0x811c9dc5;
    for (const character of name.toLowerCase()) {
        hash ^= character.charCodeAt(0);
        hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash;
}

/**
 * Assigns key prefixes to custom objects: `a` + 2 characters for custom objects and `m`
 * + 2 for custom metadata types, derived from the API name so that a prefix stays the
 * same across restarts. A collision moves to the next free prefix, so the result
 * depends on the set of names only where two names collide.
 */
export function assignCustomKeyPrefixes(
    names: { name: string; letter: 'a' | 'm' }[],
    taken: Set<string>
): Map<string, string> {
    const result = new Map<string, string>();
    const used = new Set(taken);
    const sorted = [...names].sort((left, right) => left.name.localeCompare(right.name));
    for (const { name, letter } of sorted) {
        let slot = hashName(name) % (62 * 62);
        let prefix = letter + toBase62(slot, 2);
        while (used.has(prefix)) {
            slot = (slot + 1) % (62 * 62);
            prefix = letter + toBase62(slot, 2);
        }
        used.add(prefix);
        result.set(name, prefix);
    }
    return result;
}
