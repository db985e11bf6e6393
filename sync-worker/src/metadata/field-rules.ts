import { objectExists } from './lookups';
import type { FieldEntry, PackageModel } from './model';
import { lineOf } from './source-file';
import { isCustomFieldName } from './standard-objects';
import type { MetadataProblem } from './types';

/**
 * Values of `<type>` the Metadata API accepts for a CustomField, from FieldType in the
 * Metadata API Developer Guide. Geolocation fields are written as `Location`, and `Time`
 * exists from API version 44.0.
 */
export const FIELD_TYPES: ReadonlySet<string> = new Set([
    'AutoNumber',
    'Checkbox',
    'Currency',
    'CustomDataType',
    'Date',
    'DateTime',
    'Email',
    'EncryptedText',
    'ExternalLookup',
    'File',
    'Hierarchy',
    'Html',
    'IndirectLookup',
    'Location',
    'LongTextArea',
    'Lookup',
    'MasterDetail',
    'MetadataRelationship',
    'MultiselectPicklist',
    'Number',
    'Percent',
    'Phone',
    'Picklist',
    'Summary',
    'Text',
    'TextArea',
    'Time',
    'Url'
]);

/** Salesforce limits on field sizes (Salesforce Help, "Custom Field Attributes"). */
const MAX_TEXT_LENGTH = 255;
const MAX_LONG_TEXT_LENGTH = 131_072;
const MAX_NUMBER_PRECISION = 18;

/** A problem in one field file, with the text whose line it is reported on. */
interface FieldIssue {
    readonly message: string;
    readonly at: string;
}

type FieldRule = (field: FieldEntry, model: PackageModel) => FieldIssue[];

/** Checks the type, the attributes the type requires, and the description of every custom field. */
export function checkFields(model: PackageModel): MetadataProblem[] {
    const problems: MetadataProblem[] = [];
    for (const object of model.objects.values()) {
        for (const field of object.fields.values()) {
            // Standard fields appear in the source only to override settings such as
            // history tracking, so the type rules of custom fields do not apply to them.
            if (isCustomFieldName(field.name) && field.unreadable !== true) {
                problems.push(...checkDescription(field), ...checkField(field, model));
            }
        }
    }
    return problems;
}

function checkField(field: FieldEntry, model: PackageModel): MetadataProblem[] {
    const type = field.definition.type;
    const issues: FieldIssue[] = [];
    if (type === undefined || type === '') {
        issues.push({ message: 'field has no <type>', at: '<fullName>' });
    } else if (!FIELD_TYPES.has(type)) {
        issues.push({ message: `unknown field type "${type}"`, at: '<type>' });
    } else {
        for (const rule of RULES_BY_TYPE[type] ?? []) {
            issues.push(...rule(field, model));
        }
    }
    return issues.map((issue) => ({
        file: field.file.path,
        line: lineOf(field.file.text, issue.at, '<type>'),
        check: 'field',
        message: `${field.objectName}.${field.name}: ${issue.message}`
    }));
}

/** Reports a custom field without a description, which admins read in Setup. */
function checkDescription(field: FieldEntry): MetadataProblem[] {
    if ((field.definition.description ?? '').trim() !== '') {
        return [];
    }
    return [
        {
            file: field.file.path,
            line: lineOf(field.file.text, '<description>', '<label>', '<fullName>'),
            check: 'description',
            message: `${field.objectName}.${field.name}: custom field has no description; add a <description> that states what the field contains and who writes it`
        }
    ];
}

/** Parses a non-negative integer element; undefined when absent or not an integer. */
function integerOf(value: string | undefined): number | undefined {
    return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}

function requireInteger(
    field: FieldEntry,
    element: 'length' | 'visibleLines' | 'precision' | 'scale',
    min: number,
    max: number
): FieldIssue[] {
    const raw = field.definition[element];
    const value = integerOf(raw);
    if (value === undefined || value < min || value > max) {
        const found = raw === undefined ? 'missing' : `found "${raw}"`;
        return [
            {
                message: `${field.definition.type ?? ''} field needs <${element}> between ${min} and ${max} (${found})`,
                at: `<${element}>`
            }
        ];
    }
    return [];
}

