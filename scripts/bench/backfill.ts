/**
 * Backfill benchmark: the first sync of an org through Bulk API 2.0, at three sizes to
 * show how its cost grows. For each size it seeds a local org (leads, one account per 10
 * leads, signals, a revenue team), serves it with `lead-sla local-org` in one process
 * and runs `lead-sla sync --once` in another. It reports the wall time with its read,
 * evaluate and write phases, the API calls (the worker's count and the org's), and the
 * peak memory of each process. It checks that the worker read every lead and every
 * signal in the scoring window, wrote everything it planned, and wrote for a sample of
 * accounts exactly what the engine decides for each account alone.
 *
 * Full run (39 minutes on an idle machine with 2 cores and 24 GiB; the 1M org takes some
 * 5 GB of disk while it runs):
 *   npm run build && LOG_LEVEL=warn npx node --disable-warning=ExperimentalWarning dist/scripts/bench/backfill.js
 *
 * Options: --quick (12k, 36k and 120k leads with 2 signals each), --leads N,N,N (default
 * 100000,300000,1000000), --signals-per-lead N (default 10, as in the engine
 * benchmark), --sample N accounts to check (default 40), --worker-heap-mb N (default
 * 16384, since the worker's first sync of a million leads peaks near 15.5 GB),
 * --worker-flags="FLAGS" (more Node.js flags for the worker, such as
 * "--heap-prof --heap-prof-dir=/tmp/prof"), --timeout-minutes N per size (default 120),
 * --keep DIR (keep each size's data and logs in DIR/<leads>-leads), --seed N, --json FILE.
 */
import { parseArgs } from 'node:util';
import { runBackfill, type RunResult } from './backfill-run';
import {
    formatCount,
    formatDuration,
    formatRatio,
    peakRssMb,
    reportSection,
    type BenchGoal,
    type BenchSection
} from './section';

interface Options {
    readonly quick: boolean;
    readonly leads: readonly number[];
    readonly signalsPerLead: number;
    readonly sample: number;
    readonly workerHeapMb: number;
    readonly workerFlags: readonly string[];
    readonly timeoutMs: number;
    readonly keepDir: string | null;
    readonly seed: number;
    readonly json: string | undefined;
}

const FULL_LEADS = [100_000, 300_000, 1_000_000];
/** Quick sizes start above the default BULK_THRESHOLD of 10,000, so every size reads leads through Bulk API 2.0. */
const QUICK_LEADS = [12_000, 36_000, 120_000];

function wholeNumber(name: string, text: string): number {
    const value = Number(text);
    if (!Number.isInteger(value) || value <= 0) {
        throw new Error(`--${name} must be a positive whole number, not ${JSON.stringify(text)}.`);
    }
    return value;
}

function parseOptions(): Options {
    const { values } = parseArgs({
        options: {
            quick: { type: 'boolean', default: false },
            leads: { type: 'string' },
            'signals-per-lead': { type: 'string' },
            sample: { type: 'string', default: '40' },
            'worker-heap-mb': { type: 'string', default: '16384' },
            'worker-flags': { type: 'string', default: '' },
            'timeout-minutes': { type: 'string', default: '120' },
            keep: { type: 'string' },
            seed: { type: 'string', default: '42' },
            json: { type: 'string' }
        }
    });
    const quick = values.quick;
    const leads =
        values.leads === undefined
            ? quick
                ? QUICK_LEADS
                : FULL_LEADS
            : values.leads.split(',').map((text) => wholeNumber('leads', text.trim()));
    return {
        quick,
        leads,
        signalsPerLead: wholeNumber(
            'signals-per-lead',
            values['signals-per-lead'] ?? (quick ? '2' : '10')
        ),
        sample: wholeNumber('sample', values.sample),
        workerHeapMb: wholeNumber('worker-heap-mb', values['worker-heap-mb']),
        workerFlags: values['worker-flags'].split(' ').filter((flag) => flag !== ''),
        timeoutMs: wholeNumber('timeout-minutes', values['timeout-minutes']) * 60_000,
        keepDir: values.keep ?? null,
        seed: wholeNumber('seed', values.seed),
        json: values.json
    };
}

