/**
 * The lifecycle funnel: for each object and stage, the records at that stage and the
 * records that reached it. Stages move forward only (a recycled record is recomputed),
 * so a record at a later stage has passed the earlier ones.
 */
import type { FunnelStep } from './chart-types';
import type { StageCount } from './types';

/** Lifecycle stages in funnel order. */
export const LIFECYCLE_STAGES = [
    'Anonymous',
    'Identified',
    'Engaged',
    'Committee-Aware',
    'Qualified',
    'Active Opportunity'
];

const OBJECTS: readonly StageCount['object'][] = ['Lead', 'Contact', 'Account'];

/**
 * Returns the funnel of each object over the six stages. Records with no stage or a
 * stage outside the six are left out; the text report lists them.
 */
export function funnelSteps(counts: readonly StageCount[]): FunnelStep[] {
    return OBJECTS.flatMap((object) => {
        const atStage = LIFECYCLE_STAGES.map((stage) =>
            counts
                .filter((entry) => entry.object === object && entry.stage === stage)
                .reduce((sum, entry) => sum + entry.count, 0)
        );
        return LIFECYCLE_STAGES.map((stage, index) => ({
            object,
            stage,
            atStage: atStage[index] ?? 0,
            reached: atStage.slice(index).reduce((sum, count) => sum + count, 0)
        }));
    });
}
