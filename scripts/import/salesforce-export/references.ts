/**
 * Lookups of an export: an export Id (15 or 18 characters) becomes the local Id of the
 * record it names. A lookup to a record later in the export waits until that record is
 * loaded. A lookup to a record outside the export is cleared and reported, except an
 * owner or audit user, which goes to a placeholder user per missing user Id so that the
 * record keeps an owner.
 */
import { keyPrefixOf, normalizeId } from '../../../sync-worker/src/local-org/store';
import type { FieldDefinition, OrgSchema } from '../../../sync-worker/src/schema/types';
import type { RecordWriter } from '../record-writer';
import { ValueError } from '../values';

/** User lookups that must keep a user: every record has an owner and a creator. */
const OWNER_FIELDS = new Set(['OwnerId', 'CreatedById', 'LastModifiedById']);

/** Domain of placeholder usernames; `.invalid` is reserved, so no mail can reach it. */
export const PLACEHOLDER_DOMAIN = 'placeholder.import.invalid';

/**
 * Prefix of a placeholder user's key in the Id map. It differs from the export Id, so
 * that a later import with the real user loads that user instead of finding this one.
 */
const PLACEHOLDER_KEY = 'placeholder/';

/** A lookup of the export to a record that is in the export but not loaded yet. */
export interface PendingReference {
    readonly field: FieldDefinition;
    /** The 18-character export Id of the parent. */
    readonly target: string;
}

/** Result of resolving one lookup value. */
export type Resolution =
    | { readonly kind: 'value'; readonly id: string | null }
    | { readonly kind: 'pending'; readonly target: string };

/** Resolves export Ids to local Ids for one import run. */
export class ReferenceResolver {
    private readonly objectsByPrefix = new Map<string, string>();

    /**
     * @param exportIds every export Id of every file in the run, with its object name,
     *   so that a lookup to a record that comes later can wait for it.
     */
    public constructor(
        private readonly writer: RecordWriter,
        schema: OrgSchema,
        private readonly exportIds: ReadonlyMap<string, string>
    ) {
        for (const object of schema.objects.values()) {
            this.objectsByPrefix.set(object.keyPrefix, object.name);
        }
    }

    /** Returns the object an Id belongs to by its key prefix, if the schema has it. */
    public objectOf(id: string): string | undefined {
        return this.objectsByPrefix.get(keyPrefixOf(id));
    }

    /**
     * Resolves one lookup of `objectName`. Throws `ValueError` for text that is not an Id.
     * `final` is set once every file is loaded: a record of the export still missing
     * then was rejected, and is treated as dangling.
     */
    public resolve(
        objectName: string,
        field: FieldDefinition,
        text: string,
        final = false
    ): Resolution {
        const trimmed = text.trim();
        if (trimmed === '') {
            return { kind: 'value', id: null };
        }
        const exportId = normalizeId(trimmed);
        if (exportId === null) {
            throw new ValueError(`"${text}" is not a record Id`);
        }
        const target = this.objectOf(exportId);
        // A record of this export, or one an earlier import loaded.
        const local =
            target === undefined
                ? undefined
                : this.writer.ids.live(this.writer.store, target, exportId);
        if (local !== undefined) {
            return { kind: 'value', id: local };
        }
        if (!final && this.exportIds.has(exportId)) {
            return { kind: 'pending', target: exportId };
        }
        return { kind: 'value', id: this.dangling(objectName, field, exportId) };
    }

    /** Handles a lookup to a record that will not be loaded: a placeholder owner, or null. */
    private dangling(objectName: string, field: FieldDefinition, exportId: string): string | null {
        if (OWNER_FIELDS.has(field.name) && this.objectOf(exportId) === 'User') {
            const id = this.placeholderUser(exportId);
            if (id !== null) {
                this.writer.log.dangling(objectName, field.name, 'placeholder owner', exportId);
                return id;
            }
        }
        this.writer.log.dangling(objectName, field.name, 'cleared', exportId);
        return null;
    }

    /** Returns the placeholder user of a missing user Id, creating it on first use. */
    private placeholderUser(exportId: string): string | null {
        const key = `${PLACEHOLDER_KEY}${exportId}`;
        const known = this.writer.ids.live(this.writer.store, 'User', key);
        if (known !== undefined) {
            return known;
        }
        const short = exportId.slice(0, 15);
        const username = `${exportId.toLowerCase()}@${PLACEHOLDER_DOMAIN}`;
        const id = this.writer.insert(
            'User',
            {
                FirstName: 'Missing',
                LastName: `User ${short}`,
                Username: username,
                Email: username,
                Alias: 'missing',
                Title: 'Placeholder for a user that is not in the import'
            },
            { file: 'User (placeholder)', line: 0 }
        );
        if (id !== null) {
            this.writer.ids.set(key, id);
            this.writer.log.note(
                `User ${short} is referenced but not in the import; its records belong to the placeholder user "Missing User ${short}".`
            );
        }
        return id;
    }
}
