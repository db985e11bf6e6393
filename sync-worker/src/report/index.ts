/**
 * The SLA report: what the worker's last cycle decided, read from any org through SOQL
 * (the local org's store, or a real org through jsforce) and printed as text or JSON,
 * or written with charts to an HTML page.
 */
export { buildReport } from './build';
export { buildChartData, type ChartDataOptions } from './charts-data';
export type * from './chart-types';
export { renderHtmlReport } from './html';
export { formatReport } from './render';
export { sessionSource, storeSource, type ReportRow, type ReportSource } from './source';
export { URGENT_CLOCK_LIMIT } from './teams';
export type * from './types';
