/**
 * Preview stand-in for `lightning/graphql`: `gql` keeps the query text, and the
 * `graphql` wire adapter sends the query with its variables to the preview server,
 * which runs it against the local org and returns the GraphQL API's `uiapi` shape.
 */
import { postData } from 'preview/dataService';

/** Marks a value as a query made by `gql`, so that it can be embedded in another one. */
const QUERY_SOURCE = Symbol('querySource');

/** Tags a GraphQL document. Interpolated values are other `gql` documents or plain text. */
export function gql(strings, ...values) {
    const source = strings.reduce((text, part, index) => {
        const value = index < values.length ? values[index] : '';
        const embedded =
            value && value[QUERY_SOURCE] !== undefined ? value[QUERY_SOURCE] : String(value);
        return text + part + embedded;
    }, '');
    return Object.freeze({ [QUERY_SOURCE]: source });
}

function sourceOf(query) {
    if (query && query[QUERY_SOURCE] !== undefined) {
        return query[QUERY_SOURCE];
    }
    return typeof query === 'string' ? query : undefined;
}

/** Turns a failed request into the `errors` list that the adapter emits. */
function errorsOf(error) {
    if (error.body && Array.isArray(error.body.errors)) {
        return error.body.errors;
    }
    const message = error.body && error.body.message ? error.body.message : error.message;
    return [{ message }];
}

/**
 * The wire adapter. Like the platform's adapter, it stays idle while the `variables`
 * parameter is given but still undefined, and it emits `{ data, errors }`.
 */
class GraphqlAdapter {
    constructor(dataCallback) {
        this.dataCallback = dataCallback;
        this.connected = false;
        this.config = undefined;
        this.requestCount = 0;
    }

    update(config) {
        this.config = config;
        this.fetchIfReady();
    }

    connect() {
        this.connected = true;
        this.fetchIfReady();
    }

    disconnect() {
        this.connected = false;
    }

    fetchIfReady() {
        const config = this.config;
        if (!this.connected || !config) {
            return;
        }
        if ('variables' in config && config.variables === undefined) {
            return;
        }
        const query = sourceOf(config.query);
        if (query === undefined) {
            this.emit(undefined, [
                { message: 'The query parameter is missing or is not a gql document.' }
            ]);
            return;
        }
        this.requestCount += 1;
        const request = this.requestCount;
        postData('graphql', {
            query,
            variables: config.variables || {},
            operationName: config.operationName || null
        })
            .then(
                (reply) => [reply.data, reply.errors],
                (error) => [undefined, errorsOf(error)]
            )
            .then(([data, errors]) => {
                // A newer configuration has been sent since; its reply wins.
                if (request === this.requestCount && this.connected) {
                    this.emit(data, errors);
                }
            });
    }

    emit(data, errors) {
        this.dataCallback({
            data: data === null ? undefined : data,
            errors: errors && errors.length > 0 ? errors : undefined
        });
    }
}

export { GraphqlAdapter as graphql };
