/**
 * The change read of every cycle after the first: the records of the hot objects and
 * of this cycle's cold objects whose `SystemModstamp` is at or after their watermark
 * minus the overlap, deleted ones included (`queryAll`). All queries go out together,
 * 5 per Composite request, so an idle cycle costs 2 API calls.
 */
import { getLogger } from '../logging';
import { runQueries, type InvalidRecord, type QuerySpec, type RestClient } from '../salesforce';
import type { OrgMirror, ReadOutcome, StoredRecord } from './mirror';
import { coldObjectsFor, HOT_OBJECTS, type MirroredObject } from './objects';
import { changeReadSoql } from './queries';
import { latestStampOf, type Watermarks } from './watermarks';

const logger = getLogger('sync.read');

/** Limits of a change read. */
export interface ChangeReadOptions {
    /** Seconds each read reaches back before the watermark. */
    readonly overlapSeconds: number;
    /** Rows read at most per object and cycle. */
    readonly maxFetch: number;
    /** The integration user's Id, to recognise the worker's own writes; null when unknown. */
    readonly integrationUserId: string | null;
    /** Number of this cycle in the process, which picks the cold objects. */
    readonly cycleNumber: number;
}

/**
 * A record that changed for the policy: new, changed or deleted, with its previous copy.
 * `invalid` is a mirrored record whose new version failed validation: its old copy left
 * the mirror, because acting on a version the org no longer has would be wrong.
 */
export interface RecordChange {
    readonly object: MirroredObject;
    readonly record: StoredRecord;
    /** The mirror's copy before the change, when it had one. */
    readonly previous: StoredRecord | undefined;
    readonly outcome: Exclude<ReadOutcome, 'same' | 'echo'> | 'invalid';
}

/** Objects whose deletion clears lookups in the mirrored SLA records. */
const REFERENCED_OBJECTS: ReadonlySet<MirroredObject> = new Set<MirroredObject>([
    'Lead',
    'Contact',
    'Account',
    'SLA_Clock__c'
]);

/** Drops the mirrored copies of records whose new version failed validation. */
function dropInvalid(
    mirror: OrgMirror,
    object: MirroredObject,
    invalid: readonly InvalidRecord[],
    changes: RecordChange[]
): void {
    for (const record of invalid) {
        const held = record.id === undefined ? undefined : mirror.remove(object, record.id);
        if (held !== undefined) {
            changes.push({ object, record: held, previous: held, outcome: 'invalid' });
        }
    }
}

/** Result of a change read. */
export interface ChangeReadResult {
    readonly objects: MirroredObject[];
    readonly recordsRead: number;
    readonly changes: RecordChange[];
    readonly echoes: number;
    readonly invalid: InvalidRecord[];
    /** Objects whose read failed; their watermarks stay and their window is read again. */
    readonly failed: MirroredObject[];
}

/** Reads the changes of this cycle's objects and applies them to the mirror. */
export async function readChanges(
    client: RestClient,
    mirror: OrgMirror,
    watermarks: Watermarks,
    options: ChangeReadOptions
): Promise<ChangeReadResult> {
    const objects: MirroredObject[] = [...HOT_OBJECTS, ...coldObjectsFor(options.cycleNumber)];
    const specs: Record<string, QuerySpec<MirroredObject>> = {};
    for (const object of objects) {
        specs[object] = {
            object,
            soql: changeReadSoql(object, watermarks.since(object, options.overlapSeconds)),
            maxFetch: watermarks.maxFetchFor(object, options.maxFetch),
            includeDeleted: true
        };
    }
    const startedAt = new Date();
    const outcomes = await runQueries(client, specs);
    const changes: RecordChange[] = [];
    const invalid: InvalidRecord[] = [];
    const failed: MirroredObject[] = [];
    const deletedIds = new Set<string>();
    let recordsRead = 0;
    let echoes = 0;
    for (const object of objects) {
        const outcome = outcomes[object];
        if (outcome === undefined) {
            continue;
        }
        recordsRead += outcome.records.length;
        invalid.push(...outcome.invalid);
        dropInvalid(mirror, object, outcome.invalid, changes);
        for (const record of outcome.records) {
            const previous = mirror.get(object, record.Id) as StoredRecord | undefined;
            const applied = mirror.applyRead(object, record, options.integrationUserId);
            if (applied === 'echo') {
                echoes += 1;
            } else if (applied !== 'same') {
                changes.push({ object, record, previous, outcome: applied });
            }
            if (applied === 'deleted' && REFERENCED_OBJECTS.has(object)) {
                deletedIds.add(record.Id);
            }
        }
        const stoppedAtMaxFetch = outcome.stopReason === 'maxFetch';
        if (stoppedAtMaxFetch) {
            logger.warn(
                `More than ${outcome.records.length} ${object} records changed since the last cycle; the rest are read next cycle.`,
                { object, read: outcome.records.length }
            );
        }
        if (!outcome.complete && !stoppedAtMaxFetch) {
            failed.push(object);
        }
        watermarks.advance(object, {
            startedAt,
            overlapSeconds: options.overlapSeconds,
            complete: outcome.complete,
            stoppedAtMaxFetch,
            latestStamp: latestStampOf(outcome.records)
        });
    }
    // Once all objects are applied: a clock re-read in this cycle may name a deleted lead.
    mirror.clearReferencesTo(deletedIds);
    return { objects, recordsRead, changes, echoes, invalid, failed };
}