function completed(result: RunResult): boolean {
    return (
        result.exit.code === 0 &&
        result.timeline.summary !== null &&
        result.timeline.summary.outcome === 'success'
    );
}

function phase(ms: number | null): string {
    return ms === null ? 'n/a' : formatDuration(ms);
}

function megabytes(value: number | null): string {
    return value === null || value === 0 ? 'n/a' : `${formatCount(value)} MB`;
}

function rowOf(result: RunResult): string[] {
    const { timeline } = result;
    const summary = timeline.summary;
    const status = completed(result)
        ? formatDuration(result.wallMs)
        : `failed after ${formatDuration(result.wallMs)}`;
    const signals = timeline.bulkRows.Engagement_Signal__c;
    return [
        formatCount(result.sizes.leads),
        signals === undefined ? 'n/a' : formatCount(signals),
        status,
        phase(result.worker.cpuMs),
        phase(timeline.readMs),
        phase(timeline.evaluateMs),
        phase(timeline.writeMs),
        summary === null ? 'n/a' : formatCount(summary.apiCalls),
        summary === null ? 'n/a' : formatCount(summary.written),
        megabytes(result.worker.peakRssMb),
        megabytes(timeline.rssAtReadEndMb),
        megabytes(result.org.peakRssMb)
    ];
}

/** Lists the self-checks of one size. */
function checksOf(result: RunResult): { check: string; passed: boolean }[] {
    const size = `${formatCount(result.sizes.leads)} leads`;
    const summary = result.timeline.summary;
    const mismatches = result.check?.mismatches ?? [];
    const finished = {
        check: `${size}: the first sync finished with status 0 and outcome success`,
        passed: completed(result)
    };
    if (!finished.passed) {
        // The other checks have nothing to compare after a failed sync.
        return [finished];
    }
    return [
        finished,
        {
            check: `${size}: every lead was read through Bulk API 2.0`,
            passed: result.timeline.bulkRows.Lead === result.sizes.leads
        },
        {
            check: `${size}: every signal in the scoring window was read (${formatCount(result.signalsInWindow ?? 0)})`,
            passed:
                result.signalsInWindow !== null &&
                (result.timeline.bulkRows.Engagement_Signal__c ?? 0) === result.signalsInWindow
        },
        {
            check: `${size}: the worker wrote everything it planned, none failed`,
            passed: summary !== null && summary.failed === 0 && summary.written > 0
        },
        {
            check: `${size}: the org served the worker's API calls within 2 (worker ${summary?.apiCalls ?? 'n/a'} sent, ${result.timeline.socketRetries} of them again after a closed connection; org ${result.timeline.orgCalls})`,
            passed:
                summary !== null &&
                Math.abs(
                    result.timeline.orgCalls - (summary.apiCalls - result.timeline.socketRetries)
                ) <= 2
        },
        {
            check: `${size}: ${result.check?.groups ?? 0} sampled accounts and leads (${result.check?.leads ?? 0} leads, ${result.check?.clocks ?? 0} clocks) got the decisions of the engine alone${mismatches.length === 0 ? '' : `; first mismatch: ${mismatches[0] ?? ''}`}`,
            passed: result.check !== null && result.check.leads > 0 && mismatches.length === 0
        }
    ];
}

function growthNote(results: readonly RunResult[]): string | null {
    const done = results.filter(completed);
    const first = done[0];
    const last = done.at(-1);
    if (first === undefined || last === undefined || first === last) {
        return null;
    }
    const factor = last.sizes.leads / first.sizes.leads;
    const calls = (result: RunResult): number => result.timeline.summary?.apiCalls ?? 0;
    return `Growth from ${formatCount(first.sizes.leads)} to ${formatCount(last.sizes.leads)} leads (${formatRatio(factor)}): wall time ${formatRatio(last.wallMs / first.wallMs)}, API calls ${formatRatio(calls(last) / Math.max(1, calls(first)))}, worker peak memory ${formatRatio(last.worker.peakRssMb / Math.max(1, first.worker.peakRssMb))}.`;
}

