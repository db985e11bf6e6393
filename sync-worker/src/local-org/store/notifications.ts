/**
 * Custom notifications the local org received through `customNotificationAction`,
 * kept in the database so tests and previews can read what would have been sent.
 */
import { z } from 'zod';
import type { StoreContext } from './store-context';
import type { NotificationInput, StoredNotification } from './types';

const storedBody = z.object({
    customNotifTypeId: z.string(),
    recipientIds: z.array(z.string()),
    title: z.string(),
    body: z.string(),
    targetId: z.string().optional(),
    targetPageRef: z.string().optional(),
    senderId: z.string().optional()
});

/** Stores one notification and returns it with its id and receive time. */
export function addNotification(
    context: StoreContext,
    notification: NotificationInput
): StoredNotification {
    const sentAt = context.now().toISOString();
    const row = context.db.get(
        'INSERT INTO _notification (sent_at, body) VALUES (?, ?) RETURNING id',
        [sentAt, JSON.stringify(storedBody.parse(notification))]
    );
    return { ...notification, id: Number(row?.id), sentAt };
}

/** Notifications received so far, oldest first. */
export function listNotifications(context: StoreContext): StoredNotification[] {
    return context.db.all('SELECT id, sent_at, body FROM _notification ORDER BY id').map((row) => ({
        ...storedBody.parse(JSON.parse(String(row.body))),
        id: Number(row.id),
        sentAt: String(row.sent_at)
    }));
}
