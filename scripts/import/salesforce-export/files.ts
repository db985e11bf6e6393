/**
 * The files of a Salesforce data export or Data Loader extract: one CSV per object,
 * named after the object's API name (`Lead.csv`), put in an order in which most parents
 * load before their children.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ObjectDefinition, OrgSchema } from '../../../sync-worker/src/schema/types';

/**
 * Load order of the objects the SLA reads. Opportunities load before leads because a
 * converted lead cannot be updated, so its `ConvertedOpportunityId` must resolve on
 * insert. Other objects follow in name order; references that still point forward are
 * set after every file is loaded.
 */
export const LOAD_ORDER = [
    'User',
    'Account',
    'Contact',
    'Campaign',
    'Opportunity',
    'Lead',
    'CampaignMember',
    'Engagement_Signal__c',
    'Task',
    'Event',
    'SLA_Clock__c',
    'SLA_Breach__c',
    'SLA_Review__c',
    'SLA_Scorecard__c'
] as const;

/**
 * Objects whose records come with the local org or its metadata (the organization,
 * business hours, queues, custom metadata), so an export's copies are not loaded.
 */
const SETUP_OBJECTS = new Set([
    'Organization',
    'BusinessHours',
    'Holiday',
    'Profile',
    'Group',
    'GroupMember',
    'QueueSobject',
    'CustomNotificationType'
]);

/** A CSV file of the export and the object it holds. */
export interface ExportFile {
    readonly path: string;
    readonly file: string;
    readonly object: ObjectDefinition;
}

/** A CSV file the import leaves alone, and why. */
export interface SkippedFile {
    readonly file: string;
    readonly reason: string;
}

function rank(objectName: string): number {
    const index = (LOAD_ORDER as readonly string[]).indexOf(objectName);
    return index === -1 ? LOAD_ORDER.length : index;
}

/** Lists the export's CSV files in load order, and the ones that hold no importable object. */
export function listExportFiles(
    folder: string,
    schema: OrgSchema
): { files: ExportFile[]; skipped: SkippedFile[] } {
    const files: ExportFile[] = [];
    const skipped: SkippedFile[] = [];
    const names = readdirSync(folder).filter((name) => name.toLowerCase().endsWith('.csv'));
    for (const file of names.sort()) {
        const objectName = file.slice(0, -'.csv'.length);
        const object = schema.objects.get(objectName.toLowerCase());
        if (object === undefined) {
            skipped.push({ file, reason: `the org schema has no object ${objectName}` });
        } else if (SETUP_OBJECTS.has(object.name) || object.kind === 'customMetadata') {
            skipped.push({
                file,
                reason: `${object.name} records come with the local org and its metadata`
            });
        } else {
            files.push({ path: join(folder, file), file, object });
        }
    }
    files.sort(
        (left, right) =>
            rank(left.object.name) - rank(right.object.name) ||
            left.object.name.localeCompare(right.object.name)
    );
    return { files, skipped };
}
