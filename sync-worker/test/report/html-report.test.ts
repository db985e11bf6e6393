/**
 * End to end: the small sample org is loaded into a local org as `npm start` loads the
 * standard one, the worker runs one cycle, and the transpiled `lead-sla report --html`
 * writes the page in a child process. The figures in its tables are checked against
 * SOQL counts of the org made here, and the page against loading anything external.
 */
import '../local-org/store/quiet-logs';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { generateSampleOrg, loadSampleOrg } from '../../../scripts/sample-org';
import { OrgStore } from '../../src/local-org/store';
import { loadOrgSchema } from '../../src/schema';
import { createWorker, startSyncOrg, type TestOrg } from '../sync/helpers';
import { countOf, figureOf, recordsOf, svgsOf, svgTitle, tableOf, textOf } from './html-parse';
import { buildReportCommand, PROJECT_ROOT, type ReportBuild, type ReportRun } from './report-build';

/** A Wednesday afternoon in New York, the sample org's time zone. */
const NOW = '2027-03-17T18:30:00.000Z';
const ZONE = 'America/New_York';

const FIGURE_IDS = [
    'team-breach-rate',
    'rejection-rate',
    'response-times',
    'lifecycle-funnel',
    'open-clocks-by-due-time'
];

/** File that keeps a copy of the page, to look at; none when the variable is unset. */
const SAMPLE_COPY = process.env.LEAD_SLA_REPORT_SAMPLE;

