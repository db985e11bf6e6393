import { XMLParser } from 'fast-xml-parser';

/** A metadata file read from disk, with its parsed XML once it is known to be well-formed. */
export interface SourceFile {
    /** Absolute path. */
    readonly path: string;
    readonly text: string;
    /** Name of the root element, e.g. `CustomField`; undefined for malformed XML. */
    readonly rootName?: string;
    /**
     * Content of the root element. Element text stays a string (no number or boolean
     * coercion), attributes are `@_`-prefixed keys, text beside attributes is `#text`.
     */
    readonly root?: Record<string, unknown>;
}

const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    ignoreDeclaration: true,
    ignorePiTags: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true
});

/** The root element of a parsed document: its name and content. */
export interface ParsedRoot {
    readonly name: string;
    readonly content: Record<string, unknown>;
}

/**
 * Parses well-formed XML and returns its root element, or undefined when the document
 * has no root element or more than one (XMLValidator 5 accepts `<a/><b/>`).
 */
export function parseRoot(text: string): ParsedRoot | undefined {
    const document = parser.parse(text) as Record<string, unknown>;
    const rootNames = Object.keys(document);
    const [name] = rootNames;
    if (rootNames.length !== 1 || name === undefined) {
        return undefined;
    }
    const value = document[name];
    if (Array.isArray(value)) {
        return undefined;
    }
    // `<Root/>` and `<Root></Root>` parse to an empty string: empty content.
    const content =
        typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
    return { name, content };
}

/** Returns the 1-based line of a character offset in `text`. */
export function lineAtOffset(text: string, offset: number): number {
    let line = 1;
    for (
        let index = text.indexOf('\n');
        index !== -1 && index < offset;
        index = text.indexOf('\n', index + 1)
    ) {
        line += 1;
    }
    return line;
}

/**
 * Returns the line of the first needle found in `text`, trying the needles in order, so
 * a caller can pass the exact element first and a looser fallback after it. Returns
 * undefined when none occurs.
 */
export function lineOf(text: string, ...needles: readonly string[]): number | undefined {
    for (const needle of needles) {
        const offset = text.indexOf(needle);
        if (offset !== -1) {
            return lineAtOffset(text, offset);
        }
    }
    return undefined;
}

/**
 * Returns the line of `<tag>value</tag>`, falling back to the first line that contains the
 * value, because a formatter may wrap long element text onto lines of its own.
 */
export function lineOfElement(text: string, tag: string, value: string): number | undefined {
    const forms = [...new Set([escapeText(value), escapeAll(value)])];
    return lineOf(text, ...forms.map((form) => `<${tag}>${form}</${tag}>`), ...forms);
}

/** Escapes what element text must escape: `&`, `<` and `>`. */
function escapeText(value: string): string {
    return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes quotes as well, as some editors and the Metadata API write them. */
function escapeAll(value: string): string {
    return escapeText(value).replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}
