/**
 * The HTML page around the charts: one document with its CSS inline, the charts as
 * inline SVG and no script, so it opens offline and prints as it shows.
 */
import { formatInstant } from '../text-table';
import type { SlaReport } from '../types';
import { escapeHtml } from './escape';

/** One chart of the page with its caption and data table. */
export interface Figure {
    /** Fragment id of the figure, unique in the page. */
    readonly id: string;
    readonly title: string;
    /** Plain-text description of the chart and of the records its figures come from. */
    readonly caption: string;
    /** The chart's `<svg>` element; null when there is nothing to draw. */
    readonly svg: string | null;
    /** Shown instead of the chart when `svg` is null. */
    readonly emptyText: string;
    /** The `<table>` of the chart's figures; null when there is nothing to draw. */
    readonly table: string | null;
}

/** The page's facts about where the figures come from. */
export interface PageFacts {
    readonly report: SlaReport;
    readonly timeZone: string;
    readonly businessHours: string;
    readonly policy: string;
    /** Versions of the chart libraries, such as `Vega-Lite 6.5.0 and Vega 6.4.0`. */
    readonly libraries: string;
}

const STYLE = `
:root { color-scheme: light; }
body { margin: 0 auto; max-width: 64rem; padding: 1.5rem; background: #fff; color: #111;
  font-family: Helvetica, Arial, "Liberation Sans", sans-serif; line-height: 1.45; }
h1 { font-size: 1.7rem; margin: 0 0 0.75rem; }
h2 { font-size: 1.25rem; margin: 0 0 0.3rem; }
a { color: #0b3c68; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; margin: 0 0 1rem; }
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0; }
figure { margin: 2rem 0 0; padding-top: 1rem; border-top: 2px solid #111; }
figcaption p { margin: 0 0 0.75rem; max-width: 50rem; }
.chart svg { display: block; max-width: 100%; height: auto; }
.empty { font-style: italic; }
table { border-collapse: collapse; margin: 0.75rem 0 0; font-size: 0.9rem; }
th, td { border: 1px solid #777; padding: 0.25rem 0.55rem; text-align: left; vertical-align: top; }
th { background: #ececec; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
footer { margin-top: 2rem; padding-top: 0.5rem; border-top: 1px solid #777; font-size: 0.85rem; }
@media print {
  @page { margin: 14mm; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  nav { display: none; }
  a { color: inherit; text-decoration: none; }
  figure { break-before: page; border-top: none; padding-top: 0; }
  .chart, tr { break-inside: avoid; }
  thead { display: table-header-group; }
  th { background: none; border-bottom: 2px solid #111; }
}
`;

function figureHtml(figure: Figure, index: number): string {
    const body =
        figure.svg === null
            ? `<p class="empty">${escapeHtml(figure.emptyText)}</p>`
            : `<div class="chart">${figure.svg}</div>\n${figure.table ?? ''}`;
    return [
        `<figure id="${escapeHtml(figure.id)}" aria-labelledby="${escapeHtml(figure.id)}-title">`,
        '<figcaption>',
        `<h2 id="${escapeHtml(figure.id)}-title">${index + 1}. ${escapeHtml(figure.title)}</h2>`,
        `<p>${escapeHtml(figure.caption)}</p>`,
        '</figcaption>',
        body,
        '</figure>'
    ].join('\n');
}

function factsHtml(facts: PageFacts): string {
    const { report } = facts;
    const evaluated =
        report.lastEvaluatedAt === null ? 'none yet' : formatInstant(report.lastEvaluatedAt);
    const rows: [string, string][] = [
        ['Org', report.source],
        ['Made', formatInstant(report.generatedAt)],
        ['Latest lead evaluation', evaluated],
        ['Time zone', facts.timeZone],
        ['Business hours', facts.businessHours],
        ['Thresholds from', facts.policy]
    ];
    const items = rows.map(
        ([term, value]) => `<dt>${escapeHtml(term)}</dt><dd>${escapeHtml(value)}</dd>`
    );
    return `<dl class="facts">\n${items.join('\n')}\n</dl>`;
}

/** Returns the whole HTML document. */
export function pageHtml(facts: PageFacts, figures: readonly Figure[]): string {
    const contents = figures
        .map(
            (figure) =>
                `<li><a href="#${escapeHtml(figure.id)}">${escapeHtml(figure.title)}</a></li>`
        )
        .join('\n');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>SLA report: ${escapeHtml(facts.report.source)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>SLA report</h1>
${factsHtml(facts)}
<nav aria-label="Charts"><ol>
${contents}
</ol></nav>
</header>
<main>
${figures.map(figureHtml).join('\n')}
</main>
<footer>Made by <code>lead-sla report --html</code>. Charts drawn with ${escapeHtml(facts.libraries)}.</footer>
</body>
</html>
`;
}
