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
    type NotificationOutbox,
    type SendResult
} from './notifications';
import { isExecutionComplete } from './pending-plan';
import type { ExecutionResult } from './write-execution';
import type { WritePlan } from './write-plan';

const logger = getLogger('sync.notify');

/**
 * Notifications per request. A process that dies while a request is out may lose what
 * the request carries (see `notifications.ts`), so each carries one, at one API call
 * per notification.
 */
const NOTIFICATIONS_PER_SEND = 1;

/**
 * Sends in requests of `NOTIFICATIONS_PER_SEND` and updates the outbox after each. The
 * entries of a request are marked in flight in the outbox file while it is out. Stops
 * before a request would dip into the API reserve. Returns how many were sent.
 */
async function sendAndSettle(
    outbox: NotificationOutbox,
    channels: NotificationChannels,
    reserve: ApiReserve,
    notifications: readonly NotificationSend[]
): Promise<number> {
    if (notifications.length === 0) {
        return 0;
    }
    let sent = 0;
    for (let start = 0; start < notifications.length; start += NOTIFICATIONS_PER_SEND) {
        if (!reserve.allows(1)) {
            logger.warn(
                `${notifications.length - start} notifications wait in the outbox: sending them would dip into the API reserve.`
            );
            break;
        }
        // The type's Id is read first (one query per cycle), so that an entry is marked
        // in flight only while the request that carries it is out.
        await channels.bell.typeId();
        const chunk = notifications.slice(start, start + NOTIFICATIONS_PER_SEND);
        const keys = chunk.map((notification) => notification.key);
        outbox.setSending(keys, new Date());
        let result: SendResult;
        try {
            result = await sendNotifications(channels, chunk);
        } catch (error) {
            // Raised only before the request left or when the org rejected the session:
            // nothing was sent, so the entries wait for the next cycle.
            outbox.setSending(keys, null);
            throw error;
        }
        outbox.remove([...result.sent, ...result.unknown]);
        for (const entry of outbox.recordFailures(result.failed.map((failure) => failure.key))) {
            logger.error(
                `Notification ${entry.notification.key} was rejected ${entry.attempts} times and is given up; its task stays with the recipient.`,
                { key: entry.notification.key }
            );
        }
        sent += result.sent.length;
    }
    return sent;
}

/**
 * Removes the entries a stopped process left marked in flight: each may have reached
 * the org, so none is sent again. Returns how many were removed.
 */
function dropInDoubt(outbox: NotificationOutbox): number {
    const inDoubt = outbox.list().filter((entry) => entry.sendingSince !== null);
    for (const entry of inDoubt) {
        logger.warn(
            `Notification ${entry.notification.key} was being sent when the worker stopped, so it may or may not have arrived; it is not sent again, and its recipients have its task.`,
            { key: entry.notification.key, sendingSince: entry.sendingSince }
        );
    }
    outbox.remove(inDoubt.map((entry) => entry.notification.key));
    return inDoubt.length;
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
    dropInDoubt(outbox);
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
    // A plan with failed writes stays pending, and the next cycle writes the rest of it
    // before its outbox flush: its notifications wait for that instead of being dropped.
    if (isExecutionComplete(execution)) {
        outbox.remove(dropped);
    }
    return sendAndSettle(outbox, channels, reserve, ready);
}
