import type { Command } from 'commander';

/**
 * `lead-sla start`: the command behind `npm start`. It will start the local org with a
 * generated sample org and run the sync worker on its schedule; until the worker exists
 * it says so instead of pretending to run.
 */
export function registerStartCommand(program: Command): void {
    program
        .command('start')
        .description(
            'Run the main job: a local org with sample data and the sync worker on its schedule.'
        )
        .action(() => {
            process.stdout.write(
                [
                    'The main job is not available yet: the sync worker and the local org are still being built.',
                    'What works today:',
                    '  npx lead-sla validate-metadata   check the Salesforce metadata in force-app offline',
                    '  npm test                         run the test suites',
                    ''
                ].join('\n')
            );
        });
}
