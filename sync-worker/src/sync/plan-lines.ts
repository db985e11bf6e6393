/**
 * The plan of writes as JSON lines, in the order they would be written: what
 * `lead-sla sync --dry-run` prints.
 */
import type { WritePlan } from './write-plan';

/** Formats one line per planned write and notification, with datetimes as ISO 8601 text. */
export function journalLinesOfPlan(plan: WritePlan): string[] {
    const lines: (object & { phase: number })[] = [
        ...plan.newClocks.map((clock) => ({
            phase: 2,
            operation: 'upsert',
            object: clock.object,
            key: clock.key,
            fields: clock.fields,
            reason: clock.reason
        })),
        ...plan.updates.map((update) => ({
            phase: 1,
            operation: 'update',
            object: update.object,
            id: update.id,
            fields: update.fields,
            reason: update.reason
        })),
        ...plan.tasks.map((task) => ({
            phase: 3,
            operation: 'insert',
            object: 'Task',
            key: task.key,
            clockKey: task.clockKey,
            fields: task.fields,
            reason: task.reason
        })),
        ...plan.outcomes.map((outcome) => ({
            phase: 4,
            operation: 'upsert',
            object: outcome.object,
            key: outcome.key,
            clockKey: outcome.clockKey,
            fields: outcome.fields,
            reason: outcome.reason
        })),
        ...plan.transitions.map((transition) => ({
            phase: 5,
            operation: 'upsert',
            object: transition.object,
            key: transition.key,
            fields: transition.fields,
            reason: transition.reason
        })),
        ...plan.notifications.map(({ notification }) => ({
            phase: 6,
            operation: 'notify',
            key: notification.key,
            recipientIds: notification.recipientIds,
            targetId: notification.targetId,
            title: notification.title,
            body: notification.body,
            anchor: notification.anchor
        }))
    ];
    return lines.sort((a, b) => a.phase - b.phase).map((line) => JSON.stringify(line));
}
