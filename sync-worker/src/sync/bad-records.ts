/**
 * Bad input of a cycle: records that failed validation when read (left out of the
 * mirror) and records the policy engine could not use (its problems). Each one is
 * logged with its object, Id and reason and written to the decision journal. The cycle
 * summary counts them, and the rest of the org is processed as usual.
 */
import { getLogger } from '../logging';
import type { Problem } from '../policy';
import type { InvalidRecord } from '../salesforce';
import type { JournalEntry } from './journal';
import type { BadRecordCounts } from './types';

const logger = getLogger('sync.input');

/** Warning lines per cycle; the journal lists every bad record past them. */
const MAX_WARNINGS_PER_CYCLE = 100;

/** A record left out of a cycle, and where it was found. */
export interface BadRecord {
    readonly object: string;
    /** Record Id; null when the row had no readable one. */
    readonly id: string | null;
    readonly reason: string;
    /** `read`: failed validation and never reached the engine; `evaluation`: the engine skipped it. */
    readonly stage: 'read' | 'evaluation';
}

/** Lists the bad records of a cycle: the invalid rows read, then the engine's problems. */
export function badRecordsOf(
    invalid: readonly InvalidRecord[],
    problems: readonly Problem[]
): BadRecord[] {
    return [
        ...invalid.map((record) => ({
            object: record.object,
            id: record.id ?? null,
            reason: record.reason,
            stage: 'read' as const
        })),
        ...problems.map((problem) => ({
            object: problem.object,
            id: problem.id,
            reason: problem.reason,
            stage: 'evaluation' as const
        }))
    ];
}

/** Counts bad records in total and by `Object: reason`. */
export function countBadRecords(records: readonly BadRecord[]): BadRecordCounts {
    const byReason: Record<string, number> = {};
    for (const record of records) {
        const key = `${record.object}: ${record.reason}`;
        byReason[key] = (byReason[key] ?? 0) + 1;
    }
    return { count: records.length, byReason };
}

/** Builds the journal lines of the bad records of a cycle. */
export function badRecordEntries(
    cycle: number,
    now: Date,
    records: readonly BadRecord[]
): JournalEntry[] {
    return records.map((record) => ({
        cycle,
        now: now.toISOString(),
        type: 'bad-record',
        stage: record.stage,
        object: record.object,
        id: record.id,
        reason: record.reason
    }));
}

function messageOf(record: BadRecord): string {
    const name = `${record.object} ${record.id ?? 'without an Id'}`;
    if (record.stage === 'read') {
        return `Skipped ${name}, which failed validation: ${record.reason}. Correct it in the org; the worker reads it again when it changes.`;
    }
    return `Policy problem with ${name}: ${record.reason}.`;
}

/**
 * Logs bad records as warnings. A record that stays bad is found again by every
 * evaluation that covers it, so the same record and reason is warned about once per
 * UTC day of the evaluation time and logged at debug level after that.
 */
export class BadRecordLog {
    private day = '';
    private readonly warned = new Set<string>();

    public report(records: readonly BadRecord[], now: Date): void {
        const day = now.toISOString().slice(0, 10);
        if (day !== this.day) {
            this.day = day;
            this.warned.clear();
        }
        let warnings = 0;
        let unlisted = 0;
        for (const record of records) {
            const key = `${record.object}\u0000${record.id ?? ''}\u0000${record.reason}`;
            const fields = {
                object: record.object,
                id: record.id ?? 'unknown',
                stage: record.stage
            };
            const message = messageOf(record);
            if (this.warned.has(key)) {
                logger.debug(message, fields);
            } else if (warnings < MAX_WARNINGS_PER_CYCLE) {
                this.warned.add(key);
                warnings += 1;
                logger.warn(message, fields);
            } else {
                unlisted += 1;
            }
        }
        if (unlisted > 0) {
            logger.warn(
                `Skipped ${unlisted} more bad records; the decision journal lists each with its Id and reason.`,
                { count: unlisted }
            );
        }
    }
}
