/**
 * The notification part of the plan of writes: which clock each notification belongs
 * to, the state its anchor must reach before it is sent, and the task each recipient
 * gets with it.
 */
import type { Evaluation, NotificationSend } from '../policy';
import type { PlannedNotification, PlannedTask, PlannedUpsert } from './write-plan';

/** Clock key of a notification's anchor: the clock itself, or the clock of a breach. */
export function anchorClockKey(
    notification: NotificationSend,
    evaluation: Evaluation
): string | null {
    const { anchor } = notification;
    if (anchor.object === 'SLA_Clock__c') {
        return anchor.key;
    }
    if (anchor.object === 'SLA_Breach__c') {
        return evaluation.breaches.find((breach) => breach.key === anchor.key)?.clockKey ?? null;
    }
    return null;
}

/** Status the plan gives the clock a notification is anchored to. */
export function anchorStatusOf(
    notification: NotificationSend,
    inserts: readonly PlannedUpsert[],
    transitions: readonly PlannedUpsert[]
): string | null {
    const { anchor } = notification;
    if (anchor.object !== 'SLA_Clock__c') {
        return null;
    }
    const last =
        transitions.find((write) => write.key === anchor.key) ??
        inserts.find((write) => write.key === anchor.key);
    const status = last?.fields.Status__c;
    return typeof status === 'string' ? status : null;
}

/** Plans one task per notification recipient, unless the engine already gives that user a task on the same clock. */
export function notificationTasks(
    evaluation: Evaluation,
    planned: PlannedNotification[],
    today: string
): PlannedTask[] {
    const tasks: PlannedTask[] = [];
    for (const { notification, clockKey } of planned) {
        for (const recipientId of notification.recipientIds) {
            const covered = evaluation.tasks.some(
                (task) =>
                    clockKey !== null &&
                    task.clockKey === clockKey &&
                    task.fields.OwnerId === recipientId
            );
            if (covered) {
                continue;
            }
            const key = `Notice:${notification.key}:${recipientId}`;
            const target = notification.targetId;
            const isPerson = target.startsWith('00Q') || target.startsWith('003');
            tasks.push({
                key,
                clockKey,
                reason: notification.title,
                fields: {
                    OwnerId: recipientId,
                    Subject: notification.title.slice(0, 255),
                    Description: `${notification.body}\n\nSLA key: ${key}`,
                    Status: 'Not Started',
                    Priority: 'High',
                    ActivityDate: today,
                    ...(isPerson
                        ? { WhoId: target }
                        : target.startsWith('005')
                          ? {}
                          : { WhatId: target })
                }
            });
        }
    }
    return tasks;
}
