/**
 * Compact constructors for field and object definitions, so that the standard objects
 * read as a list of fields with their Salesforce types and sizes.
 */
import type {
    ChildRelationship,
    FieldDefinition,
    ObjectDefinition,
    ObjectKind,
    PicklistValue
} from './types';

/** Options a builder caller may override on any field. */
export type FieldOptions = Partial<Omit<FieldDefinition, 'name' | 'type'>>;

/** Splits an API name into words for a default label: `LastModifiedById` → `Last Modified By Id`. */
export function labelFromName(name: string): string {
    return name
        .replace(/__c$/, '')
        .replace(/_/g, ' ')
        .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
        .trim();
}

/** Builds a field with the defaults of a nillable, writable standard field. */
export function field(
    name: string,
    type: FieldDefinition['type'],
    options: FieldOptions = {}
): FieldDefinition {
    const required = options.required ?? false;
    return {
        name,
        label: labelFromName(name),
        type,
        nillable: !required && type !== 'boolean',
        unique: false,
        externalId: false,
        caseSensitive: false,
        createable: true,
        updateable: true,
        custom: name.endsWith('__c'),
        calculated: false,
        autoNumber: false,
        restrictedPicklist: false,
        ...options,
        required
    };
}

export function text(name: string, length: number, options: FieldOptions = {}): FieldDefinition {
    return field(name, 'string', { length, ...options });
}

export function textArea(
    name: string,
    length: number,
    options: FieldOptions = {}
): FieldDefinition {
    return field(name, 'textarea', { length, ...options });
}

export function email(name: string, options: FieldOptions = {}): FieldDefinition {
    return field(name, 'email', { length: 80, ...options });
}

export function phone(name: string, options: FieldOptions = {}): FieldDefinition {
    return field(name, 'phone', { length: 40, ...options });
}

export function url(name: string, options: FieldOptions = {}): FieldDefinition {
    return field(name, 'url', { length: 255, ...options });
}

/** Checkbox: never null, and false unless a default sets it. */
export function checkbox(name: string, options: FieldOptions = {}): FieldDefinition {
    return field(name, 'boolean', { defaultValue: false, ...options });
}

export function date(name: string, options: FieldOptions = {}): FieldDefinition {
    return field(name, 'date', options);
}

export function dateTime(name: string, options: FieldOptions = {}): FieldDefinition {
    return field(name, 'datetime', options);
}

export function time(name: string, options: FieldOptions = {}): FieldDefinition {
    return field(name, 'time', options);
}

/** Whole number with at most `digits` digits. */
export function integer(name: string, digits: number, options: FieldOptions = {}): FieldDefinition {
    return field(name, 'int', { digits, ...options });
}

/** Decimal number: `precision` total digits, `scale` of them after the point. */
export function number(
    name: string,
    precision: number,
    scale: number,
    options: FieldOptions = {}
): FieldDefinition {
    return field(name, 'double', { precision, scale, ...options });
}

export function currency(
    name: string,
    precision = 18,
    scale = 2,
    options: FieldOptions = {}
): FieldDefinition {
    return field(name, 'currency', { precision, scale, ...options });
}

export function percent(
    name: string,
    precision = 3,
    scale = 0,
    options: FieldOptions = {}
): FieldDefinition {
    return field(name, 'percent', { precision, scale, ...options });
}

/** Turns value names, or full entries, into picklist entries; the first default wins. */
export function picklistValues(
    values: (string | (Partial<PicklistValue> & { value: string }))[]
): PicklistValue[] {
    return values.map((entry) => {
        const value = typeof entry === 'string' ? { value: entry } : entry;
        return { label: value.value, active: true, defaultValue: false, ...value };
    });
}

export function picklist(
    name: string,
    values: (string | (Partial<PicklistValue> & { value: string }))[],
    options: FieldOptions = {}
): FieldDefinition {
    const entries = picklistValues(values);
    const defaultEntry = entries.find((entry) => entry.defaultValue);
    return field(name, 'picklist', {
        length: 255,
        picklistValues: entries,
        ...(defaultEntry ? { defaultValue: defaultEntry.value } : {}),
        ...options
    });
}

/**
 * Lookup field. `relationshipName` names the parent in SOQL (`Owner`), and
 * `childRelationshipName` names the children on each parent (`Contacts`); a reference
 * without one has no child relationship.
 */
export function reference(
    name: string,
    referenceTo: string[],
    relationshipName: string,
    options: FieldOptions & { childRelationshipName?: string } = {}
): FieldDefinition {
    return field(name, 'reference', { length: 18, referenceTo, relationshipName, ...options });
}

/** Marks a field read-only through the API. */
export function readOnly(definition: FieldDefinition): FieldDefinition {
    return { ...definition, createable: false, updateable: false };
}

/** Marks a field the store computes; it is never writable. */
export function derived(
    definition: FieldDefinition,
    rule: FieldDefinition['derived']
): FieldDefinition {
    return { ...definition, createable: false, updateable: false, calculated: true, derived: rule };
}

/**
 * System fields every object has. `owner` lists what OwnerId may point to; omit it for
 * objects without an owner (master-detail children, setup objects).
 */
export function systemFields(owner?: string[]): FieldDefinition[] {
    const fields = [
        readOnly(field('Id', 'id', { length: 18, nillable: false, unique: true, indexed: true })),
        readOnly(checkbox('IsDeleted')),
        readOnly(dateTime('CreatedDate', { nillable: false })),
        readOnly(reference('CreatedById', ['User'], 'CreatedBy', { nillable: false })),
        readOnly(dateTime('LastModifiedDate', { nillable: false })),
        readOnly(reference('LastModifiedById', ['User'], 'LastModifiedBy', { nillable: false })),
        readOnly(dateTime('SystemModstamp', { nillable: false, indexed: true }))
    ];
    if (owner) {
        fields.push(reference('OwnerId', owner, 'Owner', { nillable: false, indexed: true }));
    }
    return fields;
}

/** Description of an object before the fields are keyed by name. */
export interface ObjectSpec {
    name: string;
    keyPrefix: string;
    label?: string;
    labelPlural?: string;
    kind?: ObjectKind;
    createable?: boolean;
    updateable?: boolean;
    deletable?: boolean;
    description?: string;
    fields: FieldDefinition[];
}

/** Builds an object definition with its fields keyed by lower-case name. */
export function defineObject(spec: ObjectSpec): ObjectDefinition {
    const label = spec.label ?? labelFromName(spec.name);
    const fields = new Map<string, FieldDefinition>();
    for (const definition of spec.fields) {
        fields.set(definition.name.toLowerCase(), definition);
    }
    return {
        name: spec.name,
        label,
        labelPlural: spec.labelPlural ?? `${label}s`,
        keyPrefix: spec.keyPrefix,
        kind: spec.kind ?? 'standard',
        createable: spec.createable ?? true,
        updateable: spec.updateable ?? true,
        deletable: spec.deletable ?? true,
        queryable: true,
        fields,
        childRelationships: new Map<string, ChildRelationship>(),
        ...(spec.description === undefined ? {} : { description: spec.description })
    };
}
