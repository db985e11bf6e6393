/**
 * Watermarks: per object, the `SystemModstamp` up to which every change has been read.
 * They come from the org's timestamps and, as explained below, the machine's clock,
 * never from `--now`. The first read of each process rebuilds them from the org.
 *
 * A mark alone would stop at the last change: in a quiet org every later read would
 * reach back over the overlap before that change and read its records again, forever.
 * So a complete read also lets the mark follow the machine's clock at the start of the
 * read, held back by one overlap. The read saw every record stamped before then, as
 * long as the org's clock and the machine's differ by less than the overlap.
 */
import type { MirroredObject } from './objects';

/** End of a read of one object, for moving its watermark. */
export interface ReadWindowResult {
    /** Machine time at which the read started. */
    readonly startedAt: Date;
    /** Seconds of overlap; the clock-based mark stays this far behind `startedAt`. */
    readonly overlapSeconds: number;
    /** Every page of the window was read. */
    readonly complete: boolean;
    /** The read stopped at its `maxFetch`; the rows read are the oldest of the window. */
    readonly stoppedAtMaxFetch: boolean;
    /** Latest `SystemModstamp` among the rows read, if any. */
    readonly latestStamp: Date | null;
}

/** The watermark of every mirrored object. */
export class Watermarks {
    private readonly marks = new Map<MirroredObject, Date>();
    /** Objects whose last read stopped at `maxFetch`: the next read continues from the mark. */
    private readonly continuing = new Set<MirroredObject>();
    /** Factor on `maxFetch` for objects whose last capped read did not move the mark. */
    private readonly fetchFactors = new Map<MirroredObject, number>();

    /** Returns the watermark of `object`, or undefined before its first complete read. */
    public get(object: MirroredObject): Date | undefined {
        return this.marks.get(object);
    }

    /**
     * Returns the lower bound of the next change query: the watermark minus the overlap,
     * so that a record committed late with an earlier `SystemModstamp` is still read.
     * After a read capped by `maxFetch` the next one continues from the mark itself, or a
     * burst of more than `maxFetch` changes within the overlap would be read again and
     * again. Records read twice are recognised by Id and `SystemModstamp` and skipped.
     */
    public since(object: MirroredObject, overlapSeconds: number): Date | undefined {
        const mark = this.marks.get(object);
        if (mark === undefined || this.continuing.has(object)) {
            return mark;
        }
        return new Date(mark.getTime() - overlapSeconds * 1000);
    }

    /**
     * Returns the `maxFetch` of the next read of `object`: the base, doubled after each
     * capped read that could not move the mark (more rows share one `SystemModstamp`
     * than the cap lets through).
     */
    public maxFetchFor(object: MirroredObject, base: number): number {
        return base * (this.fetchFactors.get(object) ?? 1);
    }

    /**
     * Moves the watermark after a read, never backwards. A complete read moves it to the
     * latest stamp read or to the clock-based mark, whichever is later. A read that
     * stopped at `maxFetch` read its window oldest first, so everything up to its latest
     * stamp was read and the mark may move there. A failed read leaves it where it was,
     * so its window is read again next cycle.
     */
    public advance(object: MirroredObject, result: ReadWindowResult): void {
        if (!result.complete && !result.stoppedAtMaxFetch) {
            return;
        }
        let candidate = result.latestStamp;
        if (result.complete) {
            const byClock = new Date(result.startedAt.getTime() - result.overlapSeconds * 1000);
            candidate = candidate === null || byClock > candidate ? byClock : candidate;
        }
        const current = this.marks.get(object);
        let moves = false;
        if (candidate !== null && (current === undefined || candidate > current)) {
            this.marks.set(object, candidate);
            moves = true;
        }
        if (result.complete) {
            this.continuing.delete(object);
            this.fetchFactors.delete(object);
        } else {
            this.continuing.add(object);
            if (!moves) {
                this.fetchFactors.set(object, (this.fetchFactors.get(object) ?? 1) * 2);
            }
        }
    }

    /** Watermarks as ISO text, for logs and the journal. */
    public describe(): Record<string, string> {
        return Object.fromEntries(
            [...this.marks].map(([object, mark]) => [object, mark.toISOString()])
        );
    }

    public clear(): void {
        this.marks.clear();
        this.continuing.clear();
        this.fetchFactors.clear();
    }
}

/** Latest `SystemModstamp` of the records, or null when none has one. */
export function latestStampOf(records: readonly Readonly<Record<string, unknown>>[]): Date | null {
    let latest: Date | null = null;
    for (const record of records) {
        const stamp = record.SystemModstamp;
        if (stamp instanceof Date && (latest === null || stamp > latest)) {
            latest = stamp;
        }
    }
    return latest;
}
