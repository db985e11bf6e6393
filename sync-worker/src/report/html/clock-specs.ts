/**
 * Vega-Lite specs of the charts about clocks and records: response times against each
 * window, the lifecycle funnel and the open clocks by due time.
 */
import {
    DUE_BUCKETS,
    type DueBucketCount,
    type FunnelStep,
    type ResponseWindow
} from '../chart-types';
import type { ConcatSpec, TopLevelSpec } from './libraries';
import { BAD_FILL, CHART_CONFIG, GOOD_FILL, INK } from './theme';

/** Counts with thousands separators, as the tables show them. */
const COUNT_FORMAT = new Intl.NumberFormat('en-US');

/** Formats hours for a label: `1 h`, `2.5 h`. */
export function hoursText(hours: number): string {
    return `${Number(hours.toFixed(2))} h`;
}

/** Returns the histogram of one window's response times, with the window drawn as a rule. */
function windowHistogram(group: ResponseWindow): ConcatSpec {
    const values = group.bins.flatMap((bin) =>
        [
            { start: bin.start, end: bin.end, outcome: 'in time', count: bin.inTime },
            { start: bin.start, end: bin.end, outcome: 'late', count: bin.late }
        ].filter((bar) => bar.count > 0)
    );
    const last = group.bins[group.bins.length - 1];
    const answered = group.met + group.late;
    const window = {
        values: [{ window: group.windowHours, label: `window ${hoursText(group.windowHours)}` }]
    };
    return {
        title: {
            text: `${group.clockType} clocks with a ${hoursText(group.windowHours)} window`,
            subtitle: `${answered} answered (${group.met} in time, ${group.late} late), ${group.unanswered} not answered`
        },
        width: 520,
        height: 120,
        layer: [
            {
                data: { values },
                mark: { type: 'bar', stroke: INK, strokeWidth: 0.5 },
                encoding: {
                    x: {
                        field: 'start',
                        type: 'quantitative',
                        // The bins are computed already; this makes the bars vertical, from start to end.
                        bin: { binned: true },
                        title: `Business hours to the first action (the last bar holds ${hoursText(last?.start ?? 0)} and later)`,
                        scale: { domain: [0, last?.end ?? group.windowHours], nice: false }
                    },
                    x2: { field: 'end' },
                    y: { field: 'count', type: 'quantitative', title: 'Clocks', stack: true },
                    fill: {
                        field: 'outcome',
                        type: 'nominal',
                        title: 'First action',
                        scale: { domain: ['in time', 'late'], range: [GOOD_FILL, BAD_FILL] }
                    }
                }
            },
            {
                data: window,
                mark: { type: 'rule', color: INK, strokeWidth: 2, strokeDash: [6, 3] },
                encoding: { x: { field: 'window', type: 'quantitative' } }
            },
            {
                data: window,
                mark: { type: 'text', align: 'left', baseline: 'top', dx: 4, dy: 2, color: INK },
                encoding: {
                    x: { field: 'window', type: 'quantitative' },
                    y: { value: 0 },
                    text: { field: 'label' }
                }
            }
        ]
    };
}

/** Returns the response time chart: one histogram per clock type and window length. */
export function responseSpec(windows: readonly ResponseWindow[]): TopLevelSpec {
    return {
        config: CHART_CONFIG,
        spacing: 28,
        vconcat: windows.map(windowHistogram),
        resolve: { scale: { x: 'independent', y: 'independent' } }
    };
}

const OBJECT_TITLES = {
    Lead: 'Leads (unconverted)',
    Contact: 'Contacts',
    Account: 'Accounts'
} as const;

/** Returns one object's funnel: a light bar for the records that reached a stage, a dark one for those at it. */
function objectFunnel(
    steps: readonly FunnelStep[],
    object: FunnelStep['object'],
    first: boolean
): ConcatSpec {
    const values = steps
        .filter((step) => step.object === object)
        .map((step) => ({
            ...step,
            label: `${COUNT_FORMAT.format(step.reached)} (${COUNT_FORMAT.format(step.atStage)} here)`
        }));
    const y = {
        field: 'stage',
        type: 'ordinal',
        sort: values.map((value) => value.stage),
        title: first ? 'Lifecycle stage' : null,
        axis: first ? {} : null
    } as const;
    return {
        title: OBJECT_TITLES[object],
        width: 150,
        height: { step: 26 },
        data: { values },
        layer: [
            {
                mark: { type: 'bar', fill: '#b9d3ea', stroke: INK, strokeWidth: 1 },
                encoding: { y, x: { field: 'reached', type: 'quantitative', title: 'Records' } }
            },
            {
                mark: { type: 'bar', fill: '#0b3c68', height: { band: 0.45 } },
                encoding: { y, x: { field: 'atStage', type: 'quantitative' } }
            },
            {
                mark: { type: 'text', align: 'left', dx: 4, color: INK },
                encoding: {
                    y,
                    x: { field: 'reached', type: 'quantitative' },
                    text: { field: 'label' }
                }
            }
        ]
    };
}

/** Returns the funnel chart of leads, contacts and accounts side by side, rows aligned by stage. */
export function funnelSpec(steps: readonly FunnelStep[]): TopLevelSpec {
    return {
        config: CHART_CONFIG,
        spacing: 90,
        hconcat: (['Lead', 'Contact', 'Account'] as const).map((object, index) =>
            objectFunnel(steps, object, index === 0)
        )
    };
}

/** Returns one due-time bucket's panel: a labelled bar per clock type, on the x scale all buckets share. */
function bucketChart(
    bucket: string,
    counts: readonly DueBucketCount[],
    maximum: number,
    last: boolean
): ConcatSpec {
    const total = counts.reduce((sum, entry) => sum + entry.count, 0);
    const values = counts.map((entry) => ({ type: entry.clockType, count: entry.count }));
    const y = { field: 'type', type: 'nominal', title: null, sort: 'ascending' } as const;
    const x = {
        field: 'count',
        type: 'quantitative' as const,
        title: last ? 'Open clocks' : null,
        scale: { domain: [0, maximum] },
        axis: last ? {} : { labels: false, title: null }
    };
    return {
        title: { text: `${bucket}: ${COUNT_FORMAT.format(total)}`, fontSize: 13 },
        width: 420,
        height: { step: 20 },
        data: { values },
        layer: [
            {
                mark: {
                    type: 'bar',
                    stroke: INK,
                    strokeWidth: 0.5,
                    fill: bucket === 'Overdue' ? BAD_FILL : GOOD_FILL
                },
                encoding: { y, x }
            },
            {
                mark: { type: 'text', align: 'left', dx: 4, color: INK },
                encoding: { y, x, text: { field: 'count', type: 'quantitative', format: ',' } }
            }
        ]
    };
}

/** Returns the chart of open clocks by due-time bucket: one panel per bucket with its total. */
export function dueSpec(counts: readonly DueBucketCount[]): TopLevelSpec {
    const maximum = Math.max(1, ...counts.map((entry) => entry.count));
    const buckets = DUE_BUCKETS.filter((bucket) => counts.some((entry) => entry.bucket === bucket));
    return {
        config: CHART_CONFIG,
        spacing: 14,
        vconcat: buckets.map((bucket, index) =>
            bucketChart(
                bucket,
                counts.filter((entry) => entry.bucket === bucket),
                maximum,
                index === buckets.length - 1
            )
        )
    };
}
