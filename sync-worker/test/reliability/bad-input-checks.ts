/**
 * Checks that every run with bad input must pass. Its cycles neither fail nor leave a
 * write failing. Each skipped record is in the log, the journal and the cycle summary.
 * The good records get the decisions of a run without the bad ones.
 */
import { existsSync, readFileSync } from 'node:fs';
import { goodDecisions, type ScenarioRun } from './bad-input-harness';
import type { ExpectedSkip } from './bad-input-kinds';

/** Checks that both cycles ran to the end and every planned write went through. */
export function expectCleanCycles(run: ScenarioRun): void {
    for (const report of run.reports) {
        expect({ cycle: report.cycle, error: report.error }).toEqual({
            cycle: report.cycle,
            error: null
        });
        expect({ cycle: report.cycle, failed: report.failed }).toEqual({
            cycle: report.cycle,
            failed: 0
        });
        expect({ cycle: report.cycle, outcome: report.outcome }).toEqual({
            cycle: report.cycle,
            outcome: 'success'
        });
    }
}

function expectedSkipsOf(run: ScenarioRun): ExpectedSkip[] {
    return run.inserted.flatMap((records) => records.skipped);
}

/** Lines of the journal files of both cycles (one file per UTC day). */
function journalLines(run: ScenarioRun): Record<string, unknown>[] {
    const files = new Set(run.reports.map((report) => run.worker.journalFile(report.now)));
    return [...files]
        .filter((file): file is string => file !== null && existsSync(file))
        .flatMap((file) => readFileSync(file, 'utf8').trim().split('\n'))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/**
 * Checks that the first cycle counts exactly the expected skips more than the run
 * without bad records, and that each skip is in the log, the journal and the summary of its cycle with
 * its Id and reason. The second cycle's count is not exact: it reads again the records
 * of the last minutes (the overlap window) and evaluates the whole org again.
 */
export function expectSkipsReported(run: ScenarioRun, clean: ScenarioRun): void {
    const expected = expectedSkipsOf(run);
    const baseline = clean.reports[0]?.badRecords.count ?? 0;
    expect((run.reports[0]?.badRecords.count ?? 0) - baseline).toBe(
        expected.filter((skip) => skip.cycle === 0).length
    );
    const warnings = run.logs.filter((log) => log.level === 'warn' && log.module === 'sync.input');
    const journal = journalLines(run).filter((line) => line.type === 'bad-record');
    for (const skip of expected) {
        const logged = warnings.filter((log) => log.id === skip.id && log.object === skip.object);
        expect(logged.map((log) => log.message)).toContainEqual(expect.stringMatching(skip.reason));
        expect(logged[0]?.stage).toBe(skip.stage);
        const journaled = journal.filter((line) => line.id === skip.id);
        expect(journaled.map((line) => line.reason)).toContainEqual(
            expect.stringMatching(skip.reason)
        );
        const counted = Object.keys(run.reports[skip.cycle]?.badRecords.byReason ?? {}).filter(
            (reason) => reason.startsWith(`${skip.object}: `)
        );
        expect(counted).toContainEqual(expect.stringMatching(skip.reason));
    }
}

/**
 * Checks that both cycles decided for the good records exactly as the run without bad
 * records did. A failure lists only the decisions that differ.
 */
export function expectGoodDecisionsUnchanged(run: ScenarioRun, clean: ScenarioRun): void {
    for (let cycle = 0; cycle < clean.reports.length; cycle += 1) {
        const actual = goodDecisions(run, cycle);
        const expected = goodDecisions(clean, cycle);
        const missing = expected.filter((decision) => !actual.includes(decision));
        const unexpected = actual.filter((decision) => !expected.includes(decision));
        expect({ cycle, missing, unexpected }).toEqual({ cycle, missing: [], unexpected: [] });
        expect({ cycle, count: actual.length }).toEqual({ cycle, count: expected.length });
    }
}

/** Runs every check that holds for any mix of bad records. */
export function expectBadInputHandled(run: ScenarioRun, clean: ScenarioRun): void {
    expectCleanCycles(run);
    expectSkipsReported(run, clean);
    expectGoodDecisionsUnchanged(run, clean);
}
