/**
 * Conversion of force-app field metadata (`CustomField`) into describe-style field
 * definitions: Metadata API type names become REST describe types.
 */
import { field, readOnly, type FieldOptions } from './field-builders';
import type { CustomFieldXml } from './metadata-xml';
import type { FieldDefinition, FieldType, PicklistValue } from './types';

/** Describe type and fixed sizes of each Metadata API field type. */
const TYPE_MAP: Record<string, { type: FieldType; length?: number }> = {
    Text: { type: 'string' },
    TextArea: { type: 'textarea', length: 255 },
    LongTextArea: { type: 'textarea' },
    Html: { type: 'textarea' },
    Email: { type: 'email', length: 80 },
    Phone: { type: 'phone', length: 40 },
    Url: { type: 'url', length: 255 },
    Number: { type: 'double' },
    Currency: { type: 'currency' },
    Percent: { type: 'percent' },
    Checkbox: { type: 'boolean' },
    Date: { type: 'date' },
    DateTime: { type: 'datetime' },
    Time: { type: 'time' },
    Picklist: { type: 'picklist', length: 255 },
    // Salesforce reports multi-select picklists as 4,099 characters long.
    MultiselectPicklist: { type: 'multipicklist', length: 4099 },
    Lookup: { type: 'reference', length: 18 },
    MasterDetail: { type: 'reference', length: 18 },
    MetadataRelationship: { type: 'string', length: 255 },
    AutoNumber: { type: 'string', length: 30 },
    Summary: { type: 'double' }
};

/** Global value sets by name, for picklists that reference one through `valueSetName`. */
export type GlobalValueSets = Map<string, PicklistValue[]>;

/** Reads a default value formula when it is a plain literal (`"Open"`, `42`, `true`). */
function literalDefault(
    formula: string | undefined,
    type: FieldType
): string | number | boolean | undefined {
    if (formula === undefined) {
        return undefined;
    }
    const trimmed = formula.trim();
    if (type === 'boolean') {
        return trimmed.toLowerCase() === 'true';
    }
    const quoted = /^"(.*)"$/s.exec(trimmed) ?? /^'(.*)'$/s.exec(trimmed);
    if (quoted?.[1] !== undefined) {
        return quoted[1];
    }
    const asNumber = Number(trimmed);
    // NOTE: default formulas with functions (TODAY(), $User.Id) are not evaluated.
    return trimmed !== '' && Number.isFinite(asNumber) ? asNumber : undefined;
}

function picklistEntries(
    xml: CustomFieldXml,
    globalValueSets: GlobalValueSets
): PicklistValue[] | undefined {
    const valueSet = xml.valueSet;
    if (valueSet === undefined) {
        return undefined;
    }
    if (valueSet.valueSetName !== undefined) {
        return globalValueSets.get(valueSet.valueSetName) ?? [];
    }
    return (valueSet.valueSetDefinition?.value ?? []).map((entry) => ({
        value: entry.fullName,
        label: entry.label ?? entry.fullName,
        active: entry.isActive ?? true,
        defaultValue: entry.default ?? false
    }));
}

function referenceOptions(xml: CustomFieldXml, metadataType: string): FieldOptions {
    if (metadataType !== 'Lookup' && metadataType !== 'MasterDetail') {
        return {};
    }
    const isMasterDetail = metadataType === 'MasterDetail';
    const relationshipBase = xml.relationshipName ?? xml.fullName.replace(/__c$/, '');
    return {
        referenceTo: xml.referenceTo === undefined ? [] : [xml.referenceTo],
        relationshipName: xml.fullName.replace(/__c$/, '__r'),
        childRelationshipName: `${relationshipBase}__r`,
        cascadeDelete: isMasterDetail,
        indexed: true,
        ...(isMasterDetail
            ? { required: true, updateable: xml.reparentableMasterDetail ?? false }
            : {})
    };
}

/**
 * Converts one custom field. Formula and roll-up summary fields become read-only
 * calculated fields whose value the local org leaves null.
 */
export function toFieldDefinition(
    xml: CustomFieldXml,
    globalValueSets: GlobalValueSets
): FieldDefinition {
    const metadataType = xml.type ?? 'Text';
    const mapped = TYPE_MAP[metadataType] ?? { type: 'string' as const, length: 255 };
    const picklistValues = picklistEntries(xml, globalValueSets);
    const defaultEntry = picklistValues?.find((entry) => entry.defaultValue);
    const defaultValue = literalDefault(xml.defaultValue, mapped.type) ?? defaultEntry?.value;
    const options: FieldOptions = {
        label: xml.label ?? xml.fullName,
        required: xml.required ?? false,
        unique: xml.unique ?? false,
        externalId: xml.externalId ?? false,
        caseSensitive: xml.caseSensitive ?? false,
        restrictedPicklist: xml.valueSet?.restricted ?? false,
        indexed: (xml.externalId ?? false) || (xml.unique ?? false),
        ...(xml.length !== undefined || mapped.length !== undefined
            ? { length: xml.length ?? mapped.length }
            : {}),
        ...(xml.precision === undefined ? {} : { precision: xml.precision }),
        ...(xml.scale === undefined ? {} : { scale: xml.scale }),
        ...(picklistValues === undefined ? {} : { picklistValues }),
        ...(defaultValue === undefined ? {} : { defaultValue }),
        ...(xml.description === undefined ? {} : { description: xml.description }),
        ...referenceOptions(xml, metadataType)
    };
    if (mapped.type === 'boolean') {
        options.defaultValue = defaultValue ?? false;
    }
    const definition = field(xml.fullName, mapped.type, options);
    if (metadataType === 'AutoNumber') {
        return {
            ...readOnly(definition),
            autoNumber: true,
            derived: 'auto-number',
            ...(xml.displayFormat === undefined ? {} : { autoNumberFormat: xml.displayFormat })
        };
    }
    if (xml.formula !== undefined || metadataType === 'Summary') {
        return { ...readOnly(definition), calculated: true, required: false, nillable: true };
    }
    return definition;
}
