/**
 * Benchmark of the policy engine: one full evaluation of a large org on one core, next
 * to the time it takes merely to read the same data. The org (by default 1M leads, 10M
 * signals, 100k accounts, 75 users) is generated into CSV files like Bulk API 2.0
 * results. The benchmark then reads them twice: once only splitting lines, once parsing
 * every record with the record schemas into a snapshot (signals into columns). Then it
 * evaluates the policy and reports times, peak memory (max RSS) and the plan's size.
 * It checks its own results: for a sample of leads it evaluates each lead's account on
 * its own and compares the decisions, and it recomputes the intent score by hand.
 *
 * Build, then run with the project's Node.js 22, pinned to one core:
 *   npm run build && taskset -c 0 npx node --max-old-space-size=4096 dist/scripts/bench-engine.js
 *
 * Options: --leads N (default 1,000,000), --signals N (default 10 per lead), --accounts N
 * (default 1 per 10 leads), --sample N leads to check (default 200), --seed N, --dir
 * FOLDER to keep the generated files (default a temporary folder, removed afterwards).
 * The exit status is 1 when a check fails.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_POLICY } from '../sync-worker/src/config/policy-schema';
import { evaluate } from '../sync-worker/src/policy/evaluate';
import type { Evaluation } from '../sync-worker/src/policy/plan';
import {
    emptySnapshot,
    SignalColumnsBuilder,
    type OrgSnapshot,
    type SignalColumns
} from '../sync-worker/src/policy/snapshot';
import {
    AccountSchema,
    EngagementSignalSchema,
    GroupSchema,
    LeadSchema,
    UserSchema,
    type Account,
    type EngagementSignal,
    type Lead,
    type User
} from '../sync-worker/src/schema/records';
import {
    benchId,
    FILES,
    leadEmail,
    readCsv,
    writeBenchData,
    type BenchSizes
} from './bench-engine-data';

const NOW = new Date('2027-03-10T15:00:00.000Z');
const DAY_MS = 86_400_000;

interface Options extends BenchSizes {
    readonly sample: number;
    readonly seed: number;
    readonly dir: string | undefined;
}

function parseOptions(): Options {
    const { values } = parseArgs({
        options: {
            leads: { type: 'string', default: '1000000' },
            signals: { type: 'string' },
            accounts: { type: 'string' },
            sample: { type: 'string', default: '200' },
            seed: { type: 'string', default: '42' },
            dir: { type: 'string' }
        }
    });
    const leads = Number(values.leads);
    const options = {
        leads,
        signals: Number(values.signals ?? leads * 10),
        accounts: Number(values.accounts ?? Math.max(1, Math.round(leads / 10))),
        sample: Number(values.sample),
        seed: Number(values.seed),
        dir: values.dir
    };
    for (const [name, value] of Object.entries(options)) {
        if (name !== 'dir' && !(Number.isInteger(value) && Number(value) >= 0)) {
            throw new Error(`--${name} must be a whole number, not ${String(value)}`);
        }
    }
    return options;
}

function seconds(startMs: number): number {
    return (performance.now() - startMs) / 1000;
}

function megabytes(bytes: number): number {
    return Math.round(bytes / 1024 / 1024);
}

/** Reads the files only splitting lines into values: the floor of any reader. */
async function readRaw(dir: string): Promise<number> {
    let rows = 0;
    for (const file of Object.values(FILES)) {
        rows += await readCsv(join(dir, file), () => undefined);
    }
    return rows;
}

interface ReadOrg {
    readonly snapshot: OrgSnapshot;
    readonly leads: Lead[];
    readonly users: User[];
    readonly accounts: Account[];
}

/** Reads and validates every record into a snapshot, signals into columns. */
async function readSnapshot(dir: string, sizes: BenchSizes): Promise<ReadOrg> {
    const users: User[] = [];
    const accounts: Account[] = [];
    const leads: Lead[] = [];
    const signals = new SignalColumnsBuilder(sizes.signals);
    await readCsv(join(dir, FILES.users), (record) => users.push(UserSchema.parse(record)));
    await readCsv(join(dir, FILES.accounts), (record) =>
        accounts.push(AccountSchema.parse(record))
    );
    await readCsv(join(dir, FILES.leads), (record) => leads.push(LeadSchema.parse(record)));
    await readCsv(join(dir, FILES.signals), (record) => {
        signals.add(EngagementSignalSchema.parse(record));
    });
    const queue = GroupSchema.parse({
        Id: benchId('00G', 0),
        Name: 'Marketing Nurture',
        DeveloperName: 'Marketing_Nurture',
        Type: 'Queue'
    });
    const snapshot: OrgSnapshot = {
        ...emptySnapshot(),
        users,
        accounts,
        leads,
        groups: [queue],
        signals: signals.build()
    };
    return { snapshot, leads, users, accounts };
}

