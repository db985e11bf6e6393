import { cp, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The made-up project the metadata tests copy and break: a widget object and friends. */
const FIXTURE_PROJECT = join(__dirname, 'fixtures', 'widget-project');

/** A private copy of the fixture project, so a test can break files without side effects. */
export interface FixtureCopy {
    /** The package folder to validate (`<copy>/widget-app`). */
    readonly packageFolder: string;
    /** Absolute path of a file given relative to `main/default/`. */
    path(relativePath: string): string;
    /** Replaces the first `search` in a file; fails when the file does not contain it. */
    replaceIn(relativePath: string, search: string, replacement: string): Promise<void>;
    /** Moves a file to another path below `main/default/`. */
    move(fromPath: string, toPath: string): Promise<void>;
    /** Writes a new file below `main/default/`. */
    write(relativePath: string, content: string): Promise<void>;
    /** Copies a file to another path below `main/default/`, replacing `search` in it when given. */
    copy(fromPath: string, toPath: string, search?: string, replacement?: string): Promise<void>;
    remove(): Promise<void>;
}

/** Copies the fixture project to a fresh temporary folder. */
export async function copyFixture(): Promise<FixtureCopy> {
    const root = await mkdtemp(join(tmpdir(), 'lead-sla-metadata-test-'));
    await cp(FIXTURE_PROJECT, root, { recursive: true });
    const packageFolder = join(root, 'widget-app');
    const path = (relativePath: string): string =>
        join(packageFolder, 'main', 'default', relativePath);
    return {
        packageFolder,
        path,
        async replaceIn(relativePath, search, replacement) {
            const text = await readFile(path(relativePath), 'utf8');
            if (!text.includes(search)) {
                throw new Error(
                    `Fixture file ${relativePath} does not contain ${JSON.stringify(search)}`
                );
            }
            await writeFile(path(relativePath), text.replace(search, replacement));
        },
        async move(fromPath, toPath) {
            await mkdir(dirname(path(toPath)), { recursive: true });
            await rename(path(fromPath), path(toPath));
        },
        async write(relativePath, content) {
            await mkdir(dirname(path(relativePath)), { recursive: true });
            await writeFile(path(relativePath), content);
        },
        async copy(fromPath, toPath, search, replacement) {
            const text = await readFile(path(fromPath), 'utf8');
            if (search !== undefined && !text.includes(search)) {
                throw new Error(
                    `Fixture file ${fromPath} does not contain ${JSON.stringify(search)}`
                );
            }
            await mkdir(dirname(path(toPath)), { recursive: true });
            const copied = search === undefined ? text : text.replace(search, replacement ?? '');
            await writeFile(path(toPath), copied);
        },
        remove: () => rm(root, { recursive: true, force: true })
    };
}
