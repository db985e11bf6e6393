import { findField, objectExists, picklistValueMessage, picklistValuesOf } from './lookups';
import type { PackageModel } from './model';
import { lineOfElement } from './source-file';
import { isCustomFieldName } from './standard-objects';
import type { MetadataProblem } from './types';

/** List view filter operations whose value is a comma-separated list of picklist values. */
const VALUE_OPERATIONS: ReadonlySet<string> = new Set([
    'equals',
    'notEqual',
    'includes',
    'excludes'
]);

/**
 * Checks the object references of tabs, queues and list views: custom object tabs and
 * queue object types name objects that exist, and list view columns and filters name
 * fields of their object and existing picklist values.
 */
export function checkObjectReferences(model: PackageModel): MetadataProblem[] {
    return [...checkTabs(model), ...checkQueues(model), ...checkListViews(model)];
}

function checkTabs(model: PackageModel): MetadataProblem[] {
    return model.tabs
        .filter((tab) => tab.definition.customObject === 'true' && !objectExists(model, tab.name))
        .map((tab) => ({
            file: tab.file.path,
            line: lineOfElement(tab.file.text, 'customObject', 'true'),
            check: 'reference',
            message: `tab ${tab.name} is a custom object tab, but the package does not define the object ${tab.name}`
        }));
}

function checkQueues(model: PackageModel): MetadataProblem[] {
    return model.queues.flatMap((queue) =>
        queue.definition.queueSobject
            .filter((entry) => !objectExists(model, entry.sobjectType))
            .map((entry) => ({
                file: queue.file.path,
                line: lineOfElement(queue.file.text, 'sobjectType', entry.sobjectType),
                check: 'reference' as const,
                message: `queue ${queue.name} takes records of ${entry.sobjectType}, which does not exist`
            }))
    );
}

function checkListViews(model: PackageModel): MetadataProblem[] {
    return model.listViews.flatMap((view) => {
        const label = `list view ${view.objectName}.${view.name}`;
        const problem = (tag: string, value: string, message: string): MetadataProblem => ({
            file: view.file.path,
            line: lineOfElement(view.file.text, tag, value),
            check: 'reference',
            message
        });
        const missing = (field: string): boolean =>
            isCustomFieldName(field) && findField(model, view.objectName, field) === undefined;
        const columnProblems = view.definition.columns
            .filter(missing)
            .map((column) =>
                problem(
                    'columns',
                    column,
                    `${label} shows column ${column}, which ${view.objectName} does not have in the package`
                )
            );
        const filterProblems = view.definition.filters.flatMap((filter) => {
            if (missing(filter.field)) {
                return [
                    problem(
                        'field',
                        filter.field,
                        `${label} filters on ${filter.field}, which ${view.objectName} does not have in the package`
                    )
                ];
            }
            return filterValueMessages(model, view.objectName, filter, label).map((message) =>
                problem('value', filter.value ?? '', message)
            );
        });
        return [...columnProblems, ...filterProblems];
    });
}

function filterValueMessages(
    model: PackageModel,
    objectName: string,
    filter: { field: string; operation?: string | undefined; value?: string | undefined },
    label: string
): string[] {
    const isPicklist = picklistValuesOf(model, objectName, filter.field).kind === 'values';
    if (
        !isPicklist ||
        filter.value === undefined ||
        !VALUE_OPERATIONS.has(filter.operation ?? '')
    ) {
        return [];
    }
    return filter.value
        .split(',')
        .map((value) => value.trim())
        .filter((value) => value !== '')
        .flatMap(
            (value) =>
                picklistValueMessage(model, objectName, filter.field, value, `${label} filter`) ??
                []
        );
}
