/**
 * Custom metadata records from force-app as queryable records: the standard fields
 * (DeveloperName, MasterLabel, Label, QualifiedApiName) plus the type's custom fields.
 */
import type { CustomMetadataRecordFile } from './force-app-files';
import type { FieldDefinition, MetadataRecord, ObjectDefinition } from './types';

type Scalar = string | number | boolean | null;

/** Converts the text of a `<value>` to the field's JSON type. */
function convertValue(
    raw: string,
    xsdType: string | undefined,
    definition: FieldDefinition | undefined
): Scalar {
    const type = definition?.type;
    if (type === 'boolean' || xsdType === 'xsd:boolean') {
        return raw.trim().toLowerCase() === 'true';
    }
    const isNumeric =
        type === 'double' || type === 'int' || type === 'currency' || type === 'percent';
    if (isNumeric || xsdType === 'xsd:double' || xsdType === 'xsd:int') {
        const value = Number(raw);
        return Number.isFinite(value) ? value : null;
    }
    return raw;
}

/**
 * Builds the record of one `Type.Record.md-meta.xml` file. Values of fields the type
 * does not define are kept under their file names, so a mismatch surfaces as an unknown
 * column when the store loads the record instead of vanishing.
 */
export function metadataRecordValues(
    objects: Map<string, ObjectDefinition>,
    record: CustomMetadataRecordFile
): MetadataRecord {
    const type = objects.get(record.typeName.toLowerCase());
    const values: Record<string, Scalar> = {
        DeveloperName: record.developerName,
        MasterLabel: record.xml.label,
        Label: record.xml.label,
        QualifiedApiName: record.developerName,
        NamespacePrefix: null,
        Language: 'en_US'
    };
    for (const entry of record.xml.values) {
        const definition = type?.fields.get(entry.field.toLowerCase());
        const name = definition?.name ?? entry.field;
        const value = entry.value;
        if (value === undefined || (typeof value !== 'string' && value['@_nil'] === 'true')) {
            values[name] = null;
        } else if (typeof value === 'string') {
            values[name] = convertValue(value, undefined, definition);
        } else {
            values[name] = convertValue(value['#text'] ?? '', value['@_type'], definition);
        }
    }
    return { objectName: type?.name ?? record.typeName, values };
}
