/**
 * One size of the engine benchmark, run in a process of its own so that its peak memory
 * is its own. It generates the org, reads it, reads and validates it, and evaluates it
 * in account groups while counting each group's plan the way the worker would write it.
 * Then it checks the results.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_POLICY } from '../../sync-worker/src/config/policy-schema';
import { evaluateInChunks } from '../../sync-worker/src/policy/chunks';
import type { Evaluation } from '../../sync-worker/src/policy/plan';
import { benchId, writeBenchData, type BenchSizes } from './engine-data';
import { checkSample, fieldsById, sampleIndexes } from './engine-checks';
import { readRecords, readSnapshot } from './engine-read';
import { peakRssMb } from './section';

/** The evaluation time of every run; the generator dates the data back from it. */
export const NOW = new Date('2027-03-10T15:00:00.000Z');

/** Records of the plan per kind of write, summed over the parts. */
export interface PlanCounts {
    readonly leadUpdates: number;
    readonly otherUpdates: number;
    readonly ownerChanges: number;
    readonly clocks: number;
    readonly otherWrites: number;
    readonly parts: number;
    /** Records of the largest part, which is the most a writer has to keep at once. */
    readonly largestPart: number;
}

/** Figures of one size, passed from the child process to the parent as JSON. */
export interface SizeRow {
    readonly sizes: BenchSizes;
    /** CPU time (user and system) of each step in milliseconds. */
    readonly readMs: number;
    readonly readValidateMs: number;
    readonly evaluateMs: number;
    /** Wall time of each step in milliseconds, generating the files included. */
    readonly wallMs: {
        readonly generate: number;
        readonly read: number;
        readonly readValidate: number;
        readonly evaluate: number;
    };
    readonly peakRssMb: number;
    /** Peak RSS when the snapshot was read, before the evaluation started. */
    readonly peakAfterReadMb: number;
    readonly heapAfterReadMb: number;
    readonly plan: PlanCounts;
    readonly checks: readonly { readonly check: string; readonly passed: boolean }[];
    readonly mismatches: readonly string[];
}

export interface RunOptions {
    readonly sample: number;
    readonly seed: number;
    readonly groupSize: number;
}

/** Lead number of a benchmark lead Id (`benchId('00Q', n)`). */
function leadNumber(id: string): number {
    return Number.parseInt(id.slice(3, 15), 36);
}

/**
 * Counts each part of the plan as it comes and drops it, except the fields of the
 * sampled leads. It also counts the updates of every lead, to prove each was evaluated
 * exactly once.
 */
class PlanConsumer {
    private leadUpdates = 0;
    private otherUpdates = 0;
    private ownerChanges = 0;
    private clocks = 0;
    private otherWrites = 0;
    private parts = 0;
    private largestPart = 0;
    people = 0;
    readonly sampled = new Map<string, Record<string, unknown>>();
    /** Updates per lead number; 1 everywhere when each lead was evaluated once. */
    readonly updatesPerLead: Uint8Array;

    constructor(
        leads: number,
        private readonly sampleIds: ReadonlySet<string>
    ) {
        this.updatesPerLead = new Uint8Array(leads);
    }

    consume(part: Evaluation): void {
        let records = 0;
        for (const update of part.updates) {
            if (update.object === 'Lead') {
                this.leadUpdates += 1;
                const number = leadNumber(update.id);
                this.updatesPerLead[number] = (this.updatesPerLead[number] ?? 0) + 1;
            } else {
                this.otherUpdates += 1;
            }
            records += 1;
        }
        for (const [id, fields] of fieldsById(part, this.sampleIds)) {
            this.sampled.set(id, fields);
        }
        const others =
            part.breaches.length +
            part.reviews.length +
            part.scorecards.length +
            part.tasks.length +
            part.notifications.length;
        this.ownerChanges += part.ownerChanges.length;
        this.clocks += part.clocks.length;
        this.otherWrites += others;
        records += part.ownerChanges.length + part.clocks.length + others;
        this.largestPart = Math.max(this.largestPart, records);
        this.parts += 1;
        this.people += part.stats.people;
    }

    counts(): PlanCounts {
        return {
            leadUpdates: this.leadUpdates,
            otherUpdates: this.otherUpdates,
            ownerChanges: this.ownerChanges,
            clocks: this.clocks,
            otherWrites: this.otherWrites,
            parts: this.parts,
            largestPart: this.largestPart
        };
    }
}

/** Wall and CPU time of one step, in milliseconds. */
class StepTimer {
    private wall = performance.now();
    private cpu = process.cpuUsage();

    /** Returns the time since the last lap and starts the next one. */
    lap(): { wallMs: number; cpuMs: number } {
        const cpu = process.cpuUsage(this.cpu);
        const wallMs = performance.now() - this.wall;
        this.wall = performance.now();
        this.cpu = process.cpuUsage();
        return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
    }
}

/** Runs one size in this process and returns its figures and checks. */
export async function runSize(sizes: BenchSizes, options: RunOptions): Promise<SizeRow> {
    const dir = mkdtempSync(join(tmpdir(), 'bench-engine-'));
    try {
        const timer = new StepTimer();
        await writeBenchData(dir, sizes, NOW, options.seed);
        const generate = timer.lap();
        await readRecords(dir);
        const read = timer.lap();
        const org = await readSnapshot(dir, sizes);
        const readValidate = timer.lap();
        const heapAfterReadMb = Math.round(process.memoryUsage().heapUsed / 2 ** 20);
        const peakAfterReadMb = peakRssMb();

        const sample = sampleIndexes(sizes, options.sample);
        const consumer = new PlanConsumer(
            sizes.leads,
            new Set(sample.map((index) => benchId('00Q', index)))
        );
        timer.lap();
        for (const part of evaluateInChunks(org.snapshot, DEFAULT_POLICY, NOW, {
            maxGroupSize: options.groupSize
        })) {
            consumer.consume(part);
        }
        const evaluate = timer.lap();
        const peak = peakRssMb();

        const result = checkSample(org, consumer.sampled, sizes, sample, NOW);
        const once = consumer.updatesPerLead.every((count) => count === 1);
        const label = `${sizes.leads} leads`;
        return {
            sizes,
            readMs: read.cpuMs,
            readValidateMs: readValidate.cpuMs,
            evaluateMs: evaluate.cpuMs,
            wallMs: {
                generate: generate.wallMs,
                read: read.wallMs,
                readValidate: readValidate.wallMs,
                evaluate: evaluate.wallMs
            },
            peakRssMb: peak,
            peakAfterReadMb,
            heapAfterReadMb,
            plan: consumer.counts(),
            checks: [
                {
                    check: `${label}: every lead evaluated and updated exactly once`,
                    passed: once && consumer.people === sizes.leads
                },
                {
                    check: `${label}: ${sample.length} sampled leads decided as when their account is evaluated alone`,
                    passed: result.alone.length === 0
                },
                {
                    check: `${label}: intent of the sampled leads equals the score computed by hand`,
                    passed: result.byHand.length === 0
                }
            ],
            mismatches: [...result.alone, ...result.byHand].slice(0, 20)
        };
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}
