import { readFile } from 'node:fs/promises';
import { sep } from 'node:path';
import { customLabelsSchema } from './schemas';
import { lineAtOffset, type SourceFile } from './source-file';
import type { MetadataProblem } from './types';

/** Imports of the package's own custom labels, `@salesforce/label/c.Name`. Group 1 is the label name. */
const LABEL_IMPORT = /['"]@salesforce\/label\/c\.([^'"]+)['"]/g;

/**
 * Checks that every `@salesforce/label/c.X` import in a Lightning Web Component names a
 * label in the package's `CustomLabels.labels-meta.xml`. A deploy rejects the component
 * when the label is missing, and Jest tests mock the import, so they pass regardless.
 */
export async function checkComponentLabels(
    files: readonly string[],
    sources: readonly SourceFile[]
): Promise<MetadataProblem[]> {
    const labels = definedLabels(sources);
    const components = files.filter(
        (path) => path.endsWith('.js') && path.split(sep).includes('lwc')
    );
    const checked = await Promise.all(
        components.map(async (path) =>
            findMissingLabels(path, await readFile(path, 'utf8'), labels)
        )
    );
    return checked.flat();
}

/** Returns the API names of the custom labels the package defines, whatever file contains them. */
function definedLabels(sources: readonly SourceFile[]): Set<string> {
    const names = new Set<string>();
    for (const source of sources) {
        if (source.rootName !== 'CustomLabels') {
            continue;
        }
        // NOTE: a labels file of another shape defines no labels here, so every import of
        // a label is then reported as missing.
        const parsed = customLabelsSchema.safeParse(source.root);
        for (const label of parsed.success ? parsed.data.labels : []) {
            if (label.fullName !== undefined) {
                names.add(label.fullName);
            }
        }
    }
    return names;
}

function findMissingLabels(
    path: string,
    text: string,
    labels: ReadonlySet<string>
): MetadataProblem[] {
    return [...text.matchAll(LABEL_IMPORT)]
        .filter((match) => !labels.has(match[1] ?? ''))
        .map((match) => ({
            file: path,
            line: lineAtOffset(text, match.index),
            check: 'reference',
            message: `component imports the custom label c.${match[1] ?? ''}, which labels/CustomLabels.labels-meta.xml does not define. Add the label there or fix the import.`
        }));
}
