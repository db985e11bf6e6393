/**
 * The count sections of the SLA report: lifecycle stages, routing decisions, open
 * clocks, breaches, monthly rates and MEDDPICC completeness. SOQL groups picklists and
 * text. Salesforce cannot group number fields, so breach levels are tallied here and
 * completeness is counted by range.
 */
import { z } from 'zod';
import type {
    BreachCount,
    ClockCount,
    CompletenessCount,
    MonthRates,
    RoutingCount,
    StageCount
} from './types';
import type { ReportRow, ReportSource } from './source';

/** Statuses of a clock that still runs. */
export const OPEN_CLOCK_FILTER = "Status__c IN ('Open', 'Warning')";

const text = z
    .string()
    .nullable()
    .optional()
    .transform((value) => value ?? null);
const count = z.number();
const sum = z
    .number()
    .nullable()
    .optional()
    .transform((value) => value ?? 0);

/** Validates query rows; a row of another shape throws an error that names the query. */
export function parseRows<T extends z.ZodType>(
    schema: T,
    rows: readonly ReportRow[],
    soql: string
): z.output<T>[] {
    return rows.map((row) => {
        const parsed = schema.safeParse(row);
        if (!parsed.success) {
            throw new Error(
                `The org returned a row of an unexpected shape for "${soql}": ${parsed.error.issues[0]?.message ?? 'invalid'} (${JSON.stringify(row)}).`
            );
        }
        return parsed.data;
    });
}

async function query<T extends z.ZodType>(
    source: ReportSource,
    schema: T,
    soql: string
): Promise<z.output<T>[]> {
    return parseRows(schema, await source.records(soql), soql);
}

const stageRow = z.object({ Lifecycle_Stage__c: text, n: count });

/** Unconverted leads, contacts and accounts by lifecycle stage. */
export async function lifecycleCounts(source: ReportSource): Promise<StageCount[]> {
    const objects = [
        {
            object: 'Lead',
            soql: 'SELECT Lifecycle_Stage__c, COUNT(Id) n FROM Lead WHERE IsConverted = false GROUP BY Lifecycle_Stage__c'
        },
        {
            object: 'Contact',
            soql: 'SELECT Lifecycle_Stage__c, COUNT(Id) n FROM Contact GROUP BY Lifecycle_Stage__c'
        },
        {
            object: 'Account',
            soql: 'SELECT Lifecycle_Stage__c, COUNT(Id) n FROM Account GROUP BY Lifecycle_Stage__c'
        }
    ] as const;
    const counts: StageCount[] = [];
    for (const { object, soql } of objects) {
        for (const row of await query(source, stageRow, soql)) {
            counts.push({ object, stage: row.Lifecycle_Stage__c, count: row.n });
        }
    }
    return counts;
}

const routingRow = z.object({ Routing_Decision__c: text, Source_Tier__c: text, n: count });

/** Unconverted leads by routing decision and source tier. */
export async function routingCounts(source: ReportSource): Promise<RoutingCount[]> {
    const soql =
        'SELECT Routing_Decision__c, Source_Tier__c, COUNT(Id) n FROM Lead WHERE IsConverted = false GROUP BY Routing_Decision__c, Source_Tier__c';
    const rows = await query(source, routingRow, soql);
    return rows.map((row) => ({
        decision: row.Routing_Decision__c,
        sourceTier: row.Source_Tier__c,
        count: row.n
    }));
}

const clockRow = z.object({ Status__c: z.string(), Type__c: text, n: count });

/** Open clocks by status and type. */
export async function openClockCounts(source: ReportSource): Promise<ClockCount[]> {
    const soql = `SELECT Status__c, Type__c, COUNT(Id) n FROM SLA_Clock__c WHERE ${OPEN_CLOCK_FILTER} GROUP BY Status__c, Type__c`;
    const rows = await query(source, clockRow, soql);
    return rows.map((row) => ({ status: row.Status__c, type: row.Type__c, count: row.n }));
}

const breachRow = z.object({ Level__c: z.number().nullable().optional(), Action__c: text });

/** Breaches by level and action, ordered by level. */
export async function breachCounts(source: ReportSource): Promise<BreachCount[]> {
    const soql = 'SELECT Level__c, Action__c FROM SLA_Breach__c';
    const tally = new Map<string, BreachCount>();
    for (const row of await query(source, breachRow, soql)) {
        const level = row.Level__c ?? null;
        const key = `${level ?? ''}|${row.Action__c ?? ''}`;
        const entry = tally.get(key) ?? { level, action: row.Action__c, count: 0 };
        tally.set(key, { ...entry, count: entry.count + 1 });
    }
    return [...tally.values()].sort(
        (left, right) =>
            (left.level ?? 0) - (right.level ?? 0) ||
            (left.action ?? '').localeCompare(right.action ?? '')
    );
}

