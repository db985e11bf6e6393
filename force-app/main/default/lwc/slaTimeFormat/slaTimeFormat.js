import DAYS from '@salesforce/label/c.SLA_Time_Days';
import HOURS from '@salesforce/label/c.SLA_Time_Hours';
import MINUTES from '@salesforce/label/c.SLA_Time_Minutes';
import UNDER_A_MINUTE from '@salesforce/label/c.SLA_Time_Under_A_Minute';
import DUE_IN from '@salesforce/label/c.SLA_Status_Due_In';
import BREACHED_AGO from '@salesforce/label/c.SLA_Status_Breached_Ago';

/**
 * Formatting of SLA due times for the cards. The worker already counts business hours
 * when it sets a due time, so the cards only show the wall time left until that instant
 * or passed since it. Unit words come from custom labels.
 */

const MINUTE_MS = 60 * 1000;
const MINUTES_PER_HOUR = 60;
const MINUTES_PER_DAY = 24 * MINUTES_PER_HOUR;

/** Fills the `{0}`, `{1}`, ... placeholders of a custom label with `values` in order. */
export function formatLabel(template, values) {
    return template.replace(/\{(\d+)\}/g, (placeholder, index) => {
        const position = Number(index);
        return position < values.length
            ? String(values[position])
            : placeholder;
    });
}

/**
 * Formats a duration in milliseconds as its two largest whole units, rounded down:
 * "2 d 4 h", "2 h 10 min", "45 min", and "less than 1 min" below one minute. A zero
 * second unit is left out ("3 h"). Negative durations count as zero.
 */
export function formatDuration(milliseconds) {
    const minutes = Math.floor(Math.max(milliseconds, 0) / MINUTE_MS);
    if (minutes < 1) {
        return UNDER_A_MINUTE;
    }
    const days = Math.floor(minutes / MINUTES_PER_DAY);
    const hours = Math.floor((minutes % MINUTES_PER_DAY) / MINUTES_PER_HOUR);
    const rest = minutes % MINUTES_PER_HOUR;
    let parts;
    if (days > 0) {
        parts = [
            formatLabel(DAYS, [days]),
            hours > 0 && formatLabel(HOURS, [hours])
        ];
    } else if (hours > 0) {
        parts = [
            formatLabel(HOURS, [hours]),
            rest > 0 && formatLabel(MINUTES, [rest])
        ];
    } else {
        parts = [formatLabel(MINUTES, [rest])];
    }
    return parts.filter(Boolean).join(' ');
}

/**
 * Returns "Due in 2 h 10 min" while `dueAt` is ahead of `now`, and "Breached 3 h ago"
 * from the due time on. Both arguments are epoch milliseconds.
 */
export function formatCountdown(dueAt, now) {
    const remaining = dueAt - now;
    return remaining > 0
        ? formatLabel(DUE_IN, [formatDuration(remaining)])
        : formatLabel(BREACHED_AGO, [formatDuration(-remaining)]);
}

/** Parses an ISO 8601 date-time from the data service; null for an empty value. */
export function parseDateTime(value) {
    if (value === null || value === undefined || value === '') {
        return null;
    }
    const time = Date.parse(value);
    return Number.isNaN(time) ? null : time;
}
