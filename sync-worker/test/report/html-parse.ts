/**
 * Reads the parts of the HTML report that tests check: a figure by its id, the `<svg>`
 * and the data table in it, and the text of table cells.
 */

const ENTITIES: Readonly<Record<string, string>> = {
    '&amp;': '&',
    '&lt;': '<',
    '&gt;': '>',
    '&quot;': '"',
    '&#39;': "'"
};

/** Removes tags and decodes the entities the report writes. */
export function textOf(markup: string): string {
    return markup
        .replace(/<[^>]*>/g, '')
        .replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity)
        .trim();
}

/** Returns the markup of `<figure id="...">`, or throws when the page has none. */
export function figureOf(html: string, id: string): string {
    const match = new RegExp(`<figure id="${id}"[\\s\\S]*?</figure>`).exec(html);
    if (match === null) {
        throw new Error(`The page has no figure with id ${id}.`);
    }
    return match[0];
}

/** Returns the `<svg>` elements of a figure. */
export function svgsOf(figure: string): string[] {
    return [...figure.matchAll(/<svg[\s\S]*?<\/svg>/g)].map((match) => match[0]);
}

/** Returns the text of the `<title>` that is the first child of an `<svg>`, or null. */
export function svgTitle(svg: string): string | null {
    const match = /^<svg[^>]*><title>([^<]*)<\/title>/.exec(svg);
    return match === null ? null : textOf(match[1] ?? '');
}

/** A data table: the header cells and each body row's cells, as text. */
export interface ParsedTable {
    readonly headers: string[];
    readonly rows: string[][];
}

/** Returns the first `<table>` of a figure. */
export function tableOf(figure: string): ParsedTable {
    const table = /<table>[\s\S]*?<\/table>/.exec(figure)?.[0];
    if (table === undefined) {
        throw new Error('The figure has no table.');
    }
    const cells = (row: string): string[] =>
        [...row.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => textOf(cell[1] ?? ''));
    const rows = [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) => cells(row[1] ?? ''));
    const [headers = [], ...body] = rows;
    return { headers, rows: body };
}

/** Returns the rows of a table as records keyed by header. */
export function recordsOf(table: ParsedTable): Record<string, string>[] {
    return table.rows.map((row) =>
        Object.fromEntries(table.headers.map((header, index) => [header, row[index] ?? '']))
    );
}

/** Reads a count cell such as `1,234`. */
export function countOf(cell: string | undefined): number {
    const value = Number((cell ?? '').replace(/,/g, ''));
    if (!Number.isFinite(value) || cell === undefined || cell === '') {
        throw new Error(`${JSON.stringify(cell)} is not a count.`);
    }
    return value;
}
