/**
 * Value mapping of the "CRM + Sales + Opportunities" data set: its deal stages and
 * sectors in Salesforce terms, keys of its records in the import's Id map, and the
 * columns each file must have.
 */
import type { CsvTable } from '../csv-file';
import type { ImportLog } from '../issues';

/**
 * Deal stages as Salesforce `StageName` values. Prospecting is the same stage.
 * Engaging (a sales agent works the deal; the data set's `engage_date` is when this
 * began) becomes Qualification, the first default stage after Prospecting. Won and
 * Lost are the two closed stages.
 */
export const STAGE_NAMES: Readonly<Record<string, string>> = {
    Prospecting: 'Prospecting',
    Engaging: 'Qualification',
    Won: 'Closed Won',
    Lost: 'Closed Lost'
};

/**
 * Sectors as values of the standard Industry picklist. The data set spells
 * "technology" as "technolgy". Software counts as Technology, medical as Healthcare,
 * marketing as Media, services as Consulting, and employment (staffing firms) as Other.
 */
export const INDUSTRIES: Readonly<Record<string, string>> = {
    technolgy: 'Technology',
    technology: 'Technology',
    software: 'Technology',
    medical: 'Healthcare',
    retail: 'Retail',
    finance: 'Finance',
    marketing: 'Media',
    entertainment: 'Entertainment',
    telecommunications: 'Telecommunications',
    services: 'Consulting',
    employment: 'Other'
};

/** Key of a data set record in the Id map: its object and its name or id in the files. */
export function crmKey(objectName: string, name: string): string {
    return `crm-pipeline/${objectName}/${name}`;
}

/** Splits "Moses Frase" into first and last name; a single word is a last name. */
export function splitName(fullName: string): { FirstName: string | null; LastName: string } {
    const words = fullName.trim().split(/\s+/);
    if (words.length < 2) {
        return { FirstName: null, LastName: fullName.trim() };
    }
    return { FirstName: words.slice(0, -1).join(' '), LastName: words.at(-1) ?? '' };
}

/** Product names compared without spaces and case: the pipeline writes "GTXPro" for "GTX Pro". */
export function productKey(name: string): string {
    return name.replace(/\s+/g, '').toLowerCase();
}

/**
 * Checks that `table` has the columns the import reads. Throws naming the missing ones,
 * since a file without them is not from this data set; reports extra columns once.
 */
export function checkColumns(table: CsvTable, expected: readonly string[], log: ImportLog): void {
    const missing = expected.filter((name) => !table.header.includes(name));
    if (missing.length > 0) {
        throw new Error(
            `${table.file} lacks the column(s) ${missing.join(', ')}; expected ${expected.join(', ')}.`
        );
    }
    for (const name of table.header.filter((column) => !expected.includes(column))) {
        log.skipColumn(table.file, name);
    }
}
