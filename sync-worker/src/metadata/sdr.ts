import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import {
    ComponentSet,
    MetadataConverter,
    type SourceComponent
} from '@salesforce/source-deploy-retrieve';
import { getLogger } from '../logging';
import {
    collectSourceTypes,
    findManifestGaps,
    readManifestTypes,
    type TypeMembers
} from './package-types';
import type { MetadataProblem } from './types';

const log = getLogger('metadata.validate');

/** Result of resolving and converting the package with source-deploy-retrieve. */
export interface SdrCheck {
    readonly problems: MetadataProblem[];
    /** Types present in the source, sorted; empty when the folder did not resolve. */
    readonly sourceTypes: string[];
    /** Types the converted package.xml lists, sorted; empty when conversion failed. */
    readonly packageTypes: string[];
}

/**
 * Resolves the folder with source-deploy-retrieve, checks that every file belongs to a
 * component, converts the components to Metadata API format in a temporary folder, and
 * checks that the generated package.xml lists every type and member of the source.
 */
export async function checkWithSdr(folder: string, files: readonly string[]): Promise<SdrCheck> {
    let components: SourceComponent[];
    let present: TypeMembers;
    try {
        components = ComponentSet.fromSource(folder).getSourceComponents().toArray();
        // Children resolve lazily, and an unexpected child file throws only here.
        present = collectSourceTypes(components);
    } catch (error) {
        const problem = sdrProblem(folder, files, 'could not resolve the package', error);
        return { problems: [problem], sourceTypes: [], packageTypes: [] };
    }
    const problems = findUnclaimedFiles(components, files);
    const conversion = await convertToManifest(folder, files, components);
    problems.push(...conversion.problems);
    if (conversion.listed !== undefined) {
        problems.push(...manifestProblems(folder, present, conversion.listed));
    }
    log.debug('SDR check finished', { components: components.length, problems: problems.length });
    return {
        problems,
        sourceTypes: [...present.keys()].sort(),
        packageTypes: conversion.listed === undefined ? [] : [...conversion.listed.keys()].sort()
    };
}

/** Reports files that no component claims: SDR leaves them out of the deploy without a word. */
function findUnclaimedFiles(
    components: readonly SourceComponent[],
    files: readonly string[]
): MetadataProblem[] {
    const claimed = new Set<string>();
    const claim = (component: SourceComponent): void => {
        if (component.xml !== undefined) {
            claimed.add(component.xml);
        }
        component.walkContent().forEach((path) => claimed.add(path));
        component.getChildren().forEach(claim);
    };
    components.forEach(claim);
    return files
        .filter((path) => !claimed.has(path))
        .map((path) => ({
            file: path,
            check: 'sdr',
            message:
                'file belongs to no metadata component, so the deploy would leave it out; move it into a metadata folder or list it in .forceignore'
        }));
}

async function convertToManifest(
    folder: string,
    files: readonly string[],
    components: readonly SourceComponent[]
): Promise<{ problems: MetadataProblem[]; listed?: TypeMembers }> {
    const outputDirectory = await mkdtemp(join(tmpdir(), 'lead-sla-mdapi-'));
    try {
        const result = await new MetadataConverter().convert(components, 'metadata', {
            type: 'directory',
            outputDirectory,
            genUniqueDir: false
        });
        const packageXml = await readFile(
            join(result.packagePath ?? outputDirectory, 'package.xml'),
            'utf8'
        );
        return { problems: [], listed: readManifestTypes(packageXml) };
    } catch (error) {
        return {
            problems: [
                sdrProblem(
                    folder,
                    files,
                    'could not convert the package to Metadata API format',
                    error
                )
            ]
        };
    } finally {
        await rm(outputDirectory, { recursive: true, force: true });
    }
}

function manifestProblems(
    folder: string,
    present: TypeMembers,
    listed: TypeMembers
): MetadataProblem[] {
    return findManifestGaps(present, listed).map((gap) => ({
        file: folder,
        check: 'sdr',
        message:
            gap.member === undefined
                ? `the converted package.xml does not list the type ${gap.typeName}, which the source contains`
                : `the converted package.xml does not list ${gap.typeName} ${gap.member}, which the source contains`
    }));
}

/**
 * Turns an SDR error into a problem. SDR names the offending file inside its message, so
 * the problem is filed under the longest package path the message contains.
 */
function sdrProblem(
    folder: string,
    files: readonly string[],
    action: string,
    error: unknown
): MetadataProblem {
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const named = files.filter((path) => detail.includes(path)).sort((a, b) => b.length - a.length);
    log.debug('SDR rejected the package', { folder, error: detail });
    // The problem already names the file; shorten the absolute paths inside SDR's message.
    // SDR's parse errors separate their parts with an escaped "\n" (a backslash and an n),
    // which would show up as such in the one-line output.
    const shortened = detail.replaceAll(folder + sep, '').replaceAll('\\n', ' ');
    const message = `source-deploy-retrieve ${action}: ${shortened}`;
    return { file: named[0] ?? folder, check: 'sdr', message };
}
