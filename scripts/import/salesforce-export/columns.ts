/**
 * The role of each column of an export file: the record Id, the deleted flag, a value,
 * a reference, a field the org computes itself, or a column the schema does not know.
 */
import type { FieldDefinition, ObjectDefinition } from '../../../sync-worker/src/schema/types';

/** The import's handling of one column. */
export type ColumnRole =
    | { readonly kind: 'id' }
    | { readonly kind: 'deleted' }
    | { readonly kind: 'value'; readonly field: FieldDefinition }
    | { readonly kind: 'reference'; readonly field: FieldDefinition }
    | { readonly kind: 'computed'; readonly field: FieldDefinition }
    | { readonly kind: 'unknown' }
    | { readonly kind: 'duplicate' };

/** One column of the header with its role. */
export interface ColumnPlan {
    readonly index: number;
    readonly name: string;
    readonly role: ColumnRole;
}

/**
 * Fields the org sets on every write whatever the request contains: the modification
 * stamp, derived fields (a lead's `Name`, an opportunity's `IsClosed`) and auto-numbers.
 */
function isComputed(field: FieldDefinition): boolean {
    return field.name === 'SystemModstamp' || field.derived !== undefined || field.autoNumber;
}

function roleOf(object: ObjectDefinition, column: string): ColumnRole {
    const field = object.fields.get(column.toLowerCase());
    if (field === undefined) {
        return { kind: 'unknown' };
    }
    if (field.type === 'id') {
        return { kind: 'id' };
    }
    if (field.name === 'IsDeleted') {
        return { kind: 'deleted' };
    }
    if (isComputed(field)) {
        return { kind: 'computed', field };
    }
    return field.type === 'reference' ? { kind: 'reference', field } : { kind: 'value', field };
}

/** Plans every column of a header; a repeated column name is read once. */
export function planColumns(object: ObjectDefinition, header: readonly string[]): ColumnPlan[] {
    const seen = new Set<string>();
    return header.map((name, index) => {
        const lower = name.toLowerCase();
        if (seen.has(lower)) {
            return { index, name, role: { kind: 'duplicate' } };
        }
        seen.add(lower);
        return { index, name, role: roleOf(object, name) };
    });
}

/** Names of the columns with a role kind, in header order. */
export function columnsOf(plan: readonly ColumnPlan[], kind: ColumnRole['kind']): string[] {
    return plan.filter((column) => column.role.kind === kind).map((column) => column.name);
}
