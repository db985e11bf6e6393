/**
 * The replication calls `sobjects/{type}/updated` and `sobjects/{type}/deleted`: Ids
 * of records changed or deleted in a time window, by SystemModstamp.
 */
import { quote } from './database';
import { SalesforceError } from './errors';
import { REPLICATION_WINDOW_DAYS } from './limits';
import type { StoreContext } from './store-context';
import type { GetDeletedResult, GetUpdatedResult } from './types';
import { formatApiDateTime, formatStoredDateTime } from './values';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Salesforce ignores seconds in replication windows: both ends round down to the minute. */
function floorToMinute(instant: Date): Date {
    return new Date(Math.floor(instant.getTime() / 60_000) * 60_000);
}

interface Window {
    start: string;
    end: string;
}

function checkWindow(context: StoreContext, start: Date, end: Date): Window {
    if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) {
        throw new SalesforceError(
            'INVALID_REPLICATION_DATE',
            'start and end must be valid datetimes'
        );
    }
    const now = context.now();
    const from = floorToMinute(start);
    const to = floorToMinute(end.getTime() > now.getTime() ? now : end);
    if (from.getTime() > to.getTime()) {
        throw new SalesforceError(
            'INVALID_REPLICATION_DATE',
            'startDate must chronologically precede endDate'
        );
    }
    if (now.getTime() - from.getTime() > REPLICATION_WINDOW_DAYS * DAY_MS) {
        throw new SalesforceError(
            'INVALID_REPLICATION_DATE',
            `startDate cannot be more than ${REPLICATION_WINDOW_DAYS} days ago`
        );
    }
    return { start: formatStoredDateTime(from), end: formatStoredDateTime(to) };
}

/** Ids of live records whose SystemModstamp is in [start, end). */
export function getUpdated(
    context: StoreContext,
    objectName: string,
    start: Date,
    end: Date
): GetUpdatedResult {
    const object = context.objectOf(objectName);
    const window = checkWindow(context, start, end);
    const rows = context.db.all(
        `SELECT "Id" FROM ${quote(object.name)} WHERE "SystemModstamp" >= ? AND "SystemModstamp" < ?
         AND "IsDeleted" = 0 ORDER BY "SystemModstamp"`,
        [window.start, window.end]
    );
    return {
        ids: rows.map((row) => String(row.Id)),
        latestDateCovered: formatApiDateTime(window.end)
    };
}

/** Records deleted in [start, end), with the time of deletion. */
export function getDeleted(
    context: StoreContext,
    objectName: string,
    start: Date,
    end: Date
): GetDeletedResult {
    const object = context.objectOf(objectName);
    const window = checkWindow(context, start, end);
    const table = quote(object.name);
    const rows = context.db.all(
        `SELECT "Id", "SystemModstamp" FROM ${table} WHERE "IsDeleted" = 1
         AND "SystemModstamp" >= ? AND "SystemModstamp" < ? ORDER BY "SystemModstamp"`,
        [window.start, window.end]
    );
    const earliest = context.db.get(
        `SELECT MIN("SystemModstamp") AS first FROM ${table} WHERE "IsDeleted" = 1`
    );
    const windowStart = formatStoredDateTime(
        new Date(context.now().getTime() - REPLICATION_WINDOW_DAYS * DAY_MS)
    );
    const first =
        typeof earliest?.first === 'string' && earliest.first > windowStart
            ? earliest.first
            : windowStart;
    return {
        deletedRecords: rows.map((row) => ({
            id: String(row.Id),
            deletedDate: formatApiDateTime(String(row.SystemModstamp))
        })),
        earliestDateAvailable: formatApiDateTime(first),
        latestDateCovered: formatApiDateTime(window.end)
    };
}
