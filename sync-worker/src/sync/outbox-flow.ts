/**
 * When notifications leave the outbox: after the cycle's writes for the anchors that
 * were written, and at the start of each cycle for what an earlier cycle (or process)
 * left behind. See `notifications.ts` for why this makes a send happen once.
 */
import { getLogger } from '../logging';
import type { NotificationSend } from '../policy';
import type { ApiReserve } from '../salesforce';
import type { OrgMirror } from './mirror';
import {
    isAnchorWritten,
    sendNotifications,
    type NotificationChannels,
    type NotificationOutbox
} from './notifications';
import type { ExecutionResult } from './write-execution';
import type { WritePlan } from './write-plan';

const logger = getLogger('sync.notify');

/** Sends, then updates the outbox; returns how many were sent. */
async function sendAndSettle(
    outbox: NotificationOutbox,
    channels: NotificationChannels,
    reserve: ApiReserve,
    notifications: readonly NotificationSend[]
): Promise<number> {
    if (notifications.length === 0) {
        return 0;
    }
    if (!reserve.allows(1)) {
        logger.warn(
            `${notifications.length} notifications wait in the outbox: sending them would dip into the API reserve.`
        );
        return 0;
    }
    const result = await sendNotifications(channels, notifications);
    outbox.remove([...result.sent, ...result.unknown]);
    for (const entry of outbox.recordFailures(result.failed.map((failure) => failure.key))) {
        logger.error(
            `Notification ${entry.notification.key} was rejected ${entry.attempts} times and is given up; its task stays with the recipient.`,
            { key: entry.notification.key }
        );
    }
    return result.sent.length;
}

/**
 * Sends the outbox entries whose anchor the org has as written, and drops those whose
 * anchor was never written: their evaluation comes again and produces them anew.
 */
export async function flushOutbox(
    outbox: NotificationOutbox,
    mirror: OrgMirror,
    channels: NotificationChannels,
    reserve: ApiReserve
): Promise<number> {
    const entries = outbox.list();
    if (entries.length === 0) {
        return 0;
    }
    const ready = entries.filter((entry) => isAnchorWritten(mirror, entry));
    const dropped = entries
        .filter((entry) => !ready.includes(entry))
        .map((entry) => entry.notification.key);
    outbox.remove(dropped);
    if (ready.length > 0) {
        logger.info('Sending notifications left in the outbox by an earlier cycle.', {
            count: ready.length
        });
    }
    return sendAndSettle(
        outbox,
        channels,
        reserve,
        ready.map((entry) => entry.notification)
    );
}

/** Sends the notifications of a plan whose anchors this cycle wrote; drops the rest. */
export async function sendPlanned(
    outbox: NotificationOutbox,
    channels: NotificationChannels,
    reserve: ApiReserve,
    plan: WritePlan,
    execution: ExecutionResult
): Promise<number> {
    const ready: NotificationSend[] = [];
    const dropped: string[] = [];
    for (const { notification } of plan.notifications) {
        const { anchor } = notification;
        if (execution.writtenAnchors.has(`${anchor.object}:${anchor.key}`)) {
            ready.push(notification);
        } else {
            dropped.push(notification.key);
        }
    }
    outbox.remove(dropped);
    return sendAndSettle(outbox, channels, reserve, ready);
}
