/**
 * Breach rates by team and month from the worker's Team scorecards. A Team scorecard
 * holds what the Team Remediation rule compares with its threshold: the response clocks
 * of the manager's reps that fell due in the month and how many of them breached.
 */
import { z } from 'zod';
import type { TeamMonthRate } from './chart-types';
import { parseRows } from './sections';
import type { ReportSource } from './source';

const TEAM_SCORECARD_SOQL =
    "SELECT Period__c, Manager__c, Manager__r.Name, Response_Clocks_Due__c, Breaches__c, Flagged__c FROM SLA_Scorecard__c WHERE Scope__c = 'Team' AND Manager__c != null ORDER BY Period__c ASC";

const figure = z
    .number()
    .nullable()
    .optional()
    .transform((value) => value ?? 0);

const teamRow = z.object({
    Period__c: z.string(),
    Manager__c: z.string(),
    Manager__r: z
        .object({ Name: z.string().nullable().optional() })
        .nullable()
        .optional()
        .transform((value) => value?.Name ?? null),
    Response_Clocks_Due__c: figure,
    Breaches__c: figure,
    Flagged__c: z
        .boolean()
        .nullable()
        .optional()
        .transform((value) => value === true)
});

function rateOf(part: number, whole: number): number | null {
    return whole === 0 ? null : Math.round((part * 10_000) / whole) / 100;
}

/** Returns every Team scorecard's figures, by month and then team name. */
export async function teamMonthRates(source: ReportSource): Promise<TeamMonthRate[]> {
    const rows = parseRows(teamRow, await source.records(TEAM_SCORECARD_SOQL), TEAM_SCORECARD_SOQL);
    // Two managers of one name would merge into one line of the chart, so their Ids tell them apart.
    const idsByName = new Map<string, Set<string>>();
    for (const row of rows) {
        const name = row.Manager__r ?? row.Manager__c;
        idsByName.set(name, (idsByName.get(name) ?? new Set()).add(row.Manager__c));
    }
    const teamName = (name: string, id: string): string =>
        (idsByName.get(name)?.size ?? 0) > 1 ? `${name} (${id})` : name;
    const rates = rows.map((row) => ({
        period: row.Period__c,
        managerId: row.Manager__c,
        team: teamName(row.Manager__r ?? row.Manager__c, row.Manager__c),
        clocksDue: row.Response_Clocks_Due__c,
        breaches: row.Breaches__c,
        breachRate: rateOf(row.Breaches__c, row.Response_Clocks_Due__c),
        flagged: row.Flagged__c
    }));
    return rates.sort(
        (left, right) =>
            left.period.localeCompare(right.period) ||
            left.team.localeCompare(right.team) ||
            left.managerId.localeCompare(right.managerId)
    );
}
