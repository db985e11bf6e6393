/**
 * Memory probe for the processes the backfill benchmark starts (the worker and the local
 * org). Preloaded with `node --require`, it appends one JSON line to the file named by
 * `BENCH_PROBE_FILE` every half second: resident set size and V8 heap, in megabytes. At a
 * normal exit it appends the process's peak resident set size (`maxRSS`) and its CPU
 * time, which separates the work from waiting on a loaded machine. The lines are
 * appended as they are taken, so a process killed for running out of heap still leaves
 * its last samples behind.
 *
 * A timer cannot fire while the process runs synchronous code, such as the policy
 * evaluation, so the samples show the memory between such steps. Only the final `maxRSS`
 * line covers every moment.
 */
import { appendFileSync } from 'node:fs';

const SAMPLE_INTERVAL_MS = 500;

function megabytes(bytes: number): number {
    return Math.round(bytes / 1024 / 1024);
}

function sample(file: string): void {
    const usage = process.memoryUsage();
    const line = {
        at: Date.now(),
        rssMb: megabytes(usage.rss),
        heapUsedMb: megabytes(usage.heapUsed),
        externalMb: megabytes(usage.external)
    };
    appendFileSync(file, `${JSON.stringify(line)}\n`);
}

function startProbe(file: string): void {
    sample(file);
    setInterval(() => {
        sample(file);
    }, SAMPLE_INTERVAL_MS).unref();
    process.on('exit', () => {
        // maxRSS is in kilobytes on Linux and macOS.
        const usage = process.resourceUsage();
        const line = {
            at: Date.now(),
            peakRssMb: Math.round(usage.maxRSS / 1024),
            // CPU time in milliseconds (resourceUsage reports microseconds).
            cpuMs: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000)
        };
        appendFileSync(file, `${JSON.stringify(line)}\n`);
    });
}

const probeFile = process.env.BENCH_PROBE_FILE;
if (probeFile !== undefined && probeFile !== '') {
    startProbe(probeFile);
}
