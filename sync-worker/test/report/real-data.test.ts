/**
 * End to end on the public data sets. The command line imports the Salesforce org
 * export and the CRM pipeline data set into a fresh local org and runs one
 * `sync --once`; `report --json` is then checked against figures computed here from the
 * CSV files. The data sets are read from `../shared/data` beside the repository, or
 * from the folder named by LEAD_SLA_DATA_DIR, and the suite is skipped without them.
 */
import '../local-org/store/quiet-logs';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { DEFAULT_POLICY } from '../../src/config/policy-schema';
import type { SlaReport } from '../../src/report';
import { REPOSITORY, temporaryFolder } from '../import/helpers';
import { startTestOrg } from '../salesforce/helpers';
import { runCli } from './cli-helpers';

const DATA_DIR = process.env.LEAD_SLA_DATA_DIR ?? path.resolve(REPOSITORY, '..', 'shared', 'data');
const EXPORT_DIR = path.join(DATA_DIR, 'sfdc-data-cloud-workshop-export');
const CRM_DIR = path.join(DATA_DIR, 'maven-crm-sales-opportunities');

/** The evaluation time: the week after the export was taken (its records date from January 2024). */
const NOW = '2024-02-01T15:00:00Z';

const TOKEN = 'real-data-test-token';

const present =
    existsSync(path.join(EXPORT_DIR, 'Lead.csv')) &&
    existsSync(path.join(CRM_DIR, 'sales_pipeline.csv'));
if (!present) {
    console.warn(
        `Skipping the end-to-end run on real data: ${EXPORT_DIR} and ${CRM_DIR} are not both present. Put the shared data folder next to the repository or set LEAD_SLA_DATA_DIR.`
    );
}
const describeWithData = present ? describe : describe.skip;

type CsvRecord = Record<string, string>;

function readCsv(folder: string, file: string): CsvRecord[] {
    return parse<CsvRecord>(readFileSync(path.join(folder, file)), {
        bom: true,
        columns: true
    });
}

