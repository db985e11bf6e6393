import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { getLogger } from '../logging';
import { checkComponentLabels } from './component-labels';
import { checkCustomMetadataRecords } from './custom-metadata';
import { checkFields } from './field-rules';
import { isXmlFile, listPackageFiles } from './files';
import { checkLayout } from './layout';
import { buildModel } from './model';
import { checkObjectFolders } from './object-folders';
import { checkObjectReferences } from './object-references';
import { checkPermissionSets } from './permission-sets';
import { checkPicklistLineBreaks } from './picklist-text';
import { checkWithSdr } from './sdr';
import type { SourceFile } from './source-file';
import type { MetadataProblem, ValidationReport } from './types';
import { checkValidationRules } from './validation-rules';
import { checkWellFormed } from './xml';

export {
    MetadataFolderError,
    type CheckName,
    type MetadataProblem,
    type ValidationReport
} from './types';
export {
    collectSourceTypes,
    findManifestGaps,
    readManifestTypes,
    type ManifestGap,
    type TypeMembers
} from './package-types';

const log = getLogger('metadata.validate');

/**
 * Validates a Salesforce DX package folder offline: well-formed XML, file layout,
 * resolution and conversion by source-deploy-retrieve, field definitions, references
 * between components, and field descriptions. Throws MetadataFolderError when the
 * folder cannot be read; every other finding is a problem in the report.
 */
export async function validateMetadata(folder: string): Promise<ValidationReport> {
    const packageFolder = resolve(folder);
    const files = await listPackageFiles(packageFolder);
    if (files.length === 0) {
        return emptyFolderReport(packageFolder);
    }
    const { sources, problems } = await readXmlSources(files);
    problems.push(
        ...sources.flatMap((source) => [
            ...checkLayout(packageFolder, source),
            ...checkPicklistLineBreaks(source)
        ])
    );

    const sdr = await checkWithSdr(packageFolder, files);
    problems.push(...sdr.problems);

    const { model, problems: structureProblems } = buildModel(sources);
    problems.push(
        ...structureProblems,
        ...checkObjectFolders(model),
        ...checkFields(model),
        ...checkValidationRules(model),
        ...checkCustomMetadataRecords(model),
        ...checkPermissionSets(model),
        ...checkObjectReferences(model),
        ...(await checkComponentLabels(files, sources))
    );
    log.debug('Metadata validated', {
        folder: packageFolder,
        files: files.length,
        problems: problems.length
    });
    return {
        folder: packageFolder,
        filesChecked: files.length,
        problems: problems.map(toOneLine).sort(compareProblems),
        sourceTypes: sdr.sourceTypes,
        packageTypes: sdr.packageTypes
    };
}

/** Reports a folder without files, which would otherwise pass as a valid, empty package. */
function emptyFolderReport(packageFolder: string): ValidationReport {
    return {
        folder: packageFolder,
        filesChecked: 0,
        problems: [
            {
                file: packageFolder,
                check: 'layout',
                message: `no metadata files found in ${packageFolder}`
            }
        ],
        sourceTypes: [],
        packageTypes: []
    };
}

/**
 * Collapses each run of whitespace in a message to one space, so that every problem
 * prints as one `path:line: message` line. Messages quote file text and library errors,
 * and both may contain line breaks.
 */
function toOneLine(problem: MetadataProblem): MetadataProblem {
    return { ...problem, message: problem.message.replace(/\s+/g, ' ').trim() };
}

async function readXmlSources(
    files: readonly string[]
): Promise<{ sources: SourceFile[]; problems: MetadataProblem[] }> {
    const checked = await Promise.all(
        files
            .filter(isXmlFile)
            .map(async (path) => checkWellFormed(path, await readFile(path, 'utf8')))
    );
    return {
        sources: checked.map((result) => result.file),
        problems: checked.flatMap((result) => result.problems)
    };
}

function compareProblems(a: MetadataProblem, b: MetadataProblem): number {
    return (
        a.file.localeCompare(b.file) ||
        (a.line ?? 0) - (b.line ?? 0) ||
        a.message.localeCompare(b.message)
    );
}
