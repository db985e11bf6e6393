/**
 * Cycle summaries: the decisions of an evaluation counted by kind, the one summary line
 * each cycle logs, and the short account of a first cycle written for someone new to
 * the product.
 */
import type { Evaluation } from '../policy';
import type { CycleReport, DecisionCounts } from './types';

function bump(counts: Record<string, number>, key: string): void {
    counts[key] = (counts[key] ?? 0) + 1;
}

function text(value: unknown): string | null {
    return typeof value === 'string' && value !== '' ? value : null;
}

/** No decisions, for cycles that did not evaluate. */
export function emptyDecisions(): DecisionCounts {
    return {
        routed: 0,
        clocksOpened: 0,
        warnings: 0,
        breaches: 0,
        escalations: {},
        ownerChanges: 0,
        reviews: {},
        disputeClocks: 0,
        notifications: 0,
        badRecords: 0
    };
}

/** Counts the decisions of an evaluation. */
export function countDecisions(evaluation: Evaluation): DecisionCounts {
    const counts = emptyDecisions();
    counts.routed = evaluation.stats.routed;
    for (const clock of evaluation.clocks) {
        if (clock.isNew) {
            counts.clocksOpened += 1;
            const type = text(clock.fields.Type__c);
            if (type === 'Dispute Review') {
                counts.disputeClocks += 1;
            }
        }
        if (clock.fields.Status__c === 'Warning') {
            counts.warnings += 1;
        }
    }
    for (const breach of evaluation.breaches) {
        if (breach.isNew) {
            counts.breaches += 1;
            bump(counts.escalations, text(breach.fields.Action__c) ?? 'Logged');
        }
    }
    for (const review of evaluation.reviews) {
        if (review.isNew) {
            bump(counts.reviews, text(review.fields.Type__c) ?? 'Review');
        }
    }
    counts.ownerChanges = evaluation.ownerChanges.length;
    counts.notifications = evaluation.notifications.length;
    counts.badRecords = evaluation.problems.length;
    return counts;
}

/** Fields of the one summary line a cycle logs. */
export function summaryFields(report: CycleReport): Record<string, string | number> {
    return {
        cycle: report.cycle,
        kind: report.kind,
        outcome: report.outcome,
        read: report.recordsRead,
        changed: report.recordsChanged,
        written: report.written,
        failed: report.failed,
        badRecords: report.badRecords.count,
        apiCalls: report.apiCalls,
        durationMs: report.durationMs,
        now: report.now.toISOString()
    };
}

function listOf(counts: Record<string, number>): string {
    const parts = Object.entries(counts)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, count]) => `${count} ${name}`);
    return parts.length === 0 ? 'none' : parts.join(', ');
}

const number = new Intl.NumberFormat('en-US');

/** Places to look after the first cycle. */
export interface NextSteps {
    readonly journalFile: string | null;
    readonly healthUrl: string | null;
    readonly extraCommands: readonly string[];
}

/** Describes the first cycle in plain words, and where to look next. */
export function describeFirstCycle(report: CycleReport, next: NextSteps): string {
    const d = report.decisions;
    const seconds = (report.durationMs / 1000).toFixed(1);
    const lines = [
        `First sync cycle ${report.outcome === 'failure' ? 'FAILED' : 'finished'} in ${seconds} s (evaluated at ${report.now.toISOString()}).`,
        `  Read ${number.format(report.recordsRead)} records and wrote ${number.format(report.written)} (${number.format(report.failed)} failed) with ${number.format(report.apiCalls)} API calls.`,
        `  Routed:        ${number.format(d.routed)} people sent to Sales, an SDR or nurture; ${number.format(d.ownerChanges)} owner changes.`,
        `  Clocks opened: ${number.format(d.clocksOpened)} SLA clocks started (${number.format(d.disputeClocks)} for dispute reviews).`,
        `  Warnings:      ${number.format(d.warnings)} clocks reached their warning time.`,
        `  Breaches:      ${number.format(d.breaches)} missed deadlines.`,
        `  Escalations:   ${listOf(d.escalations)}.`,
        `  Reviews:       ${listOf(d.reviews)}.`,
        `  Alerts:        ${number.format(report.notificationsSent)} SLA_Alert notifications sent, each with a task for its recipient.`,
        `  Bad records:   ${number.format(report.badRecords.count)} skipped, each logged with its Id and reason.`
    ];
    if (report.error !== null) {
        lines.push(`  Error: ${report.error}`);
    }
    lines.push('Where to look next:');
    if (next.journalFile !== null) {
        lines.push(`  decisions and reasons: ${next.journalFile} (one JSON line per decision)`);
    }
    if (next.healthUrl !== null) {
        lines.push(
            `  health and metrics:    ${next.healthUrl}/healthz and ${next.healthUrl}/metrics`
        );
    }
    for (const command of next.extraCommands) {
        lines.push(`  ${command}`);
    }
    lines.push('The worker keeps running on its schedule; press Ctrl+C to stop.');
    return `${lines.join('\n')}\n`;
}
