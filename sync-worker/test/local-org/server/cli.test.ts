import './helpers';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildProgram } from '../../../src/cli/main';

describe('lead-sla local-org', () => {
    it('is listed with its options', () => {
        const command = buildProgram().commands.find((entry) => entry.name() === 'local-org');
        expect(command).toBeDefined();
        const help = command?.helpInformation() ?? '';
        for (const option of [
            '--port',
            '--data-dir',
            '--seed',
            '--reset',
            '--access-token',
            '--jwt-certificate'
        ]) {
            expect(help).toContain(option);
        }
    });

    it('rejects a host other than loopback', async () => {
        await expect(
            buildProgram().parseAsync([
                'node',
                'lead-sla',
                'local-org',
                '--host',
                '0.0.0.0',
                '--port',
                '0'
            ])
        ).rejects.toThrow('listens on 127.0.0.1 only');
    });

    it('rejects an invalid port', async () => {
        await expect(
            buildProgram().parseAsync(['node', 'lead-sla', 'local-org', '--port', 'eighty'])
        ).rejects.toThrow('Invalid option port');
    });

    it('runs a seed module and stops on SIGINT', async () => {
        const folder = mkdtempSync(join(tmpdir(), 'local-org-cli-'));
        const seedFile = join(folder, 'seed.js');
        writeFileSync(
            seedFile,
            "exports.seedLocalOrg = (store) => { store.insert('Lead', { LastName: 'Seeded', Company: 'Seed Co' }); };\n"
        );
        const output: string[] = [];
        const write = jest
            .spyOn(process.stdout, 'write')
            .mockImplementation((chunk: string | Uint8Array) => {
                output.push(String(chunk));
                return true;
            });
        try {
            const running = buildProgram().parseAsync([
                'node',
                'lead-sla',
                'local-org',
                '--port',
                '0',
                '--data-dir',
                join(folder, 'data'),
                '--seed',
                seedFile,
                '--access-token',
                'cli-fixed-token'
            ]);
            let url: string | undefined;
            for (let attempt = 0; attempt < 200 && url === undefined; attempt += 1) {
                await new Promise((resolve) => setTimeout(resolve, 25));
                url = /Local org listening on (\S+)/.exec(output.join(''))?.[1];
            }
            expect(url).toBeDefined();
            const response = await fetch(
                `${url ?? ''}/services/data/v65.0/query?q=${encodeURIComponent("SELECT LastName FROM Lead WHERE LastName = 'Seeded'")}`,
                { headers: { Authorization: 'Bearer cli-fixed-token' } }
            );
            expect(((await response.json()) as { totalSize: number }).totalSize).toBe(1);
            process.emit('SIGINT');
            await running;
        } finally {
            write.mockRestore();
            rmSync(folder, { recursive: true, force: true });
        }
    });
});
