/**
 * Object and field descriptions of the org (REST `describe`), read once per object and
 * kept for the life of the preview server. The adapter needs them to tell fields from
 * relationships, to write literals of the right SOQL type and to label picklist values.
 */
import type { Connection } from 'jsforce';
import { z } from 'zod';

const picklistEntrySchema = z.object({
    value: z.string(),
    label: z.string().nullable(),
    active: z.boolean().optional()
});

const fieldSchema = z.object({
    name: z.string(),
    label: z.string(),
    type: z.string(),
    relationshipName: z.string().nullable().optional(),
    referenceTo: z.array(z.string()).nullable().optional(),
    picklistValues: z.array(picklistEntrySchema).nullable().optional(),
    nameField: z.boolean().optional()
});

const objectSchema = z.object({
    name: z.string(),
    label: z.string(),
    keyPrefix: z.string().nullable().optional(),
    fields: z.array(fieldSchema)
});

export type FieldInfo = z.infer<typeof fieldSchema>;

/** The parts of one object's description that the preview reads. */
export interface ObjectInfo {
    readonly name: string;
    readonly label: string;
    readonly keyPrefix: string | null;
    /** Fields by API name, matched without regard to case as SOQL does. */
    field(name: string): FieldInfo | undefined;
    /** The lookup or master-detail field whose relationship is `name` (`Owner`, `Account__r`). */
    relationship(name: string): FieldInfo | undefined;
    readonly fields: readonly FieldInfo[];
}

function toObjectInfo(raw: z.infer<typeof objectSchema>): ObjectInfo {
    const byName = new Map(raw.fields.map((field) => [field.name.toLowerCase(), field]));
    const byRelationship = new Map(
        raw.fields
            .filter((field) => typeof field.relationshipName === 'string')
            .map((field) => [String(field.relationshipName).toLowerCase(), field])
    );
    return {
        name: raw.name,
        label: raw.label,
        keyPrefix: raw.keyPrefix ?? null,
        fields: raw.fields,
        field: (name) => byName.get(name.toLowerCase()),
        relationship: (name) => byRelationship.get(name.toLowerCase())
    };
}

/** Source of object descriptions: the cache below, or a fixed set in tests. */
export interface ObjectInfoSource {
    get(objectName: string): Promise<ObjectInfo>;
}

/** Returns an `ObjectInfo` for a description in the REST `describe` shape. */
export function objectInfoOf(described: unknown): ObjectInfo {
    return toObjectInfo(objectSchema.parse(described));
}

/** An object the org does not have, or whose description could not be read. */
export class ObjectInfoError extends Error {
    override readonly name = 'ObjectInfoError';
    readonly code = 'PREVIEW_OBJECT_UNKNOWN';
}

/** Caches object descriptions read through a jsforce connection. */
export class ObjectInfoCache implements ObjectInfoSource {
    private readonly pending = new Map<string, Promise<ObjectInfo>>();

    constructor(private readonly conn: Connection) {}

    /** Returns the description of `objectName`; a failed read is not cached. */
    get(objectName: string): Promise<ObjectInfo> {
        const key = objectName.toLowerCase();
        let info = this.pending.get(key);
        if (info === undefined) {
            info = this.read(objectName);
            this.pending.set(key, info);
            void info.catch(() => this.pending.delete(key));
        }
        return info;
    }

    private async read(objectName: string): Promise<ObjectInfo> {
        if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(objectName)) {
            throw new ObjectInfoError(`${JSON.stringify(objectName)} is not an object API name.`);
        }
        let described: unknown;
        try {
            described = await this.conn.describe(objectName);
        } catch (error) {
            const reason = error instanceof Error ? error.message : String(error);
            throw new ObjectInfoError(`The object ${objectName} cannot be described: ${reason}`, {
                cause: error
            });
        }
        const parsed = objectSchema.safeParse(described);
        if (!parsed.success) {
            throw new ObjectInfoError(
                `The description of ${objectName} has an unexpected shape: ${parsed.error.message}`
            );
        }
        return toObjectInfo(parsed.data);
    }
}
