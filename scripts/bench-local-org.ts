/**
 * Benchmark of the local org. It loads N leads through Bulk API 2.0 ingest jobs and
 * reads them back twice: paged through a Bulk API 2.0 query job, then through REST
 * query paging (2,000 records a page). It prints times and rows per second.
 *
 * Build, then run with the project's Node.js 22:
 *   npm run build && npx node --disable-warning=ExperimentalWarning dist/scripts/bench-local-org.js --rows 1000000
 *
 * Options: --rows N (default 1,000,000), --job-rows N rows per ingest job (default
 * 250,000), --page N records per Bulk result page (default 50,000), --data-dir FOLDER
 * (default a new temporary folder, removed afterwards).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection } from 'jsforce';
import { startLocalOrg, type LocalOrg } from '../sync-worker/src/local-org';

const API_VERSION = '65.0';

interface BenchOptions {
    rows: number;
    jobRows: number;
    page: number;
    dataDir: string | undefined;
}

function parseOptions(argv: string[]): BenchOptions {
    const options: BenchOptions = {
        rows: 1_000_000,
        jobRows: 250_000,
        page: 50_000,
        dataDir: undefined
    };
    for (let index = 0; index < argv.length; index += 2) {
        const value = argv[index + 1] ?? '';
        switch (argv[index]) {
            case '--rows':
                options.rows = Number(value);
                break;
            case '--job-rows':
                options.jobRows = Number(value);
                break;
            case '--page':
                options.page = Number(value);
                break;
            case '--data-dir':
                options.dataDir = value;
                break;
            default:
                throw new Error(
                    `Unknown option ${argv[index] ?? ''}. Options: --rows, --job-rows, --page, --data-dir.`
                );
        }
    }
    if (
        ![options.rows, options.jobRows, options.page].every(
            (number) => Number.isInteger(number) && number > 0
        )
    ) {
        throw new Error('--rows, --job-rows and --page must be positive integers.');
    }
    return options;
}

function leadCsv(start: number, count: number): string {
    const lines = ['LastName,FirstName,Company,Email,LeadSource,Status'];
    for (let index = start; index < start + count; index += 1) {
        lines.push(
            `Bench ${index},Lead,Company ${index % 5_000},lead${index}@bench.example.com,Web,Open - Not Contacted`
        );
    }
    return `${lines.join('\n')}\n`;
}

function report(label: string, rows: number, started: number): void {
    const seconds = (Date.now() - started) / 1000;
    const rate = Math.round(rows / seconds);
    process.stdout.write(
        `${label.padEnd(34)} ${String(rows).padStart(9)} rows  ${seconds.toFixed(1).padStart(7)} s  ${String(rate).padStart(8)} rows/s\n`
    );
}

async function load(conn: Connection, options: BenchOptions): Promise<void> {
    const started = Date.now();
    for (let start = 0; start < options.rows; start += options.jobRows) {
        const count = Math.min(options.jobRows, options.rows - start);
        const job = conn.bulk2.createJob({ object: 'Lead', operation: 'insert' });
        await job.open();
        await job.uploadData(leadCsv(start, count));
        await job.close();
        await job.poll(200, 3_600_000);
        const info = await job.check();
        if (info.numberRecordsFailed !== 0) {
            throw new Error(`Ingest job ${info.id} failed ${info.numberRecordsFailed} rows.`);
        }
    }
    report('Bulk API 2.0 ingest', options.rows, started);
}

/**
 * Pages a Bulk API 2.0 query job with plain requests, because jsforce 3.10's
 * `bulk2.query` never settles on results of more than one page.
 */
async function readBulk(org: LocalOrg, conn: Connection, options: BenchOptions): Promise<void> {
    const started = Date.now();
    const base = `${org.instanceUrl}/services/data/v${API_VERSION}/jobs/query`;
    const headers = {
        Authorization: `Bearer ${conn.accessToken ?? ''}`,
        'Content-Type': 'application/json'
    };
    const created = (await (
        await fetch(base, {
            method: 'POST',
            headers,
            body: JSON.stringify({
                operation: 'query',
                query: "SELECT Id, LastName, Company, Email FROM Lead WHERE LastName LIKE 'Bench %'"
            })
        })
    ).json()) as { id: string };
    for (;;) {
        const info = (await (await fetch(`${base}/${created.id}`, { headers })).json()) as {
            state: string;
        };
        if (info.state === 'JobComplete') {
            break;
        }
        if (info.state === 'Failed' || info.state === 'Aborted') {
            throw new Error(`Query job ${created.id} ended ${info.state}.`);
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
    }
    let locator = '';
    let rows = 0;
    do {
        const query = `maxRecords=${options.page}${locator === '' ? '' : `&locator=${locator}`}`;
        const response = await fetch(`${base}/${created.id}/results?${query}`, { headers });
        await response.text();
        rows += Number(response.headers.get('sforce-numberofrecords'));
        const next = response.headers.get('sforce-locator');
        locator = next === null || next === 'null' ? '' : next;
    } while (locator !== '');
    if (rows !== options.rows) {
        throw new Error(`The Bulk query returned ${rows} rows, expected ${options.rows}.`);
    }
    report(`Bulk API 2.0 query (${options.page}/page)`, rows, started);
}

async function readRest(conn: Connection, options: BenchOptions): Promise<void> {
    const started = Date.now();
    const result = await conn.query(
        "SELECT Id, LastName, Company, Email FROM Lead WHERE LastName LIKE 'Bench %'",
        {
            autoFetch: true,
            maxFetch: options.rows
        }
    );
    if (result.records.length !== options.rows) {
        throw new Error(
            `REST query paging returned ${result.records.length} rows, expected ${options.rows}.`
        );
    }
    report('REST query (2,000/page, autoFetch)', options.rows, started);
}

async function main(): Promise<void> {
    const options = parseOptions(process.argv.slice(2));
    const temporary =
        options.dataDir === undefined ? mkdtempSync(join(tmpdir(), 'bench-local-org-')) : undefined;
    const org = await startLocalOrg({
        dataDir: options.dataDir ?? temporary,
        reset: true,
        dailyApiRequests: 10_000_000,
        bulkResultsPageSize: options.page
    });
    try {
        const conn = new Connection({
            instanceUrl: org.instanceUrl,
            accessToken: org.accessToken,
            version: API_VERSION
        });
        conn.bulk2.pollTimeout = 3_600_000;
        process.stdout.write(
            `Local org ${org.instanceUrl}, ${options.rows} leads, Node.js ${process.version}\n`
        );
        await load(conn, options);
        await readBulk(org, conn, options);
        await readRest(conn, options);
    } finally {
        await org.close();
        if (temporary !== undefined) {
            rmSync(temporary, { recursive: true, force: true });
        }
    }
}

main().catch((error: unknown) => {
    process.stderr.write(
        `bench-local-org: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`
    );
    process.exitCode = 1;
});
