import { XMLParser } from 'fast-xml-parser';
import { RegistryAccess, type SourceComponent } from '@salesforce/source-deploy-retrieve';
import { z } from 'zod';

/** Members per metadata type name. */
export type TypeMembers = ReadonlyMap<string, ReadonlySet<string>>;

/** Wraps a single parsed element in an array, as XML has no way to mark one-item lists. */
function asArray(value: unknown): unknown[] {
    if (value === undefined || value === '') {
        return [];
    }
    return Array.isArray(value) ? value : [value];
}

const typesEntrySchema = z.object({
    name: z.string(),
    members: z.preprocess(asArray, z.array(z.string()))
});

const manifestSchema = z.object({
    Package: z.object({
        types: z.preprocess(asArray, z.array(typesEntrySchema))
    })
});

const parser = new XMLParser({ parseTagValue: false, ignoreDeclaration: true, trimValues: true });

/** Reads the types and members a package.xml lists. */
export function readManifestTypes(packageXml: string): TypeMembers {
    const manifest = manifestSchema.parse(parser.parse(packageXml));
    const listed = new Map<string, Set<string>>();
    for (const entry of manifest.Package.types) {
        const members = listed.get(entry.name) ?? new Set<string>();
        entry.members.forEach((member) => members.add(member));
        listed.set(entry.name, members);
    }
    return listed;
}

/**
 * Collects the types and members present in the source: every resolved component and
 * every child it decomposes into. The children of an object are its fields, list views
 * and validation rules, and the children of a labels file are its labels.
 */
export function collectSourceTypes(components: Iterable<SourceComponent>): TypeMembers {
    const present = new Map<string, Set<string>>();
    const add = (component: SourceComponent): void => {
        const { typeName, member } = manifestEntryOf(component);
        const members = present.get(typeName) ?? new Set<string>();
        members.add(member);
        present.set(typeName, members);
        component.getChildren().forEach(add);
    };
    for (const component of components) {
        add(component);
    }
    return present;
}

/**
 * Returns the package.xml type and member of a component. A folder of reports,
 * dashboards, documents or email templates is listed under the type of its content, as
 * `Folder/`, which is how the Metadata API names folders in a manifest.
 */
function manifestEntryOf(component: SourceComponent): { typeName: string; member: string } {
    const contentTypeId = component.type.folderContentType;
    if (contentTypeId === undefined) {
        return { typeName: component.type.name, member: component.fullName };
    }
    const contentType = new RegistryAccess().getTypeByName(contentTypeId);
    return { typeName: contentType.name, member: `${component.fullName}/` };
}

/** A type or a member the source has but the package.xml does not list. */
export interface ManifestGap {
    readonly typeName: string;
    /** Undefined when the whole type is missing. */
    readonly member?: string;
}

/** Returns what the source has that the manifest leaves out, types first. */
export function findManifestGaps(present: TypeMembers, listed: TypeMembers): ManifestGap[] {
    const gaps: ManifestGap[] = [];
    for (const [typeName, members] of [...present].sort(([a], [b]) => a.localeCompare(b))) {
        const listedMembers = listed.get(typeName);
        if (listedMembers === undefined) {
            gaps.push({ typeName });
            continue;
        }
        const wildcard = listedMembers.has('*');
        for (const member of [...members].sort()) {
            if (!wildcard && !listedMembers.has(member)) {
                gaps.push({ typeName, member });
            }
        }
    }
    return gaps;
}
