import type { Command } from 'commander';

export function registerValidateMetadataCommand(program: Command): void {
    program
        .command('validate-metadata')
        .description(
            'Check the Salesforce metadata in force-app offline (XML, layout, references, conversion).'
        )
        .argument('[folder]', 'the package folder to check', 'force-app')
        .action(() => {
            throw new Error('not implemented');
        });
}
