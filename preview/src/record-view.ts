/**
 * Reads the record that a record page shows in its highlights panel and detail panel:
 * the fields the preview lists for each object, with labels from the org's description
 * and values formatted for display.
 */
import type { Connection } from 'jsforce';
import { z } from 'zod';
import { escapeSoqlText } from '../../sync-worker/src/salesforce';
import type { FieldInfo, ObjectInfo, ObjectInfoSource } from './object-info';

/** Fields of a record page: the compact layout in the header and the detail panel. */
interface ObjectLayout {
    readonly icon: string;
    readonly highlights: readonly string[];
    readonly details: readonly string[];
}

/**
 * Layouts of the objects the FlexiPages are for. force-app carries no page layouts, so
 * these lists stand in for them. `Relation.Name` shows a parent record's name.
 */
const LAYOUTS: Readonly<Record<string, ObjectLayout>> = {
    Lead: {
        icon: 'standard:lead',
        highlights: ['Company', 'Title', 'Status', 'Lifecycle_Stage__c', 'Owner.Name'],
        details: [
            'Name',
            'Company',
            'Title',
            'Email',
            'Phone',
            'LeadSource',
            'Status',
            'Source_Tier__c',
            'Lifecycle_Stage__c',
            'Intent_Score__c',
            'Engagement_Count__c',
            'Routing_Decision__c',
            'Matched_Account__r.Name',
            'SLA_Status__c',
            'SLA_Due_At__c',
            'Decision_Reason__c',
            'Owner.Name'
        ]
    },
    Account: {
        icon: 'standard:account',
        highlights: ['Industry', 'Lifecycle_Stage__c', 'Lifecycle_Owner__c', 'Owner.Name'],
        details: [
            'Name',
            'Industry',
            'Website',
            'NumberOfEmployees',
            'Lifecycle_Stage__c',
            'Lifecycle_Owner__c',
            'Committee_Intent_Score__c',
            'Active_Committee_Members__c',
            'SLA_Status__c',
            'SLA_Due_At__c',
            'Open_Breaches__c',
            'Breaches_This_Quarter__c',
            'MEDDPICC_Completeness__c',
            'Decision_Reason__c',
            'Owner.Name'
        ]
    },
    Opportunity: {
        icon: 'standard:opportunity',
        highlights: ['Account.Name', 'CloseDate', 'Amount', 'StageName', 'Owner.Name'],
        details: [
            'Name',
            'Account.Name',
            'StageName',
            'Amount',
            'CloseDate',
            'Probability',
            'MEDDPICC_Completeness__c',
            'Budget_Confirmed__c',
            'Demo_Scheduled_At__c',
            'NDA_Signed__c',
            'Owner.Name'
        ]
    }
};

/** One field as the page shows it. */
export interface DisplayField {
    readonly label: string;
    /** Display text; empty for an empty value. */
    readonly text: string;
    /** Set for a checkbox field. */
    readonly checked: boolean | null;
    /** Object and Id of a parent record the value names, for a link. */
    readonly link: { objectName: string; id: string } | null;
}

export interface RecordView {
    readonly objectName: string;
    readonly objectLabel: string;
    readonly id: string;
    readonly icon: string;
    readonly title: string;
    readonly highlights: readonly DisplayField[];
    readonly details: readonly DisplayField[];
}

/** A field path resolved against the description: the column(s) to select and how to show it. */
interface ResolvedPath {
    readonly path: string;
    readonly label: string;
    readonly field: FieldInfo;
    /** For `Relation.Name`: the relationship and the parent object. */
    readonly parent: { relationshipName: string; objectName: string } | null;
}

const recordSchema = z.record(z.string(), z.unknown());
const resultSchema = z.object({ records: z.array(recordSchema) });

const DATE_TIME_FORMAT = new Intl.DateTimeFormat('en-US', {
    dateStyle: 'medium',
    timeStyle: 'short'
});
const DATE_FORMAT = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' });

function defaultLayout(info: ObjectInfo): ObjectLayout {
    const custom = info.fields.filter((field) => field.name.endsWith('__c')).map((f) => f.name);
    return { icon: 'standard:record', highlights: [], details: ['Name', ...custom] };
}

