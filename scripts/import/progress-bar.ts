/**
 * A one-line progress bar for a terminal: the file being loaded, a bar and the row
 * count, redrawn in place at most ten times a second.
 */
import type { ImportProgress, ProgressListener } from './progress';

/** Width of the bar in characters. */
const BAR_WIDTH = 30;

/** Minimum time between two redraws, in milliseconds. */
const REDRAW_MS = 100;

/** A progress bar drawing on one terminal stream. */
export interface ProgressBar {
    readonly listener: ProgressListener;
    /** Ends the current line, so that later output starts on a line of its own. */
    finish(): void;
}

function render(progress: ImportProgress): string {
    const share = progress.total === 0 ? 1 : progress.done / progress.total;
    const filled = Math.round(share * BAR_WIDTH);
    const bar = `${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}`;
    return `${progress.label.padEnd(24)} [${bar}] ${progress.done}/${progress.total}`;
}

/** Creates a bar on `stream`, which should be a terminal (`stream.isTTY`). */
export function createProgressBar(stream: NodeJS.WritableStream): ProgressBar {
    let label: string | null = null;
    let drawnAt = 0;
    let open = false;
    const listener: ProgressListener = (progress) => {
        const now = Date.now();
        const complete = progress.done === progress.total;
        if (label !== null && progress.label !== label && open) {
            stream.write('\n');
            open = false;
        }
        if (progress.label === label && !complete && now - drawnAt < REDRAW_MS) {
            return;
        }
        label = progress.label;
        drawnAt = now;
        stream.write(`\r${render(progress)}`);
        open = true;
    };
    return {
        listener,
        finish: () => {
            if (open) {
                stream.write('\n');
                open = false;
            }
        }
    };
}
