/**
 * sObject resources: describe, record create, read, update and delete, access by
 * external ID (read and upsert), and the replication calls getUpdated and getDeleted.
 */
import { jsonResponse, emptyResponse, type ApiRequest, type ApiResponse } from '../api-types';
import { isSalesforceError } from '../../store';
import { recordUrl, type RouteContext } from '../context';
import { ApiError } from '../errors';
import type { RouteParams, Router } from '../router';
import { parseRecordInput, withoutKeys, writeContextOf } from './records';

function requireParam(params: RouteParams, name: string): string {
    const value = params[name];
    if (value === undefined) {
        throw new ApiError(400, 'INVALID_REQUEST', `Missing path segment ${name}.`);
    }
    return value;
}

/** Returns the canonical API name of an object, or raises 404 `NOT_FOUND` as the REST API does for unknown types. */
function objectName(context: RouteContext, params: RouteParams): string {
    const requested = requireParam(params, 'type');
    const definition = context.store.schema.objects.get(requested.toLowerCase());
    if (definition === undefined) {
        throw new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
    }
    return definition.name;
}

/**
 * Reads `?fields=`. The REST API returns the requested fields plus `Id`, so `Id` is
 * added at the end when the list leaves it out.
 */
function parseFields(request: ApiRequest): string[] | undefined {
    const fields = request.query.get('fields');
    if (fields === null || fields.trim() === '') {
        return undefined;
    }
    const names = fields
        .split(',')
        .map((field) => field.trim())
        .filter((field) => field !== '');
    return names.some((name) => name.toLowerCase() === 'id') ? names : [...names, 'Id'];
}

/** Parses the `start` and `end` of a replication call; both are required ISO datetimes. */
function replicationWindow(request: ApiRequest): { start: Date; end: Date } {
    const start = request.query.get('start');
    const end = request.query.get('end');
    if (start === null || end === null) {
        throw new ApiError(400, 'MISSING_ARGUMENT', 'The start and end parameters are required.');
    }
    const startDate = new Date(start);
    const endDate = new Date(end);
    if (Number.isNaN(startDate.getTime()) || Number.isNaN(endDate.getTime())) {
        throw new ApiError(
            400,
            'INVALID_REPLICATION_DATE',
            `Invalid start or end datetime: ${start}, ${end}`
        );
    }
    return { start: startDate, end: endDate };
}

/** Ids of records whose external ID field equals a value; empty when none. */
function findByExternalId(
    context: RouteContext,
    type: string,
    field: string,
    value: string
): string[] {
    const definition = context.store.getObject(type);
    const fieldDefinition = definition.fields.get(field.toLowerCase());
    if (
        fieldDefinition === undefined ||
        (!fieldDefinition.externalId && fieldDefinition.name !== 'Id')
    ) {
        throw new ApiError(
            404,
            'NOT_FOUND',
            `Provided external ID field does not exist or is not accessible: ${field}`
        );
    }
    const literal = value.replaceAll('\\', '\\\\').replaceAll("'", "\\'");
    const result = context.store.query(
        `SELECT Id FROM ${definition.name} WHERE ${fieldDefinition.name} = '${literal}'`,
        { apiVersion: context.apiVersion }
    );
    return result.records.map((record) => String(record.Id));
}

function multipleChoices(context: RouteContext, type: string, ids: string[]): ApiResponse {
    return jsonResponse(
        300,
        ids.map((id) => recordUrl(context, type, id))
    );
}

function create(request: ApiRequest, params: RouteParams, context: RouteContext): ApiResponse {
    const type = objectName(context, params);
    const id = context.store.insert(type, parseRecordInput(request), writeContextOf(context));
    return jsonResponse(
        201,
        { id, success: true, errors: [] },
        { Location: recordUrl(context, type, id) }
    );
}

function retrieve(request: ApiRequest, params: RouteParams, context: RouteContext): ApiResponse {
    const type = objectName(context, params);
    const record = context.store.retrieve(
        type,
        requireParam(params, 'id'),
        parseFields(request),
        context.apiVersion
    );
    return jsonResponse(200, record);
}

function update(request: ApiRequest, params: RouteParams, context: RouteContext): ApiResponse {
    const type = objectName(context, params);
    const fields = withoutKeys(parseRecordInput(request), ['Id']);
    context.store.update(type, requireParam(params, 'id'), fields, writeContextOf(context));
    return emptyResponse(204);
}

