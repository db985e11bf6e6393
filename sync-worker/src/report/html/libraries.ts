/**
 * Vega 6 and Vega-Lite 6, the chart libraries. Both are ES modules only, so this
 * CommonJS build loads them with `import()`, which TypeScript keeps as it is for
 * `module: node16`. Their types come through the same `import()`, because a CommonJS
 * module can only name an ES module's types that way or with a resolution-mode
 * attribute.
 */

/** Loads both libraries; Node.js caches the modules, so later calls cost nothing. */
export async function importChartLibraries() {
    const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
    return { vega, vegaLite };
}

export type ChartLibraries = Awaited<ReturnType<typeof importChartLibraries>>;

/** A Vega-Lite specification, as `compile` takes it. */
export type TopLevelSpec = Parameters<ChartLibraries['vegaLite']['compile']>[0];

/** One layer of a layered specification. */
export type LayerSpec = Extract<TopLevelSpec, { layer: unknown }>['layer'][number];

/** One chart of a vertical or horizontal concatenation. */
export type ConcatSpec = Extract<TopLevelSpec, { vconcat: unknown }>['vconcat'][number];

export type ChartConfig = NonNullable<TopLevelSpec['config']>;