/** Indexes of the sampled leads, spread over the whole range. */
function sampleIndexes(options: Options): number[] {
    const count = Math.min(options.sample, options.leads);
    return Array.from({ length: count }, (_, at) =>
        Math.floor((at * options.leads) / Math.max(1, count))
    );
}

/** Leads that share the sampled lead's account (by the generator's email rule), including itself. */
function accountMates(index: number, sizes: BenchSizes): number[] {
    const email = leadEmail(index, sizes.accounts);
    if (email === null || email.endsWith('@gmail.com')) {
        return [index];
    }
    const mates: number[] = [];
    for (let other = index % sizes.accounts; other < sizes.leads; other += sizes.accounts) {
        const mail = leadEmail(other, sizes.accounts);
        if (mail !== null && !mail.endsWith('@gmail.com')) {
            mates.push(other);
        }
    }
    return mates;
}

/** Signal records of the wanted leads, rebuilt from the columns. */
function signalsOf(
    columns: SignalColumns,
    wanted: ReadonlySet<string>
): Map<string, EngagementSignal[]> {
    const found = new Map<string, EngagementSignal[]>();
    for (let at = 0; at < columns.length; at++) {
        const leadId = columns.refs[columns.lead[at] ?? -1];
        if (leadId === undefined || !wanted.has(leadId)) {
            continue;
        }
        const weight = columns.weight[at] ?? Number.NaN;
        const signal = EngagementSignalSchema.parse({
            Id: benchId('a0S', at),
            Lead__c: leadId,
            Type__c: columns.types[columns.type[at] ?? 0],
            Occurred_At__c: new Date(columns.occurredAt[at] ?? 0),
            Weight__c: Number.isNaN(weight) ? null : weight
        });
        found.set(leadId, [...(found.get(leadId) ?? []), signal]);
    }
    return found;
}

/** Intent score by the rule's own words, written independently of the engine. */
function handIntent(signals: readonly EngagementSignal[]): number {
    let sum = 0;
    for (const signal of signals) {
        const age = NOW.getTime() - (signal.Occurred_At__c?.getTime() ?? 0);
        if (age < 0 || age > DEFAULT_POLICY.scoringWindowDays * DAY_MS) {
            continue;
        }
        const weight = signal.Weight__c ?? DEFAULT_POLICY.signalWeights[signal.Type__c ?? ''] ?? 0;
        sum += weight * 0.5 ** (age / (DEFAULT_POLICY.intentHalfLifeDays * DAY_MS));
    }
    return Math.round(Math.min(100, sum));
}

const COMPARED = [
    'Intent_Score__c',
    'Engagement_Count__c',
    'Matched_Account__c',
    'Lifecycle_Stage__c',
    'Routing_Decision__c',
    'SLA_Due_At__c'
] as const;

function fieldsById(
    evaluation: Evaluation,
    ids: ReadonlySet<string>
): Map<string, Record<string, unknown>> {
    const found = new Map<string, Record<string, unknown>>();
    for (const update of evaluation.updates) {
        if (ids.has(update.id)) {
            found.set(update.id, update.fields);
        }
    }
    return found;
}

