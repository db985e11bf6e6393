import { buildProgram, main } from '../../src/cli/main';
import { parseNow } from '../../src/cli/commands/sync';
import { Fixture } from './fixtures';
import { queryOrg, quietLogs, startSyncOrg, type TestOrg } from './helpers';

jest.setTimeout(30_000);

/** Runs the command line with the connection of `testOrg` in the environment; returns the exit code and standard output. */
async function runCli(testOrg: TestOrg, args: string[]): Promise<{ code: number; output: string }> {
    const saved = { ...process.env };
    Object.assign(process.env, {
        SF_INSTANCE_URL: testOrg.org.instanceUrl,
        SF_ACCESS_TOKEN: testOrg.org.accessToken,
        JOURNAL_DIR: testOrg.journalDir
    });
    const chunks: string[] = [];
    const write = jest
        .spyOn(process.stdout, 'write')
        .mockImplementation((chunk: string | Uint8Array) => {
            chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
            return true;
        });
    try {
        process.exitCode = undefined;
        const code = await main(['node', 'lead-sla', ...args]);
        return { code, output: chunks.join('') };
    } finally {
        write.mockRestore();
        process.exitCode = undefined;
        process.env = saved;
    }
}

describe('lead-sla sync', () => {
    let testOrg: TestOrg;

    beforeAll(async () => {
        quietLogs();
        testOrg = await startSyncOrg();
        const fixture = new Fixture(testOrg);
        fixture.team();
        fixture.lead('cli@acme.example', { LeadSource: 'Demo Request' });
    });

    afterAll(async () => {
        await testOrg.close();
    });

    it('describes each option with its unit', () => {
        const help =
            buildProgram()
                .commands.find((command) => command.name() === 'sync')
                ?.helpInformation() ?? '';
        expect(help).toContain('--once');
        expect(help).toContain('--dry-run');
        expect(help).toContain('--now <time>');
        expect(help).toContain('ISO 8601');
        expect(help).toContain('--policy <file>');
        expect(help).toContain('SYNC_SCHEDULE');
    });

    it('prints the plan of a dry run and writes nothing', async () => {
        const { code, output } = await runCli(testOrg, ['sync', '--dry-run']);
        expect(code).toBe(0);
        const lines = output
            .trim()
            .split('\n')
            .map((line) => JSON.parse(line) as { phase: number; operation: string });
        expect(lines.some((line) => line.operation === 'upsert' && line.phase === 2)).toBe(true);
        expect(await queryOrg(testOrg, 'SELECT Id FROM SLA_Clock__c')).toHaveLength(0);
    });

    it('exits 0 after a successful cycle', async () => {
        const { code } = await runCli(testOrg, [
            'sync',
            '--once',
            '--now',
            new Date().toISOString()
        ]);
        expect(code).toBe(0);
        expect(await queryOrg(testOrg, 'SELECT Id FROM SLA_Clock__c')).toHaveLength(1);
    });

    it('exits 1 when the cycle fails', async () => {
        testOrg.org.faults.exhaustApiLimit();
        try {
            const { code } = await runCli(testOrg, ['sync', '--once']);
            expect(code).toBe(1);
        } finally {
            testOrg.org.faults.resetApiUsage();
        }
    });

    it('rejects a time without a zone', () => {
        expect(() => parseNow('2027-03-10T15:00:00')).toThrow(
            '--now "2027-03-10T15:00:00" is invalid'
        );
        expect(parseNow('2027-03-10T15:00:00+01:00').toISOString()).toBe(
            '2027-03-10T14:00:00.000Z'
        );
    });
});
