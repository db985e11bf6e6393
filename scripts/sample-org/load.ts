/**
 * Loads a generated sample org into a local org store: records in dependency order, with
 * their reference ids resolved to the store's Ids and their engine keys built from those
 * Ids. Everything runs in one transaction, so a failed load leaves the store as it was.
 */
import type { OrgStore, WriteContext } from '../../sync-worker/src/local-org/store';
import { getLogger } from '../../sync-worker/src/logging';
import {
    breachKey,
    reassignedClockKey,
    repReviewKey,
    routeClockKey
} from '../../sync-worker/src/policy/keys';
import {
    DEFAULT_BUSINESS_HOURS_REF,
    type KeySpec,
    type RecordRef,
    type SampleFields,
    type SampleOrg,
    type SampleRecord
} from './types';

const log = getLogger('sample-org.load');

/** Seeding writes like a data import with "Set Audit Fields upon Record Creation". */
const SEED_CONTEXT: WriteContext = { system: true, allowAuditFields: true };

/** A record the store rejected, with the reference id and object that identify it in the sample org. */
export class SampleOrgLoadError extends Error {
    public constructor(
        public readonly objectName: string,
        public readonly ref: string,
        cause: unknown
    ) {
        const reason = cause instanceof Error ? cause.message : String(cause);
        super(`Loading ${objectName} ${ref} of the sample org failed: ${reason}`, { cause });
        this.name = 'SampleOrgLoadError';
    }
}

/** Records inserted per object, and leads converted. */
export interface LoadResult {
    readonly counts: Readonly<Record<string, number>>;
    readonly convertedLeads: number;
}

function isRef(value: unknown): value is RecordRef {
    return typeof value === 'object' && value !== null && 'ref' in value;
}

/** Reference ids resolved so far, and the keys built for records that others' keys derive from. */
class IdMap {
    private readonly ids = new Map<string, string>();
    private readonly keys = new Map<string, string>();

    public set(ref: string, id: string): void {
        this.ids.set(ref, id);
    }

    public id(ref: RecordRef): string {
        const id = this.ids.get(ref.ref);
        if (id === undefined) {
            throw new Error(
                `Reference ${ref.ref} is not loaded yet; the sample org lists it later or not at all.`
            );
        }
        return id;
    }

    public rememberKey(ref: string, key: string): void {
        this.keys.set(ref, key);
    }

    public key(ref: RecordRef): string {
        const key = this.keys.get(ref.ref);
        if (key === undefined) {
            throw new Error(`No key was built for ${ref.ref}.`);
        }
        return key;
    }
}

/** Builds an engine key from its parts with the real Ids (`sync-worker/src/policy/keys.ts`). */
function buildKey(spec: KeySpec, ids: IdMap): string {
    switch (spec.kind) {
        case 'route-clock':
            return routeClockKey(ids.id(spec.person), spec.route, new Date(spec.triggerAt));
        case 'reassigned-clock':
            return reassignedClockKey(ids.key(spec.clock));
        case 'breach':
            return breachKey(ids.key(spec.clock));
        case 'rep-review':
            return repReviewKey(ids.id(spec.user), spec.fiscalQuarter);
    }
}

/** The key's field on its object. */
const KEY_FIELD: Readonly<Record<KeySpec['kind'], string>> = {
    'route-clock': 'Clock_Key__c',
    'reassigned-clock': 'Clock_Key__c',
    breach: 'Breach_Key__c',
    'rep-review': 'Review_Key__c'
};

function resolveFields(
    fields: SampleFields,
    ids: IdMap
): Record<string, string | number | boolean | null> {
    const resolved: Record<string, string | number | boolean | null> = {};
    for (const [name, value] of Object.entries(fields)) {
        resolved[name] = isRef(value) ? ids.id(value) : value;
    }
    return resolved;
}

/**
 * Users are inserted active and deactivated after everything else is loaded: records
 * were assigned to them while they worked here, and an org rejects inactive owners.
 */
function insertRecord(
    store: OrgStore,
    objectName: string,
    record: SampleRecord,
    ids: IdMap
): string | null {
    const fields = resolveFields(record.fields, ids);
    const deactivate = objectName === 'User' && fields.IsActive === false;
    if (deactivate) {
        fields.IsActive = true;
    }
    if (record.key !== undefined) {
        const key = buildKey(record.key, ids);
        fields[KEY_FIELD[record.key.kind]] = key;
        ids.rememberKey(record.ref, key);
    }
    const id = store.insert(objectName, fields, SEED_CONTEXT);
    ids.set(record.ref, id);
    return deactivate ? id : null;
}

/** Maps the queues deployed with force-app and the default business hours the store created. */
function existingRecords(store: OrgStore, ids: IdMap): void {
    const queues = store.query("SELECT Id, DeveloperName FROM Group WHERE Type = 'Queue'");
    for (const queue of queues.records) {
        if (typeof queue.Id === 'string' && typeof queue.DeveloperName === 'string') {
            ids.set(`Queue:${queue.DeveloperName}`, queue.Id);
        }
    }
    ids.set(DEFAULT_BUSINESS_HOURS_REF.ref, store.seeded.businessHoursId);
}

function loadObjects(
    store: OrgStore,
    sampleOrg: SampleOrg,
    ids: IdMap
): { counts: Record<string, number>; inactive: string[] } {
    const counts: Record<string, number> = {};
    const inactive: string[] = [];
    for (const { objectName, records } of sampleOrg.objects) {
        for (const record of records) {
            try {
                const deactivate = insertRecord(store, objectName, record, ids);
                if (deactivate !== null) {
                    inactive.push(deactivate);
                }
            } catch (error) {
                throw new SampleOrgLoadError(objectName, record.ref, error);
            }
        }
        counts[objectName] = records.length;
        log.debug('Loaded sample records', { objectName, count: records.length });
    }
    return { counts, inactive };
}

/**
 * Inserts the sample org into `store` and returns the counts per object. Updates the
 * store's Organization (fiscal year start, time zone) and default business hours, then
 * converts the leads the sample org lists as converted. Throws `SampleOrgLoadError`
 * naming the first record the store rejects; nothing is written then.
 */
export function loadSampleOrg(store: OrgStore, sampleOrg: SampleOrg): LoadResult {
    const started = Date.now();
    const result = store.transaction(() => {
        const ids = new IdMap();
        existingRecords(store, ids);
        store.update(
            'Organization',
            store.seeded.organizationId,
            { ...sampleOrg.organization },
            SEED_CONTEXT
        );
        store.update(
            'BusinessHours',
            store.seeded.businessHoursId,
            resolveFields(sampleOrg.businessHours, ids),
            SEED_CONTEXT
        );
        const { counts, inactive } = loadObjects(store, sampleOrg, ids);
        for (const conversion of sampleOrg.conversions) {
            const leadId = ids.id(conversion.lead);
            store.convertLead(
                leadId,
                { accountId: ids.id(conversion.account), createOpportunity: false },
                SEED_CONTEXT
            );
        }
        for (const userId of inactive) {
            store.update('User', userId, { IsActive: false }, SEED_CONTEXT);
        }
        return { counts, convertedLeads: sampleOrg.conversions.length };
    });
    const records = Object.values(result.counts).reduce((sum, count) => sum + count, 0);
    log.info('Loaded the sample org', { seed: sampleOrg.seed, records, ms: Date.now() - started });
    return result;
}
