import { findField, objectExists } from './lookups';
import type { PackageModel } from './model';
import { lineOfElement } from './source-file';
import { isCustomFieldName } from './standard-objects';
import type { MetadataProblem } from './types';

type PermissionSetEntry = PackageModel['permissionSets'][number];

/**
 * Checks that each permission set names objects, fields, tabs and custom metadata types
 * that exist, and grants no field permission on a required field: Salesforce rejects
 * such a permission set, because required fields are always readable and editable.
 */
export function checkPermissionSets(model: PackageModel): MetadataProblem[] {
    return model.permissionSets.flatMap((permissionSet) => {
        const report = (tag: string, value: string, message: string): MetadataProblem => ({
            file: permissionSet.file.path,
            line: lineOfElement(permissionSet.file.text, tag, value),
            check: 'reference',
            message: `permission set ${permissionSet.name}: ${message}`
        });
        return [
            ...checkObjectPermissions(model, permissionSet, report),
            ...checkFieldPermissions(model, permissionSet, report),
            ...checkTabsAndTypes(model, permissionSet, report)
        ];
    });
}

type Report = (tag: string, value: string, message: string) => MetadataProblem;

function checkObjectPermissions(
    model: PackageModel,
    permissionSet: PermissionSetEntry,
    report: Report
): MetadataProblem[] {
    return permissionSet.definition.objectPermissions
        .filter((permission) => !objectExists(model, permission.object))
        .map((permission) =>
            report(
                'object',
                permission.object,
                `object permission names ${permission.object}, which does not exist`
            )
        );
}

function checkFieldPermissions(
    model: PackageModel,
    permissionSet: PermissionSetEntry,
    report: Report
): MetadataProblem[] {
    const problems: MetadataProblem[] = [];
    for (const permission of permissionSet.definition.fieldPermissions) {
        const message = fieldPermissionMessage(model, permission);
        if (message !== undefined) {
            problems.push(report('field', permission.field, message));
        }
    }
    return problems;
}

function fieldPermissionMessage(
    model: PackageModel,
    permission: PermissionSetEntry['definition']['fieldPermissions'][number]
): string | undefined {
    const [objectName = '', fieldName = ''] = permission.field.split('.');
    if (fieldName === '' || !objectExists(model, objectName)) {
        return `field permission names ${permission.field}, which is not a field of an existing object (write Object.Field__c)`;
    }
    if (permission.editable === 'true' && permission.readable !== 'true') {
        return `field permission on ${permission.field} is editable but not readable; set <readable>true</readable>`;
    }
    if (!isCustomFieldName(fieldName)) {
        // Standard fields are not in the package; Salesforce checks them on deploy.
        return undefined;
    }
    const field = findField(model, objectName, fieldName);
    if (field === undefined) {
        return `field permission names ${permission.field}, which the package does not define`;
    }
    if (field.definition.required === 'true' || field.definition.type === 'MasterDetail') {
        return `field permission on ${permission.field}, a required field; Salesforce rejects field permissions on required fields, so remove this entry`;
    }
    return undefined;
}

function checkTabsAndTypes(
    model: PackageModel,
    permissionSet: PermissionSetEntry,
    report: Report
): MetadataProblem[] {
    const tabNames = new Set(model.tabs.map((tab) => tab.name));
    const tabProblems = permissionSet.definition.tabSettings
        // `standard-Lead` and the like are the org's own tabs.
        .filter((setting) => !setting.tab.startsWith('standard-') && !tabNames.has(setting.tab))
        .map((setting) =>
            report(
                'tab',
                setting.tab,
                `tab setting names ${setting.tab}, which the package does not define`
            )
        );
    const typeProblems = permissionSet.definition.customMetadataTypeAccesses
        .filter((access) => model.objects.get(access.name)?.file === undefined)
        .map((access) =>
            report(
                'name',
                access.name,
                `custom metadata type access names ${access.name}, which the package does not define`
            )
        );
    return [...tabProblems, ...typeProblems];
}
