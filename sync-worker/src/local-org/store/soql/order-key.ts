/**
 * One ORDER BY term in SQLite. Salesforce sorts a picklist by the order its values are
 * defined in, not alphabetically, and puts values missing from the definition after them.
 */
import type { FieldDefinition } from '../../../schema/types';
import { isCaseInsensitiveText, isLongTextArea } from './literals';
import { malformed } from './parse';

/** SQL string literal with single quotes doubled. */
function sqlText(value: string): string {
    return `'${value.replaceAll("'", "''")}'`;
}

/**
 * Returns the sort key of a picklist column: the position of its value in the definition,
 * or the count of defined values for a value outside it. A null value stays null so that
 * NULLS FIRST and NULLS LAST still apply.
 */
function picklistPosition(sql: string, field: FieldDefinition): string {
    const values = field.picklistValues ?? [];
    const branches = values.map((entry, index) => `WHEN ${sqlText(entry.value)} THEN ${index}`);
    return `CASE ${sql} ${branches.join(' ')} ELSE ${values.length} END`;
}

/**
 * Returns the SQL of one ORDER BY term, with SOQL's defaults: ascending, nulls first when
 * ascending and last when descending, text sorted case-insensitively.
 */
export function orderTerm(
    sql: string,
    field: FieldDefinition | undefined,
    order: string | undefined,
    nullsOrder: string | undefined
): string {
    if (field !== undefined && isLongTextArea(field)) {
        malformed(`The long text area field ${field.name} cannot be sorted in ORDER BY.`);
    }
    const direction = order === 'DESC' ? 'DESC' : 'ASC';
    // NOTE: Salesforce documents "nulls first" as the default; for DESC the local org puts nulls last, mirroring ASC.
    const nulls = nullsOrder ?? (direction === 'ASC' ? 'FIRST' : 'LAST');
    if (field?.type === 'picklist') {
        // Values outside the definition share one position, so they sort among themselves by text.
        return [
            `${picklistPosition(sql, field)} ${direction} NULLS ${nulls}`,
            `${sql} COLLATE NOCASE ${direction}`
        ].join(', ');
    }
    const collation = field !== undefined && isCaseInsensitiveText(field) ? ' COLLATE NOCASE' : '';
    return `${sql}${collation} ${direction} NULLS ${nulls}`;
}
