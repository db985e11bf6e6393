/**
 * Runs the transpiled worker (see `worker-build.ts`) as child processes, one run at a
 * time. The next child is started while the current one runs, so each run starts with
 * its modules already loaded.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import type { WorkerBuild } from './worker-build';

type Child = ChildProcessByStdio<Writable, Readable, Readable>;

/** How a run ended. */
export interface RunExit {
    /** Exit status, or null when a signal ended the process. */
    readonly code: number | null;
    readonly signal: NodeJS.Signals | null;
    /** The last lines the child wrote to standard output and error. */
    readonly output: string;
}

/** A started run: its process, its end, and a kill that works until the process exits. */
export interface StartedRun {
    readonly pid: number | undefined;
    /** Sends SIGKILL unless the process has exited; returns whether it sent it. */
    kill(): boolean;
    readonly exit: Promise<RunExit>;
}

/** Characters of output kept per run, for failure messages. */
const OUTPUT_TAIL = 8_000;

/** Maximum time of one run, in milliseconds, before it is killed as hung. */
const RUN_TIMEOUT_MS = 60_000;

/** Starts worker processes from one build with one base environment. */
export class WorkerLauncher {
    private warm: Child | null = null;
    private readonly running = new Set<Child>();

    public constructor(
        private readonly build: WorkerBuild,
        private readonly baseEnv: Readonly<Record<string, string>>
    ) {}

    /**
     * Starts a run of `lead-sla` with `args`. The child adds `env` to its environment
     * just before the command runs, after the logger was set up from the base one.
     */
    public start(args: readonly string[], env: Readonly<Record<string, string>>): StartedRun {
        const child = this.warm ?? this.spawnChild();
        this.warm = this.spawnChild();
        let output = '';
        const keep = (chunk: Buffer): void => {
            output = (output + chunk.toString('utf8')).slice(-OUTPUT_TAIL);
        };
        child.stdout.on('data', keep);
        child.stderr.on('data', keep);
        const alive = (): boolean => child.exitCode === null && child.signalCode === null;
        const exit = new Promise<RunExit>((resolve) => {
            const timer = setTimeout(() => {
                output += `\n[killed after ${RUN_TIMEOUT_MS} ms without exiting]`;
                child.kill('SIGKILL');
            }, RUN_TIMEOUT_MS);
            child.once('close', (code, signal) => {
                clearTimeout(timer);
                this.running.delete(child);
                resolve({ code, signal, output });
            });
        });
        this.running.add(child);
        child.stdin.end(`${JSON.stringify({ args, env })}\n`);
        return {
            pid: child.pid,
            kill: () => (alive() ? child.kill('SIGKILL') : false),
            exit
        };
    }

    /** Kills the warm child and any run still going. */
    public async close(): Promise<void> {
        const children = [...this.running, ...(this.warm === null ? [] : [this.warm])];
        this.warm = null;
        await Promise.all(
            children.map(
                (child) =>
                    new Promise<void>((resolve) => {
                        if (child.exitCode !== null || child.signalCode !== null) {
                            resolve();
                            return;
                        }
                        child.once('close', () => {
                            resolve();
                        });
                        child.kill('SIGKILL');
                    })
            )
        );
    }

    private spawnChild(): Child {
        const child = spawn(
            process.execPath,
            ['--disable-warning=ExperimentalWarning', this.build.entry],
            {
                cwd: this.build.folder,
                env: { ...this.baseEnv, ...this.build.env },
                stdio: ['pipe', 'pipe', 'pipe']
            }
        );
        // A warm child that is never used is killed by `close`; its exit needs no handling.
        child.on('error', () => undefined);
        return child;
    }
}
