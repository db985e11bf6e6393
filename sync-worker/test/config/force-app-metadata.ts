import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type { MetadataRecord } from '../../src/config/policy-loader';

/** force-app's metadata folder, from the repository root that jest runs in. */
export const METADATA_DIR = path.resolve(__dirname, '../../../force-app/main/default');

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_' });

/** Returns the API names of a custom metadata type's fields, from `objects/<Type>/fields`. */
export function fieldNamesOf(typeName: string): string[] {
    const folder = path.join(METADATA_DIR, 'objects', typeName, 'fields');
    return readdirSync(folder)
        .filter((file) => file.endsWith('.field-meta.xml'))
        .map((file) => file.replace('.field-meta.xml', ''))
        .sort();
}

interface XmlValue {
    '#text'?: string | number | boolean;
    '@_xsi:type'?: string;
    '@_xsi:nil'?: string;
}

/** Converts one `<value>` by its `xsi:type`, as a SOQL query would return it. */
function valueOf(raw: XmlValue | string | number | boolean | undefined): unknown {
    if (raw === undefined || raw === '') {
        return null;
    }
    if (typeof raw !== 'object') {
        return raw;
    }
    if (raw['@_xsi:nil'] === 'true') {
        return null;
    }
    const text = String(raw['#text'] ?? '');
    switch (raw['@_xsi:type']) {
        case 'xsd:double':
        case 'xsd:int':
            return Number(text);
        case 'xsd:boolean':
            return text === 'true';
        default:
            return text;
    }
}

/**
 * Reads every record of a custom metadata type (`customMetadata/<Type>.<Name>.md-meta.xml`,
 * type named without `__mdt`) into the shape a SOQL query returns: DeveloperName plus
 * each field's typed value.
 */
export function recordsOf(typeName: string): MetadataRecord[] {
    const folder = path.join(METADATA_DIR, 'customMetadata');
    const prefix = `${typeName.replace(/__mdt$/, '')}.`;
    return readdirSync(folder)
        .filter((file) => file.startsWith(prefix) && file.endsWith('.md-meta.xml'))
        .sort()
        .map((file) => {
            const xml = parser.parse(readFileSync(path.join(folder, file), 'utf8')) as {
                CustomMetadata: {
                    values?:
                        { field: string; value?: XmlValue } | { field: string; value?: XmlValue }[];
                };
            };
            const entries = xml.CustomMetadata.values ?? [];
            const record: Record<string, unknown> = {
                DeveloperName: file.slice(prefix.length, -'.md-meta.xml'.length)
            };
            for (const entry of Array.isArray(entries) ? entries : [entries]) {
                record[entry.field] = valueOf(entry.value);
            }
            return record;
        });
}
