/**
 * The look of the charts: dark text on white, system fonts only (the page loads no
 * font), and series that differ in shape and dash as well as in colour, so the charts
 * read in greyscale print and for readers who do not see the colours.
 */
import type { ChartConfig } from './libraries';

/** Okabe-Ito colours, which stay distinct for the common colour-vision deficiencies. */
export const SERIES_COLOURS = [
    '#0072B2',
    '#D55E00',
    '#009E73',
    '#CC79A7',
    '#000000',
    '#E69F00',
    '#56B4E9'
];

/** Point shapes in series order. */
export const SERIES_SHAPES = [
    'circle',
    'square',
    'triangle-up',
    'diamond',
    'cross',
    'triangle-down',
    'triangle-right'
];

/** Line dash patterns in series order: solid first. */
export const SERIES_DASHES = [
    [1, 0],
    [6, 3],
    [2, 2],
    [8, 3, 2, 3],
    [12, 4],
    [4, 4, 1, 4],
    [1, 4]
];

/** Fill of "in time" or "below the threshold" marks, and of late or above-threshold ones. */
export const GOOD_FILL = '#0072B2';
export const BAD_FILL = '#D55E00';

/** Colour of text, threshold rules and outlines. */
export const INK = '#111111';

/** System font stacks present on every platform, so the page needs no web font. */
const FONT = 'Helvetica, Arial, "Liberation Sans", sans-serif';

/** Vega-Lite config shared by every chart. */
export const CHART_CONFIG: ChartConfig = {
    background: '#ffffff',
    font: FONT,
    padding: 8,
    title: {
        color: INK,
        fontSize: 15,
        anchor: 'start',
        subtitleColor: '#333333',
        subtitleFontSize: 12
    },
    axis: {
        labelColor: '#222222',
        titleColor: INK,
        domainColor: '#444444',
        tickColor: '#444444',
        gridColor: '#dddddd',
        labelFontSize: 11,
        titleFontSize: 12
    },
    legend: {
        labelColor: '#222222',
        titleColor: INK,
        labelFontSize: 11,
        titleFontSize: 12,
        labelLimit: 400
    },
    text: { color: INK, fontSize: 11 },
    view: { stroke: null }
};