describe('report --html on the small sample org after one cycle', () => {
    let testOrg: TestOrg;
    let build: ReportBuild;
    let run: ReportRun;
    let html = '';
    const output = mkdtempSync(join(tmpdir(), 'lead-sla-html-'));
    const file = join(output, 'sla-report.html');

    beforeAll(async () => {
        testOrg = await startSyncOrg({
            clock: () => new Date(NOW),
            seedData: (store) => {
                loadSampleOrg(store, generateSampleOrg({ seed: 1, now: NOW, scale: 'small' }));
            }
        });
        const worker = await createWorker(testOrg);
        const cycle = await worker.runCycle(new Date(NOW));
        expect(cycle.error).toBeNull();
        build = buildReportCommand();
        run = build.run(['--data-dir', join(testOrg.dataDir, 'org'), '--html', file, '--now', NOW]);
        html = run.status === 0 ? readFileSync(file, 'utf8') : '';
        if (SAMPLE_COPY !== undefined && html !== '') {
            copyFileSync(file, SAMPLE_COPY);
        }
    }, 60_000);

    afterAll(async () => {
        build.remove();
        rmSync(output, { recursive: true, force: true });
        await testOrg.close();
    });

    /** Runs a `SELECT COUNT()` query on the org. */
    function count(soql: string): number {
        return testOrg.org.store.query(soql).totalSize;
    }

    it('writes the file and names it', () => {
        expect(run.stderr).toBe('');
        expect(run.status).toBe(0);
        expect(run.stdout).toBe(`Wrote the SLA report with charts to ${file}\n`);
    });

    it('draws titled charts with captions and tables', () => {
        for (const id of FIGURE_IDS) {
            const figure = figureOf(html, id);
            const svgs = svgsOf(figure);
            expect(svgs).toHaveLength(1);
            expect(svgTitle(svgs[0] ?? '')).toMatch(/\w{4,}/);
            expect(figure).toMatch(
                /<figcaption>[\s\S]*<h2[^>]*>[\s\S]+<\/h2>[\s\S]*<\/figcaption>/
            );
            expect(tableOf(figure).rows.length).toBeGreaterThan(0);
        }
    });

    it('references nothing outside the file', () => {
        expect(html).not.toMatch(/<script/i);
        expect(html).not.toMatch(/<link/i);
        expect(html).not.toMatch(/\ssrc\s*=/i);
        expect(html).not.toMatch(/@import/i);
        const hrefs = [...html.matchAll(/href\s*=\s*"([^"]*)"/gi)].map((match) => match[1]);
        expect(hrefs.filter((href) => !href?.startsWith('#'))).toEqual([]);
        const urls = [...html.matchAll(/url\(\s*([^)]*)\)/gi)].map((match) => match[1]);
        expect(urls.filter((url) => !url?.startsWith('#'))).toEqual([]);
        // SVG namespace names are identifiers that nothing fetches.
        const withoutNamespaces = html.replace(/\sxmlns(:\w+)?="[^"]*"/g, '');
        expect(withoutNamespaces).not.toMatch(/https?:\/\//i);
    });

    it('shows the funnel of the org', () => {
        const rows = recordsOf(tableOf(figureOf(html, 'lifecycle-funnel')));
        const objects = [
            ['Leads', 'Lead WHERE IsConverted = false AND'],
            ['Contacts', 'Contact WHERE'],
            ['Accounts', 'Account WHERE']
        ] as const;
        for (const [label, from] of objects) {
            let reached = 0;
            for (const row of [...rows].reverse()) {
                const atStage = count(
                    `SELECT COUNT() FROM ${from} Lifecycle_Stage__c = '${row.Stage}'`
                );
                reached += atStage;
                expect([row.Stage, countOf(row[`${label} at stage`])]).toEqual([
                    row.Stage,
                    atStage
                ]);
                expect([row.Stage, countOf(row[`${label} reached`])]).toEqual([row.Stage, reached]);
            }
        }
        expect(rows.map((row) => row.Stage)).toEqual([
            'Anonymous',
            'Identified',
            'Engaged',
            'Committee-Aware',
            'Qualified',
            'Active Opportunity'
        ]);
    });

    it('counts open clocks by due time', () => {
        const now = DateTime.fromISO(NOW, { zone: ZONE });
        const at = (time: DateTime): string => time.toUTC().toISO() ?? '';
        const midnight = now.startOf('day').plus({ days: 1 });
        const open = "SELECT COUNT() FROM SLA_Clock__c WHERE Status__c IN ('Open', 'Warning')";
        const expected: Record<string, number> = {
            Overdue: count(`${open} AND Due_At__c < ${at(now)}`),
            'Due within 1 hour': count(
                `${open} AND Due_At__c >= ${at(now)} AND Due_At__c < ${at(now.plus({ hours: 1 }))}`
            ),
            'Due in 1 to 4 hours': count(
                `${open} AND Due_At__c >= ${at(now.plus({ hours: 1 }))} AND Due_At__c < ${at(now.plus({ hours: 4 }))}`
            ),
            'Due later today': count(
                `${open} AND Due_At__c >= ${at(now.plus({ hours: 4 }))} AND Due_At__c < ${at(midnight)}`
            ),
            'Due tomorrow or later': count(`${open} AND Due_At__c >= ${at(midnight)}`),
            'No due time': count(`${open} AND Due_At__c = null`)
        };
        const shownByBucket: Record<string, number> = {};
        for (const row of recordsOf(tableOf(figureOf(html, 'open-clocks-by-due-time')))) {
            const bucket = row.Due ?? '';
            shownByBucket[bucket] = (shownByBucket[bucket] ?? 0) + countOf(row['Open clocks']);
        }
        const nonZero = Object.fromEntries(
            Object.entries(expected).filter(([, value]) => value > 0)
        );
        expect(shownByBucket).toEqual(nonZero);
        expect(Object.keys(nonZero).length).toBeGreaterThan(2);
    });

    it('matches team breach rates to clocks', () => {
        const policy = testOrg.org.store.query(
            "SELECT Team_Breach_Rate_Percent__c, Team_Min_Clocks_Due__c FROM SLA_Policy__mdt WHERE DeveloperName = 'Default'"
        ).records[0];
        const limit = Number(policy?.Team_Breach_Rate_Percent__c);
        const minimumDue = Number(policy?.Team_Min_Clocks_Due__c);
        const rows = recordsOf(tableOf(figureOf(html, 'team-breach-rate')));
        for (const row of rows) {
            const period = (row.Month ?? '').slice(0, 7);
            const start = DateTime.fromISO(`${period}-01`, { zone: ZONE });
            const end = DateTime.min(start.plus({ months: 1 }), DateTime.fromISO(NOW).plus(1));
            const managers = testOrg.org.store.query(
                `SELECT Id FROM User WHERE Name = '${row['Team (manager)'] ?? ''}'`
            ).records;
            expect(managers).toHaveLength(1);
            const resolved = `SELECT COUNT() FROM SLA_Clock__c WHERE Type__c = 'Response' AND Due_At__c >= ${start.toUTC().toISO() ?? ''} AND Due_At__c < ${end.toUTC().toISO() ?? ''} AND Responsible_User__r.ManagerId = '${String(managers[0]?.Id)}'`;
            const due = count(`${resolved} AND Status__c IN ('Met', 'Breached')`);
            const breached = count(`${resolved} AND Status__c = 'Breached'`);
            const label = `${row.Month ?? ''} ${row['Team (manager)'] ?? ''}`;
            expect([label, countOf(row['Response clocks due'])]).toEqual([label, due]);
            expect([label, countOf(row.Breached)]).toEqual([label, breached]);
            expect([label, row['Breach rate']]).toEqual([
                label,
                `${Math.round((breached * 10_000) / due) / 100}%`
            ]);
            const flagged = due >= minimumDue && breached * 100 > limit * due;
            expect([label, row.Flagged]).toEqual([label, flagged ? 'yes' : 'no']);
        }
        // Three teams over the current month and the two complete months before it.
        expect(rows).toHaveLength(9);
        expect(rows.some((row) => row.Flagged === 'yes')).toBe(true);
        const svg = svgsOf(figureOf(html, 'team-breach-rate'))[0] ?? '';
        expect(textOf(svg)).toContain(`Team Remediation above ${limit}%`);
    });

    it('shows rejection rates and the threshold', () => {
        const store = testOrg.org.store;
        const policy = store.query(
            "SELECT Rejection_Rate_Percent__c FROM SLA_Policy__mdt WHERE DeveloperName = 'Default'"
        ).records[0];
        const limit = Number(policy?.Rejection_Rate_Percent__c);
        const scorecards = store.query(
            "SELECT Period__c, Handoffs__c, Rejections__c FROM SLA_Scorecard__c WHERE Scope__c = 'Marketing' ORDER BY Period__c"
        ).records;
        const rows = recordsOf(tableOf(figureOf(html, 'rejection-rate')));
        expect(rows.map((row) => (row.Month ?? '').slice(0, 7))).toEqual(
            scorecards.map((scorecard) => scorecard.Period__c)
        );
        scorecards.forEach((scorecard, index) => {
            const row = rows[index] ?? {};
            const handoffs = Number(scorecard.Handoffs__c);
            const rejections = Number(scorecard.Rejections__c);
            const rate = Math.round((rejections * 10_000) / handoffs) / 100;
            expect(row).toEqual({
                Month: row.Month,
                'Hand-offs': String(handoffs),
                Rejected: String(rejections),
                'Rejection rate': `${rate}%`,
                [`Above ${limit}%`]: rate > limit ? 'yes' : 'no'
            });
        });
        // The sample org's two complete months are both above the threshold.
        expect(rows.filter((row) => row[`Above ${limit}%`] === 'yes')).toHaveLength(2);
        const svg = svgsOf(figureOf(html, 'rejection-rate'))[0] ?? '';
        expect(textOf(svg)).toContain(`Probation threshold ${limit}%`);
    });

    it('counts response outcomes per window', () => {
        const rows = recordsOf(tableOf(figureOf(html, 'response-times')));
        const types = [...new Set(rows.map((row) => row['Clock type'] ?? ''))];
        for (const type of types) {
            const ofType = rows.filter((row) => row['Clock type'] === type);
            const total = (column: string): number =>
                ofType.reduce((sum, row) => sum + countOf(row[column]), 0);
            const clocks = `SELECT COUNT() FROM SLA_Clock__c WHERE Type__c = '${type}'`;
            expect([type, total('Met')]).toEqual([type, count(`${clocks} AND Status__c = 'Met'`)]);
            expect([type, total('Answered late')]).toEqual([
                type,
                count(`${clocks} AND Status__c = 'Breached' AND Completed_At__c != null`)
            ]);
            expect([type, total('Not answered')]).toEqual([
                type,
                count(`${clocks} AND Status__c = 'Breached' AND Completed_At__c = null`)
            ]);
        }
        // The sample's response clocks use the policy's four windows in business hours.
        const windows = rows.filter((row) => row['Clock type'] === 'Response');
        expect(windows.map((row) => row.Window)).toEqual(['1 h', '4 h', '24 h', '48 h']);
        const svgText = textOf(svgsOf(figureOf(html, 'response-times'))[0] ?? '');
        for (const window of ['window 1 h', 'window 4 h', 'window 24 h', 'window 48 h']) {
            expect(svgText).toContain(window);
        }
    });

    it('draws the thresholds of a --policy file', () => {
        const policyFile = join(output, 'policy.json');
        writeFileSync(policyFile, JSON.stringify({ rejectionRatePercent: 25, version: 'what-if' }));
        const withFile = join(output, 'with-policy.html');
        const result = build.run([
            '--data-dir',
            join(testOrg.dataDir, 'org'),
            '--html',
            withFile,
            '--policy',
            policyFile,
            '--now',
            NOW
        ]);
        expect(result.stderr).toBe('');
        const page = readFileSync(withFile, 'utf8');
        const svg = svgsOf(figureOf(page, 'rejection-rate'))[0] ?? '';
        expect(textOf(svg)).toContain('Probation threshold 25%');
        const rows = recordsOf(tableOf(figureOf(page, 'rejection-rate')));
        // Only January (26.67%) is above 25%.
        expect(rows.map((row) => row['Above 25%'])).toEqual(['yes', 'no', 'no']);
        expect(textOf(page)).toContain(`the policy file ${policyFile}, policy version what-if`);
    });

    it('explains the empty charts of a new org', () => {
        const emptyOrg = join(output, 'empty-org');
        new OrgStore({
            dataDir: emptyOrg,
            schema: loadOrgSchema(join(PROJECT_ROOT, 'force-app'))
        }).close();
        const emptyPage = join(output, 'empty.html');
        const result = build.run(['--data-dir', emptyOrg, '--html', emptyPage, '--now', NOW]);
        expect(result.stderr).toBe('');
        const page = readFileSync(emptyPage, 'utf8');
        for (const id of FIGURE_IDS) {
            const figure = figureOf(page, id);
            expect([id, svgsOf(figure)]).toEqual([id, []]);
            expect(figure).toMatch(/<p class="empty">No [^<]+<\/p>/);
        }
    });
});
