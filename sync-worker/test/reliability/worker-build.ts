/**
 * A runnable copy of the worker for tests that need it as a child process. The
 * TypeScript sources reachable from the `sync` command are transpiled file by file
 * into a temporary folder, without a type check (`npm run typecheck` makes that one).
 * So the child runs the sources under test rather than a `dist/` build that may be
 * stale.
 *
 * The entry script builds a `lead-sla` program with the `sync` command alone (the
 * other commands would double the start-up time and play no part in a sync). Then it
 * waits for one line on standard input, the JSON `{ args, env }`. It adds `env` to its
 * environment and runs the program with `args`, exiting with the command's status as
 * `lead-sla` does. A harness can start the next child while the current one runs, so
 * that Node.js start-up and module loading overlap the run before.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** The project root, three folders above this file. */
export const PROJECT_ROOT = resolve(__dirname, '..', '..', '..');

/** Source of the command the child runs, relative to the project root. */
const COMMAND_SOURCE = 'sync-worker/src/cli/commands/sync.ts';

/** Source of `describeError`, which prints an error the command raises. */
const LOGGING_SOURCE = 'sync-worker/src/logging/index.ts';

/** A transpiled worker and how to run it. */
export interface WorkerBuild {
    /** Folder of the transpiled files; removed by `remove`. */
    readonly folder: string;
    /** Script to run with Node.js; see the file header for its protocol. */
    readonly entry: string;
    /** Environment the child needs: `NODE_PATH` to the project's node_modules, and a compile cache. */
    readonly env: Readonly<Record<string, string>>;
    /** Number of TypeScript files transpiled. */
    readonly files: number;
    remove(): void;
}

const COMPILER_OPTIONS: ts.CompilerOptions = {
    module: ts.ModuleKind.CommonJS,
    target: ts.ScriptTarget.ES2023,
    esModuleInterop: true,
    isolatedModules: true,
    sourceMap: false
};

/** Resolves a relative import to a TypeScript file, or null for a package or a missing file. */
function resolveImport(fromFile: string, specifier: string): string | null {
    if (!specifier.startsWith('.')) {
        return null;
    }
    const base = resolve(dirname(fromFile), specifier);
    for (const candidate of [`${base}.ts`, join(base, 'index.ts')]) {
        if (existsSync(candidate)) {
            return candidate;
        }
    }
    return null;
}

/** Lists the TypeScript files the entries reach through relative imports, type-only ones included. */
function reachableSources(entries: readonly string[]): string[] {
    const seen = new Set<string>(entries);
    const queue = [...entries];
    for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
        const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
        for (const imported of info.importedFiles) {
            const target = resolveImport(file, imported.fileName);
            if (target !== null && !seen.has(target)) {
                seen.add(target);
                queue.push(target);
            }
        }
    }
    return [...seen];
}

/** Entry script: loads the command, then runs the arguments of the first line of standard input. */
function entryScript(commandModule: string, loggingModule: string): string {
    return `'use strict';
const { Command, CommanderError } = require('commander');
const { registerSyncCommand } = require(${JSON.stringify(commandModule)});
const { describeError } = require(${JSON.stringify(loggingModule)});

async function run(args) {
    const program = new Command('lead-sla').exitOverride();
    registerSyncCommand(program);
    try {
        await program.parseAsync(['node', 'lead-sla', ...args]);
        return typeof process.exitCode === 'number' ? process.exitCode : 0;
    } catch (error) {
        if (error instanceof CommanderError) {
            return error.exitCode;
        }
        process.stderr.write('lead-sla: ' + describeError(error) + '\\n');
        return 1;
    }
}

let input = '';
const onData = (chunk) => {
    input += chunk;
    const end = input.indexOf('\\n');
    if (end < 0) {
        return;
    }
    process.stdin.off('data', onData);
    process.stdin.pause();
    const { args, env } = JSON.parse(input.slice(0, end));
    Object.assign(process.env, env);
    run(args).then((code) => {
        process.exitCode = code;
    });
};
process.stdin.setEncoding('utf8');
process.stdin.on('data', onData);
`;
}

/** Transpiles the worker into a new temporary folder. */
export function buildWorker(): WorkerBuild {
    const folder = mkdtempSync(join(tmpdir(), 'lead-sla-worker-'));
    const sources = reachableSources([
        join(PROJECT_ROOT, COMMAND_SOURCE),
        join(PROJECT_ROOT, LOGGING_SOURCE)
    ]);
    const compiledPath = (source: string): string =>
        join(folder, relative(PROJECT_ROOT, source)).replace(/\.ts$/, '.js');
    for (const source of sources) {
        const output = ts.transpileModule(readFileSync(source, 'utf8'), {
            compilerOptions: COMPILER_OPTIONS,
            fileName: source,
            reportDiagnostics: false
        });
        const target = compiledPath(source);
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, output.outputText);
    }
    const entry = join(folder, 'run-worker.js');
    writeFileSync(
        entry,
        entryScript(
            compiledPath(join(PROJECT_ROOT, COMMAND_SOURCE)),
            compiledPath(join(PROJECT_ROOT, LOGGING_SOURCE))
        )
    );
    return {
        folder,
        entry,
        env: {
            NODE_PATH: join(PROJECT_ROOT, 'node_modules'),
            // Node.js 22 keeps the compiled code of loaded modules here, so later children start faster.
            NODE_COMPILE_CACHE: join(folder, '.compile-cache')
        },
        files: sources.length,
        remove: () => {
            rmSync(folder, { recursive: true, force: true });
        }
    };
}
