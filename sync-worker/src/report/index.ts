/**
 * The SLA report: what the worker's last cycle decided, read from any org through SOQL
 * (the local org's store, or a real org through jsforce) and printed as text or JSON.
 */
export { buildReport } from './build';
export { formatReport } from './render';
export { sessionSource, storeSource, type ReportRow, type ReportSource } from './source';
export { URGENT_CLOCK_LIMIT } from './teams';
export type * from './types';
