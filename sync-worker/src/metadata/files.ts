import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ForceIgnore } from '@salesforce/source-deploy-retrieve';
import { MetadataFolderError } from './types';

/**
 * Lists every file below a package folder that `.forceignore` does not exclude, as
 * absolute sorted paths. The `.forceignore` is found the way source-deploy-retrieve
 * finds it: the nearest one at or above the folder.
 */
export async function listPackageFiles(folder: string): Promise<string[]> {
    await assertDirectory(folder);
    const forceIgnore = ForceIgnore.findAndCreate(folder);
    const entries = await readdir(folder, { recursive: true, withFileTypes: true });
    return entries
        .filter((entry) => entry.isFile())
        .map((entry) => join(entry.parentPath, entry.name))
        .filter((path) => forceIgnore.accepts(path))
        .sort();
}

async function assertDirectory(folder: string): Promise<void> {
    try {
        const info = await stat(folder);
        if (!info.isDirectory()) {
            throw new MetadataFolderError(folder);
        }
    } catch (error) {
        if (error instanceof MetadataFolderError) {
            throw error;
        }
        throw new MetadataFolderError(folder, { cause: error });
    }
}

/** True for files the validator parses as XML: `*-meta.xml` and any other `*.xml`. */
export function isXmlFile(path: string): boolean {
    return path.endsWith('.xml');
}
