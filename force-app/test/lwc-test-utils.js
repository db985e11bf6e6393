/**
 * Test helpers shared by every LWC test, imported as `lwc-test-utils`.
 */

/**
 * Waits until pending promise callbacks and the component's re-render have run.
 * A macrotask runs after every queued microtask, so one `setTimeout` is enough.
 */
export function flushPromises() {
    return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Removes every element the previous test attached, so tests stay independent.
 */
export function resetDOM() {
    while (document.body.firstChild) {
        document.body.removeChild(document.body.firstChild);
    }
}
