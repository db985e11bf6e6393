import '../local-org/store/quiet-logs';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildProgram } from '../../src/cli/main';
import { runCli } from '../report/cli-helpers';
import { FROM, policyFolder, startKnownHistory, TO, type KnownHistory } from './helpers';

jest.setTimeout(60_000);

/** SHA-256 of each database file of a local org's data folder, by file name. */
function databaseFiles(folder: string): Record<string, string> {
    const hashes: Record<string, string> = {};
    const files = readdirSync(folder, { withFileTypes: true }).filter(
        (entry) => entry.isFile() && entry.name.startsWith('local-org.sqlite')
    );
    // The shared-memory index (-shm) may change on a read; the records live in the others.
    for (const { name } of files.filter((entry) => !entry.name.endsWith('-shm'))) {
        hashes[name] = createHash('sha256')
            .update(readFileSync(join(folder, name)))
            .digest('hex');
    }
    return hashes;
}

/** Record counts that any write by the replay would change. */
function counts(history: KnownHistory): Record<string, number> {
    const store = history.testOrg.org.store;
    const count = (object: string): number =>
        store.query(`SELECT COUNT() FROM ${object}`).totalSize;
    return {
        clocks: count('SLA_Clock__c'),
        breaches: count('SLA_Breach__c'),
        reviews: count('SLA_Review__c'),
        tasks: count('Task'),
        routedLeads: store.query('SELECT COUNT() FROM Lead WHERE Routing_Decision__c != null')
            .totalSize
    };
}

