/**
 * One export row as a store write: the key that identifies it across runs, the field
 * values converted by type, and the lookups that must wait for a later record.
 */
import { createHash } from 'node:crypto';
import { normalizeId } from '../../../sync-worker/src/local-org/store';
import type { RecordInput } from '../../../sync-worker/src/local-org/store';
import type { ObjectDefinition } from '../../../sync-worker/src/schema/types';
import type { CsvRow } from '../csv-file';
import { convertValue, ValueError } from '../values';
import type { ColumnPlan } from './columns';
import type { PendingReference, ReferenceResolver } from './references';

/** A row ready to load, or the reasons it cannot be. */
export type ConvertedRow =
    | {
          readonly kind: 'record';
          readonly input: RecordInput;
          readonly pending: PendingReference[];
      }
    | { readonly kind: 'deleted' }
    | { readonly kind: 'invalid'; readonly reasons: string[] };

/**
 * Key of a row without an Id column: a digest of its object and values, so that the
 * same row imported again is recognised, while any change makes it a new record.
 */
function digestKey(objectName: string, row: CsvRow): string {
    const digest = createHash('sha256').update(JSON.stringify(row.values)).digest('hex');
    return `${objectName}#${digest.slice(0, 32)}`;
}

function isTrue(text: string): boolean {
    return ['true', '1', 'yes'].includes(text.trim().toLowerCase());
}

/**
 * Returns the key that identifies a row across runs: its export Id in the 18-character
 * form, or a digest of the row when it has no Id. Throws `ValueError` for an Id that is
 * malformed or belongs to another object.
 */
export function rowKey(object: ObjectDefinition, plan: readonly ColumnPlan[], row: CsvRow): string {
    const column = plan.find((entry) => entry.role.kind === 'id');
    const text = column === undefined ? '' : (row.values[column.index] ?? '').trim();
    if (text === '') {
        return digestKey(object.name, row);
    }
    const id = normalizeId(text);
    if (id === null) {
        throw new ValueError(`"${text}" is not a record Id`);
    }
    if (!id.startsWith(object.keyPrefix)) {
        throw new ValueError(`${id} is not an Id of ${object.name} (prefix ${object.keyPrefix})`);
    }
    return id;
}

/**
 * Converts one row; every bad value is collected so that the report lists them all.
 * Empty cells are left out, so that defaults apply as in a Data Loader insert.
 */
export function convertRow(
    object: ObjectDefinition,
    plan: readonly ColumnPlan[],
    row: CsvRow,
    resolver: ReferenceResolver
): ConvertedRow {
    const input: RecordInput = {};
    const pending: PendingReference[] = [];
    const reasons: string[] = [];
    for (const column of plan) {
        const text = row.values[column.index] ?? '';
        const role = column.role;
        try {
            switch (role.kind) {
                case 'deleted':
                    if (isTrue(text)) {
                        return { kind: 'deleted' };
                    }
                    break;
                case 'value': {
                    const value = convertValue(role.field, text);
                    if (value !== null) {
                        input[role.field.name] = value;
                    }
                    break;
                }
                case 'reference': {
                    const resolution = resolver.resolve(object.name, role.field, text);
                    if (resolution.kind === 'pending') {
                        pending.push({ field: role.field, target: resolution.target });
                    } else if (resolution.id !== null) {
                        input[role.field.name] = resolution.id;
                    }
                    break;
                }
                default:
                    break;
            }
        } catch (error) {
            if (!(error instanceof ValueError)) {
                throw error;
            }
            reasons.push(`${column.name}: ${error.message}`);
        }
    }
    if (reasons.length > 0) {
        return { kind: 'invalid', reasons };
    }
    return { kind: 'record', input, pending };
}
