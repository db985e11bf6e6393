/**
 * Sending notifications exactly once. The engine produces a notification only in the
 * evaluation that makes the change it reports, and the written change (a breach, a
 * review, a clock turning Warning) is the record that it happened: the next evaluation
 * sees the change and produces nothing. So a notification is sent only after the write
 * of its anchor succeeded, and never when that write failed (the change and its
 * notification then come again next cycle).
 *
 * A crash between the anchor's write and the send would lose the notification, so each
 * notification is first put in an outbox file next to the journal, before any write.
 * On start the worker sends the outbox entries whose anchor the org holds in its
 * written state, and drops the others (their evaluation comes again).
 *
 * The send itself cannot be made idempotent: `customNotificationAction` takes no key,
 * and the org keeps no record of a send that the worker could read back. So each entry
 * is marked as sending in the file just before its request goes out. An entry a new
 * process finds still marked was in flight when the last one stopped, and it may or may
 * not have arrived. It is dropped, not sent again: a notification is sent at most once,
 * and one lost this way still has its recipient's task, which is keyed and written
 * before the send. A send the org rejects stays in the outbox and is tried again each
 * cycle, up to `MAX_SEND_ATTEMPTS`; a send without a response is not repeated either.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { getLogger } from '../logging';
import type { NotificationSend } from '../policy';
import type { CustomNotificationSender, SlackNotifier } from '../salesforce';
import type { OrgMirror } from './mirror';

const logger = getLogger('sync.notify');

const notificationSchema = z.object({
    key: z.string(),
    recipientIds: z.array(z.string()),
    targetId: z.string(),
    title: z.string(),
    body: z.string(),
    anchor: z.object({
        object: z.enum(['SLA_Clock__c', 'SLA_Breach__c', 'SLA_Review__c']),
        key: z.string()
    })
});

const outboxSchema = z.object({
    pending: z.array(
        z.object({
            notification: notificationSchema,
            attempts: z.number().int(),
            anchorStatus: z.string().nullable().default(null),
            sendingSince: z.iso.datetime().nullable().default(null)
        })
    )
});

/** Sends of one notification that failed before it is given up. */
export const MAX_SEND_ATTEMPTS = 5;

/** A notification waiting to be sent, with the sends that failed so far. */
export interface OutboxEntry {
    readonly notification: NotificationSend;
    /** Status the anchor clock has once written; null for breach and review anchors. */
    readonly anchorStatus: string | null;
    attempts: number;
    /** When the request that sends it went out; null while no send is in flight. */
    sendingSince: string | null;
}

/** Notifications planned but not yet known to be sent, kept in a file. */
export class NotificationOutbox {
    private readonly pending = new Map<string, OutboxEntry>();

    /** `file` null keeps the outbox in memory only (dry runs and tests). */
    public constructor(private readonly file: string | null) {
        if (file !== null && existsSync(file)) {
            const parsed = outboxSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
            if (parsed.success) {
                for (const entry of parsed.data.pending) {
                    this.pending.set(entry.notification.key, entry);
                }
            } else {
                logger.warn(
                    `The notification outbox ${file} is not valid; it is ignored, so notifications interrupted by the last stop may be lost.`
                );
            }
        }
    }

    public get size(): number {
        return this.pending.size;
    }

    public list(): OutboxEntry[] {
        return [...this.pending.values()];
    }

    public add(
        notifications: readonly { notification: NotificationSend; anchorStatus: string | null }[]
    ): void {
        if (notifications.length === 0) {
            return;
        }
        for (const { notification, anchorStatus } of notifications) {
            this.pending.set(notification.key, {
                notification,
                anchorStatus,
                attempts: 0,
                sendingSince: null
            });
        }
        this.save();
    }

    /**
     * Marks the entries of `keys` as carried by a request that goes out at `at`, and
     * saves the file. Null clears the mark, for a request that never left.
     */
    public setSending(keys: readonly string[], at: Date | null): void {
        for (const key of keys) {
            const entry = this.pending.get(key);
            if (entry !== undefined) {
                entry.sendingSince = at === null ? null : at.toISOString();
            }
        }
        this.save();
    }

