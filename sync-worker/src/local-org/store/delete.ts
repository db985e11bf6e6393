/**
 * Soft deletes: the record gets IsDeleted = true (queryAll and getDeleted still see
 * it), children of cascading relationships are deleted with it, and other lookups to
 * it are cleared, as Salesforce does for lookups with the default "clear" behaviour.
 */
import type { FieldDefinition, ObjectDefinition, OrgSchema } from '../../schema/types';
import { quote } from './database';
import { checkObjectAccess, loadLiveRecord } from './record-access';
import type { StoreContext } from './store-context';
import type { WriteContext } from './types';

interface InboundReference {
    child: ObjectDefinition;
    field: FieldDefinition;
}

/**
 * Lookups that are never cleared: audit fields, owners (Salesforce refuses to delete an
 * owner in use) and a converted lead's record of what it became.
 */
const KEPT_REFERENCES = new Set([
    'CreatedById',
    'LastModifiedById',
    'OwnerId',
    'ConvertedAccountId',
    'ConvertedContactId',
    'ConvertedOpportunityId'
]);

const inboundCache = new WeakMap<OrgSchema, Map<string, InboundReference[]>>();

/** Reference fields of all objects, grouped by the object they point to. */
function inboundReferences(schema: OrgSchema, objectName: string): InboundReference[] {
    let byTarget = inboundCache.get(schema);
    if (!byTarget) {
        byTarget = new Map();
        for (const child of schema.objects.values()) {
            for (const field of child.fields.values()) {
                if (field.type !== 'reference' || KEPT_REFERENCES.has(field.name)) {
                    continue;
                }
                for (const target of field.referenceTo ?? []) {
                    const list = byTarget.get(target) ?? [];
                    list.push({ child, field });
                    byTarget.set(target, list);
                }
            }
        }
        inboundCache.set(schema, byTarget);
    }
    return byTarget.get(objectName) ?? [];
}

interface DeleteRun {
    context: StoreContext;
    stamp: string;
    userId: string | null;
    visited: Set<string>;
}

function markDeleted(run: DeleteRun, object: ObjectDefinition, id: string): void {
    run.context.db.run(
        `UPDATE ${quote(object.name)} SET "IsDeleted" = 1, "SystemModstamp" = ?, "LastModifiedDate" = ?,
         "LastModifiedById" = ? WHERE "Id" = ?`,
        [run.stamp, run.stamp, run.userId, id]
    );
}

function deleteTree(run: DeleteRun, object: ObjectDefinition, id: string): void {
    if (run.visited.has(id)) {
        return;
    }
    run.visited.add(id);
    markDeleted(run, object, id);
    for (const { child, field } of inboundReferences(run.context.schema, object.name)) {
        const table = quote(child.name);
        const column = quote(field.name);
        if (field.cascadeDelete === true) {
            const rows = run.context.db.all(
                `SELECT "Id" FROM ${table} WHERE ${column} = ? AND "IsDeleted" = 0`,
                [id]
            );
            for (const row of rows) {
                deleteTree(run, child, String(row.Id));
            }
        } else {
            run.context.db.run(
                `UPDATE ${table} SET ${column} = NULL, "SystemModstamp" = ? WHERE ${column} = ? AND "IsDeleted" = 0`,
                [run.stamp, id]
            );
        }
    }
}

/**
 * Deletes one record and its cascade. Throws `MALFORMED_ID`, `NOT_FOUND`,
 * `ENTITY_IS_DELETED`, or `INVALID_TYPE` for objects the API cannot delete.
 */
export function deleteRecord(
    context: StoreContext,
    objectName: string,
    id: string,
    writeContext: WriteContext
): void {
    const object = context.objectOf(objectName);
    checkObjectAccess(object, 'delete', writeContext);
    const record = loadLiveRecord(context, object, id);
    const run: DeleteRun = {
        context,
        stamp: context.stamp(),
        userId: writeContext.userId ?? context.defaultUserId,
        visited: new Set()
    };
    deleteTree(run, object, String(record.Id));
}
