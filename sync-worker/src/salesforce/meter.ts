/**
 * The API call meter: counts every HTTP request the worker sends to Salesforce and keeps
 * the org's own usage figure from the `Sforce-Limit-Info` response header. Salesforce
 * counts each REST request under `/services/data/` against the daily allowance
 * (a Composite request counts once, whatever its subrequests); OAuth token requests do
 * not count and are kept apart.
 */

/** The org's API usage as its last response reported it (`api-usage=used/max`). */
export interface ApiUsage {
    used: number;
    max: number;
}

/** Figures of the meter at one moment. */
export interface ApiMeterSnapshot {
    /** REST API calls since the cycle started; what the cycle summary reports. */
    cycleCalls: number;
    /** REST API calls since the meter was created. */
    totalCalls: number;
    /** OAuth token requests since the cycle started. */
    cycleTokenRequests: number;
    /** REST API calls of this cycle by resource, such as `composite` or `jobs/query`. */
    cycleCallsByResource: Record<string, number>;
    /** Last `Sforce-Limit-Info` figure, when any response carried one. */
    usage: ApiUsage | undefined;
}

/** The org-wide figure; `per-app-api-usage=` is a connected app's own and is skipped. */
const LIMIT_INFO = /(?:^|[\s,])api-usage=(\d+)\/(\d+)/;

/** Reads `api-usage=18/15000` from a `Sforce-Limit-Info` header value. */
export function parseLimitInfo(header: string | undefined): ApiUsage | undefined {
    const match = header === undefined ? null : LIMIT_INFO.exec(header);
    if (match?.[1] === undefined || match[2] === undefined) {
        return undefined;
    }
    return { used: Number(match[1]), max: Number(match[2]) };
}

/**
 * Name of the REST resource of a URL, for the per-resource counts: the segment after
 * the version (`query`, `limits`), two segments for `composite/sobjects` and
 * `jobs/query`, or `undefined` when the URL is not a REST API call.
 */
export function restResourceOf(url: string): string | undefined {
    const path = url.replace(/^[a-z]+:\/\/[^/]+/i, '').split('?')[0] ?? '';
    const match = /^\/services\/data\/v\d+\.\d+\/?(.*)$/.exec(path);
    if (match === null) {
        return undefined;
    }
    const segments = (match[1] ?? '').split('/').filter((segment) => segment !== '');
    const [first = 'versions', second] = segments;
    if (
        (first === 'composite' && second === 'sobjects') ||
        (first === 'jobs' && second !== undefined)
    ) {
        return `${first}/${second}`;
    }
    return first;
}

/** True for a request to the OAuth 2.0 endpoints (token, revoke). */
export function isOAuthUrl(url: string): boolean {
    return url.includes('/services/oauth2/');
}

/** Counts calls per cycle and in total. */
export class ApiCallMeter {
    private cycleCalls = 0;
    private totalCalls = 0;
    private cycleTokenRequests = 0;
    private byResource = new Map<string, number>();
    private lastUsage: ApiUsage | undefined;

    /** Starts counting a new cycle; totals and the last usage figure are kept. */
    public startCycle(): void {
        this.cycleCalls = 0;
        this.cycleTokenRequests = 0;
        this.byResource = new Map();
    }

    /** Records one request about to be sent. */
    public recordRequest(url: string): void {
        const resource = restResourceOf(url);
        if (resource !== undefined) {
            this.cycleCalls += 1;
            this.totalCalls += 1;
            this.byResource.set(resource, (this.byResource.get(resource) ?? 0) + 1);
        } else if (isOAuthUrl(url)) {
            this.cycleTokenRequests += 1;
        }
    }

    /** Records the response headers of a request (header names in lower case). */
    public recordResponse(headers: Readonly<Record<string, string | undefined>>): void {
        const usage = parseLimitInfo(headers['sforce-limit-info']);
        if (usage !== undefined) {
            this.lastUsage = usage;
        }
    }

    /** REST API calls since the cycle started. */
    public get callsThisCycle(): number {
        return this.cycleCalls;
    }

    /** Last usage figure reported by the org, if any. */
    public get usage(): ApiUsage | undefined {
        return this.lastUsage;
    }

    /** Current figures. */
    public snapshot(): ApiMeterSnapshot {
        return {
            cycleCalls: this.cycleCalls,
            totalCalls: this.totalCalls,
            cycleTokenRequests: this.cycleTokenRequests,
            cycleCallsByResource: Object.fromEntries(this.byResource),
            usage: this.lastUsage === undefined ? undefined : { ...this.lastUsage }
        };
    }
}