function tally(values: readonly string[]): Map<string, number> {
    const counts = new Map<string, number>();
    for (const value of values) {
        counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    return counts;
}

/** Open opportunities per owner name, from both data sets. */
function openOpportunitiesFromCsv(): Map<string, number> {
    const pipeline = readCsv(CRM_DIR, 'sales_pipeline.csv').filter((row) =>
        ['Prospecting', 'Engaging'].includes(row.deal_stage ?? '')
    );
    const counts = tally(pipeline.map((row) => row.sales_agent ?? ''));
    // The export has no users, so each owner Id becomes a placeholder named after it.
    const exported = readCsv(EXPORT_DIR, 'Opportunity.csv').filter((row) => row.IsClosed !== '1');
    for (const [ownerId, count] of tally(exported.map((row) => row.OwnerId ?? ''))) {
        counts.set(`Missing User ${ownerId.slice(0, 15)}`, count);
    }
    return counts;
}

/** Agents of each manager, sorted. */
function teamsFromCsv(): Map<string, string[]> {
    const teams = new Map<string, string[]>();
    for (const row of readCsv(CRM_DIR, 'sales_teams.csv')) {
        const members = teams.get(row.manager ?? '') ?? [];
        members.push(row.sales_agent ?? '');
        teams.set(row.manager ?? '', members.sort());
    }
    return teams;
}

/** Unconverted, undeleted leads of the export. */
function leadsFromCsv(): CsvRecord[] {
    return readCsv(EXPORT_DIR, 'Lead.csv').filter(
        (row) => row.IsDeleted !== '1' && row.IsConverted !== '1'
    );
}

/** Source tier of a lead source under the default policy, ignoring case. */
function tierOf(leadSource: string): string | null {
    const tier = DEFAULT_POLICY.sourceTiers.find(
        (entry) => entry.leadSource.toLowerCase() === leadSource.trim().toLowerCase()
    );
    return tier?.tier ?? null;
}

describeWithData('import, sync --once and report on the public data sets', () => {
    let temporary: ReturnType<typeof temporaryFolder> | undefined;
    let report: SlaReport;
    let importOutput = '';

    beforeAll(async () => {
        temporary = temporaryFolder();
        const dataDir = path.join(temporary.folder, 'org');
        for (const [kind, folder] of [
            ['salesforce-export', EXPORT_DIR],
            ['crm-pipeline', CRM_DIR]
        ] as const) {
            const run = await runCli(['import', kind, folder, '--data-dir', dataDir]);
            expect(run.status).toBe(0);
            importOutput += run.stdout;
        }
        const org = await startTestOrg({ dataDir, accessToken: TOKEN });
        try {
            const sync = await runCli(['sync', '--once', '--now', NOW], {
                SF_INSTANCE_URL: org.instanceUrl,
                SF_ACCESS_TOKEN: TOKEN,
                JOURNAL_DIR: path.join(temporary.folder, 'journal'),
                HEALTH_PORT: '0',
                SLACK_WEBHOOK_URL: '',
                POLICY_FILE: ''
            });
            expect(sync.status).toBe(0);
        } finally {
            await org.close();
        }
        const printed = await runCli(['report', '--data-dir', dataDir, '--json', '--now', NOW]);
        expect(printed.status).toBe(0);
        report = JSON.parse(printed.stdout) as SlaReport;
    }, 180_000);

    afterAll(() => {
        temporary?.remove();
    });

    it('imports every row of both data sets', () => {
        expect(importOutput).toMatch(/^ {2}Lead +60 +60 +0 +0$/m);
        expect(importOutput).toMatch(/^ {2}Opportunity +8800 +8800 +0 +0$/m);
        expect(importOutput).toMatch(/^ {2}User +35 +41 +0 +0$/m);
        expect(importOutput).not.toContain('Rows with problems');
    });

    it('counts the open opportunities of every rep', () => {
        const expected = openOpportunitiesFromCsv();
        const members = report.teams.flatMap((team) => team.members);
        for (const [owner, count] of expected) {
            const member = members.find((entry) => entry.name === owner);
            expect({ owner, open: member?.openOpportunities }).toEqual({ owner, open: count });
        }
        const reported = members.reduce((sum, member) => sum + member.openOpportunities, 0);
        expect(reported).toBe([...expected.values()].reduce((sum, count) => sum + count, 0));
    });

    it('lists the managers of each team with their agents', () => {
        const reported = new Map(
            report.teams
                .filter((team) => team.managerId !== null)
                .map((team) => [team.managerName, team.members.map((member) => member.name).sort()])
        );
        expect(reported).toEqual(teamsFromCsv());
    });

    it('routes exactly the leads whose source forces Sales within one hour', () => {
        const forced = new Set(
            DEFAULT_POLICY.sourceTiers
                .filter((tier) => tier.forceSales)
                .map((tier) => tier.leadSource.toLowerCase())
        );
        const expected = leadsFromCsv().filter((row) =>
            forced.has((row.LeadSource ?? '').trim().toLowerCase())
        ).length;
        const routed = report.routing
            .filter(
                (entry) =>
                    entry.decision === 'Sales 1h' && entry.sourceTier === 'Inbound High Intent'
            )
            .reduce((sum, entry) => sum + entry.count, 0);
        expect(routed).toBe(expected);
    });

    it('gives every lead the tier of its lead source', () => {
        const expected = Object.fromEntries(
            tally(leadsFromCsv().map((row) => String(tierOf(row.LeadSource ?? ''))))
        );
        const reported: Record<string, number> = {};
        for (const entry of report.routing) {
            const tier = String(entry.sourceTier);
            reported[tier] = (reported[tier] ?? 0) + entry.count;
        }
        expect(reported).toEqual(expected);
    });

    it('identifies every person with an e-mail address', () => {
        const leads = leadsFromCsv().filter((row) => (row.Email ?? '') !== '').length;
        const contacts = readCsv(EXPORT_DIR, 'Contact.csv').filter(
            (row) => (row.Email ?? '') !== ''
        ).length;
        const stageCount = (object: string, stage: string): number =>
            report.lifecycle.find((entry) => entry.object === object && entry.stage === stage)
                ?.count ?? 0;
        expect(stageCount('Lead', 'Identified')).toBe(leads);
        expect(stageCount('Contact', 'Identified')).toBe(contacts);
    });

    it('counts every account in one MEDDPICC range', () => {
        const accounts =
            readCsv(EXPORT_DIR, 'Account.csv').length + readCsv(CRM_DIR, 'accounts.csv').length;
        expect(report.meddpicc.reduce((sum, entry) => sum + entry.count, 0)).toBe(accounts);
    });

    it('lists the ten most urgent clocks in due order, each with a reason', () => {
        const open = report.openClocks.reduce((sum, entry) => sum + entry.count, 0);
        expect(report.urgentClocks).toHaveLength(Math.min(10, open));
        const due = report.urgentClocks.map((clock) => clock.dueAt ?? '');
        expect(due).toEqual([...due].sort());
        for (const clock of report.urgentClocks) {
            expect(clock.reason).toMatch(/\w+/);
        }
        expect(report.lastEvaluatedAt).toBe('2024-02-01T15:00:00.000+0000');
    });
});
