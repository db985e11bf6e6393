/**
 * Seeded choice of kill points: which kind of request, which one of them in a run,
 * how the kill meets it (see `kill-proxy.ts`), and the count of what was chosen.
 */
import { KILL_MODES, type KillPlan, type KillPoint, type RequestCategory } from './kill-proxy';

/** Share of kills aimed at each kind of request. */
const CATEGORY_WEIGHTS: Readonly<Record<RequestCategory, number>> = {
    write: 0.5,
    notify: 0.25,
    read: 0.25
};

/** Maximum delay of an `after-response` kill, in milliseconds. */
const MAX_KILL_DELAY_MS = 15;

/** Requests of each kind a run is expected to make. */
export type RequestCounts = Record<RequestCategory, number>;

/** Mulberry32: small, seeded and good enough to pick kill points. */
export function seededRandom(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
    };
}

function pickCategory(random: () => number, expected: RequestCounts): RequestCategory {
    const categories = (Object.keys(CATEGORY_WEIGHTS) as RequestCategory[]).filter(
        (category) => expected[category] > 0
    );
    const total = categories.reduce((sum, category) => sum + CATEGORY_WEIGHTS[category], 0);
    let draw = random() * total;
    for (const category of categories) {
        draw -= CATEGORY_WEIGHTS[category];
        if (draw < 0) {
            return category;
        }
    }
    return categories.at(-1) ?? 'read';
}

/** Picks a kill point among the requests a run is expected to make. */
export function chooseKill(random: () => number, expected: RequestCounts): KillPlan {
    const category = pickCategory(random, expected);
    return {
        category,
        ordinal: 1 + Math.floor(random() * Math.max(1, expected[category])),
        mode: KILL_MODES[Math.floor(random() * KILL_MODES.length)] ?? 'before',
        delayMs: Math.floor(random() * (MAX_KILL_DELAY_MS + 1))
    };
}

/**
 * Requests the next run is expected to make after a run killed with `counts` requests
 * behind it: the reads come again (every run reads the org), the writes and sends made
 * before the kill do not.
 */
export function expectedAfterKill(expected: RequestCounts, counts: RequestCounts): RequestCounts {
    const left = (category: 'write' | 'notify'): number =>
        expected[category] === 0 ? 0 : Math.max(1, expected[category] - counts[category] + 1);
    return { read: expected.read, write: left('write'), notify: left('notify') };
}

/** Counts kill points by `category/mode`, such as `write/lost-response`. */
export function tallyKillPoints(points: readonly KillPoint[]): Record<string, number> {
    const tally: Record<string, number> = {};
    for (const point of points) {
        const label = `${point.category}/${point.mode}`;
        tally[label] = (tally[label] ?? 0) + 1;
    }
    return tally;
}
