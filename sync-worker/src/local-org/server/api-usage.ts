/**
 * The daily API request allocation (`DailyApiRequests`). Salesforce counts calls over a
 * rolling 24 hours; this counter keeps one bucket per minute, so usage falls back as
 * old minutes leave the window.
 */

const MINUTE_MS = 60_000;
const WINDOW_MINUTES = 24 * 60;

/** Counts REST API calls against the daily maximum. */
export class ApiUsage {
    private readonly buckets = new Map<number, number>();
    private readonly now: () => number;
    private maxRequests: number;

    public constructor(maxRequests: number, now: () => number = Date.now) {
        this.maxRequests = maxRequests;
        this.now = now;
    }

    /** Daily maximum (`DailyApiRequests.Max`). */
    public get max(): number {
        return this.maxRequests;
    }

    /** Calls made in the last 24 hours. */
    public get used(): number {
        const current = this.currentMinute();
        let total = 0;
        for (const [minute, count] of this.buckets) {
            if (minute <= current - WINDOW_MINUTES) {
                this.buckets.delete(minute);
            } else {
                total += count;
            }
        }
        return total;
    }

    /** `DailyApiRequests.Remaining`, never below zero. */
    public get remaining(): number {
        return Math.max(0, this.maxRequests - this.used);
    }

    /** True when no call is left in the window. */
    public get exhausted(): boolean {
        return this.used >= this.maxRequests;
    }

    /** Records calls in the current minute. */
    public record(calls = 1): void {
        const minute = this.currentMinute();
        this.buckets.set(minute, (this.buckets.get(minute) ?? 0) + calls);
    }

    /** Uses up what remains, so the next call is refused until the window moves or `reset`. */
    public exhaust(): void {
        this.record(this.remaining);
    }

    /** Forgets every recorded call. */
    public reset(): void {
        this.buckets.clear();
    }

    /** Changes the daily maximum. */
    public setMax(maxRequests: number): void {
        this.maxRequests = maxRequests;
    }

    /** Value of the `Sforce-Limit-Info` header, such as `api-usage=18/15000`. */
    public header(): string {
        return `api-usage=${this.used}/${this.maxRequests}`;
    }

    private currentMinute(): number {
        return Math.floor(this.now() / MINUTE_MS);
    }
}
