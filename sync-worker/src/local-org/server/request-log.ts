/**
 * A bounded log of the requests the local org served, Composite subrequests included,
 * so tests can check what a client sent (such as `Sforce-Auto-Assign`). Authorization
 * and cookie headers are never kept, and secrets in the query string (a token passed to
 * `/services/oauth2/revoke?token=`) or in other headers are redacted.
 */
import { redactText } from '../../logging';

/** One served request. Header names are lower case. */
export interface LoggedRequest {
    method: string;
    path: string;
    query: string;
    headers: Record<string, string>;
    status: number;
    /** Reference Id of the subrequest when it ran inside a Composite request. */
    compositeReferenceId?: string;
}

/** Default number of entries kept; older entries are dropped first. */
export const DEFAULT_REQUEST_LOG_SIZE = 1_000;

const NEVER_LOGGED = new Set(['authorization', 'cookie']);

/** Ring buffer of the latest requests. */
export class RequestLog {
    private readonly capacity: number;
    private log: LoggedRequest[] = [];

    public constructor(capacity = DEFAULT_REQUEST_LOG_SIZE) {
        this.capacity = capacity;
    }

    /** Records a request; headers and query string are copied without credentials. */
    public record(
        entry: Omit<LoggedRequest, 'headers'> & { headers: Record<string, string | undefined> }
    ): void {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(entry.headers)) {
            const lowered = name.toLowerCase();
            if (value !== undefined && !NEVER_LOGGED.has(lowered)) {
                headers[lowered] = redactText(value);
            }
        }
        this.log.push({ ...entry, query: redactText(entry.query), headers });
        if (this.log.length > this.capacity) {
            this.log = this.log.slice(this.log.length - this.capacity);
        }
    }

    /** Returns the logged requests, oldest first. */
    public entries(): LoggedRequest[] {
        return [...this.log];
    }

    /** Forgets every entry. */
    public clear(): void {
        this.log = [];
    }
}