function remove(_request: ApiRequest, params: RouteParams, context: RouteContext): ApiResponse {
    const type = objectName(context, params);
    context.store.delete(type, requireParam(params, 'id'), writeContextOf(context));
    return emptyResponse(204);
}

function retrieveByExternalId(
    request: ApiRequest,
    params: RouteParams,
    context: RouteContext
): ApiResponse {
    const type = objectName(context, params);
    const ids = findByExternalId(
        context,
        type,
        requireParam(params, 'field'),
        requireParam(params, 'value')
    );
    const [first] = ids;
    if (first === undefined) {
        throw new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
    }
    if (ids.length > 1) {
        return multipleChoices(context, type, ids);
    }
    return jsonResponse(
        200,
        context.store.retrieve(type, first, parseFields(request), context.apiVersion)
    );
}

function upsert(request: ApiRequest, params: RouteParams, context: RouteContext): ApiResponse {
    const type = objectName(context, params);
    const field = requireParam(params, 'field');
    const fields = withoutKeys(parseRecordInput(request), ['Id', field]);
    const updateOnly = request.query.get('updateOnly') === 'true';
    if (
        updateOnly &&
        findByExternalId(context, type, field, requireParam(params, 'value')).length === 0
    ) {
        throw new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
    }
    let result;
    try {
        result = context.store.upsert(
            type,
            field,
            requireParam(params, 'value'),
            fields,
            writeContextOf(context)
        );
    } catch (error) {
        if (isSalesforceError(error, 'MULTIPLE_CHOICES')) {
            return multipleChoices(context, type, error.matchingIds);
        }
        throw error;
    }
    const body = { id: result.id, success: true, errors: [], created: result.created };
    if (result.created) {
        return jsonResponse(201, body, { Location: recordUrl(context, type, result.id) });
    }
    // Since API 46.0 an update through upsert returns 200 with a body; before, 204.
    return Number(context.apiVersion) >= 46 ? jsonResponse(200, body) : emptyResponse(204);
}

function removeByExternalId(
    _request: ApiRequest,
    params: RouteParams,
    context: RouteContext
): ApiResponse {
    const type = objectName(context, params);
    const ids = findByExternalId(
        context,
        type,
        requireParam(params, 'field'),
        requireParam(params, 'value')
    );
    const [first] = ids;
    if (first === undefined) {
        throw new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
    }
    if (ids.length > 1) {
        return multipleChoices(context, type, ids);
    }
    context.store.delete(type, first, writeContextOf(context));
    return emptyResponse(204);
}

function describeObject(
    _request: ApiRequest,
    params: RouteParams,
    context: RouteContext
): ApiResponse {
    return jsonResponse(
        200,
        context.store.describe(objectName(context, params), context.apiVersion)
    );
}

function objectInfo(_request: ApiRequest, params: RouteParams, context: RouteContext): ApiResponse {
    const type = objectName(context, params);
    const entry = context.store.describeGlobal().sobjects.find((sobject) => sobject.name === type);
    return jsonResponse(200, { objectDescribe: entry, recentItems: [] });
}

function updated(request: ApiRequest, params: RouteParams, context: RouteContext): ApiResponse {
    const { start, end } = replicationWindow(request);
    return jsonResponse(200, context.store.getUpdated(objectName(context, params), start, end));
}

function deleted(request: ApiRequest, params: RouteParams, context: RouteContext): ApiResponse {
    const { start, end } = replicationWindow(request);
    return jsonResponse(200, context.store.getDeleted(objectName(context, params), start, end));
}

/** Adds the sObject routes. */
export function addSObjectRoutes(router: Router<RouteContext>): void {
    const base = '/services/data/:version/sobjects';
    router
        .add('GET', base, (_request, _params, context) =>
            jsonResponse(200, context.store.describeGlobal())
        )
        .add('GET', `${base}/:type`, objectInfo)
        .add('POST', `${base}/:type`, create)
        .add('GET', `${base}/:type/describe`, describeObject)
        .add('GET', `${base}/:type/updated`, updated)
        .add('GET', `${base}/:type/deleted`, deleted)
        .add('GET', `${base}/:type/:id`, retrieve)
        .add('PATCH', `${base}/:type/:id`, update)
        .add('DELETE', `${base}/:type/:id`, remove)
        .add('GET', `${base}/:type/:field/:value`, retrieveByExternalId)
        .add('PATCH', `${base}/:type/:field/:value`, upsert)
        .add('DELETE', `${base}/:type/:field/:value`, removeByExternalId);
}
