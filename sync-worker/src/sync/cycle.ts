/**
 * The sync cycle: read what changed in the org, evaluate the policy for what it
 * touched, and write the difference back. `SyncWorker` keeps what lasts between cycles
 * in one process: the mirror, the watermarks and the metrics. A new process rebuilds
 * all of it from the org with its first cycle.
 */
import type { Policy } from '../config/policy-schema';
import { describeError, getLogger } from '../logging';
import {
    ApiReserve,
    CustomNotificationSender,
    RestClient,
    SlackNotifier,
    type InvalidRecord,
    type SalesforceSession
} from '../salesforce';
import { BadRecordLog, badRecordEntries, badRecordsOf, countBadRecords } from './bad-records';
import { readChanges } from './change-read';
import { evaluateStep, localDate, orgTimeZone, type EvaluationStep } from './evaluation';
import { readInitial } from './initial-read';
import { resolveIntegrationUserId } from './integration-user';
import { DecisionJournal, executionEntries, planEntries } from './journal';
import { SyncMetrics, type CycleOutcome } from './metrics';
import { OrgMirror } from './mirror';
import { NotificationOutbox, type NotificationChannels } from './notifications';
import { flushOutbox, sendPlanned } from './outbox-flow';
import {
    combineExecutions,
    isExecutionComplete,
    PendingPlanFile,
    resumePendingPlan
} from './pending-plan';
import { loadPolicy } from './policy-source';
import { Seeds, seedsOfChanges, seedsOfTime } from './seeds';
import { countDecisions, emptyDecisions, summaryFields } from './summary';
import type { CycleKind, CycleReport, SyncOptions } from './types';
import { Watermarks } from './watermarks';
import { executePlan, type ExecutionResult } from './write-execution';
import { plannedWriteCount } from './write-plan';
import type { HealthState } from './health-server';

const logger = getLogger('sync.cycle');

const DAY_MS = 86_400_000;

/** Counters a cycle collects while it runs. */
interface Progress {
    kind: CycleKind;
    recordsRead: number;
    recordsChanged: number;
    echoes: number;
    partial: boolean;
    step: EvaluationStep | null;
    execution: ExecutionResult | null;
    /** Writes of a plan an earlier cycle or process left unfinished. */
    resumed: ExecutionResult | null;
    notificationsSent: number;
    /** Records of this cycle's reads that failed validation. */
    invalid: InvalidRecord[];
}

/** Runs sync cycles against one Salesforce session. */
export class SyncWorker {
    public readonly metrics = new SyncMetrics();
    public readonly mirror = new OrgMirror();
    public readonly watermarks = new Watermarks();
    private readonly client: RestClient;
    private readonly journal: DecisionJournal;
    private readonly outbox: NotificationOutbox;
    private readonly pendingPlan: PendingPlanFile;
    private readonly channels: NotificationChannels;
    private readonly reserve: ApiReserve;
    private readonly badRecordLog = new BadRecordLog();
    private policy: Policy | undefined;
    private integrationUserId: string | null | undefined;
    private loaded = false;
    private cycleNumber = 0;
    private lastEvaluationAt: Date | null = null;
    private lastFullDate: string | null = null;
    private retrySeeds = new Seeds();
    /** Seeds of the running cycle until its writes ran; a cycle that fails before keeps them for the next. */
    private cycleSeeds: Seeds | null = null;
    private stopRequested = false;
    private busy = false;
    private health: HealthState | null = null;

    public constructor(
        session: SalesforceSession,
        private readonly options: SyncOptions
    ) {
        this.client = new RestClient(session);
        this.integrationUserId = options.integrationUserId;
        const folder = options.dryRun ? null : options.journalDir;
        this.journal = new DecisionJournal(folder);
        this.outbox = new NotificationOutbox(
            folder === null ? null : `${folder}/notification-outbox.json`
        );
        this.pendingPlan = new PendingPlanFile(folder);
        this.reserve = new ApiReserve(this.client, options.apiReservePercent);
        this.channels = {
            bell: new CustomNotificationSender(this.client),
            slack:
                options.slackWebhookUrl === null
                    ? null
                    : new SlackNotifier({
                          webhookUrl: options.slackWebhookUrl,
                          allowLoopbackHttp: options.allowLoopbackSlack === true
                      })
        };
    }

    /** True while a cycle runs. */
    public get running(): boolean {
        return this.busy;
    }

    /**
     * Asks the worker to stop: a cycle that is reading or evaluating writes nothing, one
     * that is writing finishes its plan, and no cycle starts after it.
     */
    public requestStop(): void {
        this.stopRequested = true;
    }

    public get stopping(): boolean {
        return this.stopRequested;
    }

    /** Returns the last cycle for the health endpoint. */
    public lastCycle(): HealthState | null {
        return this.health;
    }

    /** Path of the journal file of `at`, or null in a dry run. */
    public journalFile(at: Date): string | null {
        return this.journal.fileFor(at);
    }

