/**
 * Number and date formatting of the base component stand-ins. The preview formats in
 * en-US, the language of the custom labels, and in the browser's time zone, where
 * Salesforce would use the user's locale and time zone.
 */

const LOCALE = 'en-US';

/** Date options used when a component names none: "Dec 4, 2026". */
const DEFAULT_DATE_OPTIONS = { year: 'numeric', month: 'short', day: 'numeric' };

const DATE_OPTION_NAMES = [
    'weekday',
    'era',
    'year',
    'month',
    'day',
    'hour',
    'minute',
    'second',
    'timeZoneName',
    'timeZone',
    'hour12'
];

const NUMBER_OPTION_NAMES = [
    'currencyCode',
    'currencyDisplayAs',
    'minimumIntegerDigits',
    'minimumFractionDigits',
    'maximumFractionDigits',
    'minimumSignificantDigits',
    'maximumSignificantDigits'
];

function pick(source, names) {
    const options = {};
    for (const name of names) {
        if (source && source[name] !== undefined && source[name] !== null) {
            options[name] = source[name];
        }
    }
    return options;
}

/** Parses a date-time value: an ISO 8601 string, epoch milliseconds or a Date. */
export function toDate(value) {
    if (value === undefined || value === null || value === '') {
        return null;
    }
    const date = value instanceof Date ? value : new Date(value);
    return Number.isNaN(date.getTime()) ? null : date;
}

/** Formats a date-time with the `Intl.DateTimeFormat` options among `options`. */
export function formatDateTime(value, options) {
    const date = toDate(value);
    if (date === null) {
        return '';
    }
    const picked = pick(options, DATE_OPTION_NAMES);
    const hasParts = Object.keys(picked).some((name) => name !== 'timeZone' && name !== 'hour12');
    const formatOptions = hasParts ? picked : { ...DEFAULT_DATE_OPTIONS, ...picked };
    try {
        return new Intl.DateTimeFormat(LOCALE, formatOptions).format(date);
    } catch {
        // An invalid option (such as an unknown time zone) falls back to the default.
        return new Intl.DateTimeFormat(LOCALE, DEFAULT_DATE_OPTIONS).format(date);
    }
}

/**
 * Formats a number as a `number`, `percent` (0.125 is 12.5 %) or `currency` column of
 * lightning-datatable would, with its type attributes.
 */
export function formatNumber(value, style, attributes) {
    if (value === undefined || value === null || value === '') {
        return '';
    }
    const number = Number(value);
    if (!Number.isFinite(number)) {
        return String(value);
    }
    const picked = pick(attributes, NUMBER_OPTION_NAMES);
    const options = {
        minimumIntegerDigits: picked.minimumIntegerDigits,
        minimumFractionDigits: picked.minimumFractionDigits,
        maximumFractionDigits: picked.maximumFractionDigits,
        minimumSignificantDigits: picked.minimumSignificantDigits,
        maximumSignificantDigits: picked.maximumSignificantDigits
    };
    if (style === 'percent') {
        options.style = 'percent';
    } else if (style === 'currency') {
        options.style = 'currency';
        options.currency = picked.currencyCode || 'USD';
        options.currencyDisplay = picked.currencyDisplayAs || 'symbol';
    }
    for (const name of Object.keys(options)) {
        if (options[name] === undefined) {
            delete options[name];
        }
    }
    try {
        return new Intl.NumberFormat(LOCALE, options).format(number);
    } catch {
        // Inconsistent digit options fall back to the plain format of the style.
        return new Intl.NumberFormat(LOCALE, { style: options.style }).format(number);
    }
}
