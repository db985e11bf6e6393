/**
 * `sales_pipeline.csv` as Opportunities. The agent becomes the owner, the deal stage a
 * Salesforce stage (see `STAGE_NAMES`), `close_value` the amount and `close_date` the
 * close date. `engage_date` becomes `CreatedDate`, at the start of that day in the org's
 * time zone, because the files hold dates without times. Open deals have no close date
 * in the data set, and Salesforce requires one, so they get the latest close date of
 * the file and the import summary notes it.
 */
import { DateTime } from 'luxon';
import { rowObject, type CsvRow, type CsvTable } from '../csv-file';
import type { RecordWriter, RowOrigin } from '../record-writer';
import { convertValue, ValueError, type ImportValue } from '../values';
import type { AccountIds } from './accounts';
import { checkColumns, crmKey, productKey, STAGE_NAMES } from './mapping';
import { userFields, type UserIds } from './users';

/** Columns of `sales_pipeline.csv`. */
export const PIPELINE_COLUMNS = [
    'opportunity_id',
    'sales_agent',
    'product',
    'account',
    'deal_stage',
    'engage_date',
    'close_date',
    'close_value'
] as const;

/** A product of `products.csv`: its name as that file spells it, series and list price. */
export interface Product {
    readonly name: string;
    readonly series: string;
    readonly listPrice: string;
}

/** Context shared by every row of one run. */
interface PipelineContext {
    readonly writer: RecordWriter;
    readonly users: UserIds;
    readonly accounts: AccountIds;
    /** Products by `productKey`. */
    readonly products: ReadonlyMap<string, Product>;
    readonly timeZone: string;
    /** Close date given to open deals: the latest close date of the file. */
    readonly openCloseDate: string;
}

/** Converts one column by the type of an Opportunity field, naming the column in errors. */
function valueOf(
    writer: RecordWriter,
    fieldName: string,
    column: string,
    text: string
): ImportValue {
    const definition = writer.store.getObject('Opportunity').fields.get(fieldName.toLowerCase());
    if (definition === undefined) {
        throw new Error(`The org schema has no field Opportunity.${fieldName}.`);
    }
    try {
        return convertValue(definition, text);
    } catch (error) {
        if (error instanceof ValueError) {
            throw new ValueError(`${column}: ${error.message}`);
        }
        throw error;
    }
}

function dateOf(writer: RecordWriter, column: string, text: string): string | null {
    const value = valueOf(writer, 'CloseDate', column, text);
    return typeof value === 'string' ? value : null;
}

/** Start of a calendar day in the org's time zone, as a UTC datetime. */
function startOfDay(date: string, timeZone: string): string | null {
    return DateTime.fromISO(date, { zone: timeZone }).startOf('day').toUTC().toISO();
}

/** Returns the owner of a deal. An agent missing from sales_teams.csv gets a user without a team. */
function ownerOf(context: PipelineContext, agent: string, origin: RowOrigin): string | null {
    const known = context.users.get(agent);
    if (known !== undefined) {
        return known;
    }
    const fields = userFields(agent, 'Sales agent missing from sales_teams.csv', null);
    const outcome = context.writer.load('User', crmKey('User', agent), fields, origin);
    if (outcome === null) {
        return null;
    }
    context.users.set(agent, outcome.id);
    context.writer.log.dangling('Opportunity', 'OwnerId', 'placeholder owner', agent);
    return outcome.id;
}

function describeProduct(context: PipelineContext, name: string): { label: string; text: string } {
    const product = context.products.get(productKey(name));
    if (product === undefined) {
        return { label: name, text: `Product: ${name} (not in products.csv).` };
    }
    return {
        label: product.name,
        text: `Product: ${product.name} (series ${product.series}, list price ${product.listPrice}).`
    };
}

