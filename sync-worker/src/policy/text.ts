import { REASON_MAX_LENGTH } from './values';

/** Cuts a reason to the 255 characters of `Decision_Reason__c` and `Reason__c`. */
export function fitReason(text: string): string {
    if (text.length <= REASON_MAX_LENGTH) {
        return text;
    }
    return `${text.slice(0, REASON_MAX_LENGTH - 1)}…`;
}

/** Joins reasons with "; ", dropping repeats, and fits the result. */
export function joinReasons(reasons: readonly string[]): string {
    if (reasons.length === 1) {
        return fitReason(reasons[0] ?? '');
    }
    return fitReason([...new Set(reasons)].join('; '));
}

/** "1 business hour", "48 business hours", "7 days". */
export function describeWindow(amount: number, unit: 'hours' | 'days'): string {
    const shown = Number.isInteger(amount) ? String(amount) : amount.toFixed(2);
    if (unit === 'hours') {
        return `${shown} business ${amount === 1 ? 'hour' : 'hours'}`;
    }
    return `${shown} ${amount === 1 ? 'day' : 'days'}`;
}

/** Percent with at most one decimal: 12.5%, 10%. */
export function describePercent(value: number): string {
    return `${Math.round(value * 10) / 10}%`;
}

/** Rounds a percent to the two decimals of a Percent or Number(5,2) field. */
export function roundPercent(value: number): number {
    return Math.round(value * 100) / 100;
}

/**
 * Compares two strings by code unit, not by locale, so that Id and key tie-breaks give the
 * same order on every machine.
 */
export function compareOrdinal(a: string, b: string): number {
    if (a < b) {
        return -1;
    }
    return a > b ? 1 : 0;
}
