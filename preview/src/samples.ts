/**
 * Picks the records the preview's start page links to: leads and accounts with open SLA
 * clocks (so the countdown and badges have something to show), accounts with the
 * largest buying committees, and open opportunities with MEDDPICC partly filled in.
 */
import type { Connection } from 'jsforce';
import { z } from 'zod';

/** Records listed per object. */
const SAMPLES_PER_OBJECT = 5;

/** A record to open, with a short note on why it is interesting. */
export interface SampleRecord {
    readonly objectName: string;
    readonly id: string;
    readonly name: string;
    readonly note: string;
}

const rowSchema = z.record(z.string(), z.unknown());
const resultSchema = z.object({ records: z.array(rowSchema) });

async function rows(conn: Connection, soql: string): Promise<Record<string, unknown>[]> {
    return resultSchema.parse(await conn.query(soql)).records;
}

function text(value: unknown): string {
    if (typeof value === 'string') {
        return value;
    }
    return typeof value === 'number' ? String(value) : '';
}

function parentName(row: Record<string, unknown>, relationship: string): string {
    const parent = rowSchema
        .nullable()
        .catch(null)
        .parse(row[relationship] ?? null);
    return text(parent?.Name);
}

const OPEN_CLOCKS =
    "Completed_At__c = null AND Status__c IN ('Open', 'Warning', 'Breached') ORDER BY Due_At__c ASC LIMIT 200";

/**
 * Records with open clocks, one entry per record, taking the clock statuses in turn
 * (On Track, Warning, Breached) so that the list shows each badge when the org has it.
 */
async function withOpenClocks(
    conn: Connection,
    lookup: 'Lead' | 'Account'
): Promise<SampleRecord[]> {
    const relationship = `${lookup}__r`;
    const clocks = await rows(
        conn,
        `SELECT ${lookup}__c, ${relationship}.Name, Type__c, Status__c FROM SLA_Clock__c WHERE ${lookup}__c != null AND ${OPEN_CLOCKS}`
    );
    const byStatus = new Map<string, Record<string, unknown>[]>();
    for (const clock of clocks) {
        const status = text(clock.Status__c);
        byStatus.set(status, [...(byStatus.get(status) ?? []), clock]);
    }
    const queues = ['Open', 'Warning', 'Breached'].map((status) => byStatus.get(status) ?? []);
    const samples = new Map<string, SampleRecord>();
    while (samples.size < SAMPLES_PER_OBJECT && queues.some((queue) => queue.length > 0)) {
        for (const queue of queues) {
            const clock = queue.shift();
            const id = clock === undefined ? '' : text(clock[`${lookup}__c`]);
            if (clock === undefined || id === '' || samples.has(id)) {
                continue;
            }
            if (samples.size < SAMPLES_PER_OBJECT) {
                samples.set(id, {
                    objectName: lookup,
                    id,
                    name: parentName(clock, relationship) || id,
                    note: `${text(clock.Type__c)} clock, ${text(clock.Status__c)}`
                });
            }
        }
    }
    return [...samples.values()];
}

async function largestCommittees(conn: Connection): Promise<SampleRecord[]> {
    const accounts = await rows(
        conn,
        `SELECT Id, Name, Active_Committee_Members__c, Committee_Intent_Score__c FROM Account WHERE Active_Committee_Members__c > 0 ORDER BY Active_Committee_Members__c DESC, Committee_Intent_Score__c DESC LIMIT ${SAMPLES_PER_OBJECT}`
    );
    return accounts.map((account) => ({
        objectName: 'Account',
        id: text(account.Id),
        name: text(account.Name),
        note: `${text(account.Active_Committee_Members__c)} active people, committee intent ${text(account.Committee_Intent_Score__c)}`
    }));
}

async function partlyQualified(conn: Connection): Promise<SampleRecord[]> {
    const opportunities = await rows(
        conn,
        `SELECT Id, Name, Account.Name, MEDDPICC_Completeness__c FROM Opportunity WHERE IsClosed = false AND MEDDPICC_Completeness__c > 0 AND MEDDPICC_Completeness__c < 100 ORDER BY MEDDPICC_Completeness__c DESC LIMIT ${SAMPLES_PER_OBJECT}`
    );
    return opportunities.map((opportunity) => ({
        objectName: 'Opportunity',
        id: text(opportunity.Id),
        name: text(opportunity.Name),
        note: `${parentName(opportunity, 'Account')}, MEDDPICC ${text(opportunity.MEDDPICC_Completeness__c)}% complete`
    }));
}

/** Returns the sample records of each object, in the order the start page lists them. */
export async function pickSampleRecords(conn: Connection): Promise<SampleRecord[]> {
    const [leads, committees, accountsWithClocks, opportunities] = await Promise.all([
        withOpenClocks(conn, 'Lead'),
        largestCommittees(conn),
        withOpenClocks(conn, 'Account'),
        partlyQualified(conn)
    ]);
    const committeeIds = new Set(committees.map((account) => account.id));
    const others = accountsWithClocks.filter((account) => !committeeIds.has(account.id));
    return [...leads, ...committees, ...others, ...opportunities];
}
