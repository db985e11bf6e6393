/**
 * sObject Collections: create, update, upsert, delete and retrieve up to 200 records
 * in one call, under `/services/data/vNN.0/composite/sobjects`.
 */
import { z } from 'zod';
import { isSalesforceError, type SObjectRecord } from '../../store';
import { jsonResponse, parseBody, type ApiRequest, type ApiResponse } from '../api-types';
import type { RouteContext } from '../context';
import { DuplicateKeys } from '../duplicate-keys';
import { ApiError } from '../errors';
import type { RouteParams, Router } from '../router';
import { MAX_COLLECTION_RECORDS, runCollection } from './collection-runner';
import { withoutKeys, writeContextOf, type SaveResult } from './records';

const collectionRecordSchema = z
    .object({ attributes: z.object({ type: z.string() }).loose() })
    .catchall(z.unknown());

const writeBodySchema = z.object({
    allOrNone: z.boolean().optional(),
    records: z.array(collectionRecordSchema)
});

const retrieveBodySchema = z.object({ ids: z.array(z.string()), fields: z.array(z.string()) });

type CollectionRecord = z.infer<typeof collectionRecordSchema>;

function checkSize(count: number): void {
    if (count > MAX_COLLECTION_RECORDS) {
        // NOTE: code and message are the ones Salesforce users report for 201 records.
        // Check them with a 201-record POST to composite/sobjects in a real org.
        throw new ApiError(
            400,
            'EXCEEDED_ID_LIMIT',
            `record limit reached. cannot submit more than ${MAX_COLLECTION_RECORDS} records into this call`
        );
    }
}

function allOrNoneOf(context: RouteContext, requested: boolean | undefined): boolean {
    return context.forceAllOrNone === true || requested === true;
}

function fieldsOf(record: CollectionRecord, exclude: string[]): Record<string, unknown> {
    return withoutKeys(record, ['attributes', ...exclude]);
}

function recordId(record: CollectionRecord): string | undefined {
    const entry = Object.entries(record).find(([key]) => key.toLowerCase() === 'id');
    return typeof entry?.[1] === 'string' ? entry[1] : undefined;
}

function missingId(): never {
    throw new ApiError(400, 'MISSING_ARGUMENT', 'Id not specified in an update call');
}

function createRecords(
    request: ApiRequest,
    _params: RouteParams,
    context: RouteContext
): ApiResponse {
    const body = parseBody(request, writeBodySchema);
    checkSize(body.records.length);
    const results = runCollection(
        context.store,
        body.records,
        allOrNoneOf(context, body.allOrNone),
        {
            run: (record) => {
                const id = context.store.insert(
                    record.attributes.type,
                    fieldsOf(record, []),
                    writeContextOf(context)
                );
                return { id, success: true, errors: [] };
            },
            idOf: () => undefined
        },
        context.faults.takeRecordFault(request.method, request.path, body.records.length)
    );
    return jsonResponse(200, results);
}

function updateRecords(
    request: ApiRequest,
    _params: RouteParams,
    context: RouteContext
): ApiResponse {
    const body = parseBody(request, writeBodySchema);
    checkSize(body.records.length);
    const results = runCollection(
        context.store,
        body.records,
        allOrNoneOf(context, body.allOrNone),
        {
            run: (record) => {
                const id = recordId(record) ?? missingId();
                context.store.update(
                    record.attributes.type,
                    id,
                    fieldsOf(record, ['Id']),
                    writeContextOf(context)
                );
                return { id, success: true, errors: [] };
            },
            idOf: recordId
        },
        context.faults.takeRecordFault(request.method, request.path, body.records.length)
    );
    return jsonResponse(200, results);
}

