/**
 * Engine throughput benchmark: a full evaluation of a large org on one core, next to
 * the time it takes merely to read the same data. It runs three sizes to show how the
 * cost grows, each with 10 signals per lead, one account per 10 leads and 75 users.
 *
 * Each size runs in a child process of its own, pinned to one core with `taskset -c 0`
 * where available, so that its peak memory (max RSS) is its own. The child generates
 * the org as Bulk API 2.0 style CSV files and times three steps:
 * - read: parse the files into records;
 * - read + validate: parse them and validate every record with the worker's record
 *   schemas into the engine's snapshot (signals in columns);
 * - evaluate: the policy in account groups, each group's plan counted the way the worker
 *   would write it before the next group is computed.
 * Times are the CPU time of each step, since other jobs share the machine. It checks
 * that every lead was evaluated once, that sampled accounts evaluated alone decide the
 * same, and that the intent score equals one computed by hand.
 *
 * Full run (about 15 minutes on 2 cores; some 1.5 GB of disk while the 1M org exists):
 *   npm run build && npx node dist/scripts/bench/engine.js
 *
 * Options: --quick (10k, 30k and 100k leads), --leads N,N,N (default
 * 100000,300000,1000000), --sample N leads to check per size (default 200),
 * --group-size N people and accounts per group (default 20,000), --heap-mb N heap
 * limit of each child in MiB (default 1024, 0 for V8's default), --seed N, --json FILE.
 * The exit status is 1 when a check fails.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_GROUP_SIZE } from '../../sync-worker/src/policy/chunks';
import { runSize, type RunOptions, type SizeRow } from './engine-run';
import {
    formatCount,
    formatDuration,
    formatRatio,
    reportSection,
    type BenchGoal,
    type BenchSection
} from './section';

const FULL_LEADS = [100_000, 300_000, 1_000_000];
const QUICK_LEADS = [10_000, 30_000, 100_000];
/** The goals: evaluation within 3x of reading, peak memory under 2 GiB. */
const MAX_RATIO = 3;
const MAX_RSS_MB = 2048;
/**
 * Heap limit of each child in MiB, as a service with a 2 GiB memory budget would set it.
 * Without a limit V8 lets the heap grow to several times the live data while the
 * validation allocates, most of all on a loaded machine.
 */
const CHILD_HEAP_MB = 1024;

interface Options extends RunOptions {
    readonly leads: readonly number[];
    /** `--max-old-space-size` of each child in MiB; 0 leaves V8's default. */
    readonly heapMb: number;
    readonly quick: boolean;
    readonly json: string | undefined;
    /** Child mode: the one size to run and the file to write its row to. */
    readonly size: number | undefined;
    readonly row: string | undefined;
}

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
            sample: { type: 'string', default: '200' },
            'group-size': { type: 'string', default: String(DEFAULT_GROUP_SIZE) },
            'heap-mb': { type: 'string', default: String(CHILD_HEAP_MB) },
            seed: { type: 'string', default: '42' },
            json: { type: 'string' },
            size: { type: 'string' },
            row: { type: 'string' }
        }
    });
    const leads =
        values.leads === undefined
            ? values.quick
                ? QUICK_LEADS
                : FULL_LEADS
            : values.leads.split(',').map((text) => wholeNumber('leads', text));
    return {
        leads,
        quick: values.quick,
        json: values.json,
        sample: wholeNumber('sample', values.sample),
        groupSize: wholeNumber('group-size', values['group-size']),
        heapMb: values['heap-mb'] === '0' ? 0 : wholeNumber('heap-mb', values['heap-mb']),
        seed: wholeNumber('seed', values.seed),
        size: values.size === undefined ? undefined : wholeNumber('size', values.size),
        row: values.row
    };
}

function sizesOf(leads: number) {
    return { leads, signals: leads * 10, accounts: Math.max(1, Math.round(leads / 10)) };
}

/** True when `taskset` can pin a child process to core 0. */
function canPin(): boolean {
    return spawnSync('taskset', ['-c', '0', 'true']).status === 0;
}

/** Runs one size in a child process and reads back its row; null when the child failed. */
function runChild(
    leads: number,
    options: Options,
    pinned: boolean,
    folder: string
): SizeRow | null {
    const rowFile = join(folder, `${leads}.json`);
    const args = [
        ...process.execArgv,
        ...(options.heapMb > 0 ? [`--max-old-space-size=${options.heapMb}`] : []),
        __filename,
        '--size',
        String(leads),
        '--row',
        rowFile,
        '--sample',
        String(options.sample),
        '--group-size',
        String(options.groupSize),
        '--seed',
        String(options.seed)
    ];
    const [command, commandArgs] = pinned
        ? ['taskset', ['-c', '0', process.execPath, ...args]]
        : [process.execPath, args];
    process.stderr.write(`engine: ${formatCount(leads)} leads\n`);
    const result = spawnSync(command, commandArgs, { stdio: ['ignore', 'inherit', 'inherit'] });
    if (result.status !== 0 || !existsSync(rowFile)) {
        process.stderr.write(`engine: the run of ${leads} leads failed (exit ${result.status})\n`);
        return null;
    }
    return JSON.parse(readFileSync(rowFile, 'utf8')) as SizeRow;
}

