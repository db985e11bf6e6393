/**
 * The JWT key file: the worker warns when other users of the machine may read or change
 * it, names the file and its mode, and never shows the key.
 */
import { chmodSync } from 'node:fs';
import { loadPrivateKey } from '../../src/salesforce';
import { captureLogs, writeKeyFile, type CapturedLog } from '../salesforce/helpers';

const posix = process.platform === 'win32' ? describe.skip : describe;

posix('JWT key file permissions', () => {
    let logs: CapturedLog[];
    let keyFile: { path: string; remove: () => void };

    beforeEach(() => {
        logs = captureLogs();
        keyFile = writeKeyFile();
    });

    afterEach(() => {
        keyFile.remove();
    });

    const warnings = (): CapturedLog[] =>
        logs.filter((log) => log.level === 'warn' && log.module === 'salesforce.auth');

    it('loads an owner-only key without a warning', async () => {
        chmodSync(keyFile.path, 0o600);

        await loadPrivateKey(keyFile.path);

        expect(warnings()).toEqual([]);
    });

    it.each([
        ['readable by everyone', 0o644, '644'],
        ['readable by the group', 0o640, '640'],
        ['writable by the group', 0o620, '620']
    ])('warns about a key %s', async (_case, mode, shown) => {
        chmodSync(keyFile.path, mode);

        await loadPrivateKey(keyFile.path);

        const [warning, ...others] = warnings();
        expect(others).toEqual([]);
        expect(warning?.message).toContain('chmod 600');
        expect(warning?.file).toBe(keyFile.path);
        expect(warning?.mode).toBe(shown);
        expect(JSON.stringify(logs)).not.toContain('PRIVATE KEY');
    });
});
