/**
 * Invocable actions: `customNotificationAction`, which the product uses to alert
 * owners of breaches, and the local-only lead conversion `__local/convertLead`.
 */
import { z } from 'zod';
import { isValidId } from '../../store';
import { jsonResponse, parseBody, type ApiRequest, type ApiResponse } from '../api-types';
import type { RouteContext } from '../context';
import type { RouteParams, Router } from '../router';
import { writeContextOf, type ResultError } from './records';

/** Most recipients of one custom notification, as Salesforce limits it. */
export const MAX_NOTIFICATION_RECIPIENTS = 500;

const notificationInputSchema = z.object({
    customNotifTypeId: z.string().optional(),
    recipientIds: z.array(z.string()).optional(),
    title: z.string().optional(),
    body: z.string().optional(),
    targetId: z.string().optional(),
    targetPageRef: z.string().optional(),
    senderId: z.string().optional()
});

const actionBodySchema = z.object({ inputs: z.array(notificationInputSchema) });

type NotificationInputBody = z.infer<typeof notificationInputSchema>;

/** One result of an invocable action. */
interface ActionResult {
    actionName: string;
    errors: ResultError[] | null;
    isSuccess: boolean;
    outputValues: Record<string, unknown> | null;
}

function notificationTypeExists(context: RouteContext, id: string): boolean {
    if (!isValidId(id)) {
        return false;
    }
    const result = context.store.query(`SELECT Id FROM CustomNotificationType WHERE Id = '${id}'`, {
        apiVersion: context.apiVersion
    });
    return result.totalSize > 0;
}

/** Checks one input; returns the errors Salesforce would report, empty when valid. */
function validateInput(context: RouteContext, input: NotificationInputBody): ResultError[] {
    const missing = (['customNotifTypeId', 'recipientIds', 'title', 'body'] as const).filter(
        (name) => {
            const value = input[name];
            return value === undefined || value.length === 0;
        }
    );
    if (missing.length > 0) {
        return [
            {
                statusCode: 'REQUIRED_FIELD_MISSING',
                message: `Missing required input parameter: ${missing.join(', ')}`,
                fields: missing
            }
        ];
    }
    const errors: ResultError[] = [];
    if (!notificationTypeExists(context, input.customNotifTypeId ?? '')) {
        errors.push({
            statusCode: 'INVALID_CROSS_REFERENCE_KEY',
            message: `Invalid customNotifTypeId: ${input.customNotifTypeId ?? ''}`,
            fields: ['customNotifTypeId']
        });
    }
    const recipients = input.recipientIds ?? [];
    if (recipients.length > MAX_NOTIFICATION_RECIPIENTS) {
        errors.push({
            statusCode: 'LIMIT_EXCEEDED',
            message: `A custom notification can have at most ${MAX_NOTIFICATION_RECIPIENTS} recipients.`,
            fields: ['recipientIds']
        });
    }
    const badRecipient = recipients.find((id) => !isValidId(id));
    if (badRecipient !== undefined) {
        errors.push({
            statusCode: 'MALFORMED_ID',
            message: `Invalid recipient Id: ${badRecipient}`,
            fields: ['recipientIds']
        });
    }
    if (input.targetId !== undefined && !isValidId(input.targetId)) {
        errors.push({
            statusCode: 'MALFORMED_ID',
            message: `Invalid targetId: ${input.targetId}`,
            fields: ['targetId']
        });
    }
    return errors;
}

function sendNotifications(
    request: ApiRequest,
    _params: RouteParams,
    context: RouteContext
): ApiResponse {
    const body = parseBody(request, actionBodySchema);
    const results: ActionResult[] = body.inputs.map((input) => {
        const errors = validateInput(context, input);
        if (errors.length > 0) {
            return {
                actionName: 'customNotificationAction',
                errors,
                isSuccess: false,
                outputValues: null
            };
        }
        context.store.addNotification({
            customNotifTypeId: input.customNotifTypeId ?? '',
            recipientIds: input.recipientIds ?? [],
            title: input.title ?? '',
            body: input.body ?? '',
            ...(input.targetId === undefined ? {} : { targetId: input.targetId }),
            ...(input.targetPageRef === undefined ? {} : { targetPageRef: input.targetPageRef }),
            senderId: input.senderId ?? context.user.userId
        });
        return {
            actionName: 'customNotificationAction',
            errors: null,
            isSuccess: true,
            outputValues: { SuccessMessage: 'Your custom notification is processed successfully.' }
        };
    });
    // NOTE: the status of a partly failed call is taken to be 400 with the same array.
    // Check it by sending an invalid customNotifTypeId to a real org.
    const status = results.every((result) => result.isSuccess) ? 200 : 400;
    return jsonResponse(status, results);
}

const convertLeadSchema = z.object({
    leadId: z.string(),
    accountId: z.string().optional(),
    contactId: z.string().optional(),
    createOpportunity: z.boolean().optional(),
    opportunityName: z.string().optional(),
    convertedStatus: z.string().optional(),
    ownerId: z.string().optional()
});

function convertLead(
    request: ApiRequest,
    _params: RouteParams,
    context: RouteContext
): ApiResponse {
    const { leadId, ...options } = parseBody(request, convertLeadSchema);
    const result = context.store.convertLead(leadId, options, writeContextOf(context));
    return jsonResponse(200, { ...result, success: true, errors: [] });
}

/** Adds the action routes. */
export function addActionRoutes(router: Router<RouteContext>): void {
    router
        .add(
            'POST',
            '/services/data/:version/actions/standard/customNotificationAction',
            sendNotifications
        )
        .add('POST', '/services/data/:version/__local/convertLead', convertLead);
}
