/**
 * Engagement profiles: how many signals of which types a person has, and how old they
 * are. The profiles put scores across the policy's thresholds. Dormant people have
 * nothing in the active window, light ones a little. SDR-worthy readers have more than
 * five content interactions, engaged ones content plus a meeting request. Warm ones show
 * research intent, hot ones pass intent 70. Boundary tests use people tuned to an exact
 * score.
 */
import type { Random } from './random';
import {
    DAY_MS,
    HOUR_MS,
    MINUTE_MS,
    rawIntent,
    type PlannedSignal,
    type SignalType
} from './scoring';

export type Profile = 'none' | 'dormant' | 'light' | 'sdr' | 'engaged' | 'warm' | 'hot';

/** How far back the sample history goes. */
export const HISTORY_DAYS = 120;

const CONTENT: readonly SignalType[] = [
    'Web Visit',
    'Email Click',
    'Content Download',
    'Webinar Attended'
];
const LIGHT_CONTENT: readonly SignalType[] = ['Web Visit', 'Email Click'];

function at(
    type: SignalType,
    endMs: number,
    random: Random,
    minDays: number,
    maxDays: number
): PlannedSignal {
    // Keep every signal at least a minute before the end, so "signals up to now" is strictly true.
    const ageMs = Math.max(MINUTE_MS, random.float(minDays, maxDays) * DAY_MS);
    return { type, atMs: Math.round(endMs - ageMs), weight: null };
}

function several(
    count: number,
    types: readonly SignalType[],
    endMs: number,
    random: Random,
    minDays: number,
    maxDays: number
): PlannedSignal[] {
    return Array.from({ length: count }, () =>
        at(random.pick(types), endMs, random, minDays, maxDays)
    );
}

/** Hot: a demo or meeting request this week and research signals; topped up until intent passes 72. */
function hotSignals(endMs: number, random: Random): PlannedSignal[] {
    const signals = [
        at('Demo Request', endMs, random, 0, 6),
        at('Meeting Request', endMs, random, 1, 10),
        at('Intent Surge', endMs, random, 1, 10),
        at('Competitor Research', endMs, random, 2, 14),
        ...several(random.int(2, 4), CONTENT, endMs, random, 0, 14),
        ...several(random.int(0, 3), CONTENT, endMs, random, 15, 90)
    ];
    while (rawIntent(signals, endMs) < 72) {
        signals.push(
            at(random.pick(['Meeting Request', 'Intent Surge'] as const), endMs, random, 0, 5)
        );
    }
    return signals;
}

/** Signals of one profile, all between `HISTORY_DAYS` days before `endMs` and `endMs`. */
export function profileSignals(profile: Profile, endMs: number, random: Random): PlannedSignal[] {
    switch (profile) {
        case 'none':
            return [];
        case 'dormant':
            return several(random.int(1, 3), CONTENT, endMs, random, 35, HISTORY_DAYS);
        case 'light':
            return [
                ...several(random.int(1, 2), LIGHT_CONTENT, endMs, random, 0, 28),
                ...several(random.int(0, 2), CONTENT, endMs, random, 31, HISTORY_DAYS)
            ];
        case 'sdr':
            return [
                at('Content Download', endMs, random, 0, 20),
                ...several(random.int(5, 7), LIGHT_CONTENT, endMs, random, 1, 80)
            ];
        case 'engaged':
            return [
                at('Meeting Request', endMs, random, 2, 20),
                ...several(random.int(3, 5), CONTENT, endMs, random, 2, 60)
            ];
        case 'warm':
            return [
                at('Intent Surge', endMs, random, 3, 15),
                at('Competitor Research', endMs, random, 5, 20),
                ...several(random.int(2, 4), CONTENT, endMs, random, 2, 40)
            ];
        case 'hot':
            return hotSignals(endMs, random);
    }
}

/**
 * Signals whose intent at `endMs` is `target` plus 0.1. Decay lowers a score near 70 by
 * about 0.15 points an hour, so it rounds to `target` for about four hours after `endMs`.
 * All signals are from the last hour, so a decay applied in whole half-life steps
 * (none within 14 days) rounds to the same number. The last signal carries a
 * `Weight__c` override that closes the gap, as a scoring tool's custom points would.
 */
export function exactIntentSignals(target: number, endMs: number): PlannedSignal[] {
    const base: PlannedSignal[] = [
        { type: 'Demo Request', atMs: endMs - 55 * MINUTE_MS, weight: null },
        { type: 'Web Visit', atMs: endMs - 50 * MINUTE_MS, weight: null },
        { type: 'Content Download', atMs: endMs - 45 * MINUTE_MS, weight: null }
    ];
    const tuningAt = endMs - 30 * MINUTE_MS;
    const decay = rawIntent([{ type: 'Meeting Request', atMs: tuningAt, weight: 1 }], endMs);
    const gap = (target + 0.1 - rawIntent(base, endMs)) / decay;
    if (gap <= 0) {
        throw new RangeError(`Exact intent ${target} is below the base signals' score.`);
    }
    return [
        ...base,
        { type: 'Meeting Request', atMs: tuningAt, weight: Math.round(gap * 100) / 100 }
    ];
}

/** Exactly `count` content interactions, spread over the last 80 days, for engagement boundaries. */
export function exactEngagementSignals(count: number, endMs: number): PlannedSignal[] {
    return Array.from({ length: count }, (_, index) => ({
        type: index % 2 === 0 ? ('Web Visit' as const) : ('Email Click' as const),
        atMs: endMs - (2 + index * 12) * DAY_MS - 3 * HOUR_MS,
        weight: null
    }));
}
