/**
 * The text summary printed at the end of an import: counts by object, then what the
 * reader must know (skipped columns, references that could not be kept, notes) and the
 * rejected rows with file, line and reason.
 */
import { totalOf, type ImportResult, type ObjectTally } from './issues';

/** Rows with problems listed in full; the rest are counted. */
const MAX_LISTED_ISSUES = 50;

/** Width that long lines of the summary wrap at. */
const LINE_WIDTH = 100;

/** Wraps text at spaces into lines indented by two spaces, continuation lines by four. */
function wrap(text: string): string[] {
    const lines: string[] = [];
    let current = '';
    for (const word of text.split(' ')) {
        if (current !== '' && current.length + 1 + word.length > LINE_WIDTH - 2) {
            lines.push(current);
            current = `  ${word}`;
        } else {
            current = current === '' ? word : `${current} ${word}`;
        }
    }
    lines.push(current);
    return lines.map((line) => `  ${line}`);
}

function pad(text: string, width: number): string {
    return text.padEnd(width);
}

function countsLine(name: string, tally: ObjectTally, width: number): string {
    const numbers = [tally.read, tally.loaded, tally.existing, tally.rejected].map((value) =>
        String(value).padStart(9)
    );
    return `  ${pad(name, width)}${numbers.join('')}`;
}

function countsTable(result: ImportResult): string[] {
    const names = [...result.objects.keys()];
    const width = Math.max(8, ...names.map((name) => name.length)) + 2;
    const lines = [
        `  ${pad('object', width)}${['read', 'loaded', 'existing', 'rejected'].map((title) => title.padStart(9)).join('')}`
    ];
    for (const [name, tally] of result.objects) {
        lines.push(countsLine(name, tally, width));
    }
    lines.push(countsLine('total', totalOf(result), width));
    return lines;
}

function danglingLines(result: ImportResult): string[] {
    return result.dangling.flatMap((group) => {
        const examples = group.examples.join(', ');
        const more = group.missing > group.examples.length ? ', ...' : '';
        const references = group.count === 1 ? 'reference' : 'references';
        const records = group.missing === 1 ? 'record' : 'records';
        const outcome = group.outcome === 'cleared' ? 'left empty' : 'given a placeholder owner';
        return wrap(
            `${group.object}.${group.field}: ${group.count} ${references} to ${group.missing} ${records} not in the import (${examples}${more}), ${outcome}`
        );
    });
}

/** Formats the end-of-import summary as lines of text ending with a line break. */
export function formatImportSummary(result: ImportResult): string {
    const lines = [`Imported ${result.kind} from ${result.folder}`, ...countsTable(result)];
    lines.push('  (loaded: new records; existing: loaded by an earlier run, left as they are)');
    if (result.skippedColumns.length > 0) {
        lines.push('', 'Columns the org schema does not have (skipped):');
        for (const entry of result.skippedColumns) {
            lines.push(...wrap(`${entry.file}: ${entry.columns.join(', ')}`));
        }
    }
    if (result.dangling.length > 0) {
        lines.push(
            '',
            'References to records that are not in the import:',
            ...danglingLines(result)
        );
    }
    if (result.notes.length > 0) {
        lines.push('', 'Notes:', ...result.notes.flatMap((note) => wrap(note)));
    }
    if (result.issues.length > 0) {
        lines.push('', `Rows with problems (${result.issues.length}), by file and line:`);
        for (const issue of result.issues.slice(0, MAX_LISTED_ISSUES)) {
            lines.push(`  ${issue.file}:${issue.line}: ${issue.reason}`);
        }
        if (result.issues.length > MAX_LISTED_ISSUES) {
            lines.push(`  ... and ${result.issues.length - MAX_LISTED_ISSUES} more`);
        }
    }
    return `${lines.join('\n')}\n`;
}
