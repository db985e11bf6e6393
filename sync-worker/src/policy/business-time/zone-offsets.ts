import type { IANAZone } from 'luxon';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/**
 * Sampling step when looking for offset changes. Two changes less than two days apart
 * would be missed.
 * NOTE: the tz database is believed to have no such pair after 1950; before that, a few
 * zones had short-lived changes that this sampling can skip.
 */
const SAMPLE_MS = 2 * DAY_MS;

/**
 * UTC offsets of a zone over one span of time, found once with a few calls to luxon's
 * `IANAZone.offset`. Each call goes through Intl and took about 15 microseconds in the
 * development container, so a year of wall times converts in milliseconds this way.
 */
export class ZoneOffsets {
    /** Instants at which the offset changes, ascending. */
    private readonly changes: number[] = [];
    /** `offsets[0]` applies before the first change, `offsets[i + 1]` from change i. */
    private readonly offsets: number[];

    constructor(
        private readonly zone: IANAZone,
        private readonly fromMs: number,
        private readonly toMs: number
    ) {
        let previousAt = fromMs;
        let previousOffset = zone.offset(fromMs);
        this.offsets = [previousOffset];
        for (let at = fromMs + SAMPLE_MS; previousAt < toMs; at += SAMPLE_MS) {
            const sampleAt = Math.min(at, toMs);
            const offset = zone.offset(sampleAt);
            if (offset !== previousOffset) {
                this.changes.push(this.findChange(previousAt, sampleAt, previousOffset));
                this.offsets.push(offset);
            }
            previousAt = sampleAt;
            previousOffset = offset;
        }
    }

    /** Returns the first whole minute in (low, high] whose offset differs from `before`. */
    private findChange(low: number, high: number, before: number): number {
        let lowMinute = Math.floor(low / MINUTE_MS);
        let highMinute = Math.ceil(high / MINUTE_MS);
        while (highMinute - lowMinute > 1) {
            const middle = Math.floor((lowMinute + highMinute) / 2);
            if (this.zone.offset(middle * MINUTE_MS) === before) {
                lowMinute = middle;
            } else {
                highMinute = middle;
            }
        }
        return highMinute * MINUTE_MS;
    }

    /** Returns the offset in minutes at an instant. */
    offsetAt(instantMs: number): number {
        if (instantMs < this.fromMs || instantMs > this.toMs) {
            return this.zone.offset(instantMs);
        }
        let index = 0;
        while (index < this.changes.length && (this.changes[index] ?? Infinity) <= instantMs) {
            index += 1;
        }
        return this.offsets[index] ?? 0;
    }

    /**
     * Converts a wall-clock time, written as if it were UTC, into the instant. The
     * two-step correction resolves wall times near a change as luxon's
     * `DateTime.fromObject` does. A skipped time (02:30 on spring-forward night in New
     * York) moves forward by the gap. A repeated one (01:30 on fall-back night) gets the
     * same one of its two instants that luxon picks.
     */
    instantOfWallClock(wallClockAsUtc: number): number {
        const firstOffset = this.offsetAt(wallClockAsUtc);
        let guess = wallClockAsUtc - firstOffset * MINUTE_MS;
        const secondOffset = this.offsetAt(guess);
        if (secondOffset === firstOffset) {
            return guess;
        }
        guess -= (secondOffset - firstOffset) * MINUTE_MS;
        const thirdOffset = this.offsetAt(guess);
        if (secondOffset === thirdOffset) {
            return guess;
        }
        return wallClockAsUtc - Math.min(secondOffset, thirdOffset) * MINUTE_MS;
    }
}
