/**
 * Turns field values of REST query results into the value shapes of the User Interface
 * API, which the GraphQL API and `getRecord` share: date-times as ISO 8601 in UTC with
 * a `Z`, and picklist labels as display values.
 */
import type { FieldInfo } from './object-info';

/** A field value as the User Interface API returns it. */
export interface UiFieldValue {
    value: unknown;
    displayValue: string | null;
}

/** Converts a REST date-time such as `2027-03-17T18:30:00.000+0000` to `...000Z`. */
function toIsoDateTime(value: unknown): unknown {
    if (typeof value !== 'string') {
        return value;
    }
    const time = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    return Number.isNaN(time) ? value : new Date(time).toISOString();
}

function picklistLabel(field: FieldInfo, value: string): string {
    const entry = field.picklistValues?.find((candidate) => candidate.value === value);
    return entry?.label ?? value;
}

/**
 * Returns the value and display value of `raw` for `field`. Display values are the
 * labels of picklist values. NOTE: Salesforce also formats numbers and dates as display
 * values in the user's locale. The preview leaves those null, because the components
 * read display values of picklists only.
 */
export function uiFieldValue(field: FieldInfo, raw: unknown): UiFieldValue {
    if (raw === null || raw === undefined) {
        return { value: null, displayValue: null };
    }
    switch (field.type) {
        case 'datetime':
            return { value: toIsoDateTime(raw), displayValue: null };
        case 'picklist':
            return {
                value: raw,
                displayValue: typeof raw === 'string' ? picklistLabel(field, raw) : null
            };
        case 'multipicklist':
            return {
                value: raw,
                displayValue:
                    typeof raw === 'string'
                        ? raw
                              .split(';')
                              .map((part) => picklistLabel(field, part))
                              .join('; ')
                        : null
            };
        default:
            return { value: raw, displayValue: null };
    }
}
