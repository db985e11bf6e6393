/**
 * The result of an import: counts per object, rejected rows (file, line, reason),
 * skipped columns, references that could not be kept, and notes about the data.
 */

/** A row or file the import could not load, and why. Line 0 means the whole file. */
export interface ImportIssue {
    readonly file: string;
    readonly line: number;
    readonly reason: string;
}

/** Counts of one object. `loaded` counts new records; `existing` counts rows an earlier run loaded. */
export interface ObjectTally {
    read: number;
    loaded: number;
    existing: number;
    rejected: number;
}

/** References to records that are not in the import, grouped by field. */
export interface DanglingReference {
    readonly object: string;
    readonly field: string;
    /** The import's handling of them: a placeholder owner, or an empty field. */
    readonly outcome: 'placeholder owner' | 'cleared';
    /** References counted. */
    count: number;
    /** Distinct records they point to. */
    missing: number;
    /** Up to five of the missing Ids or names, for the summary. */
    readonly examples: string[];
}

/** Columns of one file that the import skipped. */
export interface SkippedColumns {
    readonly file: string;
    readonly columns: string[];
}

/** Everything one import run did. */
export interface ImportResult {
    readonly kind: string;
    readonly folder: string;
    /** Counts by object, in load order. */
    readonly objects: Map<string, ObjectTally>;
    readonly issues: ImportIssue[];
    /** Columns the schema does not know, by file, each listed once. */
    readonly skippedColumns: SkippedColumns[];
    readonly dangling: DanglingReference[];
    /** Facts about the data a reader must know, such as values the import had to supply. */
    readonly notes: string[];
}

/** Maximum examples kept per dangling reference group. */
const MAX_EXAMPLES = 5;

/** Collects the result of one import run. */
export class ImportLog {
    public readonly result: ImportResult;
    /** Distinct missing Ids or names of each dangling group. */
    private readonly missingByGroup = new Map<DanglingReference, Set<string>>();

    public constructor(kind: string, folder: string) {
        this.result = {
            kind,
            folder,
            objects: new Map(),
            issues: [],
            skippedColumns: [],
            dangling: [],
            notes: []
        };
    }

    /** Returns the counts of an object, creating them on first use so that the summary keeps load order. */
    public tally(objectName: string): ObjectTally {
        let tally = this.result.objects.get(objectName);
        if (tally === undefined) {
            tally = { read: 0, loaded: 0, existing: 0, rejected: 0 };
            this.result.objects.set(objectName, tally);
        }
        return tally;
    }

    /** Records a rejected row; the caller counts it against its object. */
    public reject(file: string, line: number, reason: string): void {
        this.result.issues.push({ file, line, reason });
    }

    public addIssues(issues: readonly ImportIssue[]): void {
        this.result.issues.push(...issues);
    }

    public skipColumn(file: string, column: string): void {
        let entry = this.result.skippedColumns.find((skipped) => skipped.file === file);
        if (entry === undefined) {
            entry = { file, columns: [] };
            this.result.skippedColumns.push(entry);
        }
        if (!entry.columns.includes(column)) {
            entry.columns.push(column);
        }
    }

    public note(text: string): void {
        this.result.notes.push(text);
    }

    /** Counts one reference to a record that is not in the import. */
    public dangling(
        object: string,
        field: string,
        outcome: DanglingReference['outcome'],
        missing: string
    ): void {
        let group = this.result.dangling.find(
            (entry) => entry.object === object && entry.field === field && entry.outcome === outcome
        );
        if (group === undefined) {
            group = { object, field, outcome, count: 0, missing: 0, examples: [] };
            this.result.dangling.push(group);
            this.missingByGroup.set(group, new Set());
        }
        group.count += 1;
        const seen = this.missingByGroup.get(group);
        if (seen !== undefined && !seen.has(missing)) {
            seen.add(missing);
            group.missing = seen.size;
            if (group.examples.length < MAX_EXAMPLES) {
                group.examples.push(missing);
            }
        }
    }
}

/** Sums the counts of every object. */
export function totalOf(result: ImportResult): ObjectTally {
    const total: ObjectTally = { read: 0, loaded: 0, existing: 0, rejected: 0 };
    for (const tally of result.objects.values()) {
        total.read += tally.read;
        total.loaded += tally.loaded;
        total.existing += tally.existing;
        total.rejected += tally.rejected;
    }
    return total;
}