    /** Runs one cycle at `now` (default: the clock). Never raises: the report gives the outcome. */
    public async runCycle(now: Date = new Date()): Promise<CycleReport> {
        if (this.busy) {
            throw new Error('A sync cycle is already running; cycles never overlap.');
        }
        if (this.stopRequested) {
            throw new Error('The worker is stopping; no new cycle starts.');
        }
        this.busy = true;
        this.cycleNumber += 1;
        const startedAt = new Date();
        const session = this.client.session;
        session.beginCycle();
        const progress: Progress = {
            kind: 'idle',
            recordsRead: 0,
            recordsChanged: 0,
            echoes: 0,
            partial: false,
            step: null,
            execution: null,
            resumed: null,
            notificationsSent: 0,
            invalid: []
        };
        let error: string | null = null;
        try {
            await this.cycle(now, progress);
        } catch (caught) {
            error = describeError(caught);
            // The read already moved the watermarks past these changes: without this, a
            // cycle that fails after its read would never evaluate them.
            if (this.cycleSeeds !== null) {
                this.retrySeeds.merge(this.cycleSeeds);
            }
            logger.error(`Sync cycle ${this.cycleNumber} failed: ${error}`, {
                cycle: this.cycleNumber
            });
        } finally {
            this.busy = false;
        }
        return this.finish(now, startedAt, progress, error);
    }

    private async cycle(now: Date, progress: Progress): Promise<void> {
        if (this.integrationUserId === undefined) {
            this.integrationUserId = await resolveIntegrationUserId(
                this.client,
                this.options.connection
            );
        }
        const seeds = new Seeds();
        this.cycleSeeds = seeds;
        let full = false;
        if (!this.loaded) {
            await this.loadAll(now, progress);
            full = true;
            progress.kind = 'initial';
        } else {
            const read = await readChanges(this.client, this.mirror, this.watermarks, {
                overlapSeconds: this.options.overlapSeconds,
                maxFetch: this.options.maxFetch,
                integrationUserId: this.integrationUserId,
                cycleNumber: this.cycleNumber
            });
            progress.recordsRead += read.recordsRead;
            progress.recordsChanged += read.changes.length;
            progress.echoes += read.echoes;
            progress.partial ||= read.failed.length > 0;
            seeds.merge(seedsOfChanges(this.mirror, read.changes));
            progress.invalid.push(...read.invalid);
        }
        if (!this.options.dryRun) {
            // A plan left half written is finished first: evaluating on top of it may not
            // make the same decisions again (see pending-plan.ts).
            const resumed = await resumePendingPlan(this.pendingPlan, this.client, this.mirror, {
                reserve: this.reserve
            });
            if (resumed !== null) {
                progress.resumed = resumed.execution;
                this.journal.append(
                    now,
                    executionEntries(resumed.stored.cycle, now, resumed.execution)
                );
                full = true;
            }
            if (resumed !== null && !resumed.settled) {
                // The outbox waits too: it would drop the alerts whose anchors are still unwritten.
                logger.warn(
                    'Writes of an earlier plan failed again; nothing is evaluated in this cycle, so that plan is finished before new decisions are made.'
                );
                this.retrySeeds.merge(seeds);
                progress.partial = true;
                return;
            }
            progress.notificationsSent += await flushOutbox(
                this.outbox,
                this.mirror,
                this.channels,
                this.reserve
            );
        }
        seeds.merge(seedsOfTime(this.mirror, now, this.lastEvaluationAt));
        seeds.merge(this.retrySeeds);
        if (this.stopRequested) {
            logger.info(
                'Stop requested while reading: nothing is evaluated or written in this cycle.'
            );
            progress.partial = true;
            return;
        }
        const today = localDate(now, orgTimeZone(this.mirror));
        full ||= seeds.orgWide || today !== this.lastFullDate;
        if (!full && seeds.isEmpty) {
            return;
        }
        if (full) {
            await this.refreshForFullEvaluation(now, progress.kind === 'initial');
        }
        const policy = await this.currentPolicy();
        const step = evaluateStep(this.mirror, seeds, policy, now, full);
        progress.step = step;
        if (progress.kind !== 'initial') {
            progress.kind = step.full ? 'full' : 'focused';
        }
        this.journal.append(now, planEntries(this.cycleNumber, now, step.plan));
        if (this.options.dryRun) {
            return;
        }
        // Read through the getter: the policy load above may have awaited a stop request.
        if (this.stopping) {
            logger.info(
                'Stop requested before writing: the plan is dropped and made again by the next start.'
            );
            progress.partial = true;
            return;
        }
        this.outbox.add(step.plan.notifications);
        if (plannedWriteCount(step.plan) > 0) {
            this.pendingPlan.save(this.cycleNumber, now, step.plan, this.mirror);
        }
        const execution = await executePlan(this.client, this.mirror, step.plan, {
            reserve: this.reserve
        });
        // A plan with failed or paused writes stays stored: the next cycle finishes it
        // before it evaluates, as after a crash.
        if (isExecutionComplete(execution)) {
            this.pendingPlan.clear();
        }
        progress.execution = execution;
        // Journal and retries first: sending can raise (API limit, session) and must not lose them.
        this.journal.append(now, executionEntries(this.cycleNumber, now, execution));
        this.retrySeeds = new Seeds();
        this.cycleSeeds = null;
        execution.retryIds.forEach((id) => {
            this.retrySeeds.people.add(id);
            this.retrySeeds.accounts.add(id);
        });
        progress.notificationsSent += await sendPlanned(
            this.outbox,
            this.channels,
            this.reserve,
            step.plan,
            execution
        );
        progress.partial ||=
            execution.failed.length > 0 ||
            execution.pausedReason !== undefined ||
            execution.stoppedEarly;
        this.lastEvaluationAt = now;
        if (step.full) {
            this.lastFullDate = today;
        }
    }