describe('lead-sla simulate', () => {
    let history: KnownHistory;
    const files = policyFolder();
    let env: Record<string, string>;

    beforeAll(async () => {
        history = await startKnownHistory();
        env = {
            SF_INSTANCE_URL: history.testOrg.org.instanceUrl,
            SF_ACCESS_TOKEN: history.testOrg.org.accessToken
        };
    });

    afterAll(async () => {
        await history.close();
        files.remove();
    });

    it('describes each option with its unit', () => {
        const help =
            buildProgram()
                .commands.find((command) => command.name() === 'simulate')
                ?.helpInformation() ?? '';
        for (const option of [
            '--policy <file>',
            '--from <date>',
            '--to <date>',
            '--live',
            '--json'
        ]) {
            expect(help).toContain(option);
        }
        expect(help).toContain('--cycle-minutes <minutes>');
        expect(help).toContain('YYYY-MM-DD');
    });

    it('replays a live org through GET requests only', async () => {
        const before = counts(history);
        history.testOrg.org.requests.clear();
        const run = await runCli(
            [
                'simulate',
                '--live',
                '--policy',
                files.write('faster.json', { routeSalesHours: 0.5 }),
                '--from',
                FROM,
                '--to',
                TO
            ],
            env
        );
        expect(run.stderr).toBe('');
        expect(run.status).toBe(0);
        const requests = history.testOrg.org.requests.entries();
        expect(requests.length).toBeGreaterThan(0);
        expect(requests.filter((request) => request.method !== 'GET')).toEqual([]);
        expect(counts(history)).toEqual(before);
        expect(before).toEqual({ clocks: 0, breaches: 0, reviews: 0, tasks: 2, routedLeads: 0 });
    });

    it('leaves the local org database as it was', async () => {
        const folder = join(history.testOrg.dataDir, 'org');
        const before = databaseFiles(folder);
        const run = await runCli([
            'simulate',
            '--data-dir',
            folder,
            '--policy',
            files.write('faster-local.json', { routeSalesHours: 0.5 }),
            '--from',
            FROM,
            '--to',
            TO,
            '--json'
        ]);
        expect(run.stderr).toBe('');
        expect(run.status).toBe(0);
        const result = JSON.parse(run.stdout) as { org: string; differences: unknown[] };
        expect(result.org).toBe(`the local org in ${folder}`);
        expect(result.differences).toHaveLength(7);
        expect(databaseFiles(folder)).toEqual(before);
    });

    it('prints the totals and the largest differences with reasons', async () => {
        const run = await runCli(
            [
                'simulate',
                '--live',
                '--policy',
                files.write('faster-text.json', { routeSalesHours: 0.5 }),
                '--from',
                '2024-03-04',
                '--to',
                '2024-03-05'
            ],
            env
        );
        expect(run.status).toBe(0);
        expect(run.stdout).toContain('Window: 2024-03-04 05:00 UTC to 2024-03-06 05:00 UTC');
        expect(run.stdout).toContain('  routeSalesHours: 1 -> 0.5');
        expect(run.stdout).toMatch(/Breaches\s+1\s+4\s+3\s+0\s+1/);
        expect(run.stdout).toContain('The 7 differences, largest first');
        expect(run.stdout).toContain('Escalation added: Lead Blake');
        expect(run.stdout).toContain('because Manager notified: breach 2 this quarter');
    });

    it('prints every difference as JSON', async () => {
        const run = await runCli(
            [
                'simulate',
                '--live',
                '--json',
                '--policy',
                files.write('stricter.json', { routeSalesIntentAbove: 90 }),
                '--from',
                FROM,
                '--to',
                TO
            ],
            env
        );
        expect(run.status).toBe(0);
        const result = JSON.parse(run.stdout) as {
            totals: Record<string, { removed: number }>;
            differences: { category: string }[];
        };
        expect(result.totals.handoff?.removed).toBe(3);
        expect(result.differences).toHaveLength(7);
    });

    it.each([
        [
            'an invalid value',
            { routeSalesHours: -1 },
            'policy.routeSalesHours: -1 is invalid; expected a number of hours greater than 0'
        ],
        [
            'an unknown field',
            { routeSaleHours: 2 },
            'policy.routeSaleHours: unknown field; remove it or check its spelling'
        ],
        [
            'a nested value',
            {
                sourceTiers: [
                    { leadSource: 'Web', tier: 'Hot', responseHours: null, forceSales: false }
                ]
            },
            'policy.sourceTiers[0].tier: "Hot" is invalid'
        ]
    ])('stops on a policy file with %s, naming the field', async (_case, content, message) => {
        history.testOrg.org.requests.clear();
        const file = files.write('bad.json', content);
        const run = await runCli(
            ['simulate', '--live', '--policy', file, '--from', FROM, '--to', TO],
            env
        );
        expect(run.status).toBe(1);
        expect(run.stdout).toBe('');
        expect(run.stderr).toContain(`Policy file ${file} is invalid`);
        expect(run.stderr).toContain(message);
    });

    it('stops on a policy file that is not JSON', async () => {
        const file = files.write('broken.json', '{ "routeSalesHours": ');
        const run = await runCli(
            ['simulate', '--live', '--policy', file, '--from', FROM, '--to', TO],
            env
        );
        expect(run.status).toBe(1);
        expect(run.stderr).toContain(`Policy file ${file} is not valid JSON`);
    });

    it.each([
        ['--from', 'last week', '--from "last week" is invalid'],
        ['--to', '2024-03-03', 'must be before --to'],
        ['--to', '2999-01-01', 'is after the present']
    ])('rejects %s %j', async (option, value, message) => {
        const window: Record<string, string> = { '--from': FROM, '--to': TO, [option]: value };
        const run = await runCli(
            [
                'simulate',
                '--live',
                '--policy',
                files.write('ok.json', {}),
                '--from',
                window['--from'] ?? FROM,
                '--to',
                window['--to'] ?? TO
            ],
            env
        );
        expect(run.status).toBe(1);
        expect(run.stderr).toContain(message);
    });

    it('rejects a missing local org', async () => {
        const run = await runCli([
            'simulate',
            '--data-dir',
            '/nonexistent/lead-sla',
            '--policy',
            files.write('ok-local.json', {}),
            '--from',
            FROM,
            '--to',
            TO
        ]);
        expect(run.status).toBe(1);
        expect(run.stderr).toContain('No local org in /nonexistent/lead-sla');
    });
});