    /** Counts a failed send of each key; returns the entries that have no attempt left. */
    public recordFailures(keys: readonly string[]): OutboxEntry[] {
        const exhausted: OutboxEntry[] = [];
        for (const key of keys) {
            const entry = this.pending.get(key);
            if (entry === undefined) {
                continue;
            }
            entry.sendingSince = null;
            entry.attempts += 1;
            if (entry.attempts >= MAX_SEND_ATTEMPTS) {
                exhausted.push(entry);
                this.pending.delete(key);
            }
        }
        this.save();
        return exhausted;
    }

    public remove(keys: readonly string[]): void {
        if (keys.length === 0 || !keys.some((key) => this.pending.has(key))) {
            return;
        }
        for (const key of keys) {
            this.pending.delete(key);
        }
        this.save();
    }

    /** Writes the file through a temporary file and a rename, so a crash never leaves half of it. */
    private save(): void {
        if (this.file === null) {
            return;
        }
        mkdirSync(dirname(this.file), { recursive: true });
        const temporary = `${this.file}.tmp`;
        writeFileSync(temporary, JSON.stringify({ pending: this.list() }));
        renameSync(temporary, this.file);
    }
}

/** True when the mirror has the anchor of an outbox entry in the state the notification reports. */
export function isAnchorWritten(mirror: OrgMirror, entry: OutboxEntry): boolean {
    const { anchor } = entry.notification;
    const id = mirror.idOfKey(anchor.object, anchor.key);
    if (id === undefined) {
        return false;
    }
    if (
        anchor.object === 'SLA_Clock__c' &&
        entry.anchorStatus !== null &&
        entry.anchorStatus !== 'Open'
    ) {
        // The notification reports a transition (a warning): a clock still Open has not made it.
        return mirror.get('SLA_Clock__c', id)?.Status__c !== 'Open';
    }
    return true;
}

/** Channels that notifications go to. */
export interface NotificationChannels {
    readonly bell: CustomNotificationSender;
    readonly slack: SlackNotifier | null;
}

/** Result of sending notifications. */
export interface SendResult {
    readonly sent: string[];
    /** Failures the org reported; sending again may succeed. */
    readonly failed: { key: string; errorCode: string; message: string }[];
    /** Sends whose outcome is unknown (no response); never sent again, to avoid a duplicate. */
    readonly unknown: string[];
}

/**
 * Sends notifications through the `SLA_Alert` custom notification and, when set up,
 * Slack. A notification counts as sent when the custom notification succeeded; Slack
 * is a second channel whose failure is logged only.
 */
export async function sendNotifications(
    channels: NotificationChannels,
    notifications: readonly NotificationSend[]
): Promise<SendResult> {
    if (notifications.length === 0) {
        return { sent: [], failed: [], unknown: [] };
    }
    const results = await channels.bell.send(
        notifications.map((notification) => ({
            recipientIds: notification.recipientIds,
            title: notification.title.slice(0, 250),
            body: notification.body.slice(0, 750),
            targetId: notification.targetId
        }))
    );
    const sent: string[] = [];
    const failed: SendResult['failed'] = [];
    const unknown: string[] = [];
    for (const result of results) {
        const notification = notifications[result.index];
        if (notification === undefined) {
            continue;
        }
        if (result.sent) {
            sent.push(notification.key);
        } else if (result.outcomeUnknown) {
            unknown.push(notification.key);
            logger.warn(
                'A notification may or may not have been sent (no response); it is not sent again.',
                { key: notification.key, errorCode: result.errorCode }
            );
        } else {
            failed.push({
                key: notification.key,
                errorCode: result.errorCode ?? 'UNKNOWN_ERROR',
                message: result.message ?? 'no reason given'
            });
            logger.error('A notification was not sent.', {
                key: notification.key,
                errorCode: result.errorCode,
                error: result.message,
                outcomeUnknown: result.outcomeUnknown
            });
        }
    }
    if (channels.slack !== null) {
        for (const notification of notifications.filter((item) => sent.includes(item.key))) {
            await channels.slack.post(`*${notification.title}*\n${notification.body}`);
        }
    }
    return { sent, failed, unknown };
}
