'use strict';

const { TestEnvironment } = require('jest-environment-node');

/**
 * Jest's Node environment with the explicit-resource-management symbols of Node's own
 * realm. Jest 29 runs each test file in a VM context whose `Symbol` lacks `dispose` and
 * `asyncDispose` on Node 22. undici, jsforce's HTTP client, reads them on every request,
 * so without them every jsforce call fails with "removeAbortListener is not a function". Jest 30 defines them itself, but the LWC
 * preset pins Jest 29.
 */
class NodeEnvironmentWithDisposeSymbols extends TestEnvironment {
    constructor(config, context) {
        super(config, context);
        for (const name of ['dispose', 'asyncDispose']) {
            if (Symbol[name] !== undefined && this.global.Symbol[name] === undefined) {
                Object.defineProperty(this.global.Symbol, name, { value: Symbol[name] });
            }
        }
    }
}

module.exports = NodeEnvironmentWithDisposeSymbols;
