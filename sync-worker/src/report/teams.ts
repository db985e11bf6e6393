/**
 * The people sections of the SLA report: each manager's team with the open
 * opportunities, open clocks and breaches of its reps, and the most urgent clocks with
 * their reasons.
 */
import { z } from 'zod';
import { OPEN_CLOCK_FILTER, parseRows } from './sections';
import type { ReportSource } from './source';
import type { Team, TeamMember, UrgentClock } from './types';

/** Clocks listed as the most urgent. */
export const URGENT_CLOCK_LIMIT = 10;

const optionalText = z
    .string()
    .nullable()
    .optional()
    .transform((value) => value ?? null);

const userRow = z.object({
    Id: z.string(),
    Name: z.string(),
    ManagerId: optionalText,
    SLA_Team__c: optionalText,
    IsActive: z.boolean()
});

type UserRow = z.output<typeof userRow>;

/** Runs a `GROUP BY <field>` count query and returns the counts by that field's value. */
async function countsBy(
    source: ReportSource,
    field: string,
    soql: string
): Promise<Map<string, number>> {
    const schema = z.object({ [field]: z.string(), n: z.number() });
    const rows = parseRows(schema, await source.records(soql), soql);
    return new Map(rows.map((row) => [String(row[field]), Number(row.n)]));
}

interface Workload {
    readonly opportunities: Map<string, number>;
    readonly clocks: Map<string, number>;
    readonly breaches: Map<string, number>;
}

function memberOf(user: UserRow, work: Workload): TeamMember {
    return {
        id: user.Id,
        name: user.Name,
        slaTeam: user.SLA_Team__c,
        openOpportunities: work.opportunities.get(user.Id) ?? 0,
        openClocks: work.clocks.get(user.Id) ?? 0,
        breaches: work.breaches.get(user.Id) ?? 0
    };
}

function byName(left: { name: string }, right: { name: string }): number {
    return left.name.localeCompare(right.name);
}

/**
 * Teams: the active users of each manager. Active users with no manager who manage no
 * one but hold open opportunities, open clocks or breaches form a last group.
 */
export async function teams(source: ReportSource): Promise<Team[]> {
    const soql = 'SELECT Id, Name, ManagerId, SLA_Team__c, IsActive FROM User';
    const users = parseRows(userRow, await source.records(soql), soql);
    const work: Workload = {
        opportunities: await countsBy(
            source,
            'OwnerId',
            'SELECT OwnerId, COUNT(Id) n FROM Opportunity WHERE IsClosed = false GROUP BY OwnerId'
        ),
        clocks: await countsBy(
            source,
            'Responsible_User__c',
            `SELECT Responsible_User__c, COUNT(Id) n FROM SLA_Clock__c WHERE ${OPEN_CLOCK_FILTER} AND Responsible_User__c != null GROUP BY Responsible_User__c`
        ),
        breaches: await countsBy(
            source,
            'Responsible_User__c',
            'SELECT Responsible_User__c, COUNT(Id) n FROM SLA_Breach__c WHERE Responsible_User__c != null GROUP BY Responsible_User__c'
        )
    };
    const names = new Map(users.map((user) => [user.Id, user.Name]));
    const active = users.filter((user) => user.IsActive);
    const managerIds = new Set(
        active.flatMap((user) => (user.ManagerId === null ? [] : [user.ManagerId]))
    );
    const result: Team[] = [...managerIds].map((managerId) => ({
        managerId,
        managerName: names.get(managerId) ?? managerId,
        members: active
            .filter((user) => user.ManagerId === managerId)
            .map((user) => memberOf(user, work))
            .sort(byName)
    }));
    result.sort((left, right) => left.managerName.localeCompare(right.managerName));
    const unmanaged = active
        .filter((user) => user.ManagerId === null && !managerIds.has(user.Id))
        .map((user) => memberOf(user, work))
        .filter((member) => member.openOpportunities + member.openClocks + member.breaches > 0)
        .sort(byName);
    if (unmanaged.length > 0) {
        result.push({ managerId: null, managerName: '(no manager)', members: unmanaged });
    }
    return result;
}

const named = z
    .object({ Name: z.string().nullable().optional() })
    .nullable()
    .optional()
    .transform((value) => value?.Name ?? null);

const clockRow = z.object({
    Name: z.string(),
    Type__c: optionalText,
    Status__c: z.string(),
    Due_At__c: optionalText,
    Reason__c: optionalText,
    Responsible_Team__c: optionalText,
    Responsible_User__r: named,
    Lead__r: named,
    Contact__r: named,
    Account__r: named
});

function recordOf(row: z.output<typeof clockRow>): string {
    if (row.Lead__r !== null) {
        return `Lead ${row.Lead__r}`;
    }
    if (row.Contact__r !== null) {
        return `Contact ${row.Contact__r}`;
    }
    return row.Account__r === null ? '(no record)' : `Account ${row.Account__r}`;
}

/** Returns the open clocks due first, each with the user or team that must act and its reason. */
export async function urgentClocks(source: ReportSource): Promise<UrgentClock[]> {
    const soql = `SELECT Name, Type__c, Status__c, Due_At__c, Reason__c, Responsible_Team__c, Responsible_User__r.Name, Lead__r.Name, Contact__r.Name, Account__r.Name FROM SLA_Clock__c WHERE ${OPEN_CLOCK_FILTER} ORDER BY Due_At__c ASC NULLS LAST, Name ASC LIMIT ${URGENT_CLOCK_LIMIT}`;
    const rows = parseRows(clockRow, await source.records(soql), soql);
    return rows.map((row) => ({
        name: row.Name,
        type: row.Type__c,
        status: row.Status__c,
        dueAt: row.Due_At__c,
        responsible: row.Responsible_User__r ?? `${row.Responsible_Team__c ?? 'no'} team`,
        record: recordOf(row),
        reason: row.Reason__c
    }));
}
