/**
 * Turns the errors that Lightning Data Service, the UI API and the GraphQL wire adapter
 * return into plain messages, so that every card shows a readable reason instead of a
 * blank card or an object dump.
 *
 * Shapes handled: a FetchResponse whose `body` is an object with `message`, an array of
 * `{ message }` (UI API), an object with `pageErrors`, `fieldErrors` or
 * `output.errors` (record writes), GraphQL `errors` arrays, JavaScript `Error`s and
 * plain strings.
 */
export function reduceErrors(errors) {
    const list = Array.isArray(errors) ? errors : [errors];
    const messages = list
        .filter((error) => error !== undefined && error !== null)
        .flatMap((error) => messagesOf(error))
        .filter((message) => typeof message === 'string' && message.length > 0);
    return [...new Set(messages)];
}

function messagesOf(error) {
    if (typeof error === 'string') {
        return [error];
    }
    if (Array.isArray(error.body)) {
        return error.body.map((item) => item.message);
    }
    if (error.body) {
        return messagesOfBody(error.body);
    }
    if (Array.isArray(error.errors)) {
        return error.errors.map((item) => item.message);
    }
    return [error.message || error.statusText];
}

function messagesOfBody(body) {
    const pageErrors = body.pageErrors || (body.output && body.output.errors);
    if (Array.isArray(pageErrors) && pageErrors.length > 0) {
        return pageErrors.map((item) => item.message);
    }
    const fieldErrors =
        body.fieldErrors || (body.output && body.output.fieldErrors);
    if (fieldErrors && Object.keys(fieldErrors).length > 0) {
        return Object.values(fieldErrors)
            .flat()
            .map((item) => item.message);
    }
    if (Array.isArray(body.errors)) {
        return body.errors.map((item) => item.message);
    }
    return [body.message];
}
