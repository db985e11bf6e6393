/**
 * The SLA report as text for a terminal: one titled table per section.
 */
import { LIFECYCLE_STAGES } from './funnel';
import { formatDue, formatInstant, formatTable, percentText } from './text-table';
import type { SlaReport, StageCount, Team } from './types';

/** Stages in funnel order; a stage the org spells otherwise follows them. */
const STAGE_ORDER = LIFECYCLE_STAGES;

const NOT_SET = '(not set)';

function stageRows(counts: readonly StageCount[]): string[][] {
    const stages = [...new Set(counts.map((entry) => entry.stage ?? NOT_SET))].sort(
        (left, right) => {
            const rank = (stage: string): number =>
                stage === NOT_SET
                    ? 99
                    : STAGE_ORDER.includes(stage)
                      ? STAGE_ORDER.indexOf(stage)
                      : 50;
            return rank(left) - rank(right) || left.localeCompare(right);
        }
    );
    const countOf = (object: StageCount['object'], stage: string): string =>
        String(
            counts
                .filter((entry) => entry.object === object && (entry.stage ?? NOT_SET) === stage)
                .reduce((sum, entry) => sum + entry.count, 0)
        );
    return stages.map((stage) => [
        stage,
        countOf('Lead', stage),
        countOf('Contact', stage),
        countOf('Account', stage)
    ]);
}

/** Returns the lines of a titled section, with `(none)` when it has no rows. */
function section(title: string, body: string[]): string[] {
    return ['', title, ...(body.length === 0 ? ['  (none)'] : body)];
}

/** Returns a titled table, or the title and `(none)` when there are no rows. */
function tableSection(title: string, headers: readonly string[], rows: string[][]): string[] {
    return section(title, rows.length === 0 ? [] : formatTable(headers, rows));
}

function teamLines(teams: readonly Team[]): string[] {
    return teams.flatMap((team) => [
        `  ${team.managerName} (${team.members.length} ${team.members.length === 1 ? 'person' : 'people'})`,
        ...formatTable(
            ['member', 'SLA team', 'open opps', 'open clocks', 'breaches'],
            team.members.map((member) => [
                member.name,
                member.slaTeam ?? '-',
                String(member.openOpportunities),
                String(member.openClocks),
                String(member.breaches)
            ]),
            4
        )
    ]);
}

function countSections(report: SlaReport): string[] {
    return [
        ...tableSection(
            'Lifecycle stages (unconverted leads, contacts, accounts)',
            ['stage', 'leads', 'contacts', 'accounts'],
            stageRows(report.lifecycle)
        ),
        ...tableSection(
            'Routing decisions of unconverted leads',
            ['decision', 'source tier', 'leads'],
            report.routing.map((entry) => [
                entry.decision ?? NOT_SET,
                entry.sourceTier ?? NOT_SET,
                String(entry.count)
            ])
        ),
        ...tableSection(
            'Open clocks',
            ['status', 'type', 'clocks'],
            report.openClocks.map((entry) => [
                entry.status,
                entry.type ?? NOT_SET,
                String(entry.count)
            ])
        ),
        ...tableSection(
            'Breaches',
            ['level', 'action', 'breaches'],
            report.breaches.map((entry) => [
                entry.level === null ? NOT_SET : String(entry.level),
                entry.action ?? NOT_SET,
                String(entry.count)
            ])
        )
    ];
}

function monthSection(report: SlaReport): string[] {
    const headers = [
        'month',
        'response clocks due',
        'breached',
        'breach rate',
        'handoffs',
        'rejected',
        'rejection rate'
    ];
    const rows = report.months.map((month) => [
        month.period,
        String(month.responseClocksDue),
        String(month.responseBreaches),
        percentText(month.breachRate),
        String(month.handoffs),
        String(month.rejections),
        percentText(month.rejectionRate)
    ]);
    return tableSection('Breach and rejection rates by month (from the scorecards)', headers, rows);
}

function urgentSection(report: SlaReport): string[] {
    const now = new Date(report.generatedAt);
    const lines = report.urgentClocks.flatMap((clock) => [
        `  ${clock.name}  ${clock.type ?? NOT_SET}, ${clock.status}, due ${formatDue(clock.dueAt, now)}, ${clock.responsible}, ${clock.record}`,
        `      ${clock.reason ?? 'no reason recorded'}`
    ]);
    return section(`The ${report.urgentClocks.length} most urgent open clocks`, lines);
}

/** Formats the report as lines of text ending with a line break. */
export function formatReport(report: SlaReport): string {
    const evaluated =
        report.lastEvaluatedAt === null ? 'none yet' : formatInstant(report.lastEvaluatedAt);
    const lines = [
        `SLA report of ${report.source}, made ${formatInstant(report.generatedAt)}`,
        `Latest lead evaluation by the worker: ${evaluated}`,
        ...countSections(report),
        ...monthSection(report),
        ...tableSection(
            'Accounts by MEDDPICC completeness of their best open opportunity',
            ['completeness', 'accounts'],
            report.meddpicc.map((entry) => [entry.range, String(entry.count)])
        ),
        ...section('Teams (active users by manager)', teamLines(report.teams)),
        ...urgentSection(report)
    ];
    return `${lines.join('\n')}\n`;
}