function tableRow(row: SizeRow): string[] {
    const { sizes } = row;
    return [
        formatCount(sizes.leads),
        formatCount(sizes.signals),
        formatCount(sizes.accounts),
        formatDuration(row.readMs),
        formatDuration(row.readValidateMs),
        formatDuration(row.evaluateMs),
        formatRatio(row.evaluateMs / row.readMs),
        formatRatio(row.evaluateMs / row.readValidateMs),
        `${formatCount(row.peakRssMb)} MB`
    ];
}

function goalsOf(largest: SizeRow | undefined): BenchGoal[] {
    if (largest === undefined) {
        return [];
    }
    const size = `${formatCount(largest.sizes.leads)} leads`;
    const ratio = largest.evaluateMs / largest.readMs;
    return [
        {
            goal: `full evaluation within ${MAX_RATIO}x of reading the same data (${size})`,
            met: ratio <= MAX_RATIO,
            measured: formatRatio(ratio)
        },
        {
            goal: `peak memory of the full evaluation under 2 GiB (${size})`,
            met: largest.peakRssMb < MAX_RSS_MB,
            measured: `${formatCount(largest.peakRssMb)} MB`
        }
    ];
}

function notesOf(rows: readonly SizeRow[], options: Options, pinned: boolean): string[] {
    const notes = [
        `${pinned ? 'Each size ran pinned to one core (taskset -c 0)' : 'taskset is missing: the sizes ran unpinned'}, in a process of its own${options.heapMb > 0 ? ` with --max-old-space-size=${options.heapMb}` : ''}; peak RSS is that process's maximum resident set, reading included.`,
        `Read: parse the CSV files into records. Read + validate: the same, then the worker's record schemas into the engine's snapshot. Evaluate: the policy in account groups of about ${formatCount(options.groupSize)} people and accounts, each group's plan counted and dropped before the next.`,
        'Times are CPU time (user and system) of the process during each step, because other jobs share the machine and its cores; on an idle core they equal the wall time. Wall times follow per size.'
    ];
    for (const row of rows) {
        const { plan } = row;
        notes.push(
            `${formatCount(row.sizes.leads)} leads: wall time ${formatDuration(row.wallMs.read)} read, ${formatDuration(row.wallMs.readValidate)} read and validated, ${formatDuration(row.wallMs.evaluate)} evaluated (${formatDuration(row.wallMs.generate)} to generate the files); ${formatCount(plan.parts)} parts; ${formatCount(plan.leadUpdates)} lead updates, ${formatCount(plan.otherUpdates)} other updates, ${formatCount(plan.ownerChanges)} owner changes, ${formatCount(plan.clocks)} clocks, ${formatCount(plan.otherWrites)} other writes; largest part ${formatCount(plan.largestPart)} records; heap after reading ${formatCount(row.heapAfterReadMb)} MB, peak RSS by then ${formatCount(row.peakAfterReadMb)} MB; evaluation ${((row.evaluateMs * 1000) / row.sizes.leads).toFixed(1)} µs per lead.`
        );
        row.mismatches.forEach((line) => notes.push(`Mismatch: ${line}`));
    }
    return notes;
}

async function runChildMode(options: Options, size: number, rowFile: string): Promise<void> {
    const row = await runSize(sizesOf(size), options);
    writeFileSync(rowFile, JSON.stringify(row));
    process.stderr.write(
        `engine: ${formatCount(size)} leads, CPU time: read ${formatDuration(row.readMs)}, read and validated ${formatDuration(row.readValidateMs)}, evaluated ${formatDuration(row.evaluateMs)}; peak ${formatCount(row.peakRssMb)} MB\n`
    );
}

function runParent(options: Options): void {
    const pinned = canPin();
    const folder = mkdtempSync(join(tmpdir(), 'bench-engine-rows-'));
    const rows: SizeRow[] = [];
    const failed: number[] = [];
    try {
        for (const leads of options.leads) {
            const row = runChild(leads, options, pinned, folder);
            if (row === null) {
                failed.push(leads);
            } else {
                rows.push(row);
            }
        }
    } finally {
        rmSync(folder, { recursive: true, force: true });
    }
    const section: BenchSection = {
        title: 'Policy engine: full evaluation next to reading the data',
        columns: [
            'Leads',
            'Signals',
            'Accounts',
            'Read',
            'Read + validate',
            'Evaluate',
            'Evaluate / read',
            'Evaluate / (read + validate)',
            'Peak RSS'
        ],
        rows: rows.map(tableRow),
        goals: goalsOf(rows.at(-1)),
        checks: [
            ...rows.flatMap((row) => row.checks),
            ...failed.map((leads) => ({
                check: `${formatCount(leads)} leads: the run finished`,
                passed: false
            }))
        ],
        notes: notesOf(rows, options, pinned)
    };
    reportSection(section, options.json);
}

async function main(): Promise<void> {
    const options = parseOptions();
    if (options.size !== undefined && options.row !== undefined) {
        await runChildMode(options, options.size, options.row);
    } else {
        runParent(options);
    }
}

main().catch((error: unknown) => {
    process.stderr.write(`engine: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
});