/** Checks the sampled leads against small evaluations and the hand-computed score; returns the mismatches. */
function checkSample(org: ReadOrg, big: Evaluation, options: Options): string[] {
    const sample = sampleIndexes(options);
    const groups = sample.map((index) => accountMates(index, options));
    const wanted = new Set(groups.flat().map((index) => benchId('00Q', index)));
    const signals = signalsOf(org.snapshot.signals as SignalColumns, wanted);
    const sampleIds = new Set(sample.map((index) => benchId('00Q', index)));
    const bigFields = fieldsById(big, sampleIds);
    const mismatches: string[] = [];
    sample.forEach((index, at) => {
        const id = benchId('00Q', index);
        const mates = (groups[at] ?? [])
            .map((mate) => org.leads[mate])
            .filter((lead): lead is Lead => lead !== undefined);
        const accountIndex = index % options.accounts;
        const account =
            mates.length > 1 || leadEmail(index, options.accounts)?.includes('@acct') === true
                ? org.accounts[accountIndex]
                : undefined;
        const small: OrgSnapshot = {
            ...emptySnapshot(),
            users: org.users,
            groups: org.snapshot.groups,
            accounts: account === undefined ? [] : [account],
            leads: mates,
            signals: mates.flatMap((lead) => signals.get(lead.Id) ?? [])
        };
        const smallFields =
            fieldsById(evaluate(small, DEFAULT_POLICY, NOW), new Set([id])).get(id) ?? {};
        const bigLead = bigFields.get(id) ?? {};
        for (const field of COMPARED) {
            if (JSON.stringify(bigLead[field]) !== JSON.stringify(smallFields[field])) {
                mismatches.push(
                    `${id} ${field}: full ${JSON.stringify(bigLead[field])}, alone ${JSON.stringify(smallFields[field])}`
                );
            }
        }
        const byHand = handIntent(signals.get(id) ?? []);
        if ((bigLead.Intent_Score__c ?? 0) !== byHand) {
            mismatches.push(
                `${id} Intent_Score__c: engine ${JSON.stringify(bigLead.Intent_Score__c)}, by hand ${byHand}`
            );
        }
    });
    return mismatches;
}

function printRow(label: string, value: string): void {
    process.stdout.write(`${label.padEnd(34)} ${value}\n`);
}

async function main(): Promise<number> {
    const options = parseOptions();
    const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'bench-engine-'));
    mkdirSync(dir, { recursive: true });
    try {
        const generateStart = performance.now();
        await writeBenchData(dir, options, NOW, options.seed);
        printRow(
            'org',
            `${options.leads} leads, ${options.signals} signals, ${options.accounts} accounts`
        );
        printRow('generate files (s)', seconds(generateStart).toFixed(1));

        const rawStart = performance.now();
        const rows = await readRaw(dir);
        printRow('read, split only (s)', `${seconds(rawStart).toFixed(1)} (${rows} rows)`);

        const readStart = performance.now();
        const org = await readSnapshot(dir, options);
        const readSeconds = seconds(readStart);
        printRow('read and validate (s)', readSeconds.toFixed(1));
        printRow('heap after read (MB)', String(megabytes(process.memoryUsage().heapUsed)));

        const evaluateStart = performance.now();
        const evaluation = evaluate(org.snapshot, DEFAULT_POLICY, NOW);
        const evaluateSeconds = seconds(evaluateStart);
        printRow('evaluate (s)', evaluateSeconds.toFixed(1));
        printRow('evaluate / read and validate', (evaluateSeconds / readSeconds).toFixed(2));
        printRow('heap after evaluate (MB)', String(megabytes(process.memoryUsage().heapUsed)));
        printRow('peak RSS (MB)', String(Math.round(process.resourceUsage().maxRSS / 1024)));
        const { stats } = evaluation;
        printRow(
            'plan',
            `${evaluation.updates.length} updates, ${evaluation.ownerChanges.length} owner changes, ${evaluation.clocks.length} clocks, ${evaluation.breaches.length} breaches, ${evaluation.tasks.length} tasks`
        );
        printRow('routed', String(stats.routed));

        const mismatches = checkSample(org, evaluation, options);
        printRow(
            'sample check',
            mismatches.length === 0
                ? `ok (${Math.min(options.sample, options.leads)} leads)`
                : `${mismatches.length} mismatches`
        );
        mismatches.slice(0, 20).forEach((line) => process.stdout.write(`  ${line}\n`));
        return mismatches.length === 0 ? 0 : 1;
    } finally {
        if (options.dir === undefined) {
            rmSync(dir, { recursive: true, force: true });
        }
    }
}

main().then(
    (code) => {
        process.exitCode = code;
    },
    (error: unknown) => {
        process.stderr.write(
            `bench-engine: ${error instanceof Error ? error.message : String(error)}\n`
        );
        process.exitCode = 1;
    }
);
