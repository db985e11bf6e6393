/**
 * Error responses of the local org's REST API. Salesforce returns a failed REST call as
 * a JSON array of `{message, errorCode, fields}` objects with an HTTP status that
 * depends on the error. Every route throws `ApiError`, and the HTTP layer renders it.
 */
import { SalesforceError } from '../store/errors';

/** One entry of a REST error body. */
export interface RestErrorEntry {
    message: string;
    errorCode: string;
    fields?: string[];
}

/** A failed REST call: HTTP status plus the error entries of the body. */
export class ApiError extends Error {
    public readonly status: number;
    public readonly errorCode: string;
    public readonly fields: string[] | undefined;

    public constructor(status: number, errorCode: string, message: string, fields?: string[]) {
        super(message);
        this.name = 'ApiError';
        this.status = status;
        this.errorCode = errorCode;
        this.fields = fields;
    }

    /** Body of the response: a one-entry array, as Salesforce sends it. */
    public toBody(): RestErrorEntry[] {
        const entry: RestErrorEntry = { message: this.message, errorCode: this.errorCode };
        if (this.fields !== undefined) {
            entry.fields = this.fields;
        }
        return [entry];
    }
}

/** Builds the 401 that every call without a valid session receives. */
export function invalidSession(): ApiError {
    return new ApiError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
}

/** Builds the 404 of a path the API does not serve. */
export function resourceNotFound(): ApiError {
    return new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
}

/** Builds the 400 of a request body that is not valid JSON or does not have the expected shape. */
export function malformedJson(detail: string): ApiError {
    return new ApiError(400, 'JSON_PARSER_ERROR', detail);
}

/**
 * Converts anything a route threw into an `ApiError`: store errors keep their code and
 * status, and anything else becomes a 500 `UNKNOWN_EXCEPTION` without internal detail.
 */
export function toApiError(error: unknown): ApiError {
    if (error instanceof ApiError) {
        return error;
    }
    if (error instanceof SalesforceError) {
        return new ApiError(error.httpStatus, error.errorCode, error.message, error.fields);
    }
    return new ApiError(
        500,
        'UNKNOWN_EXCEPTION',
        'An unexpected error occurred. Please include this ErrorId if you contact support: local-org.'
    );
}