async function resolvePath(
    info: ObjectInfo,
    infos: ObjectInfoSource,
    path: string
): Promise<ResolvedPath | null> {
    const [first = '', second] = path.split('.');
    if (second === undefined) {
        const field = info.field(first);
        return field === undefined
            ? null
            : { path: field.name, label: field.label, field, parent: null };
    }
    const lookup = info.relationship(first);
    const target = lookup?.referenceTo?.includes('User') ? 'User' : lookup?.referenceTo?.[0];
    if (lookup === undefined || target === undefined) {
        return null;
    }
    const parentField = (await infos.get(target)).field(second);
    if (parentField === undefined) {
        return null;
    }
    return {
        path: `${first}.${parentField.name}`,
        label: lookup.label.replace(/\s+ID$/i, ''),
        field: parentField,
        parent: { relationshipName: first, objectName: target }
    };
}

function textOf(value: unknown): string {
    if (typeof value === 'string') {
        return value;
    }
    return typeof value === 'number' || typeof value === 'boolean'
        ? String(value)
        : JSON.stringify(value);
}

function formatValue(field: FieldInfo, value: unknown): string {
    if (value === null || value === undefined || value === '') {
        return '';
    }
    const text = textOf(value);
    switch (field.type) {
        case 'datetime':
            return DATE_TIME_FORMAT.format(new Date(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')));
        case 'date':
            return DATE_FORMAT.format(new Date(`${text}T00:00:00Z`));
        case 'currency':
            return new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(
                Number(value)
            );
        case 'percent':
            return `${new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }).format(Number(value))}%`;
        case 'double':
        case 'int':
            return new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(
                Number(value)
            );
        case 'picklist': {
            const entry = field.picklistValues?.find((candidate) => candidate.value === value);
            return entry?.label ?? text;
        }
        default:
            return typeof value === 'string' ? value : JSON.stringify(value);
    }
}

function displayField(resolved: ResolvedPath, record: Record<string, unknown>): DisplayField {
    let value: unknown;
    let link: DisplayField['link'] = null;
    if (resolved.parent === null) {
        value = record[resolved.field.name];
    } else {
        const parent = recordSchema
            .nullable()
            .catch(null)
            .parse(record[resolved.parent.relationshipName] ?? null);
        value = parent?.[resolved.field.name];
        const id = parent?.Id;
        link = typeof id === 'string' ? { objectName: resolved.parent.objectName, id } : null;
    }
    const checked = resolved.field.type === 'boolean' ? value === true : null;
    return { label: resolved.label, text: formatValue(resolved.field, value), checked, link };
}

/** Reads a record for its page; null when the org has no such record. */
export async function readRecordView(
    conn: Connection,
    infos: ObjectInfoSource,
    objectName: string,
    id: string
): Promise<RecordView | null> {
    const info = await infos.get(objectName);
    const layout = LAYOUTS[info.name] ?? defaultLayout(info);
    const resolve = async (paths: readonly string[]): Promise<ResolvedPath[]> =>
        (await Promise.all(paths.map((path) => resolvePath(info, infos, path)))).filter(
            (resolved): resolved is ResolvedPath => resolved !== null
        );
    const highlights = await resolve(layout.highlights);
    const details = await resolve(layout.details);

    const columns = new Set(['Id']);
    if (info.field('Name') !== undefined) {
        columns.add('Name');
    }
    for (const resolved of [...highlights, ...details]) {
        columns.add(resolved.path);
        if (resolved.parent !== null) {
            columns.add(`${resolved.parent.relationshipName}.Id`);
        }
    }

    const soql = `SELECT ${[...columns].join(', ')} FROM ${info.name} WHERE Id = '${escapeSoqlText(id)}'`;
    const [record] = resultSchema.parse(await conn.query(soql)).records;
    if (record === undefined) {
        return null;
    }
    return {
        objectName: info.name,
        objectLabel: info.label,
        id,
        icon: layout.icon,
        title: typeof record.Name === 'string' ? record.Name : id,
        highlights: highlights.map((resolved) => displayField(resolved, record)),
        details: details.map((resolved) => displayField(resolved, record))
    };
}
