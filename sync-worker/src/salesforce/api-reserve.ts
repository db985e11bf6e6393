/**
 * The API reserve: a share of the org's daily API allowance (`DailyApiRequests`) that
 * the worker leaves to the org's other integrations and to people. Writing pauses
 * before a request would dip into it, instead of running into `REQUEST_LIMIT_EXCEEDED`.
 */
import { z } from 'zod';
import type { RestClient } from './api-client';
import { SalesforceApiError, SalesforceUsageError } from './errors';

/** Default reserve, in percent of the daily maximum. */
export const DEFAULT_RESERVE_PERCENT = 10;

const limitsSchema = z.object({
    DailyApiRequests: z.object({ Max: z.number().int().nonnegative(), Remaining: z.number().int() })
});

/** The allowance as last known. */
export interface ApiAllowance {
    /** Daily maximum (`DailyApiRequests.Max`). */
    max: number;
    /** Calls left, estimated from the last reading and the calls made since. */
    remaining: number;
    /** Calls the worker keeps in reserve: `ceil(max * percent / 100)`. */
    reserve: number;
}

/** Tracks the daily allowance and decides whether the next request may be sent. */
export class ApiReserve {
    private readonly client: RestClient;
    private readonly percent: number;
    private reading: { max: number; remaining: number; totalCallsAtReading: number } | undefined;

    /** `reservePercent` is 0 to 100 of the daily maximum. */
    public constructor(client: RestClient, reservePercent: number = DEFAULT_RESERVE_PERCENT) {
        if (!Number.isFinite(reservePercent) || reservePercent < 0 || reservePercent > 100) {
            throw new SalesforceUsageError(
                `The API reserve must be 0 to 100 percent; it is ${reservePercent}.`
            );
        }
        this.client = client;
        this.percent = reservePercent;
    }

    /** Reads `/limits` (one API call). */
    public async refresh(): Promise<ApiAllowance> {
        const response = await this.client.send(
            { method: 'GET', path: '/limits' },
            { idempotent: true }
        );
        const parsed = limitsSchema.safeParse(response.body);
        if (!parsed.success) {
            throw new SalesforceApiError({
                kind: 'client',
                errorCode: 'INVALID_LIMITS_RESPONSE',
                status: response.status,
                message: 'the limits response has no DailyApiRequests with Max and Remaining',
                operation: 'GET /limits'
            });
        }
        const { Max, Remaining } = parsed.data.DailyApiRequests;
        this.reading = {
            max: Max,
            remaining: Remaining,
            totalCallsAtReading: this.client.session.meter.snapshot().totalCalls
        };
        return this.allowance() ?? { max: Max, remaining: Remaining, reserve: this.reserveOf(Max) };
    }

    /**
     * Returns the allowance, estimated from the `/limits` reading minus the calls counted
     * since and from the `Sforce-Limit-Info` figure of the last response. Returns
     * undefined before either is known.
     */
    public allowance(): ApiAllowance | undefined {
        const meter = this.client.session.meter;
        const usage = meter.usage;
        const estimates: { max: number; remaining: number }[] = [];
        if (this.reading !== undefined) {
            const callsSince = meter.snapshot().totalCalls - this.reading.totalCallsAtReading;
            estimates.push({
                max: this.reading.max,
                remaining: this.reading.remaining - callsSince
            });
        }
        if (usage !== undefined) {
            estimates.push({ max: usage.max, remaining: usage.max - usage.used });
        }
        if (estimates.length === 0) {
            return undefined;
        }
        // The lower estimate is the safer one: both can lag behind other integrations.
        const lowest = estimates.reduce((low, estimate) =>
            estimate.remaining < low.remaining ? estimate : low
        );
        return {
            max: lowest.max,
            remaining: Math.max(0, lowest.remaining),
            reserve: this.reserveOf(lowest.max)
        };
    }

    /** True when `calls` more calls leave the reserve untouched (or nothing is known yet). */
    public allows(calls: number): boolean {
        const allowance = this.allowance();
        return allowance === undefined || allowance.remaining - calls >= allowance.reserve;
    }

    /** Percent of the daily maximum held in reserve. */
    public get reservePercent(): number {
        return this.percent;
    }

    private reserveOf(max: number): number {
        return Math.ceil((max * this.percent) / 100);
    }
}
