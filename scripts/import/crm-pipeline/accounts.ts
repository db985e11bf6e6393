/**
 * `accounts.csv` as Accounts: name, industry from the sector, annual revenue (the file
 * gives USD millions), employees, headquarters country as billing country, the year
 * established in the description, and the parent company as `ParentId`. The data set
 * names no account owner, so accounts belong to the importing (admin) user.
 */
import type { FieldDefinition, ObjectDefinition } from '../../../sync-worker/src/schema/types';
import { rowObject, type CsvTable } from '../csv-file';
import type { RowOrigin, RecordWriter } from '../record-writer';
import { convertValue, ValueError, type ImportValue } from '../values';
import { checkColumns, crmKey, INDUSTRIES } from './mapping';

/** Columns of `accounts.csv`. */
export const ACCOUNT_COLUMNS = [
    'account',
    'sector',
    'year_established',
    'revenue',
    'employees',
    'office_location',
    'subsidiary_of'
] as const;

/** Local account Ids by company name. */
export type AccountIds = Map<string, string>;

const MILLION = 1_000_000;

function field(object: ObjectDefinition, name: string): FieldDefinition {
    const definition = object.fields.get(name.toLowerCase());
    if (definition === undefined) {
        throw new Error(`The org schema has no field ${object.name}.${name}.`);
    }
    return definition;
}

/** Converts one value, prefixing the column to any error. */
function valueOf(definition: FieldDefinition, column: string, text: string): ImportValue {
    try {
        return convertValue(definition, text);
    } catch (error) {
        if (error instanceof ValueError) {
            throw new ValueError(`${column}: ${error.message}`);
        }
        throw error;
    }
}

function accountFields(
    object: ObjectDefinition,
    values: Record<string, string>
): Record<string, ImportValue> {
    const sector = values.sector?.trim() ?? '';
    const industry = INDUSTRIES[sector.toLowerCase()] ?? (sector === '' ? null : 'Other');
    const revenue = valueOf(field(object, 'AnnualRevenue'), 'revenue', values.revenue ?? '');
    const year = values.year_established?.trim() ?? '';
    const country = values.office_location?.trim() ?? '';
    if (year !== '' && !/^\d{4}$/.test(year)) {
        throw new ValueError(`year_established: "${year}" is not a year`);
    }
    return {
        Name: values.account?.trim() ?? '',
        Industry: industry,
        AnnualRevenue: typeof revenue === 'number' ? Math.round(revenue * MILLION) : null,
        NumberOfEmployees: valueOf(
            field(object, 'NumberOfEmployees'),
            'employees',
            values.employees ?? ''
        ),
        BillingCountry: country === '' ? null : country,
        Description: year === '' ? null : `Established in ${year}.`
    };
}

/** Sets `ParentId` from `subsidiary_of` once every account is loaded. */
function linkParents(
    writer: RecordWriter,
    ids: AccountIds,
    children: { name: string; parent: string; origin: RowOrigin }[]
): void {
    for (const child of children) {
        const childId = ids.get(child.name);
        const parentId = ids.get(child.parent);
        if (childId === undefined) {
            continue;
        }
        if (parentId === undefined) {
            writer.log.dangling('Account', 'ParentId', 'cleared', child.parent);
            continue;
        }
        writer.update('Account', childId, { ParentId: parentId }, child.origin);
    }
}

/** Loads the accounts and returns their Ids by name. */
export function importAccounts(table: CsvTable, writer: RecordWriter): AccountIds {
    checkColumns(table, ACCOUNT_COLUMNS, writer.log);
    const object = writer.store.getObject('Account');
    const ids: AccountIds = new Map();
    const children: { name: string; parent: string; origin: RowOrigin }[] = [];
    for (const row of table.rows) {
        writer.read('Account');
        const values = rowObject(table, row);
        const origin = { file: table.file, line: row.line };
        const name = values.account?.trim() ?? '';
        if (name === '' || ids.has(name)) {
            const reason =
                name === '' ? 'account is empty' : `account ${name} is listed more than once`;
            writer.reject('Account', origin, reason);
            continue;
        }
        let fields: Record<string, ImportValue>;
        try {
            fields = accountFields(object, values);
        } catch (error) {
            if (!(error instanceof ValueError)) {
                throw error;
            }
            writer.reject('Account', origin, error.message);
            continue;
        }
        const outcome = writer.load('Account', crmKey('Account', name), fields, origin);
        if (outcome === null) {
            continue;
        }
        ids.set(name, outcome.id);
        const parent = values.subsidiary_of?.trim() ?? '';
        if (outcome.created && parent !== '') {
            children.push({ name, parent, origin });
        }
    }
    linkParents(writer, ids, children);
    return ids;
}
