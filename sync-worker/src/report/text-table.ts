/**
 * Plain-text tables and time formats of the SLA report.
 */

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/**
 * Formats rows under a header with columns padded to their widest cell, indented by
 * `indent` spaces. A column whose every cell is a number (or `-`) aligns right.
 */
export function formatTable(
    headers: readonly string[],
    rows: readonly string[][],
    indent = 2
): string[] {
    const widths = headers.map((header, column) =>
        Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length))
    );
    const numeric = headers.map(
        (_header, column) =>
            rows.length > 0 && rows.every((row) => /^[\d.,%-]+$/.test(row[column] ?? ''))
    );
    const line = (cells: readonly string[]): string =>
        ' '.repeat(indent) +
        cells
            .map((cell, column) => {
                const width = widths[column] ?? cell.length;
                return numeric[column] === true ? cell.padStart(width) : cell.padEnd(width);
            })
            .join('  ')
            .trimEnd();
    return [line(headers), ...rows.map(line)];
}

/** `2024-02-01T15:00:00.000Z` → `2024-02-01 15:00 UTC`. */
export function formatInstant(iso: string): string {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) {
        return iso;
    }
    return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Formats a duration by its two largest units of days, hours and minutes: `3d 4h`, `2h 5m`, `7m`. */
export function formatDuration(milliseconds: number): string {
    const days = Math.floor(milliseconds / DAY_MS);
    const hours = Math.floor((milliseconds % DAY_MS) / HOUR_MS);
    const minutes = Math.floor((milliseconds % HOUR_MS) / MINUTE_MS);
    if (days > 0) {
        return `${days}d ${hours}h`;
    }
    return hours > 0 ? `${hours}h ${minutes}m` : `${minutes}m`;
}

/** Formats a due time with its distance from `now`: `2024-02-08 15:00 UTC (in 7d 0h)` or `(overdue by 2h 5m)`. */
export function formatDue(dueAt: string | null, now: Date): string {
    if (dueAt === null) {
        return 'never';
    }
    const difference = new Date(dueAt).getTime() - now.getTime();
    const relative =
        difference >= 0
            ? `in ${formatDuration(difference)}`
            : `overdue by ${formatDuration(-difference)}`;
    return `${formatInstant(dueAt)} (${relative})`;
}

/** Formats a percentage with up to two decimals, or `-` when there is none. */
export function percentText(value: number | null): string {
    return value === null ? '-' : `${value}%`;
}
