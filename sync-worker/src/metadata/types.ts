/** The check that found a problem, so that callers and tests can group problems. */
export type CheckName =
    'xml' | 'layout' | 'sdr' | 'structure' | 'field' | 'reference' | 'description';

/** One problem in the metadata source, tied to the file (and line, where known) it is in. */
export interface MetadataProblem {
    /** Absolute path of the file, or of the package folder for problems of the whole package. */
    readonly file: string;
    /** 1-based line number, when the problem can be placed on a line. */
    readonly line?: number;
    readonly check: CheckName;
    readonly message: string;
}

/** The outcome of validating one package folder. */
export interface ValidationReport {
    /** Absolute path of the package folder that was checked. */
    readonly folder: string;
    /** Number of files in the folder that `.forceignore` does not exclude. */
    readonly filesChecked: number;
    /** Every problem found, sorted by file and line. An empty list means the package is valid. */
    readonly problems: readonly MetadataProblem[];
    /** Metadata types present in the source, as resolved by source-deploy-retrieve, sorted. */
    readonly sourceTypes: readonly string[];
    /** Metadata types the converted package.xml lists, sorted; empty when conversion failed. */
    readonly packageTypes: readonly string[];
}

/** Raised when the folder to validate cannot be read at all. */
export class MetadataFolderError extends Error {
    readonly code = 'METADATA_FOLDER_NOT_FOUND';

    constructor(
        readonly folder: string,
        options?: ErrorOptions
    ) {
        super(`Metadata folder not found or not a directory: ${folder}`, options);
        this.name = 'MetadataFolderError';
    }
}
