import { picklistValueMessage } from './lookups';
import type { Entry, FieldEntry, ObjectEntry, PackageModel } from './model';
import type { CustomMetadataValue } from './schemas';
import { lineOf, lineOfElement } from './source-file';
import type { MetadataProblem } from './types';

type RecordEntry = PackageModel['customMetadataRecords'][number];

/** Text sizes Salesforce fixes for types without a `<length>`. */
const FIXED_TEXT_LENGTH: Partial<Record<string, number>> = {
    TextArea: 255,
    Email: 80,
    Phone: 40,
    Url: 255
};

/**
 * Checks each custom metadata record (`customMetadata/Type.Record.md-meta.xml`): the
 * type `Type__mdt` exists, every value names a field of that type and fits the
 * field's type, picklist values exist, and required fields have a value.
 */
export function checkCustomMetadataRecords(model: PackageModel): MetadataProblem[] {
    return model.customMetadataRecords.flatMap((record) => checkRecord(model, record));
}

function checkRecord(model: PackageModel, record: RecordEntry): MetadataProblem[] {
    const problem = (message: string, line?: number): MetadataProblem => ({
        file: record.file.path,
        line,
        check: 'reference',
        message
    });
    const dot = record.name.indexOf('.');
    if (dot <= 0) {
        return [
            problem(
                `custom metadata record file must be named <Type>.<Record>.md-meta.xml, not "${record.name}.md-meta.xml"`
            )
        ];
    }
    const typeName = `${record.name.slice(0, dot)}__mdt`;
    const type = model.objects.get(typeName);
    if (type?.file === undefined) {
        return [
            problem(
                `custom metadata record ${record.name} is of type ${typeName}, which the package does not define`,
                1
            )
        ];
    }
    const problems: MetadataProblem[] = [];
    if ((record.definition.label ?? '').trim() === '') {
        problems.push(
            problem(
                `custom metadata record ${record.name} has no <label>`,
                lineOf(record.file.text, '<label', '<CustomMetadata')
            )
        );
    }
    for (const entry of record.definition.values) {
        const message = valueMessage(model, record, type, entry);
        if (message !== undefined) {
            problems.push(problem(message, lineOfElement(record.file.text, 'field', entry.field)));
        }
    }
    return [
        ...problems,
        ...missingRequiredValues(record, type).map((message) =>
            problem(message, lineOf(record.file.text, '<CustomMetadata'))
        )
    ];
}

function valueMessage(
    model: PackageModel,
    record: Entry<unknown>,
    type: ObjectEntry,
    entry: CustomMetadataValue
): string | undefined {
    const field = type.fields.get(entry.field);
    if (field === undefined) {
        return `custom metadata record ${record.name} sets ${entry.field}, which is not a field of ${type.name}`;
    }
    const value = valueText(entry);
    if (value === undefined) {
        return field.definition.required === 'true'
            ? `custom metadata record ${record.name} leaves the required field ${entry.field} empty`
            : undefined;
    }
    const where = `custom metadata record ${record.name}`;
    if (field.definition.type === 'Picklist') {
        return picklistValueMessage(model, type.name, entry.field, value, where);
    }
    const reason = typeMismatch(field, value);
    return reason === undefined
        ? undefined
        : `${where} sets ${entry.field} to "${value}", but ${reason}`;
}

/** Returns the value's text, or undefined for `xsi:nil` (no value). */
function valueText(entry: CustomMetadataValue): string | undefined {
    const value = entry.value;
    if (value === undefined || typeof value === 'string') {
        return value;
    }
    return value['@_xsi:nil'] === 'true' ? undefined : (value['#text'] ?? '');
}

/** Says why a value does not fit its field's type, or returns undefined when it fits. */
function typeMismatch(field: FieldEntry, value: string): string | undefined {
    const { type = '', length, precision, scale } = field.definition;
    switch (type) {
        case 'Checkbox':
            return value === 'true' || value === 'false'
                ? undefined
                : 'a Checkbox value must be true or false';
        case 'Number':
        case 'Percent':
        case 'Currency':
            return numberMismatch(value, Number(precision ?? 18), Number(scale ?? 0));
        case 'Date':
            return /^\d{4}-\d{2}-\d{2}$/.test(value)
                ? undefined
                : 'a Date value must look like 2027-01-31';
        case 'DateTime':
            return /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value))
                ? undefined
                : 'a DateTime value must be ISO 8601, like 2027-01-31T09:00:00.000Z';
        default:
            return textMismatch(
                type,
                value,
                length === undefined ? FIXED_TEXT_LENGTH[type] : Number(length)
            );
    }
}

function numberMismatch(value: string, precision: number, scale: number): string | undefined {
    const match = /^[-+]?(\d+)(?:\.(\d+))?$/.exec(value);
    if (match === null) {
        return 'the field holds a number';
    }
    const integerDigits = (match[1] ?? '').replace(/^0+(?=\d)/, '').length;
    const fractionDigits = (match[2] ?? '').replace(/0+$/, '').length;
    if (integerDigits > precision - scale || fractionDigits > scale) {
        return `the field holds at most ${precision - scale} digits before and ${scale} after the decimal point`;
    }
    return undefined;
}

function textMismatch(
    type: string,
    value: string,
    maxLength: number | undefined
): string | undefined {
    if (maxLength === undefined || value.length <= maxLength) {
        return undefined;
    }
    return `the ${type} field holds at most ${maxLength} characters (the value has ${value.length})`;
}

function missingRequiredValues(record: RecordEntry, type: ObjectEntry): string[] {
    const valueFields = new Set(record.definition.values.map((entry) => entry.field));
    return [...type.fields.values()]
        .filter((field) => field.definition.required === 'true' && !valueFields.has(field.name))
        .map(
            (field) =>
                `custom metadata record ${record.name} has no value for the required field ${field.name}`
        );
}
