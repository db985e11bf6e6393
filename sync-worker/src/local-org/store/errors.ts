/**
 * Errors of the local org's store, carrying the error codes the Salesforce REST API
 * returns (`errorCode` in a REST error body, `statusCode` in sObject Collections and
 * Composite results).
 */

/** Error codes the store raises, spelled as Salesforce spells them. */
export type SalesforceErrorCode =
    | 'INVALID_FIELD'
    | 'INVALID_TYPE'
    | 'INVALID_FIELD_FOR_INSERT_UPDATE'
    | 'REQUIRED_FIELD_MISSING'
    | 'DUPLICATE_VALUE'
    | 'DUPLICATE_EXTERNAL_ID'
    | 'DUPLICATE_USERNAME'
    | 'DUPLICATE_DEVELOPER_NAME'
    | 'INACTIVE_OWNER_OR_USER'
    | 'INVALID_QUERY_FILTER_OPERATOR'
    | 'INVALID_CROSS_REFERENCE_KEY'
    | 'FIELD_INTEGRITY_EXCEPTION'
    | 'CANNOT_UPDATE_CONVERTED_LEAD'
    | 'STRING_TOO_LONG'
    | 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST'
    | 'NUMBER_OUTSIDE_VALID_RANGE'
    | 'INVALID_TYPE_ON_FIELD_IN_RECORD'
    | 'JSON_PARSER_ERROR'
    | 'INVALID_EMAIL_ADDRESS'
    | 'ENTITY_IS_DELETED'
    | 'NOT_FOUND'
    | 'MALFORMED_ID'
    | 'MALFORMED_QUERY'
    | 'INVALID_QUERY_LOCATOR'
    | 'INVALID_REPLICATION_DATE'
    | 'INVALID_STATUS'
    | 'MULTIPLE_CHOICES'
    | 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY'
    | 'UNKNOWN_EXCEPTION';

/** HTTP status the REST API returns for each error code when it is the whole response. */
const HTTP_STATUS: Partial<Record<SalesforceErrorCode, number>> = {
    NOT_FOUND: 404,
    ENTITY_IS_DELETED: 404,
    MULTIPLE_CHOICES: 300,
    UNKNOWN_EXCEPTION: 500
};

/**
 * A failed store operation. `fields` lists the API names the error is about, as the
 * `fields` array of a Salesforce error does (often empty).
 */
export class SalesforceError extends Error {
    public readonly errorCode: SalesforceErrorCode;
    public readonly fields: string[];
    /** Record Ids an upsert matched when it fails with `MULTIPLE_CHOICES`. */
    public readonly matchingIds: string[];

    public constructor(
        errorCode: SalesforceErrorCode,
        message: string,
        fields: string[] = [],
        matchingIds: string[] = []
    ) {
        super(message);
        this.name = 'SalesforceError';
        this.errorCode = errorCode;
        this.fields = fields;
        this.matchingIds = matchingIds;
    }

    /** HTTP status of a single-record REST response failing with this error: 400 unless listed. */
    public get httpStatus(): number {
        return HTTP_STATUS[this.errorCode] ?? 400;
    }

    /** Body entry of a REST error response: `{message, errorCode, fields}`. */
    public toRestError(): { message: string; errorCode: string; fields: string[] } {
        return { message: this.message, errorCode: this.errorCode, fields: this.fields };
    }

    /** Entry of `errors` in a Collections or Composite result: `{statusCode, message, fields}`. */
    public toResultError(): { statusCode: string; message: string; fields: string[] } {
        return { statusCode: this.errorCode, message: this.message, fields: this.fields };
    }
}

/** Returns true when `error` is a `SalesforceError` with the given code. */
export function isSalesforceError(
    error: unknown,
    errorCode?: SalesforceErrorCode
): error is SalesforceError {
    return (
        error instanceof SalesforceError &&
        (errorCode === undefined || error.errorCode === errorCode)
    );
}
