/**
 * The deterministic sample org that `npm start` seeds the local org with. It contains a
 * revenue team, accounts, leads and contacts with 120 days of signals and activities,
 * business hours and holidays. Its SLA history gives the worker's first cycle real work.
 *
 *     const sampleOrg = generateSampleOrg({ seed: 1, now: new Date(), scale: 'standard' });
 *     loadSampleOrg(store, sampleOrg);
 *     console.log(describeSampleOrg(sampleOrg).summary);
 */
export { generateSampleOrg } from './generate';
export { loadSampleOrg, SampleOrgLoadError, type LoadResult } from './load';
export { describeSampleOrg, type SampleOrgDescription } from './describe';
export { SCALES } from './scales';
export { LOAD_ORDER } from './builder';
export type * from './types';
export { DEFAULT_BUSINESS_HOURS_REF, NURTURE_QUEUE_REF, REVOPS_QUEUE_REF } from './types';
