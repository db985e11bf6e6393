/**
 * Checks that API names used in code exist in the org schema: the keys of the worker's
 * record schemas, and the `@salesforce/schema` imports of Lightning Web Components.
 * A misspelt name otherwise fails only at run time in a real org.
 */
import type { ObjectDefinition, OrgSchema } from './types';

/** A name that does not resolve, with the reason. */
export interface NameProblem {
    /** The name as written, such as `Lead.Intent_Score__c` or `Opportunity.Account.Name`. */
    name: string;
    reason: string;
    /** File that uses the name, when it comes from a file. */
    file?: string;
}

function findObject(schema: OrgSchema, objectName: string): ObjectDefinition | undefined {
    return schema.objects.get(objectName.toLowerCase());
}

/**
 * Resolves a dotted path from an object (`Owner.Manager.Email`), following parent
 * relationships, and returns why it fails, or null when every part exists. A polymorphic
 * relationship resolves when the next part exists on any of its target objects.
 */
export function explainFieldPath(
    schema: OrgSchema,
    objectName: string,
    path: readonly string[]
): string | null {
    const object = findObject(schema, objectName);
    if (!object) {
        return `object ${objectName} does not exist`;
    }
    const [head, ...rest] = path;
    if (head === undefined) {
        return null;
    }
    if (rest.length === 0) {
        return object.fields.has(head.toLowerCase())
            ? null
            : `field ${head} does not exist on ${object.name}`;
    }
    const reference = [...object.fields.values()].find(
        (field) => field.relationshipName?.toLowerCase() === head.toLowerCase()
    );
    if (!reference?.referenceTo?.length) {
        return `relationship ${head} does not exist on ${object.name}`;
    }
    const failures = reference.referenceTo.map((target) => explainFieldPath(schema, target, rest));
    return failures.some((failure) => failure === null) ? null : (failures[0] ?? null);
}

/**
 * Checks every key of every record schema against the object of the same name.
 * `schemas` maps an object API name to a zod object (anything with a `shape`).
 */
export function checkRecordSchemaNames(
    schema: OrgSchema,
    schemas: Readonly<Record<string, { shape: Record<string, unknown> }>>
): NameProblem[] {
    const problems: NameProblem[] = [];
    for (const [objectName, recordSchema] of Object.entries(schemas)) {
        for (const fieldName of Object.keys(recordSchema.shape)) {
            const reason = explainFieldPath(schema, objectName, [fieldName]);
            if (reason) {
                problems.push({ name: `${objectName}.${fieldName}`, reason });
            }
        }
    }
    return problems;
}

const SCHEMA_IMPORT = /from\s+['"]@salesforce\/schema\/([^'"]+)['"]/g;

/** Returns the names a component imports from `@salesforce/schema`, such as `Lead.Name`. */
export function findSchemaImports(source: string): string[] {
    return [...source.matchAll(SCHEMA_IMPORT)].map((match) => match[1] ?? '');
}

/** Checks one `@salesforce/schema` name: an object, or an object and a field path. */
export function explainSchemaImport(schema: OrgSchema, name: string): string | null {
    const [objectName, ...path] = name.split('.');
    if (!objectName) {
        return 'the import names no object';
    }
    return explainFieldPath(schema, objectName, path);
}
