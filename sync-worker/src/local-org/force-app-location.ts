/**
 * Finds the force-app folder the local org reads its schema from. The default comes from
 * the project root, not the working folder, so a start from a subfolder still serves the
 * deployed custom objects.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { metadataRoot } from '../schema';

/** File that marks the root of an SFDX project. */
const PROJECT_FILE = 'sfdx-project.json';

/**
 * Returns the nearest folder at or above `start` that contains `sfdx-project.json`,
 * or undefined when no parent folder has one.
 */
export function findProjectRoot(start: string): string | undefined {
    let folder = resolve(start);
    for (;;) {
        if (existsSync(join(folder, PROJECT_FILE))) {
            return folder;
        }
        const parent = dirname(folder);
        if (parent === folder) {
            return undefined;
        }
        folder = parent;
    }
}

/** Returns `force-app` in the project root found from this module's own location. */
export function defaultForceAppDir(): string {
    const root = findProjectRoot(__dirname);
    if (root === undefined) {
        throw new Error(
            `No ${PROJECT_FILE} found above ${__dirname}; pass the force-app folder with --force-app.`
        );
    }
    return join(root, 'force-app');
}

/**
 * Returns the absolute force-app folder to read, the default when `forceAppDir` is absent.
 * Throws when the folder does not exist or has no custom objects, because an org without
 * them would silently serve the standard objects only.
 */
export function resolveForceAppDir(forceAppDir?: string): string {
    const folder = resolve(forceAppDir ?? defaultForceAppDir());
    if (!existsSync(folder) || !statSync(folder).isDirectory()) {
        throw new Error(`The force-app folder ${folder} does not exist.`);
    }
    const objectsDir = join(metadataRoot(folder), 'objects');
    const hasObjects =
        existsSync(objectsDir) &&
        readdirSync(objectsDir, { withFileTypes: true }).some((entry) => entry.isDirectory());
    if (!hasObjects) {
        throw new Error(
            `The force-app folder ${folder} has no objects: expected object folders in ${objectsDir}.`
        );
    }
    return folder;
}
