/**
 * The shape every benchmark reports in, and the helpers that print it. A benchmark runs
 * in its own process (so its peak memory is its own) and, when given `--json FILE`,
 * writes its section there for `npm run bench` to gather into one table.
 */
import { writeFileSync } from 'node:fs';

/** One goal a benchmark checks against its own figures. */
export interface BenchGoal {
    /** What is promised, in words: "idle cycle costs at most 2 calls". */
    readonly goal: string;
    readonly met: boolean;
    /** The figure the verdict rests on: "2 calls". */
    readonly measured: string;
}

/** The result of one benchmark: a table, the goals it checked and short notes. */
export interface BenchSection {
    readonly title: string;
    readonly columns: readonly string[];
    readonly rows: readonly (readonly string[])[];
    readonly goals: readonly BenchGoal[];
    /** Self-checks (same decisions as the small-scale tests); any failure fails the run. */
    readonly checks: readonly { readonly check: string; readonly passed: boolean }[];
    readonly notes: readonly string[];
}

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** Formats a count with thousands separators. */
export function formatCount(value: number): string {
    return integer.format(value);
}

/** Formats milliseconds as seconds with one decimal, or milliseconds below one second. */
export function formatDuration(ms: number): string {
    return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** Formats a ratio such as 1.07x. */
export function formatRatio(value: number): string {
    return `${value >= 100 ? Math.round(value) : value.toFixed(2)}x`;
}

/** Peak resident memory of this process so far, in megabytes. */
export function peakRssMb(): number {
    return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** Renders a section as a Markdown table with its goals, checks and notes. */
export function renderSection(section: BenchSection): string {
    const widths = section.columns.map((column, index) =>
        Math.max(column.length, ...section.rows.map((row) => (row[index] ?? '').length))
    );
    const line = (cells: readonly string[]): string =>
        `| ${widths.map((width, index) => (cells[index] ?? '').padEnd(width)).join(' | ')} |`;
    const out = [`## ${section.title}`, '', line(section.columns)];
    out.push(`| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`);
    section.rows.forEach((row) => out.push(line(row)));
    if (section.goals.length > 0) {
        out.push('');
        section.goals.forEach((goal) =>
            out.push(
                `- Goal ${goal.met ? 'met' : 'MISSED'}: ${goal.goal} (measured ${goal.measured})`
            )
        );
    }
    const failed = section.checks.filter((check) => !check.passed);
    out.push('');
    out.push(
        failed.length === 0
            ? `- Self-checks passed: ${section.checks.length}`
            : `- Self-checks FAILED: ${failed.map((check) => check.check).join('; ')}`
    );
    section.notes.forEach((note) => out.push(`- ${note}`));
    return out.join('\n');
}

/**
 * Prints the section and writes it to `jsonFile` when one is given. Sets the exit code
 * to 1 when a self-check failed, so that a fast wrong answer fails the run.
 */
export function reportSection(section: BenchSection, jsonFile: string | undefined): void {
    process.stdout.write(`${renderSection(section)}\n`);
    if (jsonFile !== undefined) {
        writeFileSync(jsonFile, JSON.stringify(section, null, 2));
    }
    if (section.checks.some((check) => !check.passed)) {
        process.exitCode = 1;
    }
}
