/**
 * The Ids earlier imports gave each source record, kept next to the local org's
 * database, so that a second run of the same import loads nothing twice. Rows of a
 * Salesforce export keep their own Id. Records without one (the CRM pipeline's users,
 * accounts and deals, export rows without an Id column) get a new Id, and only this map
 * ties it to its source.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { isSalesforceError, type OrgStore } from '../../sync-worker/src/local-org/store';

/** File name of the map inside the local org's data folder. */
export const ID_MAP_FILE = 'import-ids.json';

const idMapFileSchema = z.object({
    version: z.literal(1),
    ids: z.record(z.string(), z.string())
});

/** Maps of in-memory stores, which have no folder to keep one in. */
const MEMORY_MAPS = new WeakMap<OrgStore, IdMap>();

/** Source keys (an export's record Id, or `crm-pipeline/User/<name>`) to local Ids. */
export class IdMap {
    private readonly ids: Map<string, string>;

    private constructor(
        private readonly file: string | null,
        entries: Record<string, string>
    ) {
        this.ids = new Map(Object.entries(entries));
    }

    /**
     * Reads the map of a data folder, or starts an empty one. With no folder (an
     * in-memory store) the map lives as long as the store, in memory. Throws when the
     * file exists but is not a map.
     */
    public static open(dataDir: string | null, store: OrgStore): IdMap {
        if (dataDir === null) {
            let map = MEMORY_MAPS.get(store);
            if (map === undefined) {
                map = new IdMap(null, {});
                MEMORY_MAPS.set(store, map);
            }
            return map;
        }
        const file = join(dataDir, ID_MAP_FILE);
        if (!existsSync(file)) {
            return new IdMap(file, {});
        }
        const parsed = idMapFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
        if (!parsed.success) {
            throw new Error(
                `${file} is not an import Id map (${parsed.error.issues[0]?.message ?? 'invalid'}); move it away to import from scratch.`
            );
        }
        return new IdMap(file, parsed.data.ids);
    }

    public get size(): number {
        return this.ids.size;
    }

    public get(key: string): string | undefined {
        return this.ids.get(key);
    }

    public set(key: string, id: string): void {
        this.ids.set(key, id);
    }

    /**
     * Returns the local Id of `key` when that record still exists in the store. When the
     * record is gone (a reset org, a deleted record), removes the key so the row loads again.
     */
    public live(store: OrgStore, objectName: string, key: string): string | undefined {
        const id = this.ids.get(key);
        if (id === undefined) {
            return undefined;
        }
        try {
            store.retrieve(objectName, id, ['Id']);
            return id;
        } catch (error) {
            if (isSalesforceError(error, 'NOT_FOUND') || isSalesforceError(error, 'MALFORMED_ID')) {
                this.ids.delete(key);
                return undefined;
            }
            throw error;
        }
    }

    /** Writes the map (through a temporary file, so a crash never leaves half a map). */
    public save(): void {
        if (this.file === null) {
            return;
        }
        mkdirSync(dirname(this.file), { recursive: true });
        const temporary = `${this.file}.tmp`;
        const body = { version: 1, ids: Object.fromEntries(this.ids) };
        writeFileSync(temporary, `${JSON.stringify(body, null, 1)}\n`);
        renameSync(temporary, this.file);
    }
}
