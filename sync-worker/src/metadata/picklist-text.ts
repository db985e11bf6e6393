import { lineAtOffset, type SourceFile } from './source-file';
import type { MetadataProblem } from './types';

/** Root elements whose files define picklist values, and the element of one value in each. */
const VALUE_ELEMENTS: ReadonlyMap<string, string> = new Map([
    ['CustomField', 'value'],
    ['StandardValueSet', 'standardValue'],
    ['GlobalValueSet', 'customValue']
]);

/** A leaf element: a start tag, text without markup, and the matching end tag. */
const LEAF_ELEMENT = /<([A-Za-z][\w.-]*)(?:\s[^>]*)?>([^<]*)<\/\1>/g;

/**
 * Finds picklist values whose API name, label or any other leaf element contains a line
 * break. Salesforce stores the break in the value, so a formula or filter that names the
 * value on one line never matches it, even when nothing in the package refers to it yet.
 * Wrapped text at the start or end of an element is reported by the XML check instead.
 */
export function checkPicklistLineBreaks(file: SourceFile): MetadataProblem[] {
    const valueElement = VALUE_ELEMENTS.get(file.rootName ?? '');
    if (valueElement === undefined) {
        return [];
    }
    const valuePattern = new RegExp(`<${valueElement}>([\\s\\S]*?)</${valueElement}>`, 'g');
    const problems: MetadataProblem[] = [];
    for (const value of file.text.matchAll(valuePattern)) {
        const body = value[1] ?? '';
        const bodyOffset = value.index + value[0].indexOf(body);
        for (const leaf of body.matchAll(LEAF_ELEMENT)) {
            const leafText = leaf[2] ?? '';
            if (/[\r\n]/.test(leafText)) {
                problems.push({
                    file: file.path,
                    line: lineAtOffset(file.text, bodyOffset + leaf.index),
                    check: 'xml',
                    message: `picklist value <${leaf[1] ?? ''}> "${leafText.replace(/\s+/g, ' ').trim()}" contains a line break, which Salesforce keeps in the value. Put the text on one line.`
                });
            }
        }
    }
    return problems;
}
