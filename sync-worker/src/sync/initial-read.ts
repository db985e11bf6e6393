/**
 * The first read of a process: every mirrored record the policy can use, so that the
 * mirror and the watermarks are rebuilt from the org. One probe page per object gives
 * its size; objects above the bulk threshold are read through Bulk API 2.0, the rest
 * through REST query pages packed 5 to a Composite request.
 */
import { getLogger } from '../logging';
import {
    readBulkQuery,
    runQueries,
    type InvalidRecord,
    type QueryOutcome,
    type QuerySpec,
    type RestClient
} from '../salesforce';
import type { OrgMirror, StoredRecord } from './mirror';
import { MIRRORED_OBJECTS, type HistoryWindows, type MirroredObject } from './objects';
import { fullReadSoql } from './queries';
import { latestStampOf, type Watermarks } from './watermarks';

const logger = getLogger('sync.read');

/** Limits of the first read. */
export interface InitialReadOptions {
    readonly windows: HistoryWindows;
    /** Rows above which an object is read through Bulk API 2.0. */
    readonly bulkThreshold: number;
    /** First wait between two polls of a Bulk API job, in milliseconds. */
    readonly bulkPollIntervalMs: number;
    /** Time the history windows are measured back from. */
    readonly now: Date;
    /** Seconds each later change read reaches back before the watermark. */
    readonly overlapSeconds: number;
}

/** Result of the first read. */
export interface InitialReadResult {
    readonly recordsRead: number;
    readonly invalid: InvalidRecord[];
    /** Objects read through Bulk API 2.0. */
    readonly bulkObjects: MirroredObject[];
}

/** Error raised when an object could not be read completely; the mirror stays unloaded. */
export class InitialReadError extends Error {
    public constructor(object: MirroredObject, reason: string) {
        super(`The first read of ${object} did not complete: ${reason}`);
        this.name = 'InitialReadError';
    }
}

type Specs = Record<string, QuerySpec<MirroredObject>>;

/** Rows of a probe page: the smallest REST query page, enough to learn an object's size. */
const PROBE_PAGE_ROWS = 200;

function specsFor(
    objects: readonly MirroredObject[],
    options: InitialReadOptions,
    maxFetch: number,
    batchSize?: number
): Specs {
    const specs: Specs = {};
    for (const object of objects) {
        specs[object] = {
            object,
            soql: fullReadSoql(object, options.windows, options.now),
            maxFetch,
            includeDeleted: false,
            ...(batchSize === undefined ? {} : { batchSize })
        };
    }
    return specs;
}

function store(
    mirror: OrgMirror,
    object: MirroredObject,
    records: readonly StoredRecord[],
    watermarks: Watermarks,
    read: { startedAt: Date; overlapSeconds: number }
): void {
    for (const record of records) {
        mirror.put(object, record);
    }
    watermarks.advance(object, {
        startedAt: read.startedAt,
        overlapSeconds: read.overlapSeconds,
        complete: true,
        stoppedAtMaxFetch: false,
        latestStamp: latestStampOf(records)
    });
}

function checkComplete(object: MirroredObject, outcome: QueryOutcome): void {
    if (!outcome.complete) {
        const reason =
            outcome.error?.message ?? `it stopped at ${outcome.stopReason ?? 'an unknown point'}`;
        throw new InitialReadError(object, reason);
    }
}

/** Counts and problems of one object read through Bulk API 2.0 into the mirror. */
interface BulkRead {
    readonly records: number;
    readonly invalid: InvalidRecord[];
    readonly latestStamp: Date | null;
}

/**
 * Reads one object through Bulk API 2.0 and stores each result page in the mirror as it
 * arrives, so that no more than one page of parsed rows is held beside the mirror. A
 * restart from the first page (an expired locator) empties the object's table first.
 */
async function readBulkInto(
    client: RestClient,
    mirror: OrgMirror,
    object: MirroredObject,
    options: InitialReadOptions
): Promise<BulkRead> {
    let records = 0;
    let invalid: InvalidRecord[] = [];
    let latestStamp: Date | null = null;
    await readBulkQuery(
        client,
        { object, soql: fullReadSoql(object, options.windows, options.now), includeDeleted: false },
        {
            pollIntervalMs: options.bulkPollIntervalMs,
            onPage: (page) => {
                for (const record of page.records) {
                    mirror.put(object, record);
                }
                records += page.records.length;
                invalid.push(...page.invalid);
                const stamp = latestStampOf(page.records);
                if (stamp !== null && (latestStamp === null || stamp > latestStamp)) {
                    latestStamp = stamp;
                }
            },
            onRestart: () => {
                mirror.clearObject(object);
                records = 0;
                invalid = [];
                latestStamp = null;
            }
        }
    );
    return { records, invalid, latestStamp };
}

/**
 * Reads every mirrored object into an empty mirror and sets the watermarks. Raises
 * `InitialReadError` (or the access layer's error) when an object cannot be read
 * completely, because a partial mirror would make the policy act on missing records.
 */
export async function readInitial(
    client: RestClient,
    mirror: OrgMirror,
    watermarks: Watermarks,
    options: InitialReadOptions
): Promise<InitialReadResult> {
    const invalid: InvalidRecord[] = [];
    const readStart = { startedAt: new Date(), overlapSeconds: options.overlapSeconds };
    let recordsRead = 0;
    // One small page of each object: small objects are done, the others report their size.
    const probe = await runQueries(client, specsFor(MIRRORED_OBJECTS, options, 1, PROBE_PAGE_ROWS));
    const restObjects: MirroredObject[] = [];
    const bulkObjects: MirroredObject[] = [];
    for (const object of MIRRORED_OBJECTS) {
        const outcome = probe[object];
        if (outcome === undefined) {
            continue;
        }
        if (outcome.complete) {
            store(mirror, object, outcome.records, watermarks, readStart);
            invalid.push(...outcome.invalid);
            recordsRead += outcome.records.length;
        } else if (outcome.stopReason !== 'maxFetch') {
            checkComplete(object, outcome);
        } else if (outcome.totalSize > options.bulkThreshold) {
            bulkObjects.push(object);
        } else {
            restObjects.push(object);
        }
    }
    if (restObjects.length > 0) {
        // Room for the rows added since the probe; running out means a Bulk read is due.
        const full = await runQueries(
            client,
            specsFor(restObjects, options, options.bulkThreshold * 2)
        );
        for (const object of restObjects) {
            const outcome = full[object];
            if (outcome === undefined) {
                continue;
            }
            if (!outcome.complete && outcome.stopReason === 'maxFetch') {
                bulkObjects.push(object);
                continue;
            }
            checkComplete(object, outcome);
            store(mirror, object, outcome.records, watermarks, readStart);
            invalid.push(...outcome.invalid);
            recordsRead += outcome.records.length;
        }
    }
    for (const object of bulkObjects) {
        const read = await readBulkInto(client, mirror, object, options);
        watermarks.advance(object, {
            startedAt: readStart.startedAt,
            overlapSeconds: readStart.overlapSeconds,
            complete: true,
            stoppedAtMaxFetch: false,
            latestStamp: read.latestStamp
        });
        invalid.push(...read.invalid);
        recordsRead += read.records;
        logger.info('Read through Bulk API 2.0', { object, records: read.records });
    }
    return { recordsRead, invalid, bulkObjects };
}
