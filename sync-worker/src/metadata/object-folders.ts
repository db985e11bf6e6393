import type { FieldEntry, ObjectChild, PackageModel } from './model';
import { lineOf } from './source-file';
import { STANDARD_OBJECTS } from './standard-objects';
import type { MetadataProblem } from './types';

/**
 * Checks the objects that fields, validation rules and list views belong to. Every
 * `objects/<X>/` folder with such files names a custom object the package defines or a
 * standard object. No two fields of an object differ only in case, and no two lookups to
 * one parent share a relationship name.
 */
export function checkObjectFolders(model: PackageModel): MetadataProblem[] {
    return [
        ...checkUndefinedObjects(model),
        ...checkFieldNameCase(model),
        ...checkRelationshipNames(model)
    ];
}

function checkUndefinedObjects(model: PackageModel): MetadataProblem[] {
    const children: ObjectChild<unknown>[] = [
        ...[...model.objects.values()].flatMap((object) => [...object.fields.values()]),
        ...model.validationRules,
        ...model.listViews
    ];
    return children
        .filter((child) => !isDefinedObject(model, child.objectName))
        .map((child) => ({
            file: child.file.path,
            check: 'reference',
            message: `object ${child.objectName} is not defined in the package and is not a standard object`
        }));
}

function isDefinedObject(model: PackageModel, objectName: string): boolean {
    return STANDARD_OBJECTS.has(objectName) || model.objects.get(objectName)?.file !== undefined;
}

/**
 * Reports the later of two fields whose API names differ only in case, because
 * Salesforce compares API names without case.
 */
function checkFieldNameCase(model: PackageModel): MetadataProblem[] {
    const problems: MetadataProblem[] = [];
    for (const object of model.objects.values()) {
        const seen = new Map<string, FieldEntry>();
        for (const field of sortedByPath(object.fields.values())) {
            const key = field.name.toLowerCase();
            const first = seen.get(key);
            if (first === undefined) {
                seen.set(key, field);
                continue;
            }
            problems.push({
                file: field.file.path,
                line: lineOf(field.file.text, '<fullName>'),
                check: 'field',
                message: `${object.name}.${field.name}: field name differs from ${object.name}.${first.name} only in case, and Salesforce treats the two as one field. Rename or remove one of them.`
            });
        }
    }
    return problems;
}

const RELATIONSHIP_TYPES: ReadonlySet<string> = new Set(['Lookup', 'MasterDetail']);

/**
 * Reports the later of two lookup or master-detail fields that point to one parent with
 * the same relationship name. The parent lists its child relationships by that name, so
 * Salesforce requires it to be unique per parent object, compared without case.
 */
function checkRelationshipNames(model: PackageModel): MetadataProblem[] {
    const fields = [...model.objects.values()].flatMap((object) => [...object.fields.values()]);
    const seen = new Map<string, FieldEntry>();
    const problems: MetadataProblem[] = [];
    for (const field of sortedByPath(fields)) {
        const { type, referenceTo, relationshipName } = field.definition;
        if (
            !RELATIONSHIP_TYPES.has(type ?? '') ||
            referenceTo === undefined ||
            relationshipName === undefined ||
            relationshipName === ''
        ) {
            continue;
        }
        const key = `${referenceTo.toLowerCase()}.${relationshipName.toLowerCase()}`;
        const first = seen.get(key);
        if (first === undefined) {
            seen.set(key, field);
            continue;
        }
        problems.push({
            file: field.file.path,
            line: lineOf(field.file.text, '<relationshipName>'),
            check: 'field',
            message: `${field.objectName}.${field.name}: relationship name "${relationshipName}" is already used by ${first.objectName}.${first.name} for a lookup to ${referenceTo}. Child relationship names must be unique per parent object, so choose another <relationshipName>.`
        });
    }
    return problems;
}

/** Sorts by path in code unit order, the order in which the package files are listed. */
function sortedByPath(fields: Iterable<FieldEntry>): FieldEntry[] {
    return [...fields].sort((a, b) => (a.file.path < b.file.path ? -1 : 1));
}
