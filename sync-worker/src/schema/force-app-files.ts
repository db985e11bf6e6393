/**
 * Reads the parts of a force-app source folder that shape an org's data: custom objects
 * and fields (also fields added to standard objects, and Activity fields), standard and
 * global value sets, custom metadata records, queues and custom notification types.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { getLogger } from '../logging';
import { toFieldDefinition, type GlobalValueSets } from './custom-fields';
import {
    customFieldXml,
    customMetadataXml,
    customObjectXml,
    globalValueSetXml,
    notificationTypeXml,
    queueXml,
    readMetadataFile,
    standardValueSetXml,
    type CustomMetadataXml,
    type CustomObjectXml,
    type NotificationTypeXml,
    type QueueXml
} from './metadata-xml';
import type { FieldDefinition, PicklistValue } from './types';

const log = getLogger('schema.force-app');

/** An object folder of force-app: a custom object, or a standard object that gains fields. */
export interface ObjectFolder {
    name: string;
    /** The object file, when the folder has one (custom objects always do). */
    object?: CustomObjectXml;
    fields: FieldDefinition[];
}

/** One custom metadata record file, `Type.Record.md-meta.xml`. */
export interface CustomMetadataRecordFile {
    /** Type API name with its suffix, such as `SLA_Policy__mdt`. */
    typeName: string;
    developerName: string;
    xml: CustomMetadataXml;
}

/** Content force-app contributes to an org schema. */
export interface ForceAppContent {
    objects: ObjectFolder[];
    standardValueSets: Map<string, PicklistValue[]>;
    customMetadataRecords: CustomMetadataRecordFile[];
    queues: { developerName: string; xml: QueueXml }[];
    notificationTypes: { developerName: string; xml: NotificationTypeXml }[];
}

/** Labels of forecast categories by their Metadata API names. */
const FORECAST_CATEGORY_LABELS: Record<string, string> = {
    Omitted: 'Omitted',
    Pipeline: 'Pipeline',
    BestCase: 'Best Case',
    Forecast: 'Commit',
    Closed: 'Closed'
};

/** Returns `force-app/main/default` when given `force-app`, else the folder itself. */
export function metadataRoot(forceAppDir: string): string {
    const nested = path.join(forceAppDir, 'main', 'default');
    return existsSync(nested) ? nested : forceAppDir;
}

/** Files of a folder with the given suffix, sorted so that results do not depend on the file system. */
function listFiles(folder: string, suffix: string): string[] {
    if (!existsSync(folder)) {
        return [];
    }
    return readdirSync(folder)
        .filter((name) => name.endsWith(suffix))
        .sort()
        .map((name) => path.join(folder, name));
}

function baseName(filePath: string, suffix: string): string {
    return path.basename(filePath).slice(0, -suffix.length);
}

function readGlobalValueSets(root: string): GlobalValueSets {
    const sets: GlobalValueSets = new Map();
    const suffix = '.globalValueSet-meta.xml';
    for (const file of listFiles(path.join(root, 'globalValueSets'), suffix)) {
        const xml = readMetadataFile(file, 'GlobalValueSet', globalValueSetXml);
        sets.set(
            baseName(file, suffix),
            xml.customValue.map((entry) => ({
                value: entry.fullName,
                label: entry.label ?? entry.fullName,
                active: entry.isActive ?? true,
                defaultValue: entry.default ?? false
            }))
        );
    }
    return sets;
}

function readStandardValueSets(root: string): Map<string, PicklistValue[]> {
    const sets = new Map<string, PicklistValue[]>();
    const suffix = '.standardValueSet-meta.xml';
    for (const file of listFiles(path.join(root, 'standardValueSets'), suffix)) {
        const xml = readMetadataFile(file, 'StandardValueSet', standardValueSetXml);
        const entries = xml.standardValue.map((entry): PicklistValue => {
            const forecast = entry.forecastCategory;
            return {
                value: entry.fullName,
                label: entry.label ?? entry.fullName,
                active: entry.isActive ?? true,
                defaultValue: entry.default ?? false,
                ...(entry.converted === undefined ? {} : { converted: entry.converted }),
                ...(entry.closed === undefined ? {} : { closed: entry.closed }),
                ...(entry.won === undefined ? {} : { won: entry.won }),
                ...(entry.probability === undefined ? {} : { probability: entry.probability }),
                ...(forecast === undefined
                    ? {}
                    : { forecastCategoryName: FORECAST_CATEGORY_LABELS[forecast] ?? forecast })
            };
        });
        sets.set(baseName(file, suffix), entries);
    }
    return sets;
}

function readObjectFolder(
    folder: string,
    name: string,
    globalValueSets: GlobalValueSets
): ObjectFolder {
    const objectFile = path.join(folder, `${name}.object-meta.xml`);
    const fields = listFiles(path.join(folder, 'fields'), '.field-meta.xml').map((file) =>
        toFieldDefinition(readMetadataFile(file, 'CustomField', customFieldXml), globalValueSets)
    );
    if (!existsSync(objectFile)) {
        return { name, fields };
    }
    return { name, object: readMetadataFile(objectFile, 'CustomObject', customObjectXml), fields };
}

function readObjects(root: string, globalValueSets: GlobalValueSets): ObjectFolder[] {
    const objectsDir = path.join(root, 'objects');
    if (!existsSync(objectsDir)) {
        return [];
    }
    return readdirSync(objectsDir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
        .map((name) => readObjectFolder(path.join(objectsDir, name), name, globalValueSets));
}

function readCustomMetadataRecords(root: string): CustomMetadataRecordFile[] {
    const suffix = '.md-meta.xml';
    return listFiles(path.join(root, 'customMetadata'), suffix).map((file) => {
        const [typeBase, developerName] = baseName(file, suffix).split('.');
        if (typeBase === undefined || developerName === undefined) {
            throw new Error(`Custom metadata file name ${file} is not Type.Record${suffix}.`);
        }
        const xml = readMetadataFile(file, 'CustomMetadata', customMetadataXml);
        return { typeName: `${typeBase}__mdt`, developerName, xml };
    });
}

/** Reads everything force-app contributes to the org schema. Throws `MetadataFileError` naming a broken file. */
export function readForceApp(forceAppDir: string): ForceAppContent {
    const root = metadataRoot(forceAppDir);
    const globalValueSets = readGlobalValueSets(root);
    const queueSuffix = '.queue-meta.xml';
    const notificationSuffix = '.notiftype-meta.xml';
    const content: ForceAppContent = {
        objects: readObjects(root, globalValueSets),
        standardValueSets: readStandardValueSets(root),
        customMetadataRecords: readCustomMetadataRecords(root),
        queues: listFiles(path.join(root, 'queues'), queueSuffix).map((file) => ({
            developerName: baseName(file, queueSuffix),
            xml: readMetadataFile(file, 'Queue', queueXml)
        })),
        notificationTypes: listFiles(path.join(root, 'notificationtypes'), notificationSuffix).map(
            (file) => ({
                developerName: baseName(file, notificationSuffix),
                xml: readMetadataFile(file, 'CustomNotificationType', notificationTypeXml)
            })
        )
    };
    log.debug('Read force-app', {
        root,
        objects: content.objects.length,
        metadataRecords: content.customMetadataRecords.length,
        queues: content.queues.length
    });
    return content;
}
