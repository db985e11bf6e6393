/**
 * Records an org has before anyone loads data: the Organization, profiles, an admin
 * and an integration user, the default business hours, and on every open the records
 * that come with force-app (custom metadata, queues, notification types).
 */
import { getLogger } from '../../logging';
import type { MetadataRecord } from '../../schema/types';
import { quote } from './database';
import type { StoreContext } from './store-context';
import type { SeededIds, SeedOptions, WeeklyHours } from './types';
import { insertRecord, updateRecord } from './writer';

const log = getLogger('local-org.store');

const SYSTEM = { system: true, allowAuditFields: true } as const;

const WEEK_DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** Open all day every day: Salesforce stores a 24-hour day as start and end both midnight. */
const ALWAYS_OPEN: WeeklyHours = Object.fromEntries(
    WEEK_DAYS.map((day) => [day, { start: '00:00', end: '00:00' }])
);

function businessHoursFields(hours: WeeklyHours): Record<string, string | null> {
    const fields: Record<string, string | null> = {};
    for (const day of WEEK_DAYS) {
        const prefix = day.charAt(0).toUpperCase() + day.slice(1);
        const window = hours[day] ?? null;
        fields[`${prefix}StartTime`] = window ? window.start : null;
        fields[`${prefix}EndTime`] = window ? window.end : null;
    }
    return fields;
}

/** Makes a seeded record its own creator, since no user exists before the first one. */
function setCreator(context: StoreContext, objectName: string, id: string, userId: string): void {
    context.db.run(
        `UPDATE ${quote(objectName)} SET "CreatedById" = ?, "LastModifiedById" = ? WHERE "Id" = ?`,
        [userId, userId, id]
    );
}

function seedUser(
    context: StoreContext,
    profileId: string,
    username: string,
    lastName: string,
    timeZone: string
): string {
    return insertRecord(
        context,
        'User',
        {
            Username: username,
            LastName: lastName,
            Email: username,
            ProfileId: profileId,
            TimeZoneSidKey: timeZone
        },
        SYSTEM
    );
}

/** Creates the base records of an empty org and returns their Ids. */
function seedBaseRecords(context: StoreContext, options: SeedOptions): SeededIds {
    const timeZone = options.timeZoneSidKey ?? 'America/New_York';
    const organizationId = insertRecord(
        context,
        'Organization',
        {
            Name: options.organizationName ?? 'Local Org',
            TimeZoneSidKey: timeZone,
            FiscalYearStartMonth: options.fiscalYearStartMonth ?? 1
        },
        SYSTEM
    );
    context.clearOrgSettings();
    const adminProfileId = insertRecord(
        context,
        'Profile',
        { Name: 'System Administrator' },
        SYSTEM
    );
    const standardProfileId = insertRecord(context, 'Profile', { Name: 'Standard User' }, SYSTEM);
    const adminUserId = seedUser(
        context,
        adminProfileId,
        options.adminUsername ?? 'admin@local-org.test',
        'Admin',
        timeZone
    );
    for (const [objectName, id] of [
        ['Organization', organizationId],
        ['Profile', adminProfileId],
        ['Profile', standardProfileId],
        ['User', adminUserId]
    ] as const) {
        setCreator(context, objectName, id, adminUserId);
    }
    context.defaultUserId = adminUserId;
    const integrationUserId = seedUser(
        context,
        standardProfileId,
        options.integrationUsername ?? 'integration@local-org.test',
        'Integration',
        timeZone
    );
    const businessHoursId = insertRecord(
        context,
        'BusinessHours',
        {
            Name: 'Default',
            IsDefault: true,
            IsActive: true,
            TimeZoneSidKey: timeZone,
            ...businessHoursFields(options.businessHours ?? ALWAYS_OPEN)
        },
        SYSTEM
    );
    return { organizationId, integrationUserId, adminUserId, businessHoursId };
}

function findByDeveloperName(
    context: StoreContext,
    objectName: string,
    developerName: string
): string | undefined {
    const row = context.db.get(
        `SELECT "Id" FROM ${quote(objectName)} WHERE "DeveloperName" = ? AND "IsDeleted" = 0`,
        [developerName]
    );
    return row === undefined ? undefined : String(row.Id);
}

/** Inserts or updates one metadata record, matched by DeveloperName. */
function syncMetadataRecord(context: StoreContext, record: MetadataRecord): string {
    const developerName = String(record.values.DeveloperName);
    const existing = findByDeveloperName(context, record.objectName, developerName);
    if (existing === undefined) {
        return insertRecord(context, record.objectName, record.values, SYSTEM);
    }
    const { DeveloperName: _unchanged, ...values } = record.values;
    updateRecord(context, record.objectName, existing, values, SYSTEM);
    return existing;
}

function syncQueueSobjects(context: StoreContext, queueId: string, objectNames: string[]): void {
    for (const objectName of objectNames) {
        const existing = context.db.get(
            'SELECT 1 AS ok FROM "QueueSobject" WHERE "QueueId" = ? AND "SobjectType" = ? AND "IsDeleted" = 0',
            [queueId, objectName]
        );
        if (!existing) {
            insertRecord(
                context,
                'QueueSobject',
                { QueueId: queueId, SobjectType: objectName },
                SYSTEM
            );
        }
    }
}

/**
 * Brings custom metadata records, queues and notification types in line with
 * force-app. Custom metadata records that force-app no longer has are removed.
 */
function syncMetadataRecords(context: StoreContext): void {
    const kept = new Map<string, Set<string>>();
    for (const record of context.schema.metadataRecords) {
        const id = syncMetadataRecord(context, record);
        kept.set(record.objectName, (kept.get(record.objectName) ?? new Set()).add(id));
        if (record.objectName === 'Group') {
            syncQueueSobjects(
                context,
                id,
                context.schema.queueSobjects.get(String(record.values.DeveloperName)) ?? []
            );
        }
    }
    for (const object of context.schema.objects.values()) {
        if (object.kind !== 'customMetadata') {
            continue;
        }
        const ids = [...(kept.get(object.name) ?? [])];
        const placeholders = ids.map(() => '?').join(', ');
        const keepClause = ids.length > 0 ? ` AND "Id" NOT IN (${placeholders})` : '';
        context.db.run(`DELETE FROM ${quote(object.name)} WHERE 1 = 1${keepClause}`, ids);
    }
}

/**
 * Seeds an empty database and syncs force-app records on every open. Returns the Ids
 * of the seeded records, stored so that later opens return the same ones.
 */
export function seedStore(context: StoreContext, options: SeedOptions): SeededIds {
    const stored = context.getMeta('seeded');
    let seeded: SeededIds;
    if (stored === undefined) {
        seeded = seedBaseRecords(context, options);
        context.setMeta('seeded', JSON.stringify(seeded));
        log.info('Seeded a new local org', { organizationId: seeded.organizationId });
    } else {
        seeded = JSON.parse(stored) as SeededIds;
    }
    context.defaultUserId = seeded.integrationUserId;
    syncMetadataRecords(context);
    return seeded;
}
