/**
 * The loopback data endpoints behind the components' wire adapters:
 * `POST /__preview/data/graphql` (GraphQL API requests) and `POST /__preview/data/record`
 * (`getRecord`). Request bodies are checked with zod before anything reads them.
 */
import type { Connection } from 'jsforce';
import { z } from 'zod';
import { getLogger } from '../../sync-worker/src/logging';
import { executeGraphql } from './graphql/execute';
import type { InputValue } from './graphql/ast';
import type { ObjectInfoSource } from './object-info';
import { readUiRecord, RecordRequestError } from './record-adapter';

const logger = getLogger('preview.data');

/** Path prefix of the data endpoints; the browser module `preview/dataService` uses it too. */
export const DATA_PATH = '/__preview/data/';

/** Status and JSON body of a reply. */
export interface JsonReply {
    readonly status: number;
    readonly body: unknown;
}

/** A variable value: any JSON value, which the GraphQL API reads variables as. */
const inputValueSchema: z.ZodType<InputValue> = z.lazy(() =>
    z.union([
        z.null(),
        z.boolean(),
        z.number(),
        z.string(),
        z.array(inputValueSchema),
        z.record(z.string(), inputValueSchema)
    ])
);

const graphqlRequestSchema = z.object({
    query: z.string().min(1).max(100_000),
    variables: z.record(z.string(), inputValueSchema).default({}),
    operationName: z.string().nullable().default(null)
});

const qualifiedName = z.string().regex(/^[A-Za-z]\w*(\.[A-Za-z]\w*){1,5}$/, {
    message: 'must be a qualified field name such as Opportunity.Name'
});

const recordRequestSchema = z.object({
    recordId: z.string().min(1).max(18),
    fields: z.array(qualifiedName).max(200).default([]),
    optionalFields: z.array(qualifiedName).max(200).default([])
});

function invalid(error: z.ZodError): string {
    const issue = error.issues[0];
    return `The request is invalid: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim();
}

async function answerGraphql(
    conn: Connection,
    infos: ObjectInfoSource,
    body: unknown
): Promise<JsonReply> {
    const parsed = graphqlRequestSchema.safeParse(body);
    if (!parsed.success) {
        return { status: 400, body: { errors: [{ message: invalid(parsed.error) }] } };
    }
    return { status: 200, body: await executeGraphql(conn, infos, parsed.data) };
}

async function answerRecord(
    conn: Connection,
    infos: ObjectInfoSource,
    body: unknown
): Promise<JsonReply> {
    const parsed = recordRequestSchema.safeParse(body);
    if (!parsed.success) {
        return {
            status: 400,
            body: { errorCode: 'INVALID_INPUT', message: invalid(parsed.error) }
        };
    }
    try {
        return { status: 200, body: await readUiRecord(conn, infos, parsed.data) };
    } catch (error) {
        if (error instanceof RecordRequestError) {
            return {
                status: error.status,
                body: { errorCode: error.errorCode, message: error.message }
            };
        }
        throw error;
    }
}

/** Handles a data request; `name` is the path after the prefix. */
export async function answerDataRequest(
    conn: Connection,
    infos: ObjectInfoSource,
    name: string,
    body: unknown
): Promise<JsonReply> {
    try {
        switch (name) {
            case 'graphql':
                return await answerGraphql(conn, infos, body);
            case 'record':
                return await answerRecord(conn, infos, body);
            default:
                return { status: 404, body: { message: `There is no data endpoint ${name}.` } };
        }
    } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        logger.error('A data request of the preview failed.', { endpoint: name, error: message });
        const reply = `Reading from the org failed: ${message}`;
        return {
            status: 500,
            body:
                name === 'graphql'
                    ? { errors: [{ message: reply }] }
                    : { errorCode: 'UNKNOWN_ERROR', message: reply }
        };
    }
}
