/**
 * The decision journal: every cycle appends its decisions and their reasons as JSON
 * lines (one file per UTC day, `decisions-YYYY-MM-DD.jsonl` in the journal folder), so
 * that every route, stage, breach and reassignment can be explained later, together
 * with what was written and what failed. Lines are redacted like log lines.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { getLogger, redactText } from '../logging';
import type { ExecutionResult } from './write-execution';
import type { WritePlan } from './write-plan';

const logger = getLogger('sync.journal');

/** Journal lines joined into one write. */
const LINES_PER_WRITE = 5_000;

/** One journal line. */
export type JournalEntry = Readonly<Record<string, unknown>> & { readonly type: string };

/** Appends journal lines; `folder` null journals nothing (dry runs). */
export class DecisionJournal {
    public constructor(private readonly folder: string | null) {}

    /** Path of today's journal file, or null without a folder. */
    public fileFor(at: Date): string | null {
        return this.folder === null
            ? null
            : join(this.folder, `decisions-${at.toISOString().slice(0, 10)}.jsonl`);
    }

    /**
     * Appends lines, a block of them per write, so that the plan of a large first sync
     * never becomes one string. A journal that cannot be written is logged, never fatal.
     */
    public append(at: Date, entries: Iterable<JournalEntry>): void {
        const file = this.fileFor(at);
        if (file === null || this.folder === null) {
            return;
        }
        try {
            let block: string[] = [];
            for (const entry of entries) {
                // Serialised first, so datetimes read as ISO 8601 text, then redacted as text.
                block.push(redactText(JSON.stringify(entry)));
                if (block.length === LINES_PER_WRITE) {
                    this.write(file, block);
                    block = [];
                }
            }
            if (block.length > 0) {
                this.write(file, block);
            }
        } catch (error) {
            logger.error(
                'The decision journal could not be written; decisions stay in the log only.',
                {
                    file,
                    error: error instanceof Error ? error.message : String(error)
                }
            );
        }
    }

    private write(file: string, lines: readonly string[]): void {
        if (this.folder !== null) {
            mkdirSync(this.folder, { recursive: true });
        }
        appendFileSync(file, `${lines.join('\n')}\n`);
    }
}

/** Journal lines of a plan: one per planned write and notification, with its reason. */
export function* planEntries(
    cycle: number,
    now: Date,
    plan: WritePlan
): Generator<JournalEntry, void, undefined> {
    const base = { cycle, now: now.toISOString() };
    for (const clock of plan.newClocks) {
        yield {
            ...base,
            type: 'clock-start',
            key: clock.key,
            fields: clock.fields,
            reason: clock.reason
        };
    }
    for (const update of plan.updates) {
        yield {
            ...base,
            type: 'update',
            object: update.object,
            id: update.id,
            fields: update.fields,
            reason: update.reason
        };
    }
    for (const task of plan.tasks) {
        yield {
            ...base,
            type: 'task',
            key: task.key,
            fields: task.fields,
            reason: task.reason
        };
    }
    for (const outcome of plan.outcomes) {
        yield {
            ...base,
            type: outcomeType(outcome.object),
            key: outcome.key,
            fields: outcome.fields,
            reason: outcome.reason
        };
    }
    for (const transition of plan.transitions) {
        yield {
            ...base,
            type: 'clock-transition',
            key: transition.key,
            fields: transition.fields,
            reason: transition.reason
        };
    }
    for (const { notification } of plan.notifications) {
        yield {
            ...base,
            type: 'notification',
            key: notification.key,
            recipients: notification.recipientIds,
            title: notification.title,
            body: notification.body
        };
    }
    for (const skip of plan.skipped) {
        yield {
            ...base,
            type: 'skipped-write',
            object: skip.object,
            id: skip.id,
            reason: skip.reason
        };
    }
}

function outcomeType(object: string): string {
    switch (object) {
        case 'SLA_Breach__c':
            return 'breach';
        case 'SLA_Review__c':
            return 'review';
        default:
            return 'scorecard';
    }
}

/** Journal lines of an execution: each failed write with its error. */
export function executionEntries(
    cycle: number,
    now: Date,
    result: ExecutionResult
): JournalEntry[] {
    return result.failed.map((failure) => ({
        cycle,
        now: now.toISOString(),
        type: 'write-failed',
        object: failure.object,
        id: failure.id,
        errorCode: failure.errorCode,
        message: failure.message
    }));
}
