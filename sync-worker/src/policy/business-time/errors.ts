/**
 * Stable codes of business-time failures.
 * - `INVALID_RECORD`: a BusinessHours or Holiday record has impossible values.
 * - `INVALID_TIME_ZONE`: the time zone is not an IANA zone id that luxon accepts.
 * - `NO_BUSINESS_TIME`: no business time exists in the searched range (for example every
 *   day is a holiday), so a due time cannot be computed.
 * - `OUT_OF_RANGE`: a date is invalid or outside the years 1900 to 2999.
 */
export type BusinessTimeErrorCode =
    'INVALID_RECORD' | 'INVALID_TIME_ZONE' | 'NO_BUSINESS_TIME' | 'OUT_OF_RANGE';

export class BusinessTimeError extends Error {
    override readonly name = 'BusinessTimeError';

    constructor(
        readonly code: BusinessTimeErrorCode,
        message: string,
        options?: { cause?: unknown }
    ) {
        super(message, options);
    }
}
