/**
 * Bulk API 2.0 query jobs under `/services/data/vNN.0/jobs/query`: create, poll, abort,
 * delete and read results page by page. Each page repeats the CSV header row and
 * carries `Sforce-Locator` (the next page, or `null`) and `Sforce-NumberOfRecords`.
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
import { resultColumns } from '../bulk/query-job';
import type { RouteContext } from '../context';
import { ApiError } from '../errors';
import type { RouteParams, Router } from '../router';
import { formatSchema, invalidJobState, jobList, stateChangeSchema } from './bulk-common';

const createSchema = formatSchema.extend({
    operation: z.enum(['query', 'queryAll']),
    query: z.string()
});

function createJob(request: ApiRequest, _params: RouteParams, context: RouteContext): ApiResponse {
    const body = parseBody(request, createSchema);
    const { object, columns } = resultColumns(body.query);
    const definition = context.store.getObject(object);
    const job = context.bulk.createQuery(
        {
            operation: body.operation,
            soql: body.query,
            object: definition.name,
            createdById: context.user.userId,
            apiVersion: context.apiVersion,
            lineEnding: body.lineEnding ?? 'LF',
            columnDelimiter: body.columnDelimiter ?? 'COMMA'
        },
        columns
    );
    return jsonResponse(200, job.info());
}

function changeState(request: ApiRequest, params: RouteParams, context: RouteContext): ApiResponse {
    const job = context.bulk.query(params.id ?? '');
    const { state } = parseBody(request, stateChangeSchema);
    if (state !== 'Aborted') {
        throw new ApiError(400, 'INVALIDJOB', 'A query job can only be changed to Aborted.');
    }
    if (isFinished(job.state)) {
        throw invalidJobState(`Job ${job.id} is already ${job.state}.`);
    }
    job.abort();
    return jsonResponse(200, job.info());
}

function parseMaxRecords(request: ApiRequest, fallback: number): number {
    const text = request.query.get('maxRecords');
    if (text === null) {
        return fallback;
    }
    const value = Number(text);
    if (!Number.isInteger(value) || value <= 0) {
        throw new ApiError(
            400,
            'INVALIDJOB',
            `maxRecords must be a positive integer, not ${text}.`
        );
    }
    return value;
}

function results(request: ApiRequest, params: RouteParams, context: RouteContext): ApiResponse {
    const job = context.bulk.query(params.id ?? '');
    if (job.state !== 'JobComplete') {
        throw invalidJobState(
            `Job ${job.id} is ${job.state}; results are available once it is JobComplete.`
        );
    }
    const maxRecords = parseMaxRecords(request, context.bulk.resultsPageSize);
    const page = job.readPage(request.query.get('locator') ?? undefined, maxRecords);
    return textResponse(200, page.csv, 'text/csv', {
        'Sforce-Locator': page.nextLocator ?? 'null',
        'Sforce-NumberOfRecords': String(page.records)
    });
}

/** Adds the query job routes. */
export function addBulkQueryRoutes(router: Router<RouteContext>): void {
    const base = '/services/data/:version/jobs/query';
    router
        .add('POST', base, createJob)
        .add('GET', base, (_request, _params, context) =>
            jobList(context.bulk.listQuery().map((job) => job.info()))
        )
        .add('GET', `${base}/:id`, (_request, params, context) =>
            jsonResponse(200, context.bulk.query(params.id ?? '').info())
        )
        .add('PATCH', `${base}/:id`, changeState)
        .add('DELETE', `${base}/:id`, (_request, params, context) => {
            const job = context.bulk.query(params.id ?? '');
            context.bulk.remove(job.id);
            return emptyResponse(204);
        })
        .add('GET', `${base}/:id/results`, results);
}
