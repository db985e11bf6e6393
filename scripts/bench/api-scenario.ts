/**
 * One scenario of the API-call benchmark: N changed leads on a copy of a settled
 * template. The worker runs one cycle on one copy. The engine evaluates all of a second
 * copy with the same changes, to check the worker's decisions. Then the naive baseline
 * makes the same writes on that second copy.
 *
 * The floor is what any client must spend on the cycle's work:
 * - reads: one query call per page of changed rows of each object that changed
 *   (`ceil(rows / 2,000)`, 2,000 being the largest REST query page), and at least one
 *   call, since learning that nothing changed takes one;
 * - writes: `ceil(records written / 200)`, 200 records being the most one sObject
 *   Collections request takes.
 * The packed floor lets Composite requests carry 5 query pages or 5 collections of 200
 * records each, as the worker's requests do: `ceil(pages / 5) + ceil(written / 1,000)`.
 */
import { join } from 'node:path';
import type { LocalOrg } from '../../sync-worker/src/local-org';
import { getLogger } from '../../sync-worker/src/logging';
import { evaluate } from '../../sync-worker/src/policy';
import { RestClient } from '../../sync-worker/src/salesforce';
import { SyncWorker } from '../../sync-worker/src/sync';
import { localDate, orgTimeZone } from '../../sync-worker/src/sync/evaluation';
import { loadPolicy } from '../../sync-worker/src/sync/policy-source';
import { fullSnapshot } from '../../sync-worker/src/sync/snapshot';
import {
    plannedWriteCount,
    planWrites,
    type WritePlan
} from '../../sync-worker/src/sync/write-plan';
import { applyChanges } from './api-changes';
import { compareWritten, comparePlans } from './api-checks';
import {
    connectTo,
    copyTemplate,
    openOrg,
    workerOptions,
    type OrgSize,
    type Template
} from './api-org';
import { runWorker, type CallCount, type WorkerRun } from './api-worker';
import { runNaiveBaseline, type BaselineRun } from './naive-baseline';

const logger = getLogger('bench.api-scenario');

/** Max rows of one REST query page. */
const QUERY_PAGE_ROWS = 2_000;
/** Max records of one sObject Collections request. */
const COLLECTION_RECORDS = 200;
/** Max queries or collections in one Composite request. */
const PER_COMPOSITE = 5;

/** The floor of one cycle, as defined in the header. */
export interface Floor {
    /** Query pages of the changed rows. */
    readonly pages: number;
    readonly reads: number;
    readonly total: number;
    readonly packed: number;
}

/** One self-check. */
export interface Check {
    readonly check: string;
    readonly passed: boolean;
}

/** Everything one scenario measured and checked. */
export interface ScenarioResult {
    readonly size: OrgSize;
    readonly changedLeads: number;
    readonly accounts: number;
    readonly recordsRead: number;
    readonly written: number;
    readonly notificationsSent: number;
    readonly worker: CallCount;
    /** Calls of the worker's next cycle, which reads the overlap window again. */
    readonly nextCycle: CallCount;
    readonly baseline: CallCount;
    readonly floor: Floor;
    readonly checks: readonly Check[];
    /** Lines that explain failed checks (first few differences). */
    readonly findings: readonly string[];
    /** Plan lines in which the focused plan and the worker's grouped whole-org plan differ. */
    readonly groupedDifferences: number;
    readonly seconds: number;
}

/** Computes the floor of a cycle from its changed rows per object and its written records. */
export function floorOf(rowsPerObject: readonly number[], written: number): Floor {
    const pages = rowsPerObject.reduce((sum, rows) => sum + Math.ceil(rows / QUERY_PAGE_ROWS), 0);
    const reads = Math.max(1, pages);
    return {
        pages,
        reads,
        total: reads + Math.ceil(written / COLLECTION_RECORDS),
        packed:
            Math.max(1, Math.ceil(pages / PER_COMPOSITE)) +
            Math.ceil(written / (COLLECTION_RECORDS * PER_COMPOSITE))
    };
}

/** Plans of the whole org: one engine evaluation, and the worker's own evaluation in account groups. */
interface WholeOrgPlans {
    readonly single: WritePlan;
    readonly grouped: WritePlan | null;
}

/**
 * Loads the org into a dry-run worker (whose first cycle evaluates the org in account
 * groups) and evaluates the same records again in one engine call. A focused cycle is
 * one engine call too, so its plan must equal the single evaluation's. A cycle that
 * falls back to the whole org evaluates it in account groups, where the rep that a
 * workload pick chooses follows the order of the groups.
 */
async function wholeOrgPlans(org: LocalOrg, evaluationTime: Date): Promise<WholeOrgPlans> {
    const session = await connectTo(org);
    const worker = new SyncWorker(session, workerOptions(org, null, { dryRun: true }));
    const report = await worker.runCycle(evaluationTime);
    if (report.outcome !== 'success') {
        throw new Error(`The whole-org evaluation failed: ${report.error ?? report.outcome}`);
    }
    const policy = await loadPolicy(new RestClient(session), null);
    const { mirror } = worker;
    const evaluation = evaluate(fullSnapshot(mirror), policy, evaluationTime);
    const today = localDate(evaluationTime, orgTimeZone(mirror));
    return {
        single: planWrites(evaluation, mirror, { writeScorecards: true }, today),
        grouped: report.plan
    };
}

function callsAgree(calls: CallCount): boolean {
    return calls.client === calls.usage && calls.client === calls.logged;
}

