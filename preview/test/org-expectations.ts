/**
 * What the preview's pages should show, read from the org with SOQL through jsforce:
 * the records each test page is about and the values the cards display for them.
 */
import type { Connection } from 'jsforce';
import { z } from 'zod';
import { escapeSoqlText } from '../../sync-worker/src/salesforce';
import { objectInfoOf } from '../src/object-info';

const rowSchema = z.record(z.string(), z.unknown());
const resultSchema = z.object({ totalSize: z.number(), records: z.array(rowSchema) });

export type Row = Record<string, unknown>;

export async function query(conn: Connection, soql: string): Promise<Row[]> {
    return resultSchema.parse(await conn.query(soql)).records;
}

export async function count(conn: Connection, soql: string): Promise<number> {
    return resultSchema.parse(await conn.query(soql)).totalSize;
}

export function text(row: Row, field: string): string {
    const value = row[field];
    return typeof value === 'string' ? value : '';
}

export function numberOf(row: Row, field: string): number | null {
    const value = row[field];
    return typeof value === 'number' ? value : null;
}

/** Epoch milliseconds of a REST date-time such as `2027-03-17T18:30:00.000+0000`. */
export function timeOf(row: Row, field: string): number | null {
    const value = text(row, field);
    return value === '' ? null : Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
}

function quoted(id: string): string {
    return `'${escapeSoqlText(id)}'`;
}

const OPEN_CLOCK = "Completed_At__c = null AND Status__c IN ('Open', 'Warning', 'Breached')";

/** An open SLA clock as the status card should show it. */
export interface ExpectedClock {
    readonly type: string;
    readonly status: string;
    readonly dueAt: number | null;
    readonly warningAt: number | null;
}

/** Returns a lead whose open clock is due latest (so its card counts down), else any lead with an open clock. */
export async function pickLeadWithClock(conn: Connection, now: Date): Promise<string> {
    const [ahead] = await query(
        conn,
        `SELECT Lead__c FROM SLA_Clock__c WHERE Lead__c != null AND ${OPEN_CLOCK} AND Due_At__c > ${now.toISOString()} ORDER BY Due_At__c DESC LIMIT 1`
    );
    const [any] = await query(
        conn,
        `SELECT Lead__c FROM SLA_Clock__c WHERE Lead__c != null AND ${OPEN_CLOCK} LIMIT 1`
    );
    const id = text(ahead ?? any ?? {}, 'Lead__c');
    if (id === '') {
        throw new Error('The sample org has no lead with an open SLA clock.');
    }
    return id;
}

/** Open clocks of a lead or an account, soonest due first, as the card lists them. */
export async function openClocksOf(conn: Connection, recordId: string): Promise<ExpectedClock[]> {
    const typeField = objectInfoOf(await conn.describe('SLA_Clock__c')).field('Type__c');
    const labelOf = (value: string): string =>
        typeField?.picklistValues?.find((entry) => entry.value === value)?.label ?? value;
    const rows = await query(
        conn,
        `SELECT Type__c, Status__c, Due_At__c, Warning_At__c FROM SLA_Clock__c WHERE (Lead__c = ${quoted(recordId)} OR Account__c = ${quoted(recordId)}) AND ${OPEN_CLOCK} ORDER BY Due_At__c ASC LIMIT 20`
    );
    return rows.map((row) => ({
        type: labelOf(text(row, 'Type__c')),
        status: text(row, 'Status__c'),
        dueAt: timeOf(row, 'Due_At__c'),
        warningAt: timeOf(row, 'Warning_At__c')
    }));
}

/** Reads the record's SLA Status and SLA Due At. */
export async function recordSla(
    conn: Connection,
    objectName: 'Lead' | 'Account',
    id: string
): Promise<{ status: string; dueAt: number | null }> {
    const [row] = await query(
        conn,
        `SELECT SLA_Status__c, SLA_Due_At__c FROM ${objectName} WHERE Id = ${quoted(id)}`
    );
    return { status: text(row ?? {}, 'SLA_Status__c'), dueAt: timeOf(row ?? {}, 'SLA_Due_At__c') };
}

/** Breaches of the record in this fiscal quarter, and the highest escalation level among them. */
export async function quarterBreaches(
    conn: Connection,
    id: string
): Promise<{ count: number; maxLevel: number | null }> {
    const where = `(Lead__c = ${quoted(id)} OR Account__c = ${quoted(id)}) AND Breached_At__c = THIS_FISCAL_QUARTER`;
    const rows = await query(conn, `SELECT Level__c FROM SLA_Breach__c WHERE ${where}`);
    const levels = rows.map((row) => numberOf(row, 'Level__c')).filter((level) => level !== null);
    return { count: rows.length, maxLevel: levels.length === 0 ? null : Math.max(...levels) };
}

/** Status key of a clock at `now`, by the rule the card states: due and warning times win over a stale status. */
export function clockStatusAt(clock: ExpectedClock, now: number): string {
    if (clock.status === 'Met') {
        return 'Met';
    }
    if (clock.status === 'Breached' || (clock.dueAt !== null && now >= clock.dueAt)) {
        return 'Breached';
    }
    if (clock.status === 'Warning' || (clock.warningAt !== null && now >= clock.warningAt)) {
        return 'Warning';
    }
    return 'On Track';
}

