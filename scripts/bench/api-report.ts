/**
 * The report of the API-call benchmark: one table with a row per org size and number of
 * changed leads, the goals judged on the main size, the growth across sizes, and notes
 * that define the floor and describe the scenario.
 */
import type { Template } from './api-org';
import type { ScenarioResult } from './api-scenario';
import { formatCount, formatRatio, peakRssMb, type BenchGoal, type BenchSection } from './section';

/** Max ratio of the calls on the largest org to those on the smallest, at the same N. */
const GROWTH_LIMIT = 1.25;

/** Max calls of an idle cycle. */
const IDLE_LIMIT = 2;
/** Max ratio of the worker's calls to the floor at the goal's N. */
const FLOOR_LIMIT = 1.2;
/** Min ratio of the baseline's calls to the worker's at the goal's N. */
const BASELINE_FACTOR = 50;

/** Inputs of the report. */
export interface ReportInput {
    readonly results: readonly ScenarioResult[];
    readonly templates: readonly Template[];
    readonly mainSize: string;
    readonly goalChanges: number;
    /** The instant every cycle evaluated at (`--now`). */
    readonly evaluationTime: Date;
    readonly quick: boolean;
}

const COLUMNS = [
    'Org',
    'Changed leads',
    'Accounts touched',
    'Rows read',
    'Records written',
    'Worker calls (read + write)',
    'Next cycle calls',
    'Floor',
    'Worker / floor',
    'Packed floor',
    'Baseline calls',
    'Baseline / worker'
];

function row(result: ScenarioResult): string[] {
    const { worker, baseline, floor } = result;
    return [
        result.size.label,
        formatCount(result.changedLeads),
        formatCount(result.accounts),
        formatCount(result.recordsRead),
        formatCount(result.written),
        `${formatCount(worker.client)} (${worker.reads} + ${worker.writes})`,
        formatCount(result.nextCycle.client),
        formatCount(floor.total),
        formatRatio(worker.client / floor.total),
        formatCount(floor.packed),
        formatCount(baseline.client),
        formatRatio(baseline.client / Math.max(1, worker.client))
    ];
}

function find(input: ReportInput, size: string, changes: number): ScenarioResult | undefined {
    return input.results.find(
        (result) => result.size.label === size && result.changedLeads === changes
    );
}

function mainGoals(input: ReportInput): BenchGoal[] {
    const goals: BenchGoal[] = [];
    const idle = find(input, input.mainSize, 0);
    if (idle !== undefined) {
        goals.push({
            goal: `an idle cycle costs at most ${IDLE_LIMIT} calls`,
            met: idle.worker.client <= IDLE_LIMIT,
            measured: `${idle.worker.client} calls`
        });
    }
    const at = find(input, input.mainSize, input.goalChanges);
    if (at !== undefined) {
        const n = formatCount(input.goalChanges);
        const toFloor = at.worker.client / at.floor.total;
        const saving = at.baseline.client / Math.max(1, at.worker.client);
        goals.push(
            {
                goal: `at N = ${n} the worker is within ${FLOOR_LIMIT}x of the floor`,
                met: toFloor <= FLOOR_LIMIT,
                measured: `${at.worker.client} calls, floor ${at.floor.total}: ${formatRatio(toFloor)}`
            },
            {
                goal: `at N = ${n} the worker is at least ${BASELINE_FACTOR}x cheaper than the naive baseline`,
                met: saving >= BASELINE_FACTOR,
                measured: `${formatCount(at.baseline.client)} against ${formatCount(at.worker.client)} calls: ${formatRatio(saving)}`
            }
        );
    }
    return goals;
}

/** Judges growth: at each N run on every size, the calls on the largest org against the smallest's. */
function growthGoals(input: ReportInput): BenchGoal[] {
    const sizes = input.templates.map((template) => template.size.label);
    const counts = [...new Set(input.results.map((result) => result.changedLeads))].filter(
        (count) => sizes.every((size) => find(input, size, count) !== undefined)
    );
    const first = sizes[0];
    const last = sizes.at(-1);
    if (counts.length === 0 || first === undefined || last === undefined || first === last) {
        return [];
    }
    return counts.map((count) => {
        const calls = sizes.map((size) => find(input, size, count)?.worker.client ?? 0);
        const ratio = (calls.at(-1) ?? 0) / Math.max(1, calls[0] ?? 0);
        return {
            goal: `at N = ${formatCount(count)} an incremental cycle on the ${last} org costs at most ${GROWTH_LIMIT}x the ${first} org's`,
            met: ratio <= GROWTH_LIMIT,
            measured: `${calls.join(', ')} calls on ${sizes.join(', ')}: ${formatRatio(ratio)}`
        };
    });
}

function sizeNote(template: Template): string {
    const count = (object: string): string => formatCount(template.counts[object] ?? 0);
    return `${template.size.label}: ${count('Account')} accounts, ${count('Contact')} contacts, ${count('Lead')} leads, ${count('Engagement_Signal__c')} signals. Its template took ${Math.round(template.seconds)} s to build, and its first cycle wrote ${formatCount(template.firstCycle.written)} records.`;
}

