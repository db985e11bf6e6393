import type { FieldEntry, PackageModel } from './model';
import {
    fieldOwnerOf,
    isCustomFieldName,
    STANDARD_OBJECTS,
    STANDARD_PICKLIST_VALUE_SETS
} from './standard-objects';

/**
 * True when `objectName` exists for a deploy of this package: a standard object the
 * product uses, a standard object whose folder the package extends, or a custom object
 * (`__c`, `__mdt`, ...) whose `.object-meta.xml` the package contains.
 */
export function objectExists(model: PackageModel, objectName: string): boolean {
    if (STANDARD_OBJECTS.has(objectName)) {
        return true;
    }
    const entry = model.objects.get(objectName);
    if (entry === undefined) {
        return false;
    }
    return entry.file !== undefined || !objectName.includes('__');
}

/** Returns the package's definition of a field, following Task and Event to Activity. */
export function findField(
    model: PackageModel,
    objectName: string,
    fieldName: string
): FieldEntry | undefined {
    return model.objects.get(fieldOwnerOf(objectName))?.fields.get(fieldName);
}

/** Result of looking up the values of a picklist field in the package. */
export type PicklistValues =
    /** The value names the package defines. */
    | { readonly kind: 'values'; readonly values: readonly string[] }
    /** A custom field the package does not define. */
    | { readonly kind: 'unknownField' }
    /** A field that exists but is not a picklist. */
    | { readonly kind: 'notPicklist'; readonly type: string }
    /** A standard field, a global value set or a malformed field file: values unknown. */
    | { readonly kind: 'unchecked' };

const PICKLIST_TYPES: ReadonlySet<string> = new Set(['Picklist', 'MultiselectPicklist']);

/** Looks up the picklist values of `objectName.fieldName` in the package. */
export function picklistValuesOf(
    model: PackageModel,
    objectName: string,
    fieldName: string
): PicklistValues {
    if (!isCustomFieldName(fieldName)) {
        return standardPicklistValues(model, objectName, fieldName);
    }
    const field = findField(model, objectName, fieldName);
    if (field === undefined) {
        return { kind: 'unknownField' };
    }
    if (field.unreadable === true) {
        return { kind: 'unchecked' };
    }
    const type = field.definition.type ?? '';
    if (!PICKLIST_TYPES.has(type)) {
        return { kind: 'notPicklist', type };
    }
    const valueSet = field.definition.valueSet;
    if (valueSet?.valueSetName !== undefined) {
        const globalSet = model.globalValueSets.get(valueSet.valueSetName);
        return globalSet === undefined
            ? { kind: 'unchecked' }
            : { kind: 'values', values: globalSet.definition };
    }
    const values = valueSet?.valueSetDefinition?.value.map((value) => value.fullName) ?? [];
    return { kind: 'values', values };
}

function standardPicklistValues(
    model: PackageModel,
    objectName: string,
    fieldName: string
): PicklistValues {
    const setName = STANDARD_PICKLIST_VALUE_SETS.get(`${objectName}.${fieldName}`);
    const valueSet = setName === undefined ? undefined : model.standardValueSets.get(setName);
    if (valueSet === undefined) {
        return { kind: 'unchecked' };
    }
    return { kind: 'values', values: valueSet.definition };
}

/**
 * Returns the problem message for `value` in a picklist field, or undefined when the
 * value exists or the package cannot tell. `where` names what uses the value.
 */
export function picklistValueMessage(
    model: PackageModel,
    objectName: string,
    fieldName: string,
    value: string,
    where: string
): string | undefined {
    const lookup = picklistValuesOf(model, objectName, fieldName);
    switch (lookup.kind) {
        case 'unknownField':
            return `${where} names ${objectName}.${fieldName}, which the package does not define`;
        case 'notPicklist':
            return `${where} uses ${objectName}.${fieldName} as a picklist, but it is a ${lookup.type} field`;
        case 'values':
            return lookup.values.includes(value)
                ? undefined
                : `unknown picklist reference: ${where} names value "${value}" of ${objectName}.${fieldName}, which has no such value (values: ${lookup.values.join(', ')})`;
        case 'unchecked':
            return undefined;
    }
}
