/**
 * Progress of an import, reported per file so that a command line can draw a bar.
 */

/** One step of progress: `done` of `total` rows of the file named by `label`. */
export interface ImportProgress {
    readonly label: string;
    readonly done: number;
    readonly total: number;
}

/** Receives progress; called once per row, so a listener should draw only now and then. */
export type ProgressListener = (progress: ImportProgress) => void;

/** A listener that ignores progress. */
export const NO_PROGRESS: ProgressListener = () => undefined;
