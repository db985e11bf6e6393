/**
 * One side of a soak run: a soak org and a worker that signs in with the refresh token
 * flow, runs cycles until the org is quiet and counts what each cycle cost. The retry
 * clock records waits instead of sleeping, so backoff costs no wall time.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoggedRequest } from '../../src/local-org/server/request-log';
import { connectSalesforce, type SalesforceSession } from '../../src/salesforce';
import { SyncWorker, type CycleReport } from '../../src/sync';
import { plannedWriteCount } from '../../src/sync/write-plan';
import { recordingClock, type RecordingClock } from '../salesforce/helpers';
import { testSyncOptions } from '../sync/helpers';
import { SOAK_NOW, startSoakOrg, type SoakOrg } from './fault-soak-org';

/** What the org saw during one cycle. */
export interface CycleTraffic {
    readonly report: CycleReport;
    /** HTTP requests under `/services/data/` that got a response, in order. */
    readonly restRequests: LoggedRequest[];
    /** OAuth token requests that got a response. */
    readonly tokenRequests: number;
}

/**
 * REST requests a cycle sent after its first 403, the status of `REQUEST_LIMIT_EXCEEDED`
 * (the soak injects no other 403).
 */
export function requestsAfterLimit(traffic: CycleTraffic): number {
    const first = traffic.restRequests.findIndex((request) => request.status === 403);
    return first === -1 ? 0 : traffic.restRequests.length - first - 1;
}

/** Totals of one side of a run. */
export interface SideTotals {
    cycles: number;
    failedCycles: number;
    partialCycles: number;
    restRequests: number;
    tokenRequests: number;
    /** Waits of the worker's retries and backoff, in milliseconds. */
    waits: number[];
}

/** Settings of one side. */
export interface SideSettings {
    /** Deadline of each request in milliseconds. */
    readonly requestTimeoutMs: number;
    /** Rows above which the first read of an object uses Bulk API 2.0, until a restart changes it. */
    readonly bulkThreshold: number;
}

/** Page sizes of the soak org: small, so that reads follow locators. */
const SOAK_PAGE_SIZES = { queryPageSize: 200, bulkResultsPageSize: 120 };

/** A soak org with the worker that keeps it. */
export class SoakSide {
    public readonly totals: SideTotals = {
        cycles: 0,
        failedCycles: 0,
        partialCycles: 0,
        restRequests: 0,
        tokenRequests: 0,
        waits: []
    };
    /** Every cycle's traffic, oldest first. */
    public readonly traffic: CycleTraffic[] = [];
    private readonly retryClock: RecordingClock = recordingClock();
    private worker: SyncWorker | undefined;
    private bulkThreshold: number;

    private constructor(
        public readonly org: SoakOrg,
        private readonly settings: SideSettings
    ) {
        this.bulkThreshold = settings.bulkThreshold;
    }

    /** Starts the org; the worker signs in at its first cycle. */
    public static async start(settings: SideSettings): Promise<SoakSide> {
        const org = await startSoakOrg({ requestLogSize: 100_000, ...SOAK_PAGE_SIZES });
        return new SoakSide(org, settings);
    }

    /**
     * Ends the worker as a stopped process would. The next cycle starts a new one, and
     * its first read uses Bulk API 2.0 for the objects above `bulkThreshold` rows.
     */
    public restart(bulkThreshold: number): void {
        this.worker = undefined;
        this.bulkThreshold = bulkThreshold;
    }

    /**
     * Runs cycles until one is quiet (successful, with nothing to write and an empty
     * outbox) or `maxCycles` ran. Returns the cycles run and whether the last was quiet.
     */
    public async runUntilQuiet(maxCycles: number): Promise<{ cycles: number; quiet: boolean }> {
        for (let cycle = 1; cycle <= maxCycles; cycle += 1) {
            const traffic = await this.runCycle();
            if (this.isQuiet(traffic.report)) {
                return { cycles: cycle, quiet: true };
            }
        }
        return { cycles: maxCycles, quiet: false };
    }

    /** Runs one cycle at `SOAK_NOW` and records its traffic. */
    public async runCycle(): Promise<CycleTraffic> {
        const { testOrg } = this.org;
        testOrg.org.requests.clear();
        const worker = this.worker ?? (await this.startWorker());
        const report = await worker.runCycle(SOAK_NOW);
        const entries = testOrg.org.requests.entries();
        const topLevel = entries.filter((entry) => entry.compositeReferenceId === undefined);
        const traffic: CycleTraffic = {
            report,
            restRequests: topLevel.filter((entry) => entry.path.startsWith('/services/data/')),
            tokenRequests: topLevel.filter((entry) => entry.path === '/services/oauth2/token')
                .length
        };
        this.traffic.push(traffic);
        this.totals.cycles += 1;
        this.totals.failedCycles += report.outcome === 'failure' ? 1 : 0;
        this.totals.partialCycles += report.outcome === 'partial' ? 1 : 0;
        this.totals.restRequests += traffic.restRequests.length;
        this.totals.tokenRequests += traffic.tokenRequests;
        this.totals.waits.push(...this.retryClock.waits.splice(0));
        return traffic;
    }

    private async startWorker(): Promise<SyncWorker> {
        const { org } = this.org.testOrg;
        const session: SalesforceSession = await connectSalesforce(
            {
                auth: {
                    mode: 'refresh-token',
                    loginUrl: org.loginUrl,
                    clientId: org.clientId,
                    clientSecret: org.clientSecret,
                    refreshToken: org.issueRefreshToken()
                },
                requestTimeoutMs: this.settings.requestTimeoutMs
            },
            { clock: this.retryClock }
        );
        this.worker = new SyncWorker(
            session,
            testSyncOptions(this.org.testOrg, {
                bulkThreshold: this.bulkThreshold,
                bulkPollIntervalMs: 5
            })
        );
        return this.worker;
    }

    private isQuiet(report: CycleReport): boolean {
        const planned = report.plan === null ? 0 : plannedWriteCount(report.plan);
        return report.outcome === 'success' && planned === 0 && this.outboxSize() === 0;
    }

    private outboxSize(): number {
        const file = join(this.org.testOrg.journalDir, 'notification-outbox.json');
        if (!existsSync(file)) {
            return 0;
        }
        const parsed = JSON.parse(readFileSync(file, 'utf8')) as { pending?: unknown[] };
        return parsed.pending?.length ?? 0;
    }

    /** Stops the org and removes its folder. */
    public async close(): Promise<void> {
        await this.org.testOrg.close();
    }
}
