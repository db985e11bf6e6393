/**
 * Calls the preview server's loopback data endpoints, which serve the components'
 * data-service requests from the local org. Only the preview uses this module.
 */

/** Path prefix of the data endpoints, on the origin the page came from. */
const DATA_PATH = '/__preview/data';

/**
 * Posts `body` as JSON to the data endpoint `name` and returns the parsed JSON reply.
 * Rejects with an error whose `body` is the server's error reply, the shape that the
 * components' error helpers read, when the reply is not a success.
 */
export async function postData(name, body) {
    const response = await fetch(`${DATA_PATH}/${name}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body)
    });
    const reply = await response.json().catch(() => ({
        message: `The preview server sent an unreadable reply (HTTP ${response.status}).`
    }));
    if (!response.ok) {
        const error = new Error(`HTTP ${response.status} ${response.statusText}`);
        error.status = response.status;
        error.statusText = response.statusText;
        error.body = reply;
        throw error;
    }
    return reply;
}