/** Returns the account with the largest buying committee. */
export async function pickAccountWithCommittee(conn: Connection): Promise<string> {
    const [row] = await query(
        conn,
        'SELECT Id FROM Account WHERE Active_Committee_Members__c > 0 ORDER BY Active_Committee_Members__c DESC LIMIT 1'
    );
    const id = text(row ?? {}, 'Id');
    if (id === '') {
        throw new Error('The sample org has no account with an active buying committee.');
    }
    return id;
}

/** The committee figures of an account and its active people, in the card's order. */
export interface ExpectedCommittee {
    readonly intent: number;
    readonly intentThreshold: number;
    readonly active: number;
    readonly activeThreshold: number;
    readonly people: readonly string[];
}

export async function committeeOf(
    conn: Connection,
    accountId: string,
    now: number
): Promise<ExpectedCommittee> {
    const [policy] = await query(
        conn,
        "SELECT Handoff_Min_Intent__c, Handoff_Min_Active__c, Active_Window_Days__c FROM SLA_Policy__mdt WHERE DeveloperName = 'Default'"
    );
    const [account] = await query(
        conn,
        `SELECT Committee_Intent_Score__c, Active_Committee_Members__c FROM Account WHERE Id = ${quoted(accountId)}`
    );
    const windowDays = numberOf(policy ?? {}, 'Active_Window_Days__c') ?? 0;
    const since = now - windowDays * 24 * 60 * 60 * 1000;
    const contacts = await query(
        conn,
        `SELECT Name, Intent_Score__c, Last_Signal_At__c FROM Contact WHERE AccountId = ${quoted(accountId)} AND Last_Signal_At__c != null ORDER BY Last_Signal_At__c DESC LIMIT 50`
    );
    const people = contacts
        .filter((contact) => (timeOf(contact, 'Last_Signal_At__c') ?? 0) >= since)
        .sort(
            (a, b) =>
                (numberOf(b, 'Intent_Score__c') ?? -1) - (numberOf(a, 'Intent_Score__c') ?? -1) ||
                (timeOf(b, 'Last_Signal_At__c') ?? 0) - (timeOf(a, 'Last_Signal_At__c') ?? 0)
        )
        .map((contact) => text(contact, 'Name'));
    return {
        intent: numberOf(account ?? {}, 'Committee_Intent_Score__c') ?? 0,
        intentThreshold: numberOf(policy ?? {}, 'Handoff_Min_Intent__c') ?? Number.NaN,
        active: numberOf(account ?? {}, 'Active_Committee_Members__c') ?? 0,
        activeThreshold: numberOf(policy ?? {}, 'Handoff_Min_Active__c') ?? Number.NaN,
        people
    };
}

/** Names of the account's open opportunities. */
export async function openOpportunityNames(conn: Connection, accountId: string): Promise<string[]> {
    const rows = await query(
        conn,
        `SELECT Name FROM Opportunity WHERE AccountId = ${quoted(accountId)} AND IsClosed = false LIMIT 50`
    );
    return rows.map((row) => text(row, 'Name'));
}

/** The eight MEDDPICC fields, in the card's order. */
export const MEDDPICC_FIELDS = [
    'Metrics__c',
    'Economic_Buyer__c',
    'Decision_Criteria__c',
    'Decision_Process__c',
    'Paper_Process__c',
    'Identified_Pain__c',
    'Champion__c',
    'Competition__c'
] as const;

/** Returns an open opportunity with MEDDPICC partly filled in, or any open one. */
export async function pickOpportunity(conn: Connection): Promise<string> {
    const [partly] = await query(
        conn,
        'SELECT Id FROM Opportunity WHERE IsClosed = false AND MEDDPICC_Completeness__c > 0 AND MEDDPICC_Completeness__c < 100 LIMIT 1'
    );
    const [any] = await query(conn, 'SELECT Id FROM Opportunity WHERE IsClosed = false LIMIT 1');
    const id = text(partly ?? any ?? {}, 'Id');
    if (id === '') {
        throw new Error('The sample org has no open opportunity.');
    }
    return id;
}

/** Returns the MEDDPICC fields of an opportunity that have a value (text with more than white space). */
export async function filledMeddpicc(conn: Connection, opportunityId: string): Promise<string[]> {
    const [row] = await query(
        conn,
        `SELECT ${MEDDPICC_FIELDS.join(', ')} FROM Opportunity WHERE Id = ${quoted(opportunityId)}`
    );
    return MEDDPICC_FIELDS.filter((field) => {
        const value = row?.[field];
        return (
            value !== null &&
            value !== undefined &&
            (typeof value !== 'string' || value.trim() !== '')
        );
    });
}

/** Team scorecards from `fromPeriod` on: how many, and the flagged ones' manager names. */
export async function teamScorecards(
    conn: Connection,
    fromPeriod: string
): Promise<{ rows: number; flaggedManagers: string[]; openReviews: number }> {
    const rows = await query(
        conn,
        `SELECT Flagged__c, Manager__r.Name FROM SLA_Scorecard__c WHERE Scope__c = 'Team' AND Period__c >= ${quoted(fromPeriod)} LIMIT 200`
    );
    const flaggedManagers = rows
        .filter((row) => row.Flagged__c === true)
        .map((row) => text(rowSchema.catch({}).parse(row.Manager__r ?? {}), 'Name'));
    const openReviews = await count(
        conn,
        "SELECT COUNT() FROM SLA_Review__c WHERE Status__c = 'Open'"
    );
    return { rows: rows.length, flaggedManagers, openReviews: Math.min(openReviews, 50) };
}
