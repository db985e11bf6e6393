/**
 * The worker's metrics in the Prometheus text exposition format (version 0.0.4):
 * counters since the process started and gauges of the last cycle.
 */

/** Outcome of one cycle. */
export type CycleOutcome = 'success' | 'failure' | 'partial';

/** Figures of one finished cycle, added to the metrics. */
export interface CycleFigures {
    readonly outcome: CycleOutcome;
    readonly recordsRead: number;
    readonly recordsWritten: number;
    readonly recordsFailed: number;
    readonly apiCalls: number;
    readonly breachesCreated: number;
    readonly durationMs: number;
    readonly finishedAt: Date;
}

/** Counters and gauges of the worker. */
export class SyncMetrics {
    private readonly cycles = new Map<CycleOutcome, number>([
        ['success', 0],
        ['partial', 0],
        ['failure', 0]
    ]);
    private recordsRead = 0;
    private recordsWritten = 0;
    private recordsFailed = 0;
    private apiCalls = 0;
    private errors = 0;
    private breaches = 0;
    private skippedTicks = 0;
    private openClocks = 0;
    private lastDurationMs = 0;
    private lastFinishedAt: Date | null = null;

    public recordCycle(figures: CycleFigures): void {
        this.cycles.set(figures.outcome, (this.cycles.get(figures.outcome) ?? 0) + 1);
        this.recordsRead += figures.recordsRead;
        this.recordsWritten += figures.recordsWritten;
        this.recordsFailed += figures.recordsFailed;
        this.apiCalls += figures.apiCalls;
        this.breaches += figures.breachesCreated;
        this.errors += figures.outcome === 'failure' ? 1 : 0;
        this.lastDurationMs = figures.durationMs;
        this.lastFinishedAt = figures.finishedAt;
    }

    public recordSkippedTick(): void {
        this.skippedTicks += 1;
    }

    public setOpenClocks(count: number): void {
        this.openClocks = count;
    }

    /** Renders the metrics as Prometheus text. */
    public render(): string {
        const lines: string[] = [];
        const metric = (
            name: string,
            type: 'counter' | 'gauge',
            help: string,
            samples: [string, number][]
        ): void => {
            lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
            for (const [labels, value] of samples) {
                lines.push(`${name}${labels} ${value}`);
            }
        };
        metric(
            'lead_sla_cycles_total',
            'counter',
            'Sync cycles finished, by outcome.',
            [...this.cycles].map(([outcome, count]) => [`{outcome="${outcome}"}`, count])
        );
        metric('lead_sla_records_read_total', 'counter', 'Records read from Salesforce.', [
            ['', this.recordsRead]
        ]);
        metric('lead_sla_records_written_total', 'counter', 'Records written to Salesforce.', [
            ['', this.recordsWritten]
        ]);
        metric('lead_sla_records_failed_total', 'counter', 'Record writes that failed.', [
            ['', this.recordsFailed]
        ]);
        metric('lead_sla_api_calls_total', 'counter', 'Salesforce REST API calls made by cycles.', [
            ['', this.apiCalls]
        ]);
        metric('lead_sla_errors_total', 'counter', 'Cycles that failed with an error.', [
            ['', this.errors]
        ]);
        metric('lead_sla_breaches_total', 'counter', 'SLA breaches recorded.', [
            ['', this.breaches]
        ]);
        metric(
            'lead_sla_skipped_ticks_total',
            'counter',
            'Scheduled ticks skipped because a cycle was still running.',
            [['', this.skippedTicks]]
        );
        metric(
            'lead_sla_open_clocks',
            'gauge',
            'SLA clocks open (Open or Warning) after the last cycle.',
            [['', this.openClocks]]
        );
        metric(
            'lead_sla_last_cycle_duration_seconds',
            'gauge',
            'Duration of the last cycle in seconds.',
            [['', this.lastDurationMs / 1000]]
        );
        metric(
            'lead_sla_last_cycle_timestamp_seconds',
            'gauge',
            'Time the last cycle finished, in seconds since the epoch.',
            [['', this.lastFinishedAt === null ? 0 : this.lastFinishedAt.getTime() / 1000]]
        );
        return `${lines.join('\n')}\n`;
    }
}
