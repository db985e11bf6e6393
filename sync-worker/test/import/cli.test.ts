import '../local-org/store/quiet-logs';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ID_MAP_FILE } from '../../../scripts/import';
import { buildProgram } from '../../src/cli/main';
import { runCli } from '../report/cli-helpers';
import { CRM_FIXTURE, EXPORT_FIXTURE, temporaryFolder } from './helpers';

describe('lead-sla import', () => {
    const temporary = temporaryFolder();
    const dataDir = path.join(temporary.folder, 'org');

    afterAll(() => {
        temporary.remove();
    });

    it('is listed with its arguments and options', () => {
        const command = buildProgram().commands.find((entry) => entry.name() === 'import');
        const help = command?.helpInformation() ?? '';
        expect(help).toContain('<kind>');
        expect(help).toContain('<folder>');
        expect(help).toContain('--data-dir');
    });

    it('loads an export, prints the summary and exits 2 when rows were rejected', async () => {
        const run = await runCli([
            'import',
            'salesforce-export',
            EXPORT_FIXTURE,
            '--data-dir',
            dataDir
        ]);
        expect(run.status).toBe(2);
        expect(run.stdout).toContain(`Imported salesforce-export from ${EXPORT_FIXTURE}`);
        expect(run.stdout).toMatch(/^ {2}Lead +8 +4 +0 +3$/m);
        expect(run.stdout).toContain('Rows with problems (');
        expect(run.stdout).toContain('Lead.csv:6: INVALID_EMAIL_ADDRESS');
        expect(run.stdout).toContain('Lead.csv: Branch__c');
        expect(existsSync(path.join(dataDir, ID_MAP_FILE))).toBe(true);
    });

    it('loads nothing again on a second run into the same folder', async () => {
        const run = await runCli([
            'import',
            'salesforce-export',
            EXPORT_FIXTURE,
            '--data-dir',
            dataDir
        ]);
        expect(run.stdout).toMatch(/^ {2}Lead +8 +0 +4 +3$/m);
        expect(run.stdout).toMatch(/^ {2}total +\d+ +0 +\d+ +\d+$/m);
    });

    it('loads the pipeline data set into the same org', async () => {
        const run = await runCli(['import', 'crm-pipeline', CRM_FIXTURE, '--data-dir', dataDir]);
        expect(run.stdout).toMatch(/^ {2}Opportunity +10 +8 +0 +2$/m);
    });

    it('rejects an unknown kind', async () => {
        const run = await runCli(['import', 'hubspot', EXPORT_FIXTURE, '--data-dir', dataDir]);
        expect(run.status).toBe(1);
        expect(run.stderr).toContain(
            'Invalid kind: expected one of salesforce-export, crm-pipeline'
        );
    });

    it('fails on a folder that does not exist', async () => {
        const missing = path.join(temporary.folder, 'missing');
        const run = await runCli(['import', 'crm-pipeline', missing, '--data-dir', dataDir]);
        expect(run.status).toBe(1);
        expect(run.stderr).toMatch(/does not exist or is not a folder/);
    });
});

describe('lead-sla report', () => {
    const temporary = temporaryFolder();

    afterAll(() => {
        temporary.remove();
    });

    it('prints the report of an imported org that no cycle has run on', async () => {
        const dataDir = path.join(temporary.folder, 'org');
        await runCli(['import', 'crm-pipeline', CRM_FIXTURE, '--data-dir', dataDir]);
        const run = await runCli([
            'report',
            '--data-dir',
            dataDir,
            '--now',
            '2024-02-01T15:00:00Z'
        ]);
        expect(run.status).toBe(0);
        expect(run.stdout).toContain('Latest lead evaluation by the worker: none yet');
        expect(run.stdout).toMatch(/^ {2}Jordan Vale \(2 people\)$/m);
        expect(run.stdout).toMatch(/^ {4}Harper Quinn +Sales +2 +0 +0$/m);
    });

    it('explains how to get a local org when the folder has none', async () => {
        const empty = path.join(temporary.folder, 'empty');
        const run = await runCli(['report', '--data-dir', empty]);
        expect(run.status).toBe(1);
        expect(run.stderr).toMatch(/No local org in .*lead-sla import/);
    });
});
