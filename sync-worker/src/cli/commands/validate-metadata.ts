import { relative } from 'node:path';
import type { Command } from 'commander';
import { validateMetadata, type MetadataProblem, type ValidationReport } from '../../metadata';

/**
 * `lead-sla validate-metadata [folder]`: validates a Salesforce DX package offline and
 * prints one `path:line: message` line per problem, then a summary. The exit code is 1
 * when there is any problem.
 */
export function registerValidateMetadataCommand(program: Command): void {
    program
        .command('validate-metadata')
        .description(
            'Check the Salesforce metadata in force-app offline (XML, layout, references, conversion).'
        )
        .argument('[folder]', 'the package folder to check', 'force-app')
        .action(async (folder: string) => {
            const report = await validateMetadata(folder);
            process.stdout.write(formatReport(report, process.cwd()));
            if (report.problems.length > 0) {
                process.exitCode = 1;
            }
        });
}

/** Formats a report as problem lines, with paths relative to `cwd`, and a summary line. */
export function formatReport(report: ValidationReport, cwd: string): string {
    const lines = report.problems.map((problem) => formatProblem(problem, cwd));
    const folder = relative(cwd, report.folder) || '.';
    const checked = `${report.filesChecked} files checked in ${folder}`;
    if (report.problems.length === 0) {
        lines.push(
            `No problems found: ${checked}; the package converts with ${report.packageTypes.length} metadata types.`
        );
    } else {
        const files = new Set(report.problems.map((problem) => problem.file)).size;
        lines.push(
            `${plural(report.problems.length, 'problem')} in ${plural(files, 'file')}: ${checked}.`
        );
    }
    return `${lines.join('\n')}\n`;
}

function formatProblem(problem: MetadataProblem, cwd: string): string {
    const path = relative(cwd, problem.file) || '.';
    const location = problem.line === undefined ? path : `${path}:${problem.line}`;
    return `${location}: ${problem.message}`;
}

function plural(count: number, noun: string): string {
    return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
