/**
 * Builds the org schema: the standard objects defined in code, merged with what
 * force-app deploys (custom objects and fields, value sets, custom metadata records,
 * queues and notification types).
 */
import { getLogger } from '../logging';
import { checkbox, defineObject, readOnly, systemFields, text } from './field-builders';
import type { ForceAppContent, ObjectFolder } from './force-app-files';
import { assignCustomKeyPrefixes } from './ids';
import { metadataRecordValues } from './metadata-records';
import { linkRelationships } from './relationships';
import { ACTIVITY_WHAT_OBJECTS, STANDARD_OBJECTS, cloneObject } from './standard-objects';
import type { FieldDefinition, MetadataRecord, ObjectDefinition, OrgSchema } from './types';

const log = getLogger('schema.load');

/** Standard value set name → the `Object.Field` names that use it. */
const STANDARD_VALUE_SET_FIELDS: Record<string, string[]> = {
    LeadStatus: ['Lead.Status'],
    LeadSource: [
        'Lead.LeadSource',
        'Contact.LeadSource',
        'Opportunity.LeadSource',
        'Account.AccountSource'
    ],
    Industry: ['Lead.Industry', 'Account.Industry'],
    AccountType: ['Account.Type'],
    OpportunityStage: ['Opportunity.StageName'],
    OpportunityType: ['Opportunity.Type'],
    TaskStatus: ['Task.Status'],
    TaskPriority: ['Task.Priority'],
    TaskType: ['Task.Type'],
    EventType: ['Event.Type'],
    CampaignType: ['Campaign.Type'],
    CampaignStatus: ['Campaign.Status'],
    Salutation: ['Lead.Salutation', 'Contact.Salutation']
};

type ObjectMap = Map<string, ObjectDefinition>;

function applyStandardValueSets(objects: ObjectMap, content: ForceAppContent): void {
    for (const [setName, values] of content.standardValueSets) {
        for (const target of STANDARD_VALUE_SET_FIELDS[setName] ?? []) {
            const [objectName = '', fieldName = ''] = target.split('.');
            const definition = objects
                .get(objectName.toLowerCase())
                ?.fields.get(fieldName.toLowerCase());
            if (definition) {
                definition.picklistValues = values;
                const defaultEntry = values.find((entry) => entry.defaultValue);
                if (defaultEntry) {
                    definition.defaultValue = defaultEntry.value;
                } else {
                    delete definition.defaultValue;
                }
            }
        }
    }
}

/**
 * Adds force-app fields to an object. A standard field file (no `__c` suffix) only
 * switches on options such as history tracking, so the definition in code stays.
 */
function addFields(object: ObjectDefinition, fields: FieldDefinition[]): void {
    for (const definition of fields) {
        const key = definition.name.toLowerCase();
        if (definition.custom || definition.name.endsWith('__c')) {
            object.fields.set(key, { ...definition });
        } else if (!object.fields.has(key)) {
            log.warn(
                `force-app configures the standard field ${object.name}.${definition.name}, which the ` +
                    'local org does not define; the field is ignored. Add it to the standard objects in code.'
            );
        }
    }
}

function customObject(folder: ObjectFolder): ObjectDefinition {
    const xml = folder.object ?? {};
    const hasMaster = folder.fields.some((definition) => definition.cascadeDelete === true);
    const nameField = xml.nameField;
    const isAutoNumber = nameField?.type === 'AutoNumber';
    const name = isAutoNumber
        ? {
              ...readOnly(text('Name', 80, { label: nameField.label ?? 'Name', indexed: true })),
              autoNumber: true,
              derived: 'auto-number' as const,
              ...(nameField.displayFormat === undefined
                  ? {}
                  : { autoNumberFormat: nameField.displayFormat })
          }
        : text('Name', 80, { label: nameField?.label ?? 'Name', indexed: true });
    const label = xml.label ?? folder.name.replace(/__c$/, '');
    return defineObject({
        name: folder.name,
        keyPrefix: '',
        label,
        labelPlural: xml.pluralLabel ?? `${label}s`,
        kind: 'custom',
        ...(xml.description === undefined ? {} : { description: xml.description }),
        // Master-detail children have no owner: the master's owner controls them.
        fields: [...systemFields(hasMaster ? undefined : ['User', 'Group']), name, ...folder.fields]
    });
}

