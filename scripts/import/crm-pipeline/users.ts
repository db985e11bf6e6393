/**
 * `sales_teams.csv` as Users: each manager once, then each sales agent with the manager
 * as `ManagerId`. The SLA's team of a rep is its manager's reps, so each manager's
 * agents form one team. The regional office (Central, East, West) goes to
 * `Department`, because the org schema has no roles. Agents join the SLA's Sales team
 * (`SLA_Team__c`), which makes them eligible for routed leads. Managers stay out of it,
 * so routed leads are not assigned to them.
 */
import { rowObject, type CsvTable } from '../csv-file';
import type { RecordWriter } from '../record-writer';
import { checkColumns, crmKey, splitName } from './mapping';

/** Columns of `sales_teams.csv`. */
export const SALES_TEAM_COLUMNS = ['sales_agent', 'manager', 'regional_office'] as const;

/** Domain of the usernames and e-mail addresses of imported users; `.example` is reserved. */
export const CRM_USER_DOMAIN = 'crm-pipeline.example';

/** Local user Ids by the name the files use. */
export type UserIds = Map<string, string>;

/** `Moses Frase` → `moses.frase@crm-pipeline.example`. */
function usernameOf(name: string): string {
    const local = name
        .normalize('NFKD')
        .replace(/[^\w\s-]/g, '')
        .trim()
        .toLowerCase()
        .replace(/\s+/g, '.');
    return `${local}@${CRM_USER_DOMAIN}`;
}

/** Fields of one imported user. */
export function userFields(
    name: string,
    title: string,
    office: string | null
): Record<string, string | null> {
    const username = usernameOf(name);
    return {
        ...splitName(name),
        Username: username,
        Email: username,
        Title: title,
        Department: office
    };
}

interface TeamRow {
    readonly line: number;
    readonly agent: string;
    readonly manager: string;
    readonly office: string;
}

/** Reads the rows, rejecting rows with an empty name and repeated agents. */
function teamRows(table: CsvTable, writer: RecordWriter): TeamRow[] {
    const rows: TeamRow[] = [];
    const seen = new Set<string>();
    for (const row of table.rows) {
        writer.read('User');
        const values = rowObject(table, row);
        const agent = values.sales_agent?.trim() ?? '';
        const manager = values.manager?.trim() ?? '';
        const office = values.regional_office?.trim() ?? '';
        const origin = { file: table.file, line: row.line };
        if (agent === '' || manager === '') {
            writer.reject('User', origin, 'sales_agent and manager must both be set');
        } else if (seen.has(agent)) {
            writer.reject('User', origin, `sales agent ${agent} is listed more than once`);
        } else {
            seen.add(agent);
            rows.push({ line: row.line, agent, manager, office });
        }
    }
    return rows;
}

/** Loads managers and agents and returns their Ids by name. */
export function importUsers(table: CsvTable, writer: RecordWriter): UserIds {
    checkColumns(table, SALES_TEAM_COLUMNS, writer.log);
    const rows = teamRows(table, writer);
    const ids: UserIds = new Map();
    for (const row of rows) {
        if (ids.has(row.manager)) {
            continue;
        }
        const fields = userFields(row.manager, 'Sales Manager', row.office || null);
        const origin = { file: table.file, line: row.line };
        const outcome = writer.load('User', crmKey('User', row.manager), fields, origin);
        if (outcome !== null) {
            ids.set(row.manager, outcome.id);
        }
    }
    for (const row of rows) {
        const managerId = ids.get(row.manager);
        const origin = { file: table.file, line: row.line };
        if (managerId === undefined) {
            writer.reject('User', origin, `the manager ${row.manager} could not be loaded`);
            continue;
        }
        const fields = {
            ...userFields(row.agent, 'Sales Agent', row.office || null),
            ManagerId: managerId,
            SLA_Team__c: 'Sales'
        };
        const outcome = writer.load('User', crmKey('User', row.agent), fields, origin);
        if (outcome !== null) {
            ids.set(row.agent, outcome.id);
        }
    }
    return ids;
}