/** Lists the worker's calls by N on each size, to show how they grow with the changes. */
function growthNote(input: ReportInput): string {
    const sizes = input.templates.map((template) => {
        const steps = input.results
            .filter((result) => result.size.label === template.size.label)
            .sort((a, b) => a.changedLeads - b.changedLeads)
            .map(
                (result) =>
                    `${formatCount(result.worker.client)} at N = ${formatCount(result.changedLeads)}`
            );
        return `${template.size.label} ${steps.join(', ')}`;
    });
    return `Worker calls by N: ${sizes.join('; ')}.`;
}

const SCENARIO_NOTES = [
    'Scenario: a fresh worker loads a settled copy of the sample org, on which a worker has run already. Then N open leads change, spread round-robin over their accounts: 3 in 4 get an engagement signal, 1 in 4 a new lead source. Then one cycle runs. All cycles evaluate at the same instant, so only the changes cause work.',
    "Worker calls are the cycle report's apiCalls (the session's meter). The org's API usage counter and its request log count the same. \"Read + write\" sorts the logged requests, and other calls (notifications, limits) make up the rest.",
    'Floor = reads + ceil(records written / 200). Reads are the query pages of the changed rows, ceil(rows / 2,000) for each object that changed, and at least 1 call to learn that nothing changed. 200 is the max records of one sObject Collections request.',
    "Packed floor = ceil(query pages / 5) + ceil(records written / 1,000), the same work when each Composite request carries 5 query pages or 5 collections of 200 records, as the worker's do. The worker spends more than this for two reasons. Each of its write phases (updates, new clocks, tasks, outcomes, clock transitions) waits for the one before, and it polls 10 objects (2 Composite requests) to find the ones that changed.",
    "Next cycle: the worker's cycle right after the measured one. Each change query reaches back 300 s (the default overlap) before its watermark, so cycles read the changes and the worker's own writes (as echoes) again until they are about 600 s old. This costs extra calls once an object has more than one query page (2,000 rows) in that window.",
    "Baseline: jsforce used directly, with one query per polled object (one call per page) and one request per record written. It replays the worker's plan of writes on a second copy of the org with the same changes."
];

function notes(input: ReportInput): string[] {
    const lines = [
        ...SCENARIO_NOTES,
        `Evaluation time: ${input.evaluationTime.toISOString()}; run again with --now set to it for the same orgs, changes and decisions.`,
        ...input.templates.map(sizeNote),
        growthNote(input)
    ];
    const at = find(input, input.mainSize, input.goalChanges);
    if (at !== undefined) {
        lines.push(
            `At N = ${formatCount(at.changedLeads)} on ${at.size.label}, the worker made ${at.worker.reads} read calls for ${at.floor.pages} query pages and ${at.worker.writes} write calls for ${formatCount(at.written)} records. The baseline made ${formatCount(at.baseline.reads)} read and ${formatCount(at.baseline.writes)} write calls.`
        );
    }
    if (input.quick) {
        lines.push(
            'Quick run: orgs of 260 and 1,600 leads, so the growth rows compare small orgs only.'
        );
    }
    const notifications = input.results.reduce((sum, result) => sum + result.notificationsSent, 0);
    lines.push(
        `The measured cycles sent ${formatCount(notifications)} custom notifications. The floor leaves them out, but the worker's and the baseline's calls include them.`
    );
    const grouped = input.results.filter((result) => result.groupedDifferences > 0);
    lines.push(
        grouped.length === 0
            ? "The worker's own whole-org evaluation, in account groups of 20,000 people and accounts, planned the same writes as the focused cycles."
            : `The worker's own whole-org evaluation, in account groups of 20,000 people and accounts, differs from the focused cycle in ${grouped.map((result) => `${formatCount(result.groupedDifferences)} plan lines at ${result.size.label} N = ${formatCount(result.changedLeads)}`).join(', ')}: the rep a workload pick chooses follows the order of the groups there.`
    );
    const seconds = input.results.reduce((sum, result) => sum + result.seconds, 0);
    const templateSeconds = input.templates.reduce((sum, template) => sum + template.seconds, 0);
    lines.push(
        `Scenarios took ${Math.round(seconds)} s in all and templates ${Math.round(templateSeconds)} s. Peak memory of the process: ${formatCount(peakRssMb())} MB.`
    );
    lines.push(...input.results.flatMap((result) => result.findings));
    return lines;
}

/** Builds the benchmark's section from its scenarios. */
export function describeResults(input: ReportInput): BenchSection {
    const order = input.templates.map((template) => template.size.label);
    const rows = [...input.results]
        .sort(
            (a, b) =>
                order.indexOf(a.size.label) - order.indexOf(b.size.label) ||
                a.changedLeads - b.changedLeads
        )
        .map(row);
    return {
        title: 'API calls per cycle',
        columns: COLUMNS,
        rows,
        goals: [...mainGoals(input), ...growthGoals(input)],
        checks: input.results.flatMap((result) => result.checks),
        notes: notes(input)
    };
}
