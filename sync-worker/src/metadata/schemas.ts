import { z } from 'zod';

/*
 * Shapes of the metadata files the reference checks read, as fast-xml-parser returns
 * them with `parseTagValue: false`: element text is a string, attributes are `@_` keys.
 * Only the elements the checks use are declared; the rest pass through unchecked.
 */

/** Wraps a single parsed element in an array, as XML has no way to mark one-item lists. */
function asArray(value: unknown): unknown[] {
    if (value === undefined || value === '') {
        return [];
    }
    return Array.isArray(value) ? value : [value];
}

/** Declares a repeated element, which may be absent, once, or many times. */
function list<T extends z.ZodType>(item: T) {
    return z.preprocess(asArray, z.array(item));
}

const text = z.string().optional();

const picklistValueSchema = z.looseObject({ fullName: z.string() });

export const customFieldSchema = z.looseObject({
    fullName: text,
    type: text,
    description: text,
    required: text,
    formula: text,
    defaultValue: text,
    length: text,
    visibleLines: text,
    precision: text,
    scale: text,
    referenceTo: text,
    relationshipName: text,
    valueSet: z
        .looseObject({
            valueSetName: text,
            valueSetDefinition: z.looseObject({ value: list(picklistValueSchema) }).optional()
        })
        .optional()
});
export type CustomFieldDefinition = z.infer<typeof customFieldSchema>;

export const validationRuleSchema = z.looseObject({
    errorConditionFormula: text,
    errorDisplayField: text
});

/** `<value xsi:type="xsd:string">x</value>`, `<value xsi:nil="true"/>` or plain text. */
const recordValueSchema = z.union([
    z.string(),
    z.looseObject({ '#text': text, '@_xsi:nil': text, '@_xsi:type': text })
]);

export const customMetadataRecordSchema = z.looseObject({
    label: text,
    values: list(z.looseObject({ field: z.string(), value: recordValueSchema.optional() }))
});
export type CustomMetadataValue = z.infer<typeof customMetadataRecordSchema>['values'][number];

export const permissionSetSchema = z.looseObject({
    fieldPermissions: list(z.looseObject({ field: z.string(), editable: text, readable: text })),
    objectPermissions: list(z.looseObject({ object: z.string() })),
    tabSettings: list(z.looseObject({ tab: z.string() })),
    customMetadataTypeAccesses: list(z.looseObject({ name: z.string() }))
});
export type PermissionSetDefinition = z.infer<typeof permissionSetSchema>;

export const customTabSchema = z.looseObject({ customObject: text });

export const listViewSchema = z.looseObject({
    columns: list(z.string()),
    filters: list(z.looseObject({ field: z.string(), operation: text, value: text }))
});

export const queueSchema = z.looseObject({
    queueSobject: list(z.looseObject({ sobjectType: z.string() }))
});

export const standardValueSetSchema = z.looseObject({ standardValue: list(picklistValueSchema) });

export const globalValueSetSchema = z.looseObject({ customValue: list(picklistValueSchema) });

export const customLabelsSchema = z.looseObject({
    labels: list(z.looseObject({ fullName: text }))
});
