/**
 * Latency benchmark: from a lead created in the org to its route and SLA clock written
 * back by the worker, with a one-second schedule and with the default schedule (every
 * minute). The local org runs in this process with a background org of leads,
 * accounts, signals and a revenue team. `lead-sla sync` runs against it as a process of
 * its own, once per schedule. After the worker's first cycle, leads are created through
 * jsforce over HTTP as the admin user at random times (exponential gaps, so that they
 * land anywhere in the schedule's period), each with its signals in one Composite
 * request. Write-back is detected by reading the store directly and timed with the
 * org's own timestamps. Each lead's route is checked against its profile and against
 * the engine evaluating the lead alone.
 *
 * Full run (about 20 minutes):
 *   npm run build && LOG_LEVEL=warn npx node --disable-warning=ExperimentalWarning dist/scripts/bench/latency.js
 *
 * Options: --quick (20 leads on the one-second schedule, 5 on the default one),
 * --leads N per schedule (default 100), --fast-gap S and --default-gap S mean seconds
 * between leads (default 1.5 and 5), --background N leads in the org (default 20000,
 * with one account per 10 leads and 10 signals each), --poll-ms N (default 50),
 * --seed N, --keep DIR (keep the org and the worker's logs there), --json FILE.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startLocalOrg, type LocalOrg } from '../../sync-worker/src/local-org';
import { randomSource } from './engine-data';
import { seedBackfillOrg } from './backfill-org';
import { readOrgPolicy, readSetupRecords } from './backfill-store';
import { connectAsPerson } from './latency-leads';
import { measureSchedule, type ScheduleResult, type ScheduleRun } from './latency-run';
import {
    formatCount,
    formatDuration,
    peakRssMb,
    reportSection,
    type BenchSection
} from './section';

interface Options {
    readonly quick: boolean;
    readonly runs: readonly ScheduleRun[];
    readonly background: number;
    readonly pollMs: number;
    readonly seed: number;
    /** Folder kept after the run, with the org and the worker's logs. Null removes everything. */
    readonly keepDir: string | null;
    readonly json: string | undefined;
}

function positive(name: string, text: string): number {
    const value = Number(text);
    if (!Number.isFinite(value) || value <= 0) {
        throw new Error(`--${name} must be a positive number, not ${JSON.stringify(text)}.`);
    }
    return value;
}

function parseOptions(): Options {
    const { values } = parseArgs({
        options: {
            quick: { type: 'boolean', default: false },
            leads: { type: 'string' },
            'default-gap': { type: 'string', default: '5' },
            'fast-gap': { type: 'string', default: '1.5' },
            background: { type: 'string' },
            'poll-ms': { type: 'string', default: '50' },
            seed: { type: 'string', default: '7' },
            keep: { type: 'string' },
            json: { type: 'string' }
        }
    });
    const quick = values.quick;
    const leads = values.leads === undefined ? null : Math.round(positive('leads', values.leads));
    const defaultGap = positive('default-gap', values['default-gap']) * 1000;
    const fastGap = positive('fast-gap', values['fast-gap']) * 1000;
    return {
        quick,
        runs: [
            {
                label: 'one second',
                expression: '* * * * * *',
                periodMs: 1000,
                leads: leads ?? (quick ? 20 : 100),
                meanGapMs: fastGap
            },
            {
                label: 'default (every minute)',
                expression: '* * * * *',
                periodMs: 60_000,
                leads: leads ?? (quick ? 5 : 100),
                meanGapMs: quick ? Math.min(defaultGap, 3000) : defaultGap
            }
        ],
        background: Math.round(
            positive('background', values.background ?? (quick ? '2000' : '20000'))
        ),
        pollMs: positive('poll-ms', values['poll-ms']),
        seed: Math.round(positive('seed', values.seed)),
        keepDir: values.keep ?? null,
        json: values.json
    };
}

function rowOf(result: ScheduleResult): string[] {
    const latency = result.latency;
    return [
        result.run.label,
        `${formatCount(result.routed.length)} of ${formatCount(result.run.leads)}`,
        latency === null ? 'n/a' : formatDuration(latency.median),
        latency === null ? 'n/a' : formatDuration(latency.p95),
        latency === null
            ? 'n/a'
            : `${formatDuration(latency.min)} to ${formatDuration(latency.max)}`,
        formatCount(result.cycles.count),
        result.cycles.medianMs === null ? 'n/a' : formatDuration(result.cycles.medianMs),
        formatCount(result.cycles.skippedTicks),
        result.cycles.callsPerLead === null ? 'n/a' : result.cycles.callsPerLead.toFixed(1)
    ];
}

