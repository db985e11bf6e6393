#!/usr/bin/env -S node --disable-warning=ExperimentalWarning
'use strict';

// The command-line entry point. It runs the compiled worker from dist/, which
// `npm install` builds (the `prepare` script) and `npm run build` refreshes.

const [major] = process.versions.node.split('.').map(Number);
if (major < 22) {
    process.stderr.write(
        `lead-sla needs Node.js 22, but this is Node.js ${process.versions.node}.\n` +
            'Run it through npm so the project-pinned Node.js 22 is used: ' +
            '`npx lead-sla ...` or `npm start`.\n'
    );
    process.exit(1);
}

let main;
try {
    ({ main } = require('../../dist/sync-worker/src/cli/main.js'));
} catch (error) {
    if (error && error.code === 'MODULE_NOT_FOUND') {
        process.stderr.write(
            'lead-sla is not built yet. Run `npm run build` (or `npm install`) first.\n'
        );
        process.exit(1);
    }
    throw error;
}

main(process.argv).then(
    (exitCode) => {
        process.exitCode = exitCode;
    },
    (error) => {
        process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
        process.exitCode = 1;
    }
);
