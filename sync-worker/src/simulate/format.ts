/**
 * The text output of `lead-sla simulate`: the window and policies, a table of totals per
 * kind of decision, and the largest differences with the engine's reasons.
 */
import { formatInstant, formatTable } from '../report/text-table';
import {
    DECISION_CATEGORIES,
    type DecisionCategory,
    type DecisionSide,
    type Difference,
    type SimulationResult
} from './types';

/** Differences listed in the text output; `--json` lists them all. */
export const LARGEST_DIFFERENCES = 10;

const CATEGORY_LABELS: Readonly<Record<DecisionCategory, string>> = {
    route: 'Routes',
    handoff: 'Handoffs',
    breach: 'Breaches',
    escalation: 'Escalations',
    review: 'Reviews'
};

const SINGULAR_LABELS: Readonly<Record<DecisionCategory, string>> = {
    route: 'Route',
    handoff: 'Handoff',
    breach: 'Breach',
    escalation: 'Escalation',
    review: 'Review'
};

function formatValue(value: unknown): string {
    const text = JSON.stringify(value) as string | undefined;
    return text ?? String(value);
}

function formatSide(label: string, side: DecisionSide | null): string[] {
    const head = `     ${label.padEnd(8)}`;
    if (side === null) {
        return [`${head}none`];
    }
    return [`${head}${side.summary}`, `     ${' '.repeat(8)}because ${side.reason}`];
}

function formatDifference(difference: Difference, position: number): string[] {
    const { subject } = difference;
    const subjectText =
        subject.id === '' ? subject.name : `${subject.object} ${subject.name} (${subject.id})`;
    const title = `${SINGULAR_LABELS[difference.category]} ${difference.change}`;
    return [
        `${String(position).padStart(3)}. ${title}: ${subjectText}, ${difference.impactHours.toFixed(1)} h`,
        ...formatSide('current', difference.current),
        ...formatSide('given', difference.given)
    ];
}

/** Formats the result as text for a terminal. */
export function formatSimulation(result: SimulationResult): string {
    const { current, given } = result.replays;
    const lines = [
        `What-if replay of ${result.org}`,
        `Window: ${formatInstant(result.from.toISOString())} to ${formatInstant(result.to.toISOString())}, ${result.events} changes in the history`,
        `Evaluations: ${current.evaluations} under the current policy (${current.fullEvaluations} of the whole org), ${given.evaluations} under the given one (${given.fullEvaluations} of the whole org), by a worker polling every ${result.cycleMinutes} min`,
        `Current policy: ${result.currentPolicy.source}, version ${result.currentPolicy.version}`,
        `Given policy: ${result.givenPolicy.source}, version ${result.givenPolicy.version}`
    ];
    if (result.givenPolicy.changes.length === 0) {
        lines.push('  (no field differs from the current policy)');
    }
    for (const change of result.givenPolicy.changes) {
        lines.push(
            `  ${change.field}: ${formatValue(change.current)} -> ${formatValue(change.given)}`
        );
    }
    if (result.invalidRecords > 0) {
        lines.push(`Left out: ${result.invalidRecords} records that failed validation`);
    }
    lines.push('');
    const rows = DECISION_CATEGORIES.map((category) => {
        const totals = result.totals[category];
        return [
            CATEGORY_LABELS[category],
            String(totals.current),
            String(totals.given),
            String(totals.added),
            String(totals.removed),
            String(totals.changed)
        ];
    });
    lines.push(
        ...formatTable(['Decisions', 'Current', 'Given', 'Added', 'Removed', 'Changed'], rows)
    );
    lines.push('');
    const count = result.differences.length;
    if (count === 0) {
        lines.push(
            'No decision differs: the given policy decides as the current one in this window.'
        );
        return `${lines.join('\n')}\n`;
    }
    const listed = result.differences.slice(0, LARGEST_DIFFERENCES);
    lines.push(
        count > listed.length
            ? `The ${listed.length} largest of ${count} differences (hours each moves or lasts):`
            : `The ${count} differences, largest first (hours each moves or lasts):`
    );
    listed.forEach((difference, index) => {
        lines.push(...formatDifference(difference, index + 1));
    });
    return `${lines.join('\n')}\n`;
}
