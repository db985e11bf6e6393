/**
 * Benchmark: API calls per sync cycle. N leads change (0, 1, 100, 1,000 and 10,000 on
 * the standard sample org, 100 and 1,000 on a smaller and a larger one), and one worker
 * cycle reads and handles the changes. Its calls are set next to the floor of that work
 * (see `api-scenario.ts`) and to a naive jsforce client that reads and writes the same
 * records (`naive-baseline.ts`). Every scenario checks that the worker decided what an
 * evaluation of the whole org decides, and that the baseline made the same writes.
 *
 * Full run, 80 minutes and 4.4 GB of memory on a shared 2-core machine, two thirds of it
 * for the large org:
 *   npm run build && node --disable-warning=ExperimentalWarning dist/scripts/bench/api-calls.js
 * Options: --quick (orgs of 260 and 1,600 leads, two minutes), --json FILE (write the
 * section for `npm run bench`), --now ISO (the evaluation time of every cycle and the end
 * of the sample org's history, default the start time). The same --now gives the same
 * orgs, changes and decisions.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { getLogger } from '../../sync-worker/src/logging';
import { buildTemplate, type OrgSize, type Template } from './api-org';
import { runScenario, type ScenarioResult } from './api-scenario';
import { describeResults } from './api-report';
import { reportSection } from './section';

const logger = getLogger('bench.api-calls');

/** The org sizes of a run and the changed-lead counts of each. */
interface RunPlan {
    /** Size whose scenarios carry the goals. */
    readonly main: OrgSize;
    /** N at which the floor and baseline goals are judged. */
    readonly goalChanges: number;
    readonly sizes: readonly { readonly size: OrgSize; readonly counts: readonly number[] }[];
}

/** Same people per account as the standard org (10 contacts, about 13 leads), fewer accounts. */
const SMALL: OrgSize = {
    label: 'small',
    scale: { base: 'standard', accounts: 300, contacts: 3_000, leads: 4_000 }
};
const STANDARD: OrgSize = { label: 'standard', scale: 'standard' };
const LARGE: OrgSize = { label: 'large', scale: 'large' };

const QUICK_TINY: OrgSize = { label: 'quick-tiny', scale: 'small' };
const QUICK_MAIN: OrgSize = {
    label: 'quick',
    scale: { base: 'small', accounts: 120, contacts: 1_200, leads: 1_600 }
};

const FULL_RUN: RunPlan = {
    main: STANDARD,
    goalChanges: 1_000,
    sizes: [
        { size: SMALL, counts: [100, 1_000] },
        { size: STANDARD, counts: [0, 1, 100, 1_000, 10_000] },
        { size: LARGE, counts: [100, 1_000] }
    ]
};

const QUICK_RUN: RunPlan = {
    main: QUICK_MAIN,
    goalChanges: 1_000,
    sizes: [
        { size: QUICK_TINY, counts: [10, 100] },
        { size: QUICK_MAIN, counts: [0, 1, 100, 1_000] }
    ]
};

async function runSize(
    folder: string,
    entry: RunPlan['sizes'][number],
    evaluationTime: Date
): Promise<{ template: Template; results: ScenarioResult[] }> {
    const sizeFolder = join(folder, entry.size.label);
    const template = await buildTemplate(join(sizeFolder, 'template'), entry.size, evaluationTime);
    const results: ScenarioResult[] = [];
    for (const count of entry.counts) {
        const scenarioFolder = join(sizeFolder, `n-${count}`);
        try {
            results.push(await runScenario(template, scenarioFolder, count, evaluationTime));
        } finally {
            rmSync(scenarioFolder, { recursive: true, force: true });
        }
    }
    rmSync(sizeFolder, { recursive: true, force: true });
    return { template, results };
}

async function main(): Promise<void> {
    const { values } = parseArgs({
        options: {
            quick: { type: 'boolean', default: false },
            json: { type: 'string' },
            now: { type: 'string' }
        }
    });
    const plan = values.quick ? QUICK_RUN : FULL_RUN;
    // Every cycle evaluates at this one instant, so time alone changes no decision between them.
    const evaluationTime = values.now === undefined ? new Date() : new Date(values.now);
    if (Number.isNaN(evaluationTime.getTime())) {
        throw new Error(`--now ${values.now ?? ''} is not a valid ISO 8601 time.`);
    }
    const folder = mkdtempSync(join(tmpdir(), 'bench-api-calls-'));
    try {
        const templates: Template[] = [];
        const results: ScenarioResult[] = [];
        for (const entry of plan.sizes) {
            logger.info('Building the template', { size: entry.size.label });
            const done = await runSize(folder, entry, evaluationTime);
            templates.push(done.template);
            results.push(...done.results);
        }
        const section = describeResults({
            results,
            templates,
            mainSize: plan.main.label,
            goalChanges: plan.goalChanges,
            evaluationTime,
            quick: values.quick
        });
        reportSection(section, values.json);
    } finally {
        rmSync(folder, { recursive: true, force: true });
    }
}

main().catch((error: unknown) => {
    process.stderr.write(
        `api-calls: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`
    );
    process.exitCode = 1;
});
