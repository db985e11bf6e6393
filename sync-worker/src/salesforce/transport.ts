/**
 * The HTTP transport under every jsforce call of the worker. It gives each request its
 * own deadline, switches jsforce's built-in retries off (the access layer retries with
 * its own policy and clock), and reports every request and response to observers: the
 * API call meter and the session guard.
 */
import Transport from 'jsforce/lib/transport';
import type { HttpRequest, HttpRequestOptions, HttpResponse } from 'jsforce/lib/types';
import type { StreamPromise } from 'jsforce/lib/util/promise';

/** Watches the requests that go through the transport. */
export interface TransportObserver {
    onRequest?(request: HttpRequest): void;
    /** Called when response headers and body have arrived, whatever the status. */
    onResponse?(request: HttpRequest, response: HttpResponse): void;
}

/** jsforce transport with deadlines, no built-in retries and observers. */
export class ObservedTransport extends Transport {
    private readonly timeoutMs: number;
    private readonly observers: readonly TransportObserver[];

    /** `timeoutMs` is the deadline of each request, from sending to the response headers. */
    public constructor(timeoutMs: number, observers: readonly TransportObserver[]) {
        super();
        this.timeoutMs = timeoutMs;
        this.observers = observers;
    }

    public override httpRequest(
        request: HttpRequest,
        options: HttpRequestOptions = {}
    ): StreamPromise<HttpResponse> {
        for (const observer of this.observers) {
            observer.onRequest?.(request);
        }
        const result = super.httpRequest(request, {
            ...options,
            timeout: options.timeout ?? this.timeoutMs,
            // jsforce 3 retries GET, PUT and DELETE on 5xx and socket errors with real
            // sleeps. One attempt per call keeps the count of calls and the waits ours.
            retry: { ...options.retry, maxRetries: 0 }
        });
        result.then(
            (response) => {
                for (const observer of this.observers) {
                    observer.onResponse?.(request, response);
                }
            },
            // The caller awaits the same promise and handles the failure.
            () => undefined
        );
        return result;
    }
}
