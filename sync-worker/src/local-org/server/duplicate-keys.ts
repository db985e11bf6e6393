/**
 * External ID values that occur more than once in one upsert request. Salesforce fails
 * each such record with `DUPLICATE_EXTERNAL_ID` instead of creating the first and then
 * updating it with the second.
 */
import type { OrgStore } from '../store';
import { SalesforceError } from '../store/errors';

/** Finds the external ID values given more than once, compared as the field compares them. */
export class DuplicateKeys {
    private readonly repeated = new Set<string>();
    private readonly caseSensitive: boolean;

    public constructor(store: OrgStore, objectName: string, fieldName: string, values: string[]) {
        // An unknown object or field fails later, on each record, with its own error.
        const object = store.schema.objects.get(objectName.toLowerCase());
        const field = object?.fields.get(fieldName.toLowerCase());
        this.caseSensitive = field?.caseSensitive ?? true;
        const seen = new Set<string>();
        // A blank value is not an external ID, and the upsert rejects it with its own error.
        for (const value of values.filter((entry) => entry !== '')) {
            const key = this.keyOf(value);
            if (seen.has(key)) {
                this.repeated.add(key);
            }
            seen.add(key);
        }
    }

    /** Throws `DUPLICATE_EXTERNAL_ID` when `value` occurs more than once in the request. */
    public check(fieldName: string, value: string): void {
        if (this.repeated.has(this.keyOf(value))) {
            throw new SalesforceError(
                'DUPLICATE_EXTERNAL_ID',
                `Duplicate external id specified: ${value}`,
                [fieldName]
            );
        }
    }

    private keyOf(value: string): string {
        return this.caseSensitive ? value : value.toLowerCase();
    }
}
