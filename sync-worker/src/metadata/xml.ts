import { XMLValidator } from 'fast-xml-parser';
import { lineAtOffset, parseRoot, type SourceFile } from './source-file';
import type { MetadataProblem } from './types';

/**
 * Entity references XML defines without a DTD. Metadata files have no DTD, so any other
 * named entity (`&nbsp;`, `&bogus;`) is an error that XMLValidator 5 lets through.
 */
const UNDEFINED_ENTITY = /&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)[^\s;<]*;?/g;

/** Comments and CDATA sections, where `&` needs no escaping. */
const UNPARSED_SECTIONS = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>/g;

/**
 * Checks that a file is well-formed XML with exactly one root element, and returns the
 * file with its parsed root when it is. Source-deploy-retrieve copies XML without
 * parsing it, so an unclosed tag would otherwise reach the deploy unnoticed.
 */
export function checkWellFormed(
    path: string,
    text: string
): { file: SourceFile; problems: MetadataProblem[] } {
    const validation = XMLValidator.validate(text, { allowBooleanAttributes: false });
    if (validation !== true) {
        const { msg, line } = validation.err;
        // Some errors (an empty file, for one) come without a column despite the typing.
        const column = validation.err.col as number | undefined;
        const message =
            column === undefined ? `invalid XML: ${msg}` : `invalid XML: ${msg} (column ${column})`;
        return { file: { path, text }, problems: [{ file: path, line, check: 'xml', message }] };
    }
    const entityProblems = findUndefinedEntities(path, text);
    if (entityProblems.length > 0) {
        return { file: { path, text }, problems: entityProblems };
    }
    const wrappedText = findWrappedText(path, text);
    if (wrappedText.length > 0) {
        return { file: { path, text }, problems: wrappedText };
    }
    const root = parseRoot(text);
    if (root === undefined) {
        const message = 'invalid XML: the document must have exactly one root element';
        return { file: { path, text }, problems: [{ file: path, line: 1, check: 'xml', message }] };
    }
    return { file: { path, text, rootName: root.name, root: root.content }, problems: [] };
}

function findUndefinedEntities(path: string, text: string): MetadataProblem[] {
    // Blank out comments and CDATA but keep their newlines, so offsets still map to lines.
    const parsedText = text.replace(UNPARSED_SECTIONS, (section) => section.replace(/[^\n]/g, ' '));
    return [...parsedText.matchAll(UNDEFINED_ENTITY)].map((match) => ({
        file: path,
        line: lineAtOffset(text, match.index),
        check: 'xml',
        message: `invalid XML: undefined entity or bare '&' in "${match[0]}"; write a literal '&' as &amp;`
    }));
}

/** A leaf element whose text starts or ends with a line break and indentation. */
const WRAPPED_TEXT = /<([A-Za-z][\w.-]*)(?:\s[^>]*)?>(\s*\n\s*[^<]*|[^<]*\n\s*)<\/\1>/g;

/**
 * Finds text that a formatter wrapped onto its own lines. Salesforce keeps that
 * whitespace in the deployed value (a description, a formula, a picklist label), so the
 * text has to stay on the element's line.
 */
function findWrappedText(path: string, text: string): MetadataProblem[] {
    return [...text.matchAll(WRAPPED_TEXT)].map((match) => ({
        file: path,
        line: lineAtOffset(text, match.index),
        check: 'xml',
        message: `text of <${match[1] ?? ''}> starts or ends with a line break, which Salesforce keeps in the value; put the text on the element's line`
    }));
}
