import { Command, CommanderError } from 'commander';
import { registerImportCommand } from './commands/import';
import { registerLocalOrgCommand } from './commands/local-org';
import { registerReportCommand } from './commands/report';
import { registerSimulateCommand } from './commands/simulate';
import { registerStartCommand } from './commands/start';
import { registerSyncCommand } from './commands/sync';
import { registerValidateMetadataCommand } from './commands/validate-metadata';
import { describeError } from '../logging';

/** Builds the `lead-sla` program with every subcommand that exists. */
export function buildProgram(): Command {
    const program = new Command('lead-sla')
        .description(
            'Lead Lifecycle SLA: enforces the marketing-to-sales service-level agreement on a Salesforce org.'
        )
        .showHelpAfterError()
        .exitOverride();
    registerStartCommand(program);
    registerSyncCommand(program);
    registerValidateMetadataCommand(program);
    registerLocalOrgCommand(program);
    registerImportCommand(program);
    registerReportCommand(program);
    registerSimulateCommand(program);
    return program;
}

/**
 * Runs the command line and returns the process exit code. Commands report their own
 * outcome through `process.exitCode`; errors that escape them are printed, redacted.
 */
export async function main(argv: readonly string[]): Promise<number> {
    const program = buildProgram();
    try {
        await program.parseAsync([...argv]);
        return typeof process.exitCode === 'number' ? process.exitCode : 0;
    } catch (error) {
        if (error instanceof CommanderError) {
            // Help and version output end through exitOverride with code 0.
            return error.exitCode;
        }
        process.stderr.write(`lead-sla: ${describeError(error)}\n`);
        return 1;
    }
}