    /** First read of the process: every mirrored record, and the watermarks. */
    private async loadAll(now: Date, progress: Progress): Promise<void> {
        this.mirror.clear();
        this.watermarks.clear();
        const policy = await this.currentPolicy();
        try {
            const result = await readInitial(this.client, this.mirror, this.watermarks, {
                windows: {
                    signalDays: policy.scoringWindowDays,
                    activityDays: this.options.activityHistoryDays
                },
                bulkThreshold: this.options.bulkThreshold,
                bulkPollIntervalMs: this.options.bulkPollIntervalMs,
                now,
                overlapSeconds: this.options.overlapSeconds
            });
            progress.recordsRead += result.recordsRead;
            progress.invalid.push(...result.invalid);
        } catch (error) {
            this.mirror.clear();
            this.watermarks.clear();
            throw error;
        }
        this.loaded = true;
    }

    /** Before a full evaluation: reload the policy (once a day) and drop history the policy no longer reads. */
    private async refreshForFullEvaluation(now: Date, initial: boolean): Promise<void> {
        if (!initial) {
            this.policy = undefined;
        }
        const policy = await this.currentPolicy();
        const signalCutoff = new Date(now.getTime() - policy.scoringWindowDays * DAY_MS);
        const activityCutoff = new Date(now.getTime() - this.options.activityHistoryDays * DAY_MS);
        this.mirror.pruneBefore('Engagement_Signal__c', 'Occurred_At__c', signalCutoff);
        this.mirror.pruneBefore('Task', 'SystemModstamp', activityCutoff);
        this.mirror.pruneBefore('Event', 'SystemModstamp', activityCutoff);
    }

    private async currentPolicy(): Promise<Policy> {
        this.policy ??=
            this.options.policy ?? (await loadPolicy(this.client, this.options.policyFile));
        return this.policy;
    }

    private finish(
        now: Date,
        startedAt: Date,
        progress: Progress,
        error: string | null
    ): CycleReport {
        const finishedAt = new Date();
        const execution = combineExecutions(progress.resumed, progress.execution);
        let outcome: CycleOutcome = 'success';
        if (error !== null) {
            outcome = 'failure';
        } else if (progress.partial) {
            outcome = 'partial';
        }
        const decisions =
            progress.step === null ? emptyDecisions() : countDecisions(progress.step.evaluation);
        const bad = badRecordsOf(progress.invalid, progress.step?.evaluation.problems ?? []);
        this.badRecordLog.report(bad, now);
        this.journal.append(now, badRecordEntries(this.cycleNumber, now, bad));
        const report: CycleReport = {
            cycle: this.cycleNumber,
            kind: progress.kind,
            outcome,
            error,
            startedAt,
            finishedAt,
            now,
            recordsRead: progress.recordsRead,
            recordsChanged: progress.recordsChanged,
            echoes: progress.echoes,
            written: execution?.written ?? 0,
            failed: execution?.failed.length ?? 0,
            skipped: execution?.skipped ?? 0,
            apiCalls: this.client.session.meter.snapshot().cycleCalls,
            durationMs: finishedAt.getTime() - startedAt.getTime(),
            focus: progress.step?.focus ?? { people: 0, accounts: 0 },
            decisions,
            badRecords: countBadRecords(bad),
            notificationsSent: progress.notificationsSent,
            plan: progress.step?.plan ?? null,
            pausedReason: execution?.pausedReason ?? null
        };
        this.metrics.recordCycle({
            outcome,
            recordsRead: report.recordsRead,
            recordsWritten: report.written,
            recordsFailed: report.failed,
            apiCalls: report.apiCalls,
            breachesCreated: this.options.dryRun ? 0 : decisions.breaches,
            durationMs: report.durationMs,
            finishedAt
        });
        this.metrics.setOpenClocks(
            this.mirror
                .list('SLA_Clock__c')
                .filter((clock) => clock.Status__c === 'Open' || clock.Status__c === 'Warning')
                .length
        );
        this.health = { startedAt, finishedAt, outcome, error };
        const planned = report.plan === null ? 0 : plannedWriteCount(report.plan);
        const line = `Sync cycle ${report.cycle} (${report.kind}) ${outcome}: read ${report.recordsRead}, changed ${report.recordsChanged}, written ${report.written} of ${planned} planned, failed ${report.failed}, ${report.badRecords.count} bad records skipped, ${report.apiCalls} API calls, ${report.durationMs} ms`;
        if (outcome === 'failure') {
            logger.error(line, summaryFields(report));
        } else {
            logger.info(line, summaryFields(report));
        }
        return report;
    }
}
