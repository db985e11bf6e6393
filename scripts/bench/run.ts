/**
 * `npm run bench`: runs every benchmark against the local org, each in its own process
 * so that its peak memory is its own, and prints one report: the machine, then each
 * benchmark's table, goals and self-checks. The exit status is 1 when a self-check of
 * any benchmark failed or a benchmark did not finish.
 *
 * Options (after `npm run bench --`):
 *   --quick         small sizes, for a look in a few minutes
 *   --only NAME     run one benchmark (repeatable): api-calls, engine, latency, backfill
 *   --out FILE      also write the report as Markdown to FILE
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { renderSection, type BenchSection } from './section';

interface Benchmark {
    readonly name: string;
    /** Node.js flags the benchmark needs (heap ceiling for the large sizes). */
    readonly nodeFlags: readonly string[];
}

/** In the order they run: the cheap ones first, so a broken build fails early. */
const BENCHMARKS: readonly Benchmark[] = [
    { name: 'api-calls', nodeFlags: [] },
    { name: 'latency', nodeFlags: [] },
    { name: 'engine', nodeFlags: [] },
    { name: 'backfill', nodeFlags: [] }
];

interface Outcome {
    readonly name: string;
    readonly section: BenchSection | undefined;
    readonly status: number | null;
    readonly seconds: number;
}

function machine(): string[] {
    const cpu = cpus();
    const load = loadavg().map((value) => value.toFixed(1));
    return [
        `- Date: ${new Date().toISOString()}`,
        `- Machine: ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB`,
        `- Node.js ${process.versions.node} on ${process.platform}`,
        `- Load average at start (1, 5, 15 min): ${load.join(', ')}`
    ];
}

function runOne(benchmark: Benchmark, quick: boolean, folder: string): Outcome {
    const script = join(__dirname, `${benchmark.name}.js`);
    const jsonFile = join(folder, `${benchmark.name}.json`);
    const args = [
        '--disable-warning=ExperimentalWarning',
        ...benchmark.nodeFlags,
        script,
        '--json',
        jsonFile,
        ...(quick ? ['--quick'] : [])
    ];
    process.stderr.write(`\n== ${benchmark.name}: node ${args.join(' ')}\n`);
    const started = Date.now();
    // The child's own table goes to the terminal as it runs; the JSON file is the record.
    const result = spawnSync(process.execPath, args, {
        stdio: ['ignore', 'inherit', 'inherit'],
        env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' }
    });
    const seconds = (Date.now() - started) / 1000;
    const section = existsSync(jsonFile)
        ? (JSON.parse(readFileSync(jsonFile, 'utf8')) as BenchSection)
        : undefined;
    return { name: benchmark.name, section, status: result.status, seconds };
}

function main(): void {
    const { values } = parseArgs({
        options: {
            quick: { type: 'boolean', default: false },
            only: { type: 'string', multiple: true },
            out: { type: 'string' }
        }
    });
    const only = values.only ?? [];
    const unknown = only.filter((name) => !BENCHMARKS.some((b) => b.name === name));
    if (unknown.length > 0) {
        throw new Error(
            `Unknown benchmark ${unknown.join(', ')}; choose from ${BENCHMARKS.map((b) => b.name).join(', ')}.`
        );
    }
    const chosen = BENCHMARKS.filter((b) => only.length === 0 || only.includes(b.name));
    const header = machine();
    const folder = mkdtempSync(join(tmpdir(), 'lead-sla-bench-'));
    const outcomes: Outcome[] = [];
    try {
        chosen.forEach((benchmark) => outcomes.push(runOne(benchmark, values.quick, folder)));
    } finally {
        rmSync(folder, { recursive: true, force: true });
    }

    const parts = [`# Benchmark report${values.quick ? ' (quick sizes)' : ''}`, '', ...header, ''];
    outcomes.forEach((outcome) => {
        if (outcome.section === undefined) {
            parts.push(
                `## ${outcome.name}`,
                '',
                `- Did not finish (exit status ${String(outcome.status)} after ${outcome.seconds.toFixed(0)} s).`,
                ''
            );
        } else {
            parts.push(
                renderSection(outcome.section),
                `- Ran in ${outcome.seconds.toFixed(0)} s.`,
                ''
            );
        }
    });
    const goals = outcomes.flatMap((outcome) => outcome.section?.goals ?? []);
    const failed = outcomes.filter(
        (outcome) =>
            outcome.section === undefined ||
            outcome.status !== 0 ||
            outcome.section.checks.some((check) => !check.passed)
    );
    parts.push(
        '## Summary',
        '',
        `- Goals met: ${goals.filter((goal) => goal.met).length} of ${goals.length}`,
        failed.length === 0
            ? '- Every benchmark finished and passed its self-checks.'
            : `- Failed or unfinished: ${failed.map((outcome) => outcome.name).join(', ')}`
    );
    const report = parts.join('\n');
    process.stdout.write(`\n${report}\n`);
    if (values.out !== undefined) {
        writeFileSync(values.out, `${report}\n`);
    }
    if (failed.length > 0) {
        process.exitCode = 1;
    }
}

main();
