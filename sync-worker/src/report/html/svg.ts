/**
 * Renders Vega-Lite specs to SVG text in Node.js: Vega-Lite compiles a spec to Vega,
 * and a headless Vega view draws it (no canvas, no DOM).
 */
import { getLogger } from '../../logging';
import { escapeHtml } from './escape';
import { importChartLibraries, type ChartLibraries, type TopLevelSpec } from './libraries';

const logger = getLogger('report.charts');

/** The libraries, loaded on first use: the text and JSON reports never load them. */
let libraries: Promise<ChartLibraries> | undefined;

function loadLibraries(): Promise<ChartLibraries> {
    libraries ??= importChartLibraries();
    return libraries;
}

/**
 * Returns a loader that rejects every file and URL: the charts carry their data inline, so a
 * spec that names an external resource is a bug, and the page must not depend on one.
 */
function rejectingLoader(
    vega: ChartLibraries['vega']
): ReturnType<ChartLibraries['vega']['loader']> {
    const loader = vega.loader();
    const reject = (uri: string): Promise<never> =>
        Promise.reject(new Error(`The report's charts load no external resource (${uri}).`));
    loader.load = reject;
    loader.sanitize = reject;
    return loader;
}

/** Inserts a `<title>` as the first child of the root `<svg>`, which names the chart for screen readers. */
function withTitle(svg: string, title: string): string {
    const end = svg.indexOf('>');
    if (!svg.startsWith('<svg') || end < 0) {
        throw new Error('Vega returned no SVG document.');
    }
    return `${svg.slice(0, end + 1)}<title>${escapeHtml(title)}</title>${svg.slice(end + 1)}`;
}

/** Renders a spec to an SVG element whose `<title>` is `title`. */
export async function renderSvg(spec: TopLevelSpec, title: string): Promise<string> {
    const { vega, vegaLite } = await loadLibraries();
    const started = Date.now();
    // Both libraries print to the console by default; their warnings go to the log instead.
    const chartLogger = vega.logger(vega.Warn, undefined, (_method, level, args) => {
        logger.warn(`Chart library ${level}: ${args.map(String).join(' ')}`, { chart: title });
    });
    const compiled = vegaLite.compile(spec, { logger: chartLogger }).spec;
    const view = new vega.View(vega.parse(compiled), {
        renderer: 'none',
        loader: rejectingLoader(vega),
        logger: chartLogger
    });
    try {
        const svg = await view.toSVG();
        logger.debug('Chart rendered', { chart: title, ms: Date.now() - started });
        return withTitle(svg, title);
    } finally {
        view.finalize();
    }
}

/** Returns the chart libraries with their versions, as loaded. */
export async function chartLibraries(): Promise<string> {
    const { vega, vegaLite } = await loadLibraries();
    return `Vega-Lite ${vegaLite.version} and Vega ${vega.version}`;
}
