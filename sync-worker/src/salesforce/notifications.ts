/**
 * Custom notifications (bell and mobile) through the standard invocable action
 * `customNotificationAction`. The notification type's Id is looked up by DeveloperName
 * once per cycle. A send is not idempotent, so it is not resent after a timeout or a
 * dropped connection. The result then marks the outcome as unknown.
 */
import { z } from 'zod';
import { getLogger } from '../logging';
import type { RestClient } from './api-client';
import { SalesforceApiError, SalesforceUsageError } from './errors';
import { composeSoql, isRecordId } from './soql';

const logger = getLogger('salesforce.notify');

/** DeveloperName of the product's notification type, deployed from force-app. */
export const SLA_ALERT_TYPE = 'SLA_Alert';

/**
 * Notifications per request. NOTE: neither this nor `MAX_RECIPIENTS` (500) was checked
 * against Salesforce's documentation; 50 inputs per call is a conservative guess.
 */
export const NOTIFICATIONS_PER_REQUEST = 50;

/** One notification. */
export interface CustomNotification {
    /** Users (or groups, queues) to notify; at most 500. */
    recipientIds: readonly string[];
    title: string;
    body: string;
    /** Record the notification opens. */
    targetId?: string;
}

/** Result of one notification, in input order. */
export interface NotificationResult {
    index: number;
    sent: boolean;
    /** True when the request failed in a way that leaves it unknown whether it arrived. */
    outcomeUnknown: boolean;
    errorCode: string | undefined;
    message: string | undefined;
}

const typeQuerySchema = z.object({ records: z.array(z.object({ Id: z.string() })) });

const actionResultSchema = z.array(
    z.object({
        isSuccess: z.boolean(),
        errors: z.array(z.object({ statusCode: z.string(), message: z.string() })).nullish()
    })
);

/** Sends custom notifications of one type. */
export class CustomNotificationSender {
    private readonly client: RestClient;
    private readonly developerName: string;
    private cached: { cycle: number; id: string } | undefined;

    public constructor(client: RestClient, developerName: string = SLA_ALERT_TYPE) {
        this.client = client;
        this.developerName = developerName;
    }

    /** Id of the notification type; one query per cycle. */
    public async typeId(): Promise<string> {
        const { cycle } = this.client.session;
        if (this.cached?.cycle === cycle) {
            return this.cached.id;
        }
        const soql = composeSoql({
            object: 'CustomNotificationType',
            fields: ['Id', 'DeveloperName'],
            where: [{ field: 'DeveloperName', operator: '=', value: { text: this.developerName } }],
            limit: 1
        });
        const response = await this.client.send(
            { method: 'GET', path: `/query?q=${encodeURIComponent(soql)}` },
            { idempotent: true }
        );
        const parsed = typeQuerySchema.safeParse(response.body);
        if (!parsed.success) {
            throw new SalesforceApiError({
                kind: 'client',
                errorCode: 'INVALID_QUERY_RESPONSE',
                status: response.status,
                message: 'the CustomNotificationType query response has no records',
                operation: 'GET /query (CustomNotificationType)'
            });
        }
        const [record] = parsed.data.records;
        if (record === undefined) {
            throw new SalesforceUsageError(
                `The custom notification type ${this.developerName} was not found in the org; deploy force-app, which defines it.`
            );
        }
        this.cached = { cycle, id: record.Id };
        return record.Id;
    }

    /**
     * Sends the notifications; each gets a result. Raises for authentication failures and
     * `REQUEST_LIMIT_EXCEEDED`, and when the notification type cannot be looked up.
     */
    public async send(notifications: readonly CustomNotification[]): Promise<NotificationResult[]> {
        for (const notification of notifications) {
            checkNotification(notification);
        }
        if (notifications.length === 0) {
            return [];
        }
        const typeId = await this.typeId();
        const results: NotificationResult[] = [];
        for (let start = 0; start < notifications.length; start += NOTIFICATIONS_PER_REQUEST) {
            const chunk = notifications.slice(start, start + NOTIFICATIONS_PER_REQUEST);
            results.push(...(await this.sendChunk(typeId, chunk, start)));
        }
        const failed = results.filter((result) => !result.sent).length;
        logger.info('Custom notifications sent', {
            type: this.developerName,
            sent: results.length - failed,
            failed
        });
        return results;
    }

    private async sendChunk(
        typeId: string,
        chunk: readonly CustomNotification[],
        offset: number
    ): Promise<NotificationResult[]> {
        const inputs = chunk.map((notification) => ({
            customNotifTypeId: typeId,
            recipientIds: notification.recipientIds,
            title: notification.title,
            body: notification.body,
            ...(notification.targetId === undefined ? {} : { targetId: notification.targetId })
        }));
        let body: unknown;
        try {
            const response = await this.client.send(
                {
                    method: 'POST',
                    path: '/actions/standard/customNotificationAction',
                    body: { inputs }
                },
                { idempotent: false, acceptStatus: [400] }
            );
            body = response.body;
        } catch (error) {
            // Authentication and the API limit stop the cycle: the org refused the call
            // itself, so nothing was sent and the notifications wait for a later cycle
            // without counting as rejected.
            if (
                !(error instanceof SalesforceApiError) ||
                error.kind === 'auth' ||
                error.kind === 'limit'
            ) {
                throw error;
            }
            return chunk.map((_notification, index) => ({
                index: offset + index,
                sent: false,
                outcomeUnknown: error.ambiguous,
                errorCode: error.errorCode,
                message: error.message
            }));
        }
        const parsed = actionResultSchema.safeParse(body);
        return chunk.map((_notification, index) => {
            const result = parsed.success ? parsed.data[index] : undefined;
            const [error] = result?.errors ?? [];
            return {
                index: offset + index,
                sent: result?.isSuccess === true,
                outcomeUnknown: result === undefined,
                errorCode:
                    result?.isSuccess === true
                        ? undefined
                        : (error?.statusCode ?? 'INVALID_ACTION_RESPONSE'),
                message:
                    result?.isSuccess === true
                        ? undefined
                        : (error?.message ??
                          'The action response has no result for this notification.')
            };
        });
    }
}

/** Maximum recipients of one custom notification, as the local org enforces it (see the NOTE above). */
const MAX_RECIPIENTS = 500;

function checkNotification(notification: CustomNotification): void {
    const { recipientIds, targetId } = notification;
    if (recipientIds.length === 0 || recipientIds.length > MAX_RECIPIENTS) {
        throw new SalesforceUsageError(
            `A custom notification needs 1 to ${MAX_RECIPIENTS} recipients; it has ${recipientIds.length}.`
        );
    }
    const badId = [...recipientIds, ...(targetId === undefined ? [] : [targetId])].find(
        (id) => !isRecordId(id)
    );
    if (badId !== undefined) {
        throw new SalesforceUsageError(
            `The notification Id ${JSON.stringify(badId.slice(0, 40))} is not a record Id.`
        );
    }
    if (notification.title.trim() === '' || notification.body.trim() === '') {
        throw new SalesforceUsageError('A custom notification needs a title and a body.');
    }
}
