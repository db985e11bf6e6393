import { basename, dirname, sep } from 'node:path';
import { registry, type MetadataType } from '@salesforce/source-deploy-retrieve';

/** Required location of a metadata file, by the kind of type it contains. */
export type Placement =
    /** `<dir>/<Name>.<suffix>-meta.xml`, e.g. `permissionsets/X.permissionset-meta.xml`. */
    | 'flat'
    /** Anywhere below `<dir>/`, e.g. reports in nested report folders. */
    | 'below'
    /** `<dir>/<Name>/<Name>.<suffix>-meta.xml`: a decomposed parent or a bundle. */
    | 'ownFolder'
    /** `<dir>/<Parent>/<childDir>/<Name>.<suffix>-meta.xml`, e.g. fields of an object. */
    | 'childFolder'
    /** `<dir>/<Parent>/<Name>.<suffix>-meta.xml`: children of a top-level decomposition. */
    | 'parentFolder';

/** Type and location rule of a `-meta.xml` file, from the source-deploy-retrieve registry. */
export interface MetadataFileKind {
    /** Type name, which is also the root element of the file, e.g. `CustomField`. */
    readonly typeName: string;
    /** Component name taken from the file name, e.g. `Lead_Source__c` or `Tier.Web`. */
    readonly name: string;
    /** The suffix before `-meta.xml`, e.g. `field`. */
    readonly suffix: string;
    readonly placement: Placement;
    /** Folder the type lives in: `fields` for fields, `objects` for objects. */
    readonly directoryName: string;
    /** For child types, the parent's folder, e.g. `objects`. */
    readonly parentDirectoryName?: string;
    /** For child types, the parent type, e.g. `CustomObject`. */
    readonly parentTypeName?: string;
}

const META_SUFFIX = '-meta.xml';

/** Child suffixes of decomposed parents, which are files of their own in source format. */
const childKinds = buildChildKinds();

function buildChildKinds(): Map<string, { parent: MetadataType; child: MetadataType }> {
    const kinds = new Map<string, { parent: MetadataType; child: MetadataType }>();
    for (const parent of Object.values(registry.types)) {
        if (parent.strategies?.adapter !== 'decomposed' || parent.children === undefined) {
            continue;
        }
        for (const [suffix, childId] of Object.entries(parent.children.suffixes)) {
            const child = parent.children.types[childId];
            if (child !== undefined) {
                kinds.set(suffix, { parent, child });
            }
        }
    }
    return kinds;
}

/** Splits `Name.suffix-meta.xml` into name and suffix; undefined for other file names. */
export function splitMetaFileName(path: string): { name: string; suffix: string } | undefined {
    const fileName = basename(path);
    if (!fileName.endsWith(META_SUFFIX)) {
        return undefined;
    }
    const stem = fileName.slice(0, -META_SUFFIX.length);
    const dot = stem.lastIndexOf('.');
    if (dot <= 0) {
        return undefined;
    }
    return { name: stem.slice(0, dot), suffix: stem.slice(dot + 1) };
}

/**
 * Classifies a `-meta.xml` file by its suffix, or, for bundle files such as
 * `lwc/x/x.js-meta.xml` whose suffix names no type, by the bundle folder it is in.
 * Returns undefined when the registry has neither.
 */
export function classifyMetaFile(path: string): MetadataFileKind | undefined {
    const parts = splitMetaFileName(path);
    if (parts === undefined) {
        return undefined;
    }
    const { name, suffix } = parts;
    const child = childKinds.get(suffix);
    const topLevelId = registry.suffixes[suffix];
    const topLevel = topLevelId === undefined ? undefined : registry.types[topLevelId];
    if (topLevel !== undefined) {
        return {
            typeName: topLevel.name,
            name,
            suffix,
            placement: placementOf(topLevel),
            directoryName: topLevel.directoryName
        };
    }
    if (child !== undefined) {
        return {
            typeName: child.child.name,
            name,
            suffix,
            placement:
                child.parent.strategies?.decomposition === 'folderPerType'
                    ? 'childFolder'
                    : 'parentFolder',
            directoryName: child.child.directoryName,
            parentDirectoryName: child.parent.directoryName,
            parentTypeName: child.parent.name
        };
    }
    const bundle = enclosingBundleType(path);
    if (bundle !== undefined) {
        return {
            typeName: bundle.name,
            name,
            suffix,
            placement: 'ownFolder',
            directoryName: bundle.directoryName
        };
    }
    return undefined;
}

function placementOf(type: MetadataType): Placement {
    const adapter = type.strategies?.adapter;
    // Types kept in folders (reports, documents) and their folder types sit at any depth.
    if (
        type.folderType !== undefined ||
        type.folderContentType !== undefined ||
        adapter === 'mixedContent'
    ) {
        return 'below';
    }
    if (adapter === 'decomposed' || adapter === 'bundle') {
        return 'ownFolder';
    }
    return 'flat';
}

/** Finds the bundle type (`lwc`, `aura`, ...) whose strict folder contains the file. */
function enclosingBundleType(path: string): MetadataType | undefined {
    const folders = dirname(path).split(sep);
    for (let index = folders.length - 1; index >= 0; index -= 1) {
        const typeId = registry.strictDirectoryNames[folders[index] ?? ''];
        const type = typeId === undefined ? undefined : registry.types[typeId];
        if (type?.strategies?.adapter === 'bundle') {
            return type;
        }
    }
    return undefined;
}
