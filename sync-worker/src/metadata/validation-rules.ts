import { findField, picklistValueMessage } from './lookups';
import type { PackageModel } from './model';
import { lineOf, lineOfElement } from './source-file';
import { isCustomFieldName } from './standard-objects';
import type { MetadataProblem } from './types';

/** `ISPICKVAL(Field, "Value")` with a plain field name and a string literal. */
const ISPICKVAL_CALL =
    /ISPICKVAL\s*\(\s*([A-Za-z][A-Za-z0-9_]*)\s*,\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')\s*\)/gi;

/** String literals, removed before looking for field names in a formula. */
const STRING_LITERAL = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g;

/**
 * A custom field name on the rule's own object: not after a `.` (a field of a related
 * object) and not before one (a relationship path).
 */
const OWN_CUSTOM_FIELD = /(?<![\w.$])([A-Za-z][A-Za-z0-9_]*__c)(?![\w.])/g;

/**
 * Checks that each validation rule's formula names fields its object has, that every
 * `ISPICKVAL` names an existing value of a picklist field, and that the error display
 * field exists.
 */
export function checkValidationRules(model: PackageModel): MetadataProblem[] {
    return model.validationRules.flatMap((rule) =>
        [...checkPicklistValues(model, rule), ...checkFieldNames(model, rule)].map((issue) => ({
            file: rule.file.path,
            line: issue.line,
            check: 'reference' as const,
            message: issue.message
        }))
    );
}

type Rule = PackageModel['validationRules'][number];

interface RuleIssue {
    readonly message: string;
    readonly line: number | undefined;
}

function checkPicklistValues(model: PackageModel, rule: Rule): RuleIssue[] {
    const formula = rule.definition.errorConditionFormula ?? '';
    const issues: RuleIssue[] = [];
    for (const [field, value] of picklistComparisons(formula)) {
        const where = `ISPICKVAL(${field}, "${value}") in validation rule ${rule.objectName}.${rule.name}`;
        const message = picklistValueMessage(model, rule.objectName, field, value, where);
        if (message !== undefined) {
            issues.push({
                message,
                line: lineOf(
                    rule.file.text,
                    `"${value}"`,
                    `&quot;${value}&quot;`,
                    `'${value}'`,
                    field
                )
            });
        }
    }
    return issues;
}

function checkFieldNames(model: PackageModel, rule: Rule): RuleIssue[] {
    const label = `validation rule ${rule.objectName}.${rule.name}`;
    const missing = (field: string): boolean =>
        findField(model, rule.objectName, field) === undefined;
    const issues = customFieldsIn(rule.definition.errorConditionFormula ?? '')
        .filter(missing)
        .map((field) => ({
            message: `${label} uses ${field}, which ${rule.objectName} does not have in the package`,
            line: lineOf(rule.file.text, field)
        }));
    const displayField = rule.definition.errorDisplayField;
    if (displayField !== undefined && isCustomFieldName(displayField) && missing(displayField)) {
        issues.push({
            message: `${label} shows its error on ${displayField}, which ${rule.objectName} does not have in the package`,
            line: lineOfElement(rule.file.text, 'errorDisplayField', displayField)
        });
    }
    return issues;
}

/** Returns each `[field, value]` pair of the `ISPICKVAL` calls in a formula. */
export function picklistComparisons(formula: string): [string, string][] {
    return [...formula.matchAll(ISPICKVAL_CALL)].map((match) => [
        match[1] ?? '',
        unescapeLiteral(match[2] ?? match[3] ?? '')
    ]);
}

function customFieldsIn(formula: string): string[] {
    const code = formula.replace(STRING_LITERAL, '""');
    return [...new Set([...code.matchAll(OWN_CUSTOM_FIELD)].map((match) => match[1] ?? ''))];
}

/** Formula string literals escape quotes and backslashes with a backslash. */
function unescapeLiteral(literal: string): string {
    return literal.replace(/\\(.)/g, '$1');
}
