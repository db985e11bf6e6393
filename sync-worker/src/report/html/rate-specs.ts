/**
 * Vega-Lite specs of the monthly charts: breach rate by team and the rejection rate,
 * each against its policy threshold drawn as a dashed rule.
 */
import type { ChartThresholds, TeamMonthRate } from '../chart-types';
import type { MonthRates } from '../types';
import type { LayerSpec, TopLevelSpec } from './libraries';
import {
    BAD_FILL,
    CHART_CONFIG,
    GOOD_FILL,
    INK,
    SERIES_COLOURS,
    SERIES_DASHES,
    SERIES_SHAPES
} from './theme';

const PLOT_WIDTH = 520;
const PLOT_HEIGHT = 260;

/** Point areas in square pixels, largest first. */
const POINT_SIZES = [200, 130, 80, 50, 35, 25, 20];

/** Returns a month's label for the axis and tables, which marks the month still in progress. */
export function monthLabel(period: string, currentPeriod: string): string {
    return period === currentPeriod ? `${period} (so far)` : period;
}

function percent(value: number): string {
    return `${Number.isInteger(value) ? value : value.toFixed(2)}%`;
}

/** Returns the layers of a dashed horizontal rule at `value` percent, labelled above its right end. */
function thresholdLayers(value: number, label: string): LayerSpec[] {
    const data = { values: [{ threshold: value, label }] };
    return [
        {
            data,
            mark: { type: 'rule', color: INK, strokeWidth: 1.5, strokeDash: [5, 4] },
            encoding: { y: { field: 'threshold', type: 'quantitative' } }
        },
        {
            data,
            mark: { type: 'text', align: 'right', baseline: 'bottom', dx: -4, dy: -3, color: INK },
            encoding: {
                x: { value: PLOT_WIDTH },
                y: { field: 'threshold', type: 'quantitative' },
                text: { field: 'label' }
            }
        }
    ];
}

/**
 * Returns the chart of each team's breach rate by month: one line per team, which
 * differ in colour, point shape and dash.
 */
export function teamBreachSpec(
    rates: readonly TeamMonthRate[],
    thresholds: ChartThresholds,
    currentPeriod: string
): TopLevelSpec {
    const withRate = rates.filter((rate) => rate.breachRate !== null);
    const teams = [...new Set(withRate.map((rate) => rate.team))].sort((a, b) =>
        a.localeCompare(b)
    );
    const periods = [...new Set(rates.map((rate) => rate.period))].sort();
    // A month without a rate gets a null one, which breaks the team's line there instead of
    // joining the months around it.
    const values = teams.flatMap((team, rank) =>
        periods.map((period) => ({
            month: monthLabel(period, currentPeriod),
            team,
            // A field apart from `team`, so that the size scale keeps out of the team legend.
            rank,
            rate:
                withRate.find((rate) => rate.team === team && rate.period === period)?.breachRate ??
                null
        }))
    );
    const x = { field: 'month', type: 'ordinal', title: 'Month', axis: { labelAngle: 0 } } as const;
    const y = { field: 'rate', type: 'quantitative', title: 'Breach rate (%)' } as const;
    const series = {
        field: 'team',
        type: 'nominal',
        title: 'Team (manager)',
        scale: { domain: teams }
    } as const;
    return {
        config: CHART_CONFIG,
        width: PLOT_WIDTH,
        height: PLOT_HEIGHT,
        data: { values },
        layer: [
            {
                mark: { type: 'line', strokeWidth: 2 },
                encoding: {
                    x,
                    y,
                    color: { ...series, scale: { ...series.scale, range: SERIES_COLOURS } },
                    strokeDash: { ...series, scale: { ...series.scale, range: SERIES_DASHES } }
                }
            },
            {
                mark: {
                    type: 'point',
                    filled: true,
                    opacity: 1,
                    stroke: '#ffffff',
                    strokeWidth: 1
                },
                encoding: {
                    x,
                    y,
                    color: { ...series, scale: { ...series.scale, range: SERIES_COLOURS } },
                    shape: { ...series, scale: { ...series.scale, range: SERIES_SHAPES } },
                    // Earlier teams get larger points, drawn first, so equal values stay visible.
                    size: {
                        field: 'rank',
                        type: 'ordinal',
                        scale: { range: POINT_SIZES },
                        legend: null
                    }
                }
            },
            ...thresholdLayers(
                thresholds.teamBreachRatePercent,
                `Team Remediation above ${percent(thresholds.teamBreachRatePercent)} with at least ${thresholds.teamMinClocksDue} clocks due`
            )
        ]
    };
}

/**
 * Returns the chart of the rejection rate of Marketing's hand-offs by month: one bar
 * per month, labelled with the rate and its counts, against the probation threshold.
 */
export function rejectionSpec(
    months: readonly MonthRates[],
    thresholds: ChartThresholds,
    currentPeriod: string
): TopLevelSpec {
    const limit = thresholds.rejectionRatePercent;
    const values = months.flatMap((month) =>
        month.rejectionRate === null
            ? []
            : [
                  {
                      month: monthLabel(month.period, currentPeriod),
                      rate: month.rejectionRate,
                      side: month.rejectionRate > limit ? 'above the threshold' : 'at or below',
                      label: `${percent(month.rejectionRate)} (${month.rejections} of ${month.handoffs})`
                  }
              ]
    );
    const x = {
        field: 'month',
        type: 'ordinal',
        title: 'Month of hand-off',
        axis: { labelAngle: 0 }
    } as const;
    const y = { field: 'rate', type: 'quantitative', title: 'Rejection rate (%)' } as const;
    return {
        config: CHART_CONFIG,
        width: PLOT_WIDTH,
        height: PLOT_HEIGHT,
        data: { values },
        layer: [
            {
                mark: { type: 'bar', stroke: INK, strokeWidth: 1, width: { band: 0.6 } },
                encoding: {
                    x,
                    y,
                    fill: {
                        field: 'side',
                        type: 'nominal',
                        title: 'Rejection rate',
                        scale: {
                            domain: ['at or below', 'above the threshold'],
                            range: [GOOD_FILL, BAD_FILL]
                        }
                    }
                }
            },
            {
                mark: { type: 'text', baseline: 'bottom', dy: -4, color: INK },
                encoding: { x, y, text: { field: 'label' } }
            },
            ...thresholdLayers(
                limit,
                `Probation threshold ${percent(limit)}: above it ${thresholds.probationConsecutiveMonths} complete months in a row`
            )
        ]
    };
}
