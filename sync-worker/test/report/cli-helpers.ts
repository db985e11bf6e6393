/**
 * Runs the `lead-sla` command line in this process, as the docs show it, and returns
 * what it printed and its exit status. Environment variables set for one run are
 * restored afterwards.
 */
import { main } from '../../src/cli/main';

/** Exit status and output of one command. */
export interface CliRun {
    readonly status: number;
    readonly stdout: string;
    /** Standard error without log lines: the message of an error that ended the command. */
    readonly stderr: string;
}

type WriteStream = NodeJS.WriteStream;

/** Collects what is written to a stream until the returned function restores it. */
function capture(stream: WriteStream, chunks: string[]): () => void {
    const spy = jest.spyOn(stream, 'write').mockImplementation((chunk: unknown) => {
        chunks.push(typeof chunk === 'string' ? chunk : String(chunk));
        return true;
    });
    return () => {
        spy.mockRestore();
    };
}

/** Runs `lead-sla <args>` with extra environment variables. */
export async function runCli(
    args: readonly string[],
    env: Readonly<Record<string, string>> = {}
): Promise<CliRun> {
    const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
    Object.assign(process.env, env);
    const stdout: string[] = [];
    const stderr: string[] = [];
    const restoreStdout = capture(process.stdout, stdout);
    const restoreStderr = capture(process.stderr, stderr);
    process.exitCode = undefined;
    try {
        const status = await main(['node', 'lead-sla', ...args]);
        return { status, stdout: stdout.join(''), stderr: stderr.join('') };
    } finally {
        restoreStdout();
        restoreStderr();
        // The commands report through process.exitCode; the test runner must not inherit it.
        process.exitCode = undefined;
        for (const [name, value] of Object.entries(saved)) {
            if (value === undefined) {
                Reflect.deleteProperty(process.env, name);
            } else {
                process.env[name] = value;
            }
        }
    }
}
