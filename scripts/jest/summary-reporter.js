'use strict';

const { SummaryReporter } = require('@jest/reporters');

/**
 * Jest's own summary, followed by one plain closing line such as
 * `Tests: 212 passed, 0 failed, 3 skipped`, so that CI logs and scripts can read the
 * outcome of both test projects without parsing Jest's table.
 */
class SummaryWithClosingLine extends SummaryReporter {
    onRunComplete(testContexts, results) {
        super.onRunComplete(testContexts, results);
        const passed = results.numPassedTests;
        const failed = results.numFailedTests;
        const skipped = results.numPendingTests + results.numTodoTests;
        process.stderr.write(`\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
    }
}

module.exports = SummaryWithClosingLine;
