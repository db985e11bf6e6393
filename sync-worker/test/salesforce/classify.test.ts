import { toSalesforceApiError } from '../../src/salesforce/classify';
import { registerSecret } from '../../src/logging';

function response(statusCode: number, body: string, contentType = 'application/json') {
    return { statusCode, headers: { 'content-type': contentType }, body };
}

/** Creates an error shaped like jsforce's HttpApiError. */
function httpApiError(errorCode: string, message: string): Error {
    const error = new Error(message);
    error.name = errorCode;
    return Object.assign(error, { errorCode });
}

describe('toSalesforceApiError', () => {
    it('takes the code from a REST error body', () => {
        const error = toSalesforceApiError(
            httpApiError('UNABLE_TO_LOCK_ROW', 'unable to obtain exclusive access'),
            'PATCH /composite/sobjects',
            response(
                400,
                '[{"errorCode":"UNABLE_TO_LOCK_ROW","message":"unable to obtain exclusive access"}]'
            )
        );
        expect(error).toMatchObject({ kind: 'lock', errorCode: 'UNABLE_TO_LOCK_ROW', status: 400 });
        expect(error.transient).toBe(true);
    });

    it('reads an HTML 503 page as a server failure with a short message', () => {
        const html = `<html><body><h1>Service Unavailable</h1>${'x'.repeat(2_000)}</body></html>`;
        const error = toSalesforceApiError(
            httpApiError('ERROR_HTTP_503', html),
            'POST /composite',
            response(503, html, 'text/html')
        );
        expect(error).toMatchObject({ kind: 'server', errorCode: 'HTTP_503', status: 503 });
        expect(error.message).not.toContain('<h1>');
        expect(error.message.length).toBeLessThan(400);
    });

    it('marks REQUEST_LIMIT_EXCEEDED as a limit', () => {
        const error = toSalesforceApiError(
            httpApiError('REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'),
            'GET /limits',
            response(
                403,
                '[{"errorCode":"REQUEST_LIMIT_EXCEEDED","message":"TotalRequests Limit exceeded."}]'
            )
        );
        expect(error.kind).toBe('limit');
        expect(error.transient).toBe(false);
    });

    it('marks a 401 as an authentication failure', () => {
        const error = toSalesforceApiError(
            httpApiError('INVALID_SESSION_ID', 'Session expired or invalid'),
            'GET /limits',
            response(
                401,
                '[{"errorCode":"INVALID_SESSION_ID","message":"Session expired or invalid"}]'
            )
        );
        expect(error.kind).toBe('auth');
    });

    it('reads a socket error in the cause chain as a dropped connection', () => {
        const cause = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
        const error = toSalesforceApiError(
            new TypeError('fetch failed', { cause }),
            'POST /composite',
            undefined
        );
        expect(error).toMatchObject({ kind: 'connection', errorCode: 'UND_ERR_SOCKET' });
        expect(error.ambiguous).toBe(true);
    });

    it('reads "socket hang up" as a dropped connection', () => {
        const error = toSalesforceApiError(
            new Error('socket hang up'),
            'POST /composite',
            undefined
        );
        expect(error.kind).toBe('connection');
    });

    it('reads an aborted request as a timeout', () => {
        const abort = new DOMException('This operation was aborted', 'AbortError');
        const error = toSalesforceApiError(abort, 'GET /limits', undefined, 250);
        expect(error).toMatchObject({ kind: 'timeout', errorCode: 'TIMEOUT' });
        expect(error.message).toContain('no response after 250 ms');
    });

    it('redacts registered secrets from messages', () => {
        registerSecret('classify-secret-value');
        const error = toSalesforceApiError(
            new Error('bad token classify-secret-value'),
            'GET /limits',
            undefined
        );
        expect(error.message).not.toContain('classify-secret-value');
    });
});
