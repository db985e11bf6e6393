/**
 * Bulk API 2.0 ingest jobs under `/services/data/vNN.0/jobs/ingest`: create, upload
 * CSV (`PUT .../batches`), close or abort, poll, read the result files, delete.
 */
import { z } from 'zod';
import {
    emptyResponse,
    jsonResponse,
    parseBody,
    textResponse,
    type ApiRequest,
    type ApiResponse
} from '../api-types';
import { isFinished } from '../bulk/job-types';
import type { RouteContext } from '../context';
import { ApiError } from '../errors';
import type { RouteParams, Router } from '../router';
import { formatSchema, invalidJobState, jobList, stateChangeSchema } from './bulk-common';

const createSchema = formatSchema.extend({
    object: z.string(),
    operation: z.enum(['insert', 'update', 'upsert', 'delete', 'hardDelete']),
    externalIdFieldName: z.string().optional(),
    assignmentRuleId: z.string().optional()
});

function createJob(request: ApiRequest, _params: RouteParams, context: RouteContext): ApiResponse {
    const body = parseBody(request, createSchema);
    const definition = context.store.schema.objects.get(body.object.toLowerCase());
    if (definition === undefined) {
        throw new ApiError(400, 'INVALIDENTITY', `sObject type '${body.object}' is not supported.`);
    }
    if (body.operation === 'upsert' && body.externalIdFieldName === undefined) {
        throw new ApiError(400, 'INVALIDJOB', 'An upsert job needs externalIdFieldName.');
    }
    const job = context.bulk.createIngest({
        object: definition.name,
        operation: body.operation,
        ...(body.externalIdFieldName === undefined
            ? {}
            : { externalIdFieldName: body.externalIdFieldName }),
        createdById: context.user.userId,
        apiVersion: context.apiVersion,
        lineEnding: body.lineEnding ?? 'LF',
        columnDelimiter: body.columnDelimiter ?? 'COMMA'
    });
    return jsonResponse(200, job.info());
}

function uploadData(request: ApiRequest, params: RouteParams, context: RouteContext): ApiResponse {
    const job = context.bulk.ingest(params.id ?? '');
    if (job.state !== 'Open') {
        throw invalidJobState(
            `Job ${job.id} is ${job.state}; data can only be uploaded to an Open job.`
        );
    }
    if (job.hasData) {
        throw invalidJobState(`Job ${job.id} already has data; a job takes one upload.`);
    }
    job.upload(request.body);
    return emptyResponse(201);
}

function changeState(request: ApiRequest, params: RouteParams, context: RouteContext): ApiResponse {
    const job = context.bulk.ingest(params.id ?? '');
    const { state } = parseBody(request, stateChangeSchema);
    if (state === 'UploadComplete') {
        if (job.state !== 'Open') {
            throw invalidJobState(`Job ${job.id} is ${job.state}; only an Open job can be closed.`);
        }
        job.setState('UploadComplete');
        context.bulk.enqueue(job);
    } else {
        if (isFinished(job.state)) {
            throw invalidJobState(`Job ${job.id} is already ${job.state}.`);
        }
        job.setState('Aborted');
    }
    return jsonResponse(200, job.info());
}

function deleteJob(_request: ApiRequest, params: RouteParams, context: RouteContext): ApiResponse {
    const job = context.bulk.ingest(params.id ?? '');
    if (job.state === 'InProgress') {
        throw invalidJobState(`Job ${job.id} is in progress; abort it before deleting it.`);
    }
    context.bulk.remove(job.id);
    return emptyResponse(204);
}

function resultFile(kind: 'success' | 'failure' | 'unprocessed') {
    return (_request: ApiRequest, params: RouteParams, context: RouteContext): ApiResponse => {
        const job = context.bulk.ingest(params.id ?? '');
        return textResponse(200, job.resultFile(kind), 'text/csv');
    };
}

/** Adds the ingest job routes. */
export function addBulkIngestRoutes(router: Router<RouteContext>): void {
    const base = '/services/data/:version/jobs/ingest';
    router
        .add('POST', base, createJob)
        .add('GET', base, (_request, _params, context) =>
            jobList(context.bulk.listIngest().map((job) => job.info()))
        )
        .add('GET', `${base}/:id`, (_request, params, context) =>
            jsonResponse(200, context.bulk.ingest(params.id ?? '').info())
        )
        .add('PATCH', `${base}/:id`, changeState)
        .add('DELETE', `${base}/:id`, deleteJob)
        .add('PUT', `${base}/:id/batches`, uploadData)
        .add('GET', `${base}/:id/successfulResults`, resultFile('success'))
        .add('GET', `${base}/:id/failedResults`, resultFile('failure'))
        .add('GET', `${base}/:id/unprocessedrecords`, resultFile('unprocessed'));
}
