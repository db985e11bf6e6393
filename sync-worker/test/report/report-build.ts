/**
 * A runnable copy of `lead-sla report` for tests that must run it as a child process:
 * the HTML report loads Vega with `import()`, which Jest's module system cannot run.
 * The sources the command reaches are transpiled without a type check into a
 * temporary folder, so the child runs the sources under test rather than a `dist/`
 * build that may be stale. They are compiled for `module: node16`, as `npm run build`
 * does, which keeps `import()` as it is. A `node_modules` link in the folder lets the
 * child's `import()` find the project's packages, which `NODE_PATH` cannot do for
 * ES modules.
 */
import { spawnSync } from 'node:child_process';
import {
    existsSync,
    mkdirSync,
    mkdtempSync,
    readFileSync,
    rmSync,
    symlinkSync,
    writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** The project root: the folder with `package.json` above this file. */
export const PROJECT_ROOT = resolve(__dirname, '..', '..', '..');

const COMMAND_SOURCE = 'sync-worker/src/cli/commands/report.ts';
const LOGGING_SOURCE = 'sync-worker/src/logging/index.ts';

const COMPILER_OPTIONS: ts.CompilerOptions = {
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    target: ts.ScriptTarget.ES2023,
    esModuleInterop: true,
    isolatedModules: true,
    sourceMap: false
};

/** Exit status and output of one run. */
export interface ReportRun {
    readonly status: number | null;
    readonly stdout: string;
    readonly stderr: string;
}

/** A transpiled `lead-sla report`. */
export interface ReportBuild {
    readonly folder: string;
    /** Runs `lead-sla report <args>` with the project root as working folder. */
    run(args: readonly string[], env?: Readonly<Record<string, string>>): ReportRun;
    remove(): void;
}

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

/** Lists the TypeScript files the entries reach through relative imports. */
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

/** Entry script: a `lead-sla` program with the report command alone, run on the arguments. */
function entryScript(commandModule: string, loggingModule: string): string {
    return `'use strict';
const { Command, CommanderError } = require('commander');
const { registerReportCommand } = require(${JSON.stringify(commandModule)});
const { describeError } = require(${JSON.stringify(loggingModule)});

async function run(args) {
    const program = new Command('lead-sla').exitOverride();
    registerReportCommand(program);
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

run(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
});
`;
}

/** Transpiles the report command into a new temporary folder. */
export function buildReportCommand(): ReportBuild {
    const folder = mkdtempSync(join(tmpdir(), 'lead-sla-report-'));
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
    symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(folder, 'node_modules'), 'dir');
    const entry = join(folder, 'run-report.js');
    writeFileSync(
        entry,
        entryScript(
            compiledPath(join(PROJECT_ROOT, COMMAND_SOURCE)),
            compiledPath(join(PROJECT_ROOT, LOGGING_SOURCE))
        )
    );
    return {
        folder,
        run: (args, env = {}) => {
            const result = spawnSync(
                process.execPath,
                ['--disable-warning=ExperimentalWarning', entry, 'report', ...args],
                {
                    cwd: PROJECT_ROOT,
                    encoding: 'utf8',
                    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
                    timeout: 60_000
                }
            );
            return { status: result.status, stdout: result.stdout, stderr: result.stderr };
        },
        remove: () => {
            rmSync(folder, { recursive: true, force: true });
        }
    };
}
