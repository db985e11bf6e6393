/**
 * Child relationships: the inverse of each reference field that names one, registered
 * on every object the field may point to.
 */
import { getLogger } from '../logging';
import type { ObjectDefinition } from './types';

const log = getLogger('schema.relationships');

/**
 * Fills `childRelationships` of every object from the reference fields of all objects.
 * A name already taken on a parent keeps its first owner: custom Activity lookups give
 * Task and Event the same relationship name, and SOQL can reach only one of them.
 */
export function linkRelationships(objects: Map<string, ObjectDefinition>): void {
    for (const child of objects.values()) {
        for (const field of child.fields.values()) {
            const relationshipName = field.childRelationshipName;
            if (field.type !== 'reference' || relationshipName === undefined) {
                continue;
            }
            for (const parentName of field.referenceTo ?? []) {
                const parent = objects.get(parentName.toLowerCase());
                const key = relationshipName.toLowerCase();
                if (!parent) {
                    continue;
                }
                if (parent.childRelationships.has(key)) {
                    log.debug('Child relationship name already used', {
                        parent: parent.name,
                        relationshipName,
                        child: child.name
                    });
                    continue;
                }
                parent.childRelationships.set(key, {
                    relationshipName,
                    childSObject: child.name,
                    field: field.name,
                    cascadeDelete: field.cascadeDelete ?? false
                });
            }
        }
    }
}