function customMetadataType(folder: ObjectFolder): ObjectDefinition {
    const label = folder.object?.label ?? folder.name.replace(/__mdt$/, '');
    return defineObject({
        name: folder.name,
        keyPrefix: '',
        label,
        labelPlural: folder.object?.pluralLabel ?? `${label}s`,
        kind: 'customMetadata',
        createable: false,
        updateable: false,
        deletable: false,
        fields: [
            ...systemFields(),
            text('DeveloperName', 40, { required: true, unique: true, indexed: true }),
            text('MasterLabel', 40, { required: true }),
            text('Label', 40),
            text('QualifiedApiName', 70, { indexed: true }),
            text('NamespacePrefix', 15),
            text('Language', 40),
            checkbox('IsProtected'),
            ...folder.fields
        ].map(readOnly)
    });
}

function mergeFolder(objects: ObjectMap, folder: ObjectFolder, activityWhat: string[]): void {
    if (folder.name === 'Activity') {
        for (const activity of ['task', 'event']) {
            const target = objects.get(activity);
            if (target) {
                addFields(target, folder.fields);
            }
        }
        return;
    }
    const existing = objects.get(folder.name.toLowerCase());
    if (existing) {
        addFields(existing, folder.fields);
    } else if (folder.name.endsWith('__c')) {
        objects.set(folder.name.toLowerCase(), customObject(folder));
        if (folder.object?.enableActivities === true) {
            activityWhat.push(folder.name);
        }
    } else if (folder.name.endsWith('__mdt')) {
        objects.set(folder.name.toLowerCase(), customMetadataType(folder));
    } else {
        log.warn(
            `force-app adds fields to ${folder.name}, which the local org does not define; ` +
                'its fields are ignored. Define the object in standard-objects.ts to use it.'
        );
    }
}

function assignKeyPrefixes(objects: ObjectMap): void {
    const custom = [...objects.values()].filter((object) => object.kind !== 'standard');
    const usedPrefixes = new Set(
        [...objects.values()].map((object) => object.keyPrefix).filter(Boolean)
    );
    const prefixes = assignCustomKeyPrefixes(
        custom.map((object) => ({
            name: object.name,
            letter: object.kind === 'customMetadata' ? 'm' : 'a'
        })),
        usedPrefixes
    );
    for (const object of custom) {
        object.keyPrefix = prefixes.get(object.name) ?? object.keyPrefix;
    }
}

function setActivityWhatTargets(objects: ObjectMap, activityWhat: string[]): void {
    for (const activity of ['task', 'event']) {
        const whatId = objects.get(activity)?.fields.get('whatid');
        if (whatId) {
            whatId.referenceTo = [...activityWhat];
        }
    }
}

function queueRecords(content: ForceAppContent): MetadataRecord[] {
    return content.queues.map(({ developerName, xml }) => ({
        objectName: 'Group',
        values: {
            DeveloperName: developerName,
            Name: xml.name,
            Type: 'Queue',
            Email: xml.email ?? null,
            DoesSendEmailToMembers: xml.doesSendEmailToMembers ?? false
        }
    }));
}

function notificationTypeRecords(content: ForceAppContent): MetadataRecord[] {
    return content.notificationTypes.map(({ developerName, xml }) => ({
        objectName: 'CustomNotificationType',
        values: {
            DeveloperName: developerName,
            MasterLabel: xml.masterLabel,
            CustomNotifTypeName: xml.customNotifTypeName ?? xml.masterLabel,
            Description: xml.description ?? null,
            Desktop: xml.desktop ?? false,
            Mobile: xml.mobile ?? false
        }
    }));
}

/** Builds the schema from the standard objects and already-read force-app content. */
export function buildOrgSchema(content: ForceAppContent): OrgSchema {
    const objects: ObjectMap = new Map(
        STANDARD_OBJECTS.map((object) => [object.name.toLowerCase(), cloneObject(object)])
    );
    applyStandardValueSets(objects, content);
    const activityWhat = [...ACTIVITY_WHAT_OBJECTS];
    for (const folder of content.objects) {
        mergeFolder(objects, folder, activityWhat);
    }
    setActivityWhatTargets(objects, activityWhat);
    assignKeyPrefixes(objects);
    linkRelationships(objects);
    const metadataRecords = [
        ...content.customMetadataRecords.map((record) => metadataRecordValues(objects, record)),
        ...queueRecords(content),
        ...notificationTypeRecords(content)
    ];
    return {
        objects,
        metadataRecords,
        queueSobjects: new Map(
            content.queues.map(({ developerName, xml }) => [
                developerName,
                xml.queueSobject.map((entry) => entry.sobjectType)
            ])
        ),
        notificationTypes: content.notificationTypes.map((entry) => entry.developerName)
    };
}

/** Builds the schema of an org with only the standard objects, for tests that need no force-app. */
export function standardOrgSchema(): OrgSchema {
    return buildOrgSchema({
        objects: [],
        standardValueSets: new Map(),
        customMetadataRecords: [],
        queues: [],
        notificationTypes: []
    });
}