/** Checks the worker's own run. */
function workerChecks(name: string, changedLeads: number, run: WorkerRun): Check[] {
    const { cycle, settle } = run;
    const settled =
        settle.written === 0 && (settle.plan === null || plannedWriteCount(settle.plan) === 0);
    return [
        {
            check: `${name}: a fresh worker on the copy writes nothing (template settled)`,
            passed: settled
        },
        {
            check: `${name}: the cycle succeeded without failed or skipped writes`,
            passed: cycle.outcome === 'success' && cycle.failed === 0 && cycle.skipped === 0
        },
        {
            check: `${name}: the worker found exactly the ${changedLeads} changed records`,
            passed: cycle.recordsChanged === changedLeads
        },
        {
            check: `${name}: worker calls agree (meter ${run.calls.client}, org usage ${run.calls.usage}, request log ${run.calls.logged})`,
            passed: callsAgree(run.calls)
        },
        {
            check: `${name}: the next cycle finds only the worker's own writes and writes nothing`,
            passed:
                run.next.outcome === 'success' &&
                run.next.recordsChanged === 0 &&
                run.next.written === 0 &&
                callsAgree(run.nextCalls)
        }
    ];
}

/** Runs the baseline and the decision check on the second copy, and compares the writes. */
async function baselineSide(
    template: Template,
    folder: string,
    changedLeads: number,
    evaluationTime: Date,
    run: WorkerRun,
    workerOrg: LocalOrg
): Promise<{
    baseline: BaselineRun;
    checks: Check[];
    findings: string[];
    groupedDifferences: number;
}> {
    const name = `${template.size.label} N=${changedLeads}`;
    const org = await openOrg(copyTemplate(template, join(folder, 'baseline-org')));
    try {
        applyChanges(org, changedLeads, evaluationTime);
        const wholeOrg = await wholeOrgPlans(org, evaluationTime);
        const inGroups = run.cycle.kind === 'full';
        const decisions = comparePlans(
            run.cycle.plan,
            inGroups ? wholeOrg.grouped : wholeOrg.single
        );
        const grouped = comparePlans(run.cycle.plan, wholeOrg.grouped);
        const baseline = await runNaiveBaseline(org, {
            polled: run.polled,
            plan: run.cycle.plan ?? emptyPlan(),
            clockIds: run.clockIds
        });
        const written = compareWritten(
            run.cycle.plan,
            { store: workerOrg.store, since: run.cycleStart },
            { store: org.store, since: baseline.writeStart }
        );
        const findings = [
            ...decisions.onlyFirst
                .slice(0, 3)
                .map((line) => `${name} only in the focused plan: ${line}`),
            ...decisions.onlySecond
                .slice(0, 3)
                .map((line) => `${name} only in the whole-org plan: ${line}`),
            ...written.mismatches
                .slice(0, 3)
                .map((line) => `${name} written records differ: ${line}`)
        ];
        const checks: Check[] = [
            {
                check: `${name}: the ${run.cycle.kind} cycle's decisions equal a whole-org evaluation ${inGroups ? 'in account groups' : 'in one engine call'} (${decisions.onlyFirst.length} + ${decisions.onlySecond.length} differences)`,
                passed: decisions.onlyFirst.length === 0 && decisions.onlySecond.length === 0
            },
            {
                check: `${name}: the baseline read the same ${run.cycle.recordsRead} rows and wrote the same ${written.compared} records`,
                passed:
                    baseline.recordsRead === run.cycle.recordsRead &&
                    baseline.recordsWritten === run.cycle.written &&
                    written.mismatches.length === 0
            },
            {
                check: `${name}: baseline calls agree (meter ${baseline.calls.client}, org usage ${baseline.calls.usage}, request log ${baseline.calls.logged})`,
                passed: callsAgree(baseline.calls)
            }
        ];
        const groupedDifferences = grouped.onlyFirst.length + grouped.onlySecond.length;
        return { baseline, checks, findings, groupedDifferences };
    } finally {
        await org.close();
    }
}

function emptyPlan(): WritePlan {
    return {
        newClocks: [],
        updates: [],
        tasks: [],
        outcomes: [],
        transitions: [],
        notifications: [],
        skipped: []
    };
}

/** Runs one scenario in `folder` (its org copies are left there for the caller to remove). */
export async function runScenario(
    template: Template,
    folder: string,
    changedLeads: number,
    evaluationTime: Date
): Promise<ScenarioResult> {
    const started = Date.now();
    const name = `${template.size.label} N=${changedLeads}`;
    const workerOrg = await openOrg(copyTemplate(template, join(folder, 'worker-org')));
    try {
        const run = await runWorker(
            workerOrg,
            join(folder, 'worker-journal'),
            changedLeads,
            evaluationTime
        );
        const side = await baselineSide(
            template,
            folder,
            changedLeads,
            evaluationTime,
            run,
            workerOrg
        );
        const { cycle } = run;
        const result: ScenarioResult = {
            size: template.size,
            changedLeads,
            accounts: run.changes.accounts,
            recordsRead: cycle.recordsRead,
            written: cycle.written,
            notificationsSent: cycle.notificationsSent,
            worker: run.calls,
            nextCycle: run.nextCalls,
            baseline: side.baseline.calls,
            floor: floorOf(
                run.polled.map((polled) => polled.rows),
                cycle.written
            ),
            checks: [...workerChecks(name, changedLeads, run), ...side.checks],
            findings: side.findings,
            groupedDifferences: side.groupedDifferences,
            seconds: (Date.now() - started) / 1000
        };
        logger.info('Scenario finished', {
            scenario: name,
            workerCalls: result.worker.client,
            floor: result.floor.total,
            baselineCalls: result.baseline.client,
            seconds: Math.round(result.seconds)
        });
        return result;
    } finally {
        await workerOrg.close();
    }
}