function upsertRecords(
    request: ApiRequest,
    params: RouteParams,
    context: RouteContext
): ApiResponse {
    const body = parseBody(request, writeBodySchema);
    checkSize(body.records.length);
    const field = params.field ?? '';
    const valueOf = (record: CollectionRecord): string | undefined => {
        const entry = Object.entries(record).find(
            ([key]) => key.toLowerCase() === field.toLowerCase()
        );
        const value = entry?.[1];
        return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
            ? String(value)
            : undefined;
    };
    const duplicates = new DuplicateKeys(
        context.store,
        params.type ?? body.records[0]?.attributes.type ?? '',
        field,
        body.records.map(valueOf).filter((value) => value !== undefined)
    );
    const results = runCollection(
        context.store,
        body.records,
        allOrNoneOf(context, body.allOrNone),
        {
            run: (record): SaveResult => {
                const value = valueOf(record);
                if (value === undefined) {
                    throw new ApiError(400, 'MISSING_ARGUMENT', `${field} not specified`);
                }
                duplicates.check(field, value);
                try {
                    const type = params.type ?? record.attributes.type;
                    const result = context.store.upsert(
                        type,
                        field,
                        value,
                        fieldsOf(record, [field, 'Id']),
                        writeContextOf(context)
                    );
                    return { id: result.id, success: true, errors: [], created: result.created };
                } catch (error) {
                    if (isSalesforceError(error, 'MULTIPLE_CHOICES')) {
                        return {
                            success: false,
                            errors: [
                                {
                                    statusCode: 'DUPLICATE_EXTERNAL_ID',
                                    message: `Duplicate external id specified: ${value}`,
                                    fields: [field]
                                }
                            ]
                        };
                    }
                    throw error;
                }
            },
            idOf: () => undefined
        },
        context.faults.takeRecordFault(request.method, request.path, body.records.length)
    );
    return jsonResponse(200, results);
}

/** Canonical object name of an Id, from its key prefix; `undefined` when no object has it. */
function objectOfId(context: RouteContext, id: string): string | undefined {
    const prefix = id.slice(0, 3);
    for (const definition of context.store.schema.objects.values()) {
        if (definition.keyPrefix === prefix) {
            return definition.name;
        }
    }
    return undefined;
}

function splitIds(text: string | null): string[] {
    return (text ?? '')
        .split(',')
        .map((id) => id.trim())
        .filter((id) => id !== '');
}

function deleteRecords(
    request: ApiRequest,
    _params: RouteParams,
    context: RouteContext
): ApiResponse {
    const ids = splitIds(request.query.get('ids'));
    checkSize(ids.length);
    const results = runCollection(
        context.store,
        ids,
        allOrNoneOf(context, request.query.get('allOrNone') === 'true'),
        {
            run: (id) => {
                const type = objectOfId(context, id);
                if (type === undefined) {
                    throw new ApiError(400, 'MALFORMED_ID', `malformed id ${id}`);
                }
                context.store.delete(type, id, writeContextOf(context));
                return { id, success: true, errors: [] };
            },
            idOf: (id) => id
        },
        context.faults.takeRecordFault(request.method, request.path, ids.length)
    );
    return jsonResponse(200, results);
}

function retrieveRecords(
    context: RouteContext,
    type: string,
    ids: string[],
    fields: string[]
): ApiResponse {
    checkSize(ids.length);
    if (fields.length === 0) {
        throw new ApiError(400, 'MISSING_ARGUMENT', 'The fields parameter is required.');
    }
    const records: (SObjectRecord | null)[] = ids.map((id) => {
        try {
            return context.store.retrieve(type, id, fields, context.apiVersion);
        } catch (error) {
            if (isSalesforceError(error, 'NOT_FOUND') || isSalesforceError(error, 'MALFORMED_ID')) {
                return null;
            }
            throw error;
        }
    });
    return jsonResponse(200, records);
}

/** Adds the sObject Collections routes. */
export function addCollectionRoutes(router: Router<RouteContext>): void {
    const base = '/services/data/:version/composite/sobjects';
    router
        .add('POST', base, createRecords)
        .add('PATCH', base, updateRecords)
        .add('DELETE', base, deleteRecords)
        .add('GET', `${base}/:type`, (request, params, context) =>
            retrieveRecords(
                context,
                params.type ?? '',
                splitIds(request.query.get('ids')),
                splitIds(request.query.get('fields'))
            )
        )
        .add('POST', `${base}/:type`, (request, params, context) => {
            const body = parseBody(request, retrieveBodySchema);
            return retrieveRecords(context, params.type ?? '', body.ids, body.fields);
        })
        .add('PATCH', `${base}/:type/:field`, upsertRecords);
}
