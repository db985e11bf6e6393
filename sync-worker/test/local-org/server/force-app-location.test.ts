import './quiet-logs';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startLocalOrg } from '../../../src/local-org';
import { findProjectRoot, resolveForceAppDir } from '../../../src/local-org/force-app-location';
import { buildProgram } from '../../../src/cli/main';

const projectRoot = resolve(__dirname, '../../../..');

describe('force-app location', () => {
    let folder: string;
    const startFolder = process.cwd();

    beforeEach(() => {
        folder = mkdtempSync(join(tmpdir(), 'local-org-force-app-'));
    });

    afterEach(() => {
        process.chdir(startFolder);
        rmSync(folder, { recursive: true, force: true });
    });

    it('finds the project root from a subfolder', () => {
        expect(findProjectRoot(join(projectRoot, 'sync-worker', 'src'))).toBe(projectRoot);
    });

    it('serves custom objects when started from another folder', async () => {
        process.chdir(folder);
        const org = await startLocalOrg();
        try {
            expect(org.store.schema.objects.has('sla_clock__c')).toBe(true);
        } finally {
            await org.close();
        }
    });

    it('rejects a missing folder by name', () => {
        const missing = join(folder, 'nowhere');
        expect(() => resolveForceAppDir(missing)).toThrow(
            `The force-app folder ${missing} does not exist.`
        );
    });

    it('rejects a folder without objects', () => {
        mkdirSync(join(folder, 'main', 'default'), { recursive: true });
        expect(() => resolveForceAppDir(folder)).toThrow(
            `The force-app folder ${folder} has no objects`
        );
    });

    it('fails the command on an empty --force-app', async () => {
        await expect(
            buildProgram().parseAsync([
                'node',
                'lead-sla',
                'local-org',
                '--port',
                '0',
                '--force-app',
                folder
            ])
        ).rejects.toThrow(`The force-app folder ${folder} has no objects`);
    });
});
