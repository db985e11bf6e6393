/**
 * A small seeded pseudo-random generator (xoshiro128**, seeded through splitmix32) so
 * that the sample org is the same for the same seed on every machine and Node version.
 * `Math.random` cannot be seeded, so it is never used here.
 */

/** Hashes text to a 32-bit seed (FNV-1a); used to derive independent streams by label. */
export function hashText(text: string): number {
    let hash = 0x811c9dc5;
    for (let index = 0; index < text.length; index += 1) {
        hash ^= text.charCodeAt(index);
        hash = Math.imul(hash, 0x01000193);
    }
    return hash >>> 0;
}

/** splitmix32: spreads one 32-bit seed over the four words of xoshiro's state. */
function splitmix32(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x9e3779b9) >>> 0;
        let mixed = state;
        mixed = Math.imul(mixed ^ (mixed >>> 16), 0x85ebca6b);
        mixed = Math.imul(mixed ^ (mixed >>> 13), 0xc2b2ae35);
        return (mixed ^ (mixed >>> 16)) >>> 0;
    };
}

/** A weighted choice: the value and its relative weight (any non-negative number). */
export type WeightedEntry<T> = readonly [value: T, weight: number];

/** Deterministic random source. Every draw advances the state, so call order matters. */
export class Random {
    private readonly state: Uint32Array;
    private readonly seedText: string;

    public constructor(seed: number | string) {
        this.seedText = String(seed);
        const mix = splitmix32(hashText(this.seedText));
        this.state = new Uint32Array([mix(), mix(), mix(), mix()]);
        if (this.state.every((word) => word === 0)) {
            // xoshiro never leaves the all-zero state; splitmix32 makes it near impossible anyway.
            this.state[0] = 1;
        }
    }

    /**
     * Returns an independent generator for one part of the sample org. Streams are keyed by
     * label, so adding draws to one part never shifts the records of another.
     */
    public fork(label: string): Random {
        return new Random(`${this.seedText}/${label}`);
    }

    /** Returns the next 32-bit unsigned integer (xoshiro128**). */
    public nextUint32(): number {
        const s = this.state;
        const s0 = s[0] ?? 0;
        const s1 = s[1] ?? 0;
        const s2 = s[2] ?? 0;
        const s3 = s[3] ?? 0;
        const result = Math.imul(rotateLeft(Math.imul(s1, 5), 7), 9) >>> 0;
        const shifted = (s1 << 9) >>> 0;
        const t2 = (s2 ^ s0) >>> 0;
        const t3 = (s3 ^ s1) >>> 0;
        s[2] = t2;
        s[3] = t3;
        s[1] = (s1 ^ t2) >>> 0;
        s[0] = (s0 ^ t3) >>> 0;
        s[2] = (t2 ^ shifted) >>> 0;
        s[3] = rotateLeft(t3, 11);
        return result;
    }

    /** Returns a float in [0, 1). */
    public next(): number {
        return this.nextUint32() / 4294967296;
    }

    /** Returns an integer in [min, max], both inclusive. */
    public int(min: number, max: number): number {
        return min + Math.floor(this.next() * (max - min + 1));
    }

    /** Returns a float in [min, max). */
    public float(min: number, max: number): number {
        return min + this.next() * (max - min);
    }

    /** Returns true with probability `probability` (0 to 1). */
    public chance(probability: number): boolean {
        return this.next() < probability;
    }

    /** Returns one element; throws on an empty list because that is a generator bug. */
    public pick<T>(items: readonly T[]): T {
        const item = items[Math.floor(this.next() * items.length)];
        if (item === undefined) {
            throw new RangeError('Cannot pick from an empty list.');
        }
        return item;
    }

    /** Returns a value with probability proportional to its weight. */
    public weighted<T>(entries: readonly WeightedEntry<T>[]): T {
        const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
        let target = this.next() * total;
        for (const [value, weight] of entries) {
            target -= weight;
            if (target < 0) {
                return value;
            }
        }
        const last = entries[entries.length - 1];
        if (last === undefined) {
            throw new RangeError('Cannot pick from an empty weighted list.');
        }
        return last[0];
    }

    /** Returns a shuffled copy (Fisher-Yates). */
    public shuffle<T>(items: readonly T[]): T[] {
        const copy = [...items];
        for (let index = copy.length - 1; index > 0; index -= 1) {
            const other = Math.floor(this.next() * (index + 1));
            const held = copy[index] as T;
            copy[index] = copy[other] as T;
            copy[other] = held;
        }
        return copy;
    }

    /** Returns `length` lower-case hexadecimal digits. */
    public hex(length: number): string {
        let text = '';
        while (text.length < length) {
            text += this.nextUint32().toString(16).padStart(8, '0');
        }
        return text.slice(0, length);
    }
}

function rotateLeft(value: number, bits: number): number {
    return ((value << bits) | (value >>> (32 - bits))) >>> 0;
}

/** Weighted choice over a fixed list in O(log n) per draw: cumulative weights, binary search. */
export class WeightedTable<T> {
    private readonly values: T[];
    private readonly cumulative: Float64Array;

    public constructor(entries: readonly WeightedEntry<T>[]) {
        this.values = entries.map(([value]) => value);
        this.cumulative = new Float64Array(entries.length);
        let total = 0;
        entries.forEach(([, weight], index) => {
            total += weight;
            this.cumulative[index] = total;
        });
        if (entries.length === 0 || total <= 0) {
            throw new RangeError('A weighted table needs at least one positive weight.');
        }
    }

    public pick(random: Random): T {
        const total = this.cumulative[this.cumulative.length - 1] ?? 0;
        const target = random.next() * total;
        let low = 0;
        let high = this.cumulative.length - 1;
        while (low < high) {
            const middle = (low + high) >>> 1;
            if ((this.cumulative[middle] ?? 0) > target) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return this.values[low] as T;
    }
}
