/**
 * Helpers shared by the record routes: request bodies of field values, the write
 * context of the signed-in user and the result shapes of writes.
 */
import { z } from 'zod';
import type { RecordInput, WriteContext } from '../../store';
import { parseBody, type ApiRequest } from '../api-types';
import type { RouteContext } from '../context';

/** A JSON object of field values; `attributes` is allowed and ignored by the store. */
export const recordInputSchema = z.record(z.string(), z.unknown());

/** Parses a body of field values. */
export function parseRecordInput(request: ApiRequest): RecordInput {
    return parseBody(request, recordInputSchema);
}

/**
 * Write context of a REST call: the signed-in user, with audit fields settable on
 * insert as an org with "Set Audit Fields upon Record Creation" allows.
 */
export function writeContextOf(context: RouteContext): WriteContext {
    return { userId: context.user.userId, allowAuditFields: true, valueFormat: 'json' };
}

/** One entry of `errors` in a save result. */
export interface ResultError {
    statusCode: string;
    message: string;
    fields: string[];
}

/** A save result of a create, update, upsert or delete. */
export interface SaveResult {
    id?: string | null;
    success: boolean;
    errors: ResultError[];
    created?: boolean;
}

/** Removes fields a write body may carry but the store does not take as field values. */
export function withoutKeys(input: RecordInput, keys: string[]): RecordInput {
    const lowered = new Set(keys.map((key) => key.toLowerCase()));
    const result: RecordInput = {};
    for (const [key, value] of Object.entries(input)) {
        if (!lowered.has(key.toLowerCase())) {
            result[key] = value;
        }
    }
    return result;
}
