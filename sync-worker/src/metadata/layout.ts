import { dirname, relative, sep } from 'node:path';
import { classifyMetaFile, splitMetaFileName, type MetadataFileKind } from './file-kinds';
import { lineOf, type SourceFile } from './source-file';
import type { MetadataProblem } from './types';

/**
 * Checks where a `-meta.xml` file sits and that its content matches its name. The
 * suffix must name a known type, and the file must be in the folder that type requires.
 * The root element must be that type, and `<fullName>`, where present, the file name.
 */
export function checkLayout(packageFolder: string, file: SourceFile): MetadataProblem[] {
    const parts = splitMetaFileName(file.path);
    if (parts === undefined) {
        return [];
    }
    const kind = classifyMetaFile(file.path);
    if (kind === undefined) {
        const message = `unknown metadata suffix ".${parts.suffix}-meta.xml": no metadata type uses it; rename or remove the file`;
        return [{ file: file.path, check: 'layout', message }];
    }
    return [
        ...checkPlacement(packageFolder, file.path, kind),
        ...checkRootElement(file, kind),
        ...checkFullName(file, kind)
    ];
}

function checkPlacement(
    packageFolder: string,
    path: string,
    kind: MetadataFileKind
): MetadataProblem[] {
    const folders = relative(packageFolder, dirname(path)).split(sep);
    if (isPlacedCorrectly(folders, kind)) {
        return [];
    }
    const actual = `${folders.join('/')}/`;
    const message = `${kind.typeName} files belong in ${expectedLocation(kind)}, but this one is in ${actual}`;
    return [{ file: path, check: 'layout', message }];
}

function isPlacedCorrectly(folders: readonly string[], kind: MetadataFileKind): boolean {
    switch (kind.placement) {
        case 'flat':
            return folders.at(-1) === kind.directoryName;
        case 'below':
            return folders.includes(kind.directoryName);
        case 'ownFolder':
            return folders.at(-1) === kind.name && folders.at(-2) === kind.directoryName;
        case 'childFolder':
            return (
                folders.at(-1) === kind.directoryName && folders.at(-3) === kind.parentDirectoryName
            );
        case 'parentFolder':
            return folders.at(-2) === kind.parentDirectoryName;
    }
}

function expectedLocation(kind: MetadataFileKind): string {
    switch (kind.placement) {
        case 'flat':
            return `${kind.directoryName}/`;
        case 'below':
            return `a folder below ${kind.directoryName}/`;
        case 'ownFolder':
            return `${kind.directoryName}/${kind.name}/`;
        case 'childFolder':
            return `${kind.parentDirectoryName ?? ''}/<${kind.parentTypeName ?? ''}>/${kind.directoryName}/`;
        case 'parentFolder':
            return `${kind.parentDirectoryName ?? ''}/<${kind.parentTypeName ?? ''}>/`;
    }
}

function checkRootElement(file: SourceFile, kind: MetadataFileKind): MetadataProblem[] {
    if (file.rootName === undefined || file.rootName === kind.typeName) {
        return [];
    }
    const message = `root element <${file.rootName}> does not match the file suffix ".${kind.suffix}-meta.xml", which contains a ${kind.typeName}`;
    return [
        { file: file.path, line: lineOf(file.text, `<${file.rootName}`), check: 'layout', message }
    ];
}

function checkFullName(file: SourceFile, kind: MetadataFileKind): MetadataProblem[] {
    const fullName = file.root?.fullName;
    if (
        typeof fullName !== 'string' ||
        fullName === kind.name ||
        fullName === safeDecode(kind.name)
    ) {
        return [];
    }
    const message = `fullName "${fullName}" does not match the file name "${kind.name}"; rename the file or fix <fullName>`;
    return [{ file: file.path, line: lineOf(file.text, '<fullName>'), check: 'layout', message }];
}

/** File names encode characters such as `(` as `%28`; the fullName contains them unencoded. */
function safeDecode(name: string): string {
    try {
        return decodeURIComponent(name);
    } catch {
        // A lone `%` is not an escape; compare the name as it is.
        return name;
    }
}