function checksOf(result: ScheduleResult): { check: string; passed: boolean }[] {
    const mismatches = result.routed.flatMap((lead) => lead.mismatches);
    return [
        {
            check: `${result.run.label}: every lead was routed with a clock (${result.routed.length} of ${result.run.leads})`,
            passed: result.routed.length === result.run.leads
        },
        {
            check: `${result.run.label}: each lead got its profile's route and the engine's decisions for it alone${mismatches.length === 0 ? '' : `; first mismatch: ${mismatches[0] ?? ''}`}`,
            passed: result.routed.length > 0 && mismatches.length === 0
        },
        {
            check: `${result.run.label}: the worker stopped cleanly on SIGTERM (exit ${String(result.exit.code ?? result.exit.signal)})`,
            passed: result.exit.code === 0
        }
    ];
}

function buildSection(options: Options, results: readonly ScheduleResult[]): BenchSection {
    return {
        title: 'Latency: lead created to route and clock written back',
        columns: [
            'Schedule',
            'Leads routed',
            'Median',
            'p95',
            'Range',
            'Cycles',
            'Median cycle',
            'Skipped ticks',
            'API calls per lead'
        ],
        rows: results.map(rowOf),
        goals: [],
        checks: results.flatMap(checksOf),
        notes: [
            `Background org: ${formatCount(options.background)} leads, ${formatCount(options.background / 10)} accounts, ${formatCount(options.background * 10)} signals, 75 users. It and the first worker's first sync over it are stamped an hour back, so that change reads (which reach two overlaps, 10 minutes, back) find only the benchmark's leads, as in an org where the worker has run for a while.`,
            `Leads come at exponential gaps (mean ${results.map((result) => `${(result.run.meanGapMs / 1000).toFixed(1)} s on the ${result.run.label} schedule`).join(', ')}), in three profiles routed to Sales 1h (intent above 70, a lead source that forces Sales) and SDR 24h (engagement above 5).`,
            "Latency runs from the lead's CreatedDate to the later of its SystemModstamp (routing decision and owner written) and its clock's CreatedDate, both in the org's timestamps.",
            'With a tick every period P and a cycle of C, a lead waits up to P for the next tick and C for its cycle: on average P/2 + C.',
            "API calls per lead: the worker's calls in the measured cycles divided by the leads, idle cycles included.",
            `Benchmark process (local org and checks) peak RSS: ${formatCount(peakRssMb())} MB.`
        ]
    };
}

/** How far back the background org's timestamps are, in milliseconds. */
const BACKGROUND_AGE_MS = 3_600_000;

/** Username of the admin user, who creates the leads as a person would. */
const ADMIN_USERNAME = 'admin@latency.example';

async function main(): Promise<void> {
    const options = parseOptions();
    const dir = options.keepDir ?? mkdtempSync(join(tmpdir(), 'lead-sla-latency-'));
    const token = randomBytes(24).toString('hex');
    const password = randomBytes(24).toString('hex');
    let org: LocalOrg | null = null;
    try {
        // The background org and the worker's first sync over it are stamped an hour back.
        // Later change reads reach back two overlaps (10 minutes by default), so they find
        // only the benchmark's leads, as in an org where the worker has run for a while.
        // The org's clock returns to the present before the first lead.
        let clockOffsetMs = -BACKGROUND_AGE_MS;
        org = await startLocalOrg({
            dataDir: join(dir, 'org'),
            reset: true,
            accessToken: token,
            seed: { adminUsername: ADMIN_USERNAME },
            users: [{ username: ADMIN_USERNAME, password }],
            clock: () => new Date(Date.now() + clockOffsetMs),
            // The admin's session starts in the shifted past, and a day's timeout keeps it alive across the jump.
            sessionTimeoutSeconds: 86_400
        });
        const sizes = {
            leads: options.background,
            accounts: Math.max(1, Math.round(options.background / 10)),
            signals: options.background * 10
        };
        seedBackfillOrg(org.store, sizes, new Date(), options.seed);
        const conn = await connectAsPerson(
            org.instanceUrl,
            { clientId: org.clientId, clientSecret: org.clientSecret },
            ADMIN_USERNAME,
            password
        );
        const context = {
            org,
            conn,
            token,
            dir,
            policy: readOrgPolicy(org.store),
            setup: readSetupRecords(org.store),
            pollMs: options.pollMs,
            onFirstCycle: () => {
                clockOffsetMs = 0;
            },
            random: randomSource(options.seed)
        };
        const results: ScheduleResult[] = [];
        for (const run of options.runs) {
            process.stderr.write(`latency: ${run.leads} leads on the ${run.label} schedule...\n`);
            results.push(await measureSchedule(context, run));
        }
        reportSection(buildSection(options, results), options.json);
    } finally {
        await org?.close();
        if (options.keepDir === null) {
            rmSync(dir, { recursive: true, force: true });
        }
    }
}

main().catch((error: unknown) => {
    process.stderr.write(
        `latency: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`
    );
    process.exitCode = 1;
});