function opportunityFields(
    context: PipelineContext,
    values: Record<string, string>,
    origin: RowOrigin
): Record<string, ImportValue> {
    const id = values.opportunity_id?.trim() ?? '';
    const stage = STAGE_NAMES[values.deal_stage?.trim() ?? ''];
    if (stage === undefined) {
        throw new ValueError(
            `deal_stage: "${values.deal_stage ?? ''}" is not Prospecting, Engaging, Won or Lost`
        );
    }
    const closed = stage.startsWith('Closed');
    const closeDate = dateOf(context.writer, 'close_date', values.close_date ?? '');
    if (closed && closeDate === null) {
        throw new ValueError('close_date: a won or lost deal needs a close date');
    }
    const engageDate = dateOf(context.writer, 'engage_date', values.engage_date ?? '');
    const amount = valueOf(context.writer, 'Amount', 'close_value', values.close_value ?? '');
    const accountName = values.account?.trim() ?? '';
    const accountId = accountName === '' ? null : (context.accounts.get(accountName) ?? null);
    if (accountName !== '' && accountId === null) {
        context.writer.log.dangling('Opportunity', 'AccountId', 'cleared', accountName);
    }
    const product = describeProduct(context, values.product?.trim() ?? '');
    const notes = [
        product.text,
        engageDate === null ? 'No engage date in the data set.' : `Engaged on ${engageDate}.`,
        closeDate === null
            ? `No close date in the data set; ${context.openCloseDate} stands in.`
            : null,
        `Imported from sales_pipeline.csv, opportunity ${id}.`
    ];
    return {
        Name: `${accountName === '' ? 'No account' : accountName} - ${product.label} (${id})`,
        StageName: stage,
        CloseDate: closeDate ?? context.openCloseDate,
        Amount: amount,
        AccountId: accountId,
        OwnerId: ownerOf(context, values.sales_agent?.trim() ?? '', origin),
        CreatedDate: engageDate === null ? null : startOfDay(engageDate, context.timeZone),
        Description: notes.filter((note) => note !== null).join(' ')
    };
}

function loadRow(context: PipelineContext, table: CsvTable, row: CsvRow): void {
    const writer = context.writer;
    writer.read('Opportunity');
    const values = rowObject(table, row);
    const origin = { file: table.file, line: row.line };
    const id = values.opportunity_id?.trim() ?? '';
    if (id === '') {
        writer.reject('Opportunity', origin, 'opportunity_id is empty');
        return;
    }
    if (writer.existing('Opportunity', crmKey('Opportunity', id)) !== undefined) {
        return;
    }
    let fields: Record<string, ImportValue>;
    try {
        fields = opportunityFields(context, values, origin);
    } catch (error) {
        if (!(error instanceof ValueError)) {
            throw error;
        }
        writer.reject('Opportunity', origin, error.message);
        return;
    }
    const input = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null));
    writer.load('Opportunity', crmKey('Opportunity', id), input, origin);
}

/** Returns the latest ISO close date among the rows, or today's date when no row has one. */
function latestCloseDate(table: CsvTable): string {
    const column = table.header.indexOf('close_date');
    const dates = table.rows
        .map((row) => row.values[column]?.trim() ?? '')
        .filter((text) => /^\d{4}-\d{2}-\d{2}$/.test(text))
        .sort();
    return dates.at(-1) ?? DateTime.utc().toISODate();
}

/** Loads the pipeline's opportunities. */
export function importOpportunities(
    table: CsvTable,
    writer: RecordWriter,
    shared: Omit<PipelineContext, 'writer' | 'openCloseDate'>,
    onRow: (done: number, total: number) => void
): void {
    checkColumns(table, PIPELINE_COLUMNS, writer.log);
    const context: PipelineContext = { ...shared, writer, openCloseDate: latestCloseDate(table) };
    const closeColumn = table.header.indexOf('close_date');
    const stageColumn = table.header.indexOf('deal_stage');
    const open = table.rows.filter(
        (row) =>
            (row.values[closeColumn] ?? '').trim() === '' &&
            !(STAGE_NAMES[(row.values[stageColumn] ?? '').trim()] ?? 'Closed').startsWith('Closed')
    ).length;
    if (open > 0) {
        writer.log.note(
            `${table.file}: ${open} deals have no close date (open deals); their CloseDate is ${context.openCloseDate}, the latest close date in the file, because Salesforce requires one.`
        );
    }
    table.rows.forEach((row, index) => {
        loadRow(context, table, row);
        onRow(index + 1, table.rows.length);
    });
}
