/**
 * What-if replay: the org's history replayed under the current policy and under another
 * one, in memory, and the routes, handoffs, breaches, escalations and reviews that would
 * change. See docs/simulate.md.
 */
export { formatSimulation, LARGEST_DIFFERENCES } from './format';
export { liveHistorySource } from './history';
export { parseBound, simulate, type SimulateOptions } from './simulate';
export type * from './types';
