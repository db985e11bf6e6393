/**
 * Reads the countdown text of the SLA status card ("Due in 2 d 4 h", "Breached 45 min
 * ago") back into a range of milliseconds, with the unit words of force-app's labels.
 */

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** The label texts the countdown is built from. */
export interface CountdownLabels {
    dueIn: string;
    breachedAgo: string;
    days: string;
    hours: string;
    minutes: string;
    underAMinute: string;
}

/** Direction and range [min, max) of a countdown, in milliseconds. */
export interface CountdownRange {
    readonly direction: 'due' | 'breached';
    readonly min: number;
    readonly max: number;
}

function escapeRegExp(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Pattern of a `{0}` label with the placeholder as a capture group. */
function labelPattern(template: string, group: string): RegExp {
    return new RegExp(`^${escapeRegExp(template).replace('\\{0\\}', group)}$`);
}

/** Parses "2 d 4 h" into the range of durations that the card rounds down to it. */
function parseDuration(text: string, labels: CountdownLabels): { min: number; max: number } {
    if (text === labels.underAMinute) {
        return { min: 0, max: MINUTE_MS };
    }
    const units: [string, number][] = [
        [labels.days, DAY_MS],
        [labels.hours, HOUR_MS],
        [labels.minutes, MINUTE_MS]
    ];
    let rest = text;
    let min = 0;
    let hasDays = false;
    for (const [template, size] of units) {
        const match = new RegExp(
            `^${escapeRegExp(template).replace('\\{0\\}', '(\\d+)')}(?: |$)`
        ).exec(rest);
        if (match !== null) {
            min += Number(match[1]) * size;
            hasDays ||= size === DAY_MS;
            rest = rest.slice(match[0].length);
        }
    }
    if (rest !== '') {
        throw new Error(`The countdown duration ${JSON.stringify(text)} cannot be read.`);
    }
    // The card shows the two largest units, rounded down: hours under days, else minutes.
    return { min, max: min + (hasDays ? HOUR_MS : MINUTE_MS) };
}

/** Parses a whole countdown text. */
export function parseCountdown(text: string, labels: CountdownLabels): CountdownRange {
    const due = labelPattern(labels.dueIn, '(.+)').exec(text);
    if (due !== null) {
        return { direction: 'due', ...parseDuration(due[1] ?? '', labels) };
    }
    const breached = labelPattern(labels.breachedAgo, '(.+)').exec(text);
    if (breached !== null) {
        return { direction: 'breached', ...parseDuration(breached[1] ?? '', labels) };
    }
    throw new Error(`${JSON.stringify(text)} is not a countdown.`);
}

/**
 * Checks a countdown against a due time: the page was drawn at some time in
 * [renderedFrom, renderedTo], all epoch milliseconds. Returns a reason when it does not fit.
 */
export function countdownMismatch(
    range: CountdownRange,
    dueAt: number,
    renderedFrom: number,
    renderedTo: number
): string | null {
    const ahead = dueAt > renderedTo;
    const behind = dueAt <= renderedFrom;
    if ((range.direction === 'due' && behind) || (range.direction === 'breached' && ahead)) {
        return `the countdown says ${range.direction}, but the due time is ${new Date(dueAt).toISOString()}`;
    }
    // The distance to the due time at the render, between its two possible values.
    const [low, high] =
        range.direction === 'due'
            ? [dueAt - renderedTo, dueAt - renderedFrom]
            : [renderedFrom - dueAt, renderedTo - dueAt];
    return range.min <= high && range.max > low
        ? null
        : `the countdown covers ${range.min}-${range.max} ms, but the due time was ${low}-${high} ms away`;
}
