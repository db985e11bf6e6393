/**
 * Describe results in the REST API shape (`DescribeGlobalResult`, `DescribeSObjectResult`),
 * built from the schema model. Only the attributes clients of this product read are
 * included; the REST API returns many more.
 */
import type { FieldDefinition, ObjectDefinition, OrgSchema } from '../../schema/types';

/** One entry of `sobjects` in the describe-global result. */
export interface DescribeGlobalSObject {
    name: string;
    label: string;
    labelPlural: string;
    keyPrefix: string;
    custom: boolean;
    customSetting: boolean;
    createable: boolean;
    updateable: boolean;
    deletable: boolean;
    queryable: boolean;
    retrieveable: boolean;
    searchable: boolean;
    layoutable: boolean;
    urls: Record<string, string>;
}

/** Body of `GET /services/data/vNN.0/sobjects`. */
export interface DescribeGlobalResult {
    encoding: 'UTF-8';
    maxBatchSize: number;
    sobjects: DescribeGlobalSObject[];
}

/** One picklist entry of a describe field. */
export interface DescribePicklistEntry {
    active: boolean;
    defaultValue: boolean;
    label: string;
    validFor: null;
    value: string;
}

/** One field of a describe result. */
export interface DescribeField {
    name: string;
    label: string;
    type: string;
    soapType: string;
    length: number;
    byteLength: number;
    precision: number;
    scale: number;
    digits: number;
    nillable: boolean;
    createable: boolean;
    updateable: boolean;
    filterable: boolean;
    sortable: boolean;
    groupable: boolean;
    custom: boolean;
    calculated: boolean;
    autoNumber: boolean;
    unique: boolean;
    externalId: boolean;
    caseSensitive: boolean;
    idLookup: boolean;
    nameField: boolean;
    defaultedOnCreate: boolean;
    defaultValue: string | number | boolean | null;
    restrictedPicklist: boolean;
    picklistValues: DescribePicklistEntry[];
    referenceTo: string[];
    relationshipName: string | null;
    cascadeDelete: boolean;
    polymorphicForeignKey: boolean;
    inlineHelpText: string | null;
}

/** One child relationship of a describe result. */
export interface DescribeChildRelationship {
    childSObject: string;
    field: string;
    relationshipName: string;
    cascadeDelete: boolean;
    deprecatedAndHidden: boolean;
    restrictedDelete: boolean;
}

/** Body of `GET sobjects/{type}/describe`. */
export interface DescribeSObjectResult extends DescribeGlobalSObject {
    fields: DescribeField[];
    childRelationships: DescribeChildRelationship[];
    recordTypeInfos: [];
}

/** SOAP type of each describe type, as the describe call reports it. */
const SOAP_TYPE: Record<string, string> = {
    id: 'tns:ID',
    reference: 'tns:ID',
    boolean: 'xsd:boolean',
    int: 'xsd:int',
    double: 'xsd:double',
    currency: 'xsd:double',
    percent: 'xsd:double',
    date: 'xsd:date',
    datetime: 'xsd:dateTime',
    time: 'xsd:time'
};

function objectUrls(object: ObjectDefinition, apiVersion: string): Record<string, string> {
    const base = `/services/data/v${apiVersion}/sobjects/${object.name}`;
    return {
        sobject: base,
        describe: `${base}/describe`,
        rowTemplate: `${base}/{ID}`
    };
}

function describeGlobalEntry(object: ObjectDefinition, apiVersion: string): DescribeGlobalSObject {
    return {
        name: object.name,
        label: object.label,
        labelPlural: object.labelPlural,
        keyPrefix: object.keyPrefix,
        custom: object.kind !== 'standard',
        customSetting: false,
        createable: object.createable,
        updateable: object.updateable,
        deletable: object.deletable,
        queryable: object.queryable,
        retrieveable: true,
        searchable: object.kind !== 'customMetadata',
        layoutable: object.kind !== 'customMetadata',
        urls: objectUrls(object, apiVersion)
    };
}

function describeField(field: FieldDefinition): DescribeField {
    const isText = field.length !== undefined;
    const isFilterable = field.type !== 'textarea' || (field.length ?? 0) <= 255;
    return {
        name: field.name,
        label: field.label,
        type: field.type,
        soapType: SOAP_TYPE[field.type] ?? 'xsd:string',
        length: field.length ?? 0,
        // Salesforce reports byteLength as three bytes per character of text fields.
        byteLength: isText ? (field.length ?? 0) * 3 : 0,
        precision: field.precision ?? 0,
        scale: field.scale ?? 0,
        digits: field.digits ?? 0,
        nillable: field.nillable,
        createable: field.createable,
        updateable: field.updateable,
        filterable: isFilterable,
        sortable: isFilterable && field.type !== 'multipicklist',
        groupable: !['double', 'currency', 'percent', 'datetime', 'textarea'].includes(field.type),
        custom: field.custom,
        calculated: field.calculated,
        autoNumber: field.autoNumber,
        unique: field.unique,
        externalId: field.externalId,
        caseSensitive: field.caseSensitive,
        idLookup: field.type === 'id' || field.externalId || field.name === 'Name',
        nameField: field.name === 'Name',
        defaultedOnCreate:
            field.defaultValue !== undefined || (!field.nillable && !field.createable),
        defaultValue: field.defaultValue ?? null,
        restrictedPicklist: field.restrictedPicklist,
        picklistValues: (field.picklistValues ?? []).map((entry) => ({
            active: entry.active,
            defaultValue: entry.defaultValue,
            label: entry.label,
            validFor: null,
            value: entry.value
        })),
        referenceTo: field.referenceTo ?? [],
        relationshipName: field.relationshipName ?? null,
        cascadeDelete: field.cascadeDelete ?? false,
        polymorphicForeignKey: (field.referenceTo?.length ?? 0) > 1,
        inlineHelpText: null
    };
}

/** Builds the describe-global body for all objects of the schema. */
export function describeGlobal(schema: OrgSchema, apiVersion: string): DescribeGlobalResult {
    const sobjects = [...schema.objects.values()]
        .map((object) => describeGlobalEntry(object, apiVersion))
        .sort((left, right) => left.name.localeCompare(right.name));
    return { encoding: 'UTF-8', maxBatchSize: 200, sobjects };
}

/** Builds the describe body of one object. */
export function describeSObject(
    object: ObjectDefinition,
    apiVersion: string
): DescribeSObjectResult {
    return {
        ...describeGlobalEntry(object, apiVersion),
        fields: [...object.fields.values()].map(describeField),
        childRelationships: [...object.childRelationships.values()].map((child) => ({
            childSObject: child.childSObject,
            field: child.field,
            relationshipName: child.relationshipName,
            cascadeDelete: child.cascadeDelete,
            deprecatedAndHidden: false,
            restrictedDelete: false
        })),
        recordTypeInfos: []
    };
}
