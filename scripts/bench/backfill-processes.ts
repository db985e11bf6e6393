/**
 * Child processes of the benchmarks: the `lead-sla` command line (the worker, or the
 * local org) run with the project's Node.js, with JSON logs collected line by line and
 * the memory probe preloaded. Running them apart from the benchmark keeps each process's
 * memory and CPU its own.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** The command-line entry point, from `dist/scripts/bench`. */
export const LEAD_SLA_BIN = join(__dirname, '..', '..', '..', 'sync-worker', 'bin', 'lead-sla.js');

const PROBE_MODULE = join(__dirname, 'backfill-probe.js');

/** One JSON log line of a child (winston's JSON format). */
export interface LogLine {
    readonly timestamp: string;
    readonly level: string;
    readonly message: string;
    readonly module?: string;
    readonly [field: string]: unknown;
}

/** Exit code or signal of a child. */
export interface ChildExit {
    readonly code: number | null;
    readonly signal: NodeJS.Signals | null;
}

/** A running child with everything it printed so far. */
export interface Child {
    readonly process: ChildProcess;
    /** JSON log lines from standard output and standard error, in arrival order. */
    readonly logs: LogLine[];
    /** Lines that are not JSON (command output, crash reports). */
    readonly text: string[];
    readonly exited: Promise<ChildExit>;
    /** Resolves with the first text line matching `pattern`, or rejects after `timeoutMs`. */
    waitForText(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
}

/** Options of `startLeadSla`. */
export interface ChildOptions {
    readonly args: readonly string[];
    /** Variables added to this process's environment; `LOG_FORMAT` is always `json`. */
    readonly env: Readonly<Record<string, string>>;
    readonly cwd?: string;
    /** Node.js flags, such as `--max-old-space-size=8192`. */
    readonly nodeFlags?: readonly string[];
    /** File the memory probe appends its samples to. Without it, no probe is loaded. */
    readonly probeFile?: string;
    /** Called with each JSON log line as it arrives. */
    readonly onLog?: (line: LogLine) => void;
}

function parseLogLine(text: string): LogLine | null {
    if (!text.startsWith('{')) {
        return null;
    }
    try {
        const parsed: unknown = JSON.parse(text);
        if (
            typeof parsed === 'object' &&
            parsed !== null &&
            'message' in parsed &&
            'timestamp' in parsed
        ) {
            return parsed as LogLine;
        }
    } catch {
        // Not a log line: kept as text below.
    }
    return null;
}

/** Starts `lead-sla <args>` with the project's Node.js (this process's executable). */
export function startLeadSla(options: ChildOptions): Child {
    const probe = options.probeFile === undefined ? [] : ['--require', PROBE_MODULE];
    const child = spawn(
        process.execPath,
        [
            '--disable-warning=ExperimentalWarning',
            ...(options.nodeFlags ?? []),
            ...probe,
            LEAD_SLA_BIN,
            ...options.args
        ],
        {
            cwd: options.cwd,
            env: {
                ...process.env,
                ...options.env,
                LOG_FORMAT: 'json',
                ...(options.probeFile === undefined ? {} : { BENCH_PROBE_FILE: options.probeFile })
            },
            stdio: ['ignore', 'pipe', 'pipe']
        }
    );
    const logs: LogLine[] = [];
    const text: string[] = [];
    const waiters: { pattern: RegExp; resolve: (match: RegExpMatchArray) => void }[] = [];
    const onLine = (line: string): void => {
        const log = parseLogLine(line);
        if (log !== null) {
            logs.push(log);
            options.onLog?.(log);
            return;
        }
        text.push(line);
        for (const waiter of [...waiters]) {
            const match = line.match(waiter.pattern);
            if (match !== null) {
                waiters.splice(waiters.indexOf(waiter), 1);
                waiter.resolve(match);
            }
        }
    };
    for (const stream of [child.stdout, child.stderr]) {
        createInterface({ input: stream, crlfDelay: Infinity }).on('line', onLine);
    }
    const exited = new Promise<ChildExit>((resolve) => {
        child.on('exit', (code, signal) => {
            resolve({ code, signal });
        });
    });
    const waitForText = (pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> => {
        for (const line of text) {
            const seen = line.match(pattern);
            if (seen !== null) {
                return Promise.resolve(seen);
            }
        }
        return new Promise((resolve, reject) => {
            const timer = setTimeout(() => {
                reject(
                    new Error(
                        `lead-sla ${options.args[0] ?? ''} printed no line matching ${String(pattern)} within ${timeoutMs} ms; its output:\n${text.slice(-20).join('\n')}`
                    )
                );
            }, timeoutMs);
            waiters.push({
                pattern,
                resolve: (match) => {
                    clearTimeout(timer);
                    resolve(match);
                }
            });
            void exited.then(() => {
                clearTimeout(timer);
                reject(
                    new Error(
                        `lead-sla ${options.args[0] ?? ''} exited before printing ${String(pattern)}; its output:\n${text.slice(-20).join('\n')}`
                    )
                );
            });
        });
    };
    return { process: child, logs, text, exited, waitForText };
}

/** Stops a child with SIGTERM and waits for it, with SIGKILL after `graceMs`. */
export async function stopChild(child: Child, graceMs: number): Promise<ChildExit> {
    if (child.process.exitCode !== null || child.process.signalCode !== null) {
        return child.exited;
    }
    child.process.kill('SIGTERM');
    const timer = setTimeout(() => {
        child.process.kill('SIGKILL');
    }, graceMs);
    const exit = await child.exited;
    clearTimeout(timer);
    return exit;
}

/** Memory samples and peak of a probed process, in megabytes. */
export interface ProbeReport {
    readonly samples: readonly { at: number; rssMb: number; heapUsedMb: number }[];
    /** `maxRSS` at exit, or the largest sampled RSS when the process did not exit normally. */
    readonly peakRssMb: number;
    /** False when the process died before its exit handler ran (a crash or a kill). */
    readonly exitedNormally: boolean;
    /** User and system CPU time at exit in milliseconds; null without a normal exit. */
    readonly cpuMs: number | null;
}

export function readProbe(file: string): ProbeReport {
    let text = '';
    try {
        text = readFileSync(file, 'utf8');
    } catch {
        return { samples: [], peakRssMb: 0, exitedNormally: false, cpuMs: null };
    }
    const samples: { at: number; rssMb: number; heapUsedMb: number }[] = [];
    let peak: number | null = null;
    let cpuMs: number | null = null;
    for (const line of text.split('\n').filter((entry) => entry !== '')) {
        const entry = JSON.parse(line) as {
            at: number;
            rssMb?: number;
            heapUsedMb?: number;
            peakRssMb?: number;
            cpuMs?: number;
        };
        if (entry.peakRssMb !== undefined) {
            peak = entry.peakRssMb;
            cpuMs = entry.cpuMs ?? null;
        } else {
            samples.push({
                at: entry.at,
                rssMb: entry.rssMb ?? 0,
                heapUsedMb: entry.heapUsedMb ?? 0
            });
        }
    }
    return {
        samples,
        peakRssMb: peak ?? Math.max(0, ...samples.map((entry) => entry.rssMb)),
        exitedNormally: peak !== null,
        cpuMs
    };
}
