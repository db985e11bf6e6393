/**
 * Validation of records read from the org against the zod schemas of `schema/records`.
 * A record that does not fit is reported with its Id and the reason, then left out. The
 * rest of its page is kept, so one bad record never fails a read.
 */
import type { z } from 'zod';
import { normalizeId } from '../schema/ids';
import { RECORD_SCHEMAS, type SObjectName, type SObjectRecord } from '../schema/records';

/** A record that failed validation. */
export interface InvalidRecord {
    object: string;
    /** The record's Id when it had a readable one. */
    id: string | undefined;
    /** Validation issues, such as `Intent_Score__c: expected a number`. */
    reason: string;
}

/** Records of one object after validation. */
export interface ParsedRecords<N extends SObjectName> {
    records: SObjectRecord<N>[];
    invalid: InvalidRecord[];
}

/** Issues listed in a reason; the rest are counted. */
const MAX_LISTED_ISSUES = 3;

/** The row's Id as the mirror keys it (18 characters), or as sent when it is malformed. */
function idOf(row: unknown): string | undefined {
    if (typeof row !== 'object' || row === null || !('Id' in row)) {
        return undefined;
    }
    if (typeof row.Id !== 'string' || row.Id === '') {
        return undefined;
    }
    return normalizeId(row.Id) ?? row.Id;
}

/** Describes the issues of a failed parse in one line. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
    const listed = issues.slice(0, MAX_LISTED_ISSUES).map((issue) => {
        const path = issue.path.map(String).join('.');
        return path === '' ? issue.message : `${path}: ${issue.message}`;
    });
    const more = issues.length - listed.length;
    return more > 0 ? `${listed.join('; ')}; and ${more} more` : listed.join('; ');
}

/** Validates rows of `object`; each row is either parsed or reported. */
export function parseRecords<N extends SObjectName>(
    object: N,
    rows: readonly unknown[]
): ParsedRecords<N> {
    const schema = RECORD_SCHEMAS[object];
    const records: SObjectRecord<N>[] = [];
    const invalid: InvalidRecord[] = [];
    for (const row of rows) {
        const result = schema.safeParse(row);
        if (result.success) {
            records.push(result.data as SObjectRecord<N>);
        } else {
            invalid.push({ object, id: idOf(row), reason: describeIssues(result.error.issues) });
        }
    }
    return { records, invalid };
}