const scorecardRow = z.object({
    Period__c: z.string(),
    Scope__c: z.string(),
    due: sum,
    breached: sum,
    handoffs: sum,
    rejections: sum
});

function rate(part: number, whole: number): number | null {
    return whole === 0 ? null : Math.round((part * 10_000) / whole) / 100;
}

/**
 * Breach and rejection rates by month, from the scorecards: response clocks of every rep
 * (`Rep` scope) and the leads Marketing handed off (`Marketing` scope).
 */
export async function monthRates(source: ReportSource): Promise<MonthRates[]> {
    const soql =
        "SELECT Period__c, Scope__c, SUM(Response_Clocks_Due__c) due, SUM(Breaches__c) breached, SUM(Handoffs__c) handoffs, SUM(Rejections__c) rejections FROM SLA_Scorecard__c WHERE Scope__c IN ('Rep', 'Marketing') GROUP BY Period__c, Scope__c";
    const months = new Map<
        string,
        { due: number; breached: number; handoffs: number; rejections: number }
    >();
    for (const row of await query(source, scorecardRow, soql)) {
        const month = months.get(row.Period__c) ?? {
            due: 0,
            breached: 0,
            handoffs: 0,
            rejections: 0
        };
        if (row.Scope__c === 'Rep') {
            month.due += row.due;
            month.breached += row.breached;
        } else {
            month.handoffs += row.handoffs;
            month.rejections += row.rejections;
        }
        months.set(row.Period__c, month);
    }
    return [...months.entries()]
        .sort(([left], [right]) => left.localeCompare(right))
        .map(([period, month]) => ({
            period,
            responseClocksDue: month.due,
            responseBreaches: month.breached,
            breachRate: rate(month.breached, month.due),
            handoffs: month.handoffs,
            rejections: month.rejections,
            rejectionRate: rate(month.rejections, month.handoffs)
        }));
}

/** Completeness ranges (percent) and the SOQL that counts each; eight elements make steps of 12.5. */
const COMPLETENESS_RANGES = [
    {
        range: 'not set',
        soql: 'SELECT COUNT() FROM Account WHERE MEDDPICC_Completeness__c = null'
    },
    { range: '0%', soql: 'SELECT COUNT() FROM Account WHERE MEDDPICC_Completeness__c = 0' },
    {
        range: '1-25%',
        soql: 'SELECT COUNT() FROM Account WHERE MEDDPICC_Completeness__c > 0 AND MEDDPICC_Completeness__c <= 25'
    },
    {
        range: '26-50%',
        soql: 'SELECT COUNT() FROM Account WHERE MEDDPICC_Completeness__c > 25 AND MEDDPICC_Completeness__c <= 50'
    },
    {
        range: '51-75%',
        soql: 'SELECT COUNT() FROM Account WHERE MEDDPICC_Completeness__c > 50 AND MEDDPICC_Completeness__c <= 75'
    },
    {
        range: '76-99%',
        soql: 'SELECT COUNT() FROM Account WHERE MEDDPICC_Completeness__c > 75 AND MEDDPICC_Completeness__c < 100'
    },
    { range: '100%', soql: 'SELECT COUNT() FROM Account WHERE MEDDPICC_Completeness__c >= 100' }
] as const;

/** Accounts by the MEDDPICC completeness of their best open opportunity. */
export async function completenessCounts(source: ReportSource): Promise<CompletenessCount[]> {
    const counts: CompletenessCount[] = [];
    for (const { range, soql } of COMPLETENESS_RANGES) {
        counts.push({ range, count: await source.count(soql) });
    }
    return counts;
}

const evaluatedRow = z.object({ Last_Evaluated_At__c: z.string() });

/** Returns the latest time the worker evaluated a lead, or null. */
export async function lastEvaluatedAt(source: ReportSource): Promise<string | null> {
    const soql =
        'SELECT Last_Evaluated_At__c FROM Lead WHERE Last_Evaluated_At__c != null ORDER BY Last_Evaluated_At__c DESC LIMIT 1';
    const [row] = await query(source, evaluatedRow, soql);
    return row?.Last_Evaluated_At__c ?? null;
}
