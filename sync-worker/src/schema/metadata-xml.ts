/**
 * Parsing of force-app metadata XML into checked plain objects. Values stay text (as
 * the Metadata API writes them) and zod checks the shape of each file type.
 */
import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { z } from 'zod';

/** Element paths that repeat, so the parser always returns arrays for them. */
const REPEATED_PATHS = [
    'CustomField.valueSet.valueSetDefinition.value',
    'GlobalValueSet.customValue',
    'StandardValueSet.standardValue',
    'CustomMetadata.values',
    'Queue.queueSobject'
];

const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    removeNSPrefix: true,
    isArray: (_name, jpath) => REPEATED_PATHS.includes(String(jpath))
});

const flag = z.enum(['true', 'false']).transform((value) => value === 'true');
const count = z.string().regex(/^\d+$/).transform(Number);

const picklistEntry = z.object({
    fullName: z.string(),
    label: z.string().optional(),
    default: flag.optional(),
    isActive: flag.optional()
});

export const customFieldXml = z.object({
    fullName: z.string(),
    label: z.string().optional(),
    type: z.string().optional(),
    description: z.string().optional(),
    length: count.optional(),
    precision: count.optional(),
    scale: count.optional(),
    required: flag.optional(),
    unique: flag.optional(),
    externalId: flag.optional(),
    caseSensitive: flag.optional(),
    defaultValue: z.string().optional(),
    formula: z.string().optional(),
    displayFormat: z.string().optional(),
    referenceTo: z.string().optional(),
    relationshipName: z.string().optional(),
    reparentableMasterDetail: flag.optional(),
    summaryOperation: z.string().optional(),
    valueSet: z
        .object({
            restricted: flag.optional(),
            valueSetName: z.string().optional(),
            valueSetDefinition: z.object({ value: z.array(picklistEntry).default([]) }).optional()
        })
        .optional()
});
export type CustomFieldXml = z.infer<typeof customFieldXml>;

export const customObjectXml = z.object({
    label: z.string().optional(),
    pluralLabel: z.string().optional(),
    description: z.string().optional(),
    enableActivities: flag.optional(),
    nameField: z
        .object({
            label: z.string().optional(),
            type: z.string(),
            displayFormat: z.string().optional()
        })
        .optional()
});
export type CustomObjectXml = z.infer<typeof customObjectXml>;

const standardValue = picklistEntry.extend({
    converted: flag.optional(),
    closed: flag.optional(),
    won: flag.optional(),
    reviewed: flag.optional(),
    probability: count.optional(),
    forecastCategory: z.string().optional()
});

export const standardValueSetXml = z.object({ standardValue: z.array(standardValue).default([]) });
export type StandardValueSetXml = z.infer<typeof standardValueSetXml>;

export const globalValueSetXml = z.object({ customValue: z.array(picklistEntry).default([]) });

const metadataValue = z.object({
    '#text': z.string().optional(),
    '@_type': z.string().optional(),
    '@_nil': z.string().optional()
});

export const customMetadataXml = z.object({
    label: z.string(),
    values: z
        .array(
            z.object({ field: z.string(), value: z.union([metadataValue, z.string()]).optional() })
        )
        .default([])
});
export type CustomMetadataXml = z.infer<typeof customMetadataXml>;

export const queueXml = z.object({
    name: z.string(),
    email: z.string().optional(),
    doesSendEmailToMembers: flag.optional(),
    queueSobject: z.array(z.object({ sobjectType: z.string() })).default([])
});
export type QueueXml = z.infer<typeof queueXml>;

export const notificationTypeXml = z.object({
    customNotifTypeName: z.string().optional(),
    masterLabel: z.string(),
    description: z.string().optional(),
    desktop: flag.optional(),
    mobile: flag.optional()
});
export type NotificationTypeXml = z.infer<typeof notificationTypeXml>;

/** Error of a metadata file that is not well-formed or does not have the expected shape. */
export class MetadataFileError extends Error {
    public readonly filePath: string;

    public constructor(filePath: string, reason: string) {
        super(`Invalid metadata file ${filePath}: ${reason}`);
        this.name = 'MetadataFileError';
        this.filePath = filePath;
    }
}

/**
 * Reads one metadata file and returns the content of its root element checked against
 * `schema`. Throws `MetadataFileError` naming the file when the XML or its shape is wrong.
 */
export function readMetadataFile<T>(
    filePath: string,
    rootElement: string,
    schema: z.ZodType<T>
): T {
    let document: unknown;
    try {
        document = parser.parse(readFileSync(filePath, 'utf8'), true);
    } catch (error) {
        throw new MetadataFileError(
            filePath,
            error instanceof Error ? error.message : String(error)
        );
    }
    const root = (document as Record<string, unknown>)[rootElement];
    if (root === undefined) {
        throw new MetadataFileError(filePath, `missing root element <${rootElement}>`);
    }
    const result = schema.safeParse(root === '' ? {} : root);
    if (!result.success) {
        throw new MetadataFileError(filePath, z.prettifyError(result.error));
    }
    return result.data;
}