function failureNote(result: RunResult): string {
    const reason = result.timedOut
        ? 'it timed out'
        : `it exited with ${result.exit.signal ?? `status ${String(result.exit.code)}`}`;
    // A crash report's first lines name the error, while its native stack frames add nothing.
    const crash = result.workerText.filter((line) => /error|Mark-Compact|Scavenge/i.test(line));
    const detail = [...result.workerErrors, ...crash.slice(0, 4)].join(' | ');
    return `${formatCount(result.sizes.leads)} leads did not complete: ${reason}; worker peak RSS ${megabytes(result.worker.peakRssMb)}. ${detail.slice(0, 600)}`;
}

function buildSection(options: Options, results: readonly RunResult[]): BenchSection {
    const largest = results.at(-1);
    const goals: BenchGoal[] = [];
    if (largest !== undefined && largest.sizes.leads >= 1_000_000) {
        goals.push({
            goal: 'first sync of a 1M-lead org through Bulk API 2.0 completes',
            met: completed(largest),
            measured: completed(largest)
                ? formatDuration(largest.wallMs)
                : `failed after ${formatDuration(largest.wallMs)}`
        });
    }
    const notes = [
        `Org per size: N leads, N/10 accounts, ${options.signalsPerLead} signals per lead over 200 days (the worker reads the 180-day scoring window), 75 users; local org and worker in separate processes; worker heap limit ${formatCount(options.workerHeapMb)} MB.`,
        "Read, Evaluate and Write come from the two processes' logs: reading ends with the last Bulk API 2.0 read, writing starts with the next request. Worker CPU is its user and system time, which a loaded machine does not inflate. API calls are the worker's count for the cycle.",
        ...results.map(
            (result) =>
                `${formatCount(result.sizes.leads)} leads: seeded in ${result.seedSeconds.toFixed(0)} s; local org CPU ${phase(result.org.cpuMs)}; ${formatCount(result.timeline.bulkCalls)} of ${formatCount(result.timeline.orgCalls)} calls were Bulk API 2.0 query requests; ${formatCount(result.timeline.summary?.written ?? 0)} records written.`
        ),
        ...results.filter((result) => !completed(result)).map(failureNote),
        `Benchmark process peak RSS (seeding and checks): ${formatCount(peakRssMb())} MB.`
    ];
    const growth = growthNote(results);
    return {
        title: 'Backfill: first sync through Bulk API 2.0',
        columns: [
            'Leads',
            'Signals read',
            'Wall time',
            'Worker CPU',
            'Read',
            'Evaluate',
            'Write',
            'API calls',
            'Written',
            'Worker peak RSS',
            'Worker RSS after read',
            'Local org peak RSS'
        ],
        rows: results.map(rowOf),
        goals,
        checks: results.flatMap(checksOf),
        notes: growth === null ? notes : [...notes, growth]
    };
}

async function main(): Promise<void> {
    const options = parseOptions();
    const results: RunResult[] = [];
    // A failed size does not stop the larger ones, because they may fail in another way.
    for (const leads of options.leads) {
        process.stderr.write(`backfill: seeding and syncing ${formatCount(leads)} leads...\n`);
        const result = await runBackfill({
            sizes: {
                leads,
                accounts: Math.max(1, Math.round(leads / 10)),
                signals: leads * options.signalsPerLead
            },
            seed: options.seed,
            sampleAccounts: options.sample,
            workerNodeFlags: [
                `--max-old-space-size=${options.workerHeapMb}`,
                ...options.workerFlags
            ],
            timeoutMs: options.timeoutMs,
            keepDir: options.keepDir
        });
        results.push(result);
    }
    reportSection(buildSection(options, results), options.json);
}

main().catch((error: unknown) => {
    process.stderr.write(
        `backfill: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`
    );
    process.exitCode = 1;
});