const textLength: FieldRule = (field) =>
    // Formula fields of type Text take their size from the formula.
    field.definition.formula === undefined
        ? requireInteger(field, 'length', 1, MAX_TEXT_LENGTH)
        : [];

const longTextSize: FieldRule = (field) => [
    ...requireInteger(field, 'length', 1, MAX_LONG_TEXT_LENGTH),
    ...requireInteger(field, 'visibleLines', 1, Number.MAX_SAFE_INTEGER)
];

const visibleLines: FieldRule = (field) =>
    requireInteger(field, 'visibleLines', 1, Number.MAX_SAFE_INTEGER);

const precisionAndScale: FieldRule = (field) => {
    const issues = requireInteger(field, 'precision', 1, MAX_NUMBER_PRECISION);
    const precision = integerOf(field.definition.precision) ?? MAX_NUMBER_PRECISION;
    return [...issues, ...requireInteger(field, 'scale', 0, precision)];
};

const relationship: FieldRule = (field, model) => {
    const { referenceTo, relationshipName } = field.definition;
    const issues: FieldIssue[] = [];
    if (referenceTo === undefined || referenceTo === '') {
        issues.push({
            message: `${field.definition.type ?? ''} field needs <referenceTo>`,
            at: '<type>'
        });
    } else if (!objectExists(model, referenceTo)) {
        issues.push({
            message: `lookup to ${referenceTo}, which is neither a standard object the product uses nor an object defined in the package`,
            at: '<referenceTo>'
        });
    }
    if (relationshipName === undefined || relationshipName === '') {
        issues.push({
            message: `${field.definition.type ?? ''} field needs <relationshipName>`,
            at: '<type>'
        });
    }
    return issues;
};

const picklistValueSet: FieldRule = (field, model) => {
    const valueSet = field.definition.valueSet;
    if (valueSet?.valueSetName !== undefined) {
        return model.globalValueSets.has(valueSet.valueSetName)
            ? []
            : [
                  {
                      message: `picklist uses the global value set ${valueSet.valueSetName}, which the package does not define`,
                      at: '<valueSetName>'
                  }
              ];
    }
    const names = valueSet?.valueSetDefinition?.value.map((value) => value.fullName) ?? [];
    if (names.length === 0) {
        return [
            { message: 'picklist field needs a <valueSet> with at least one value', at: '<type>' }
        ];
    }
    return duplicatesOf(names).map((name) => ({
        message: `picklist value "${name}" is defined more than once (Salesforce compares values without case)`,
        at: `<fullName>${name}</fullName>`
    }));
};

function duplicatesOf(names: readonly string[]): string[] {
    const seen = new Set<string>();
    const duplicates: string[] = [];
    for (const name of names) {
        const key = name.toLowerCase();
        if (seen.has(key)) {
            duplicates.push(name);
        }
        seen.add(key);
    }
    return duplicates;
}

const checkboxDefault: FieldRule = (field) => {
    const value = field.definition.defaultValue;
    return value === 'true' || value === 'false'
        ? []
        : [
              {
                  message: `Checkbox field needs <defaultValue> true or false (found ${value === undefined ? 'none' : `"${value}"`})`,
                  at: '<type>'
              }
          ];
};

const RULES_BY_TYPE: Partial<Record<string, readonly FieldRule[]>> = {
    Text: [textLength],
    LongTextArea: [longTextSize],
    Html: [longTextSize],
    Number: [precisionAndScale],
    Percent: [precisionAndScale],
    Currency: [precisionAndScale],
    Lookup: [relationship],
    MasterDetail: [relationship],
    Picklist: [picklistValueSet],
    MultiselectPicklist: [picklistValueSet, visibleLines],
    Checkbox: [checkboxDefault]
};
