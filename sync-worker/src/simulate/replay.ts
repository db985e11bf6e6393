/**
 * One replay: the worker's cycle run on a simulated clock over the org's history, under
 * one policy, in memory. The clock stops at the first cycle of a worker polling every
 * `cycleMinutes` after anything that gives it work. That is a change in the history, an
 * open clock passing its due time, a probation ending, or a midnight of the org's time
 * zone (the worker evaluates the whole org once a day). Warning times are no stops,
 * because a warning changes no route, breach, escalation or review. Each stop runs the
 * worker's evaluation step (`evaluateStep`: scope, engine, plan of writes) and applies
 * the plan to the replay's mirror, so that decisions build on each other as they would have.
 */
import { DateTime } from 'luxon';
import type { Policy } from '../config/policy-schema';
import { getLogger } from '../logging';
import type { RecordChange } from '../sync/change-read';
import { evaluateStep, localDate, orgTimeZone, type EvaluationStep } from '../sync/evaluation';
import type { OrgMirror, StoredRecord } from '../sync/mirror';
import { seedsOfChanges, seedsOfTime } from '../sync/seeds';
import { taskKeyOf } from '../policy/keys';
import { applyPlan, ReplayIds } from './apply-plan';
import { DecisionRecorder } from './decisions';
import { peopleFieldsOf, withoutEngineValues } from './engine-fields';
import type { OrgHistory } from './history';
import { initialMirror } from './initial-state';
import type { HistoryEvent, HistoryTimeline } from './timeline';
import type { DecisionLog } from './types';

const logger = getLogger('simulate.replay');

const MINUTE_MS = 60_000;

/**
 * The first cycle at or after `time` of a worker polling every `cycleMs` milliseconds
 * from midnight UTC: the cycle that reads a change made at `time`.
 */
export function cycleAt(time: number, cycleMs: number): number {
    return Math.ceil(time / cycleMs) * cycleMs;
}

/** The span replayed, the changes in it from the timeline, and the simulated worker's cycle. */
export interface ReplayWindow {
    readonly from: Date;
    readonly to: Date;
    readonly events: readonly HistoryEvent[];
    /** Minutes between two cycles of the simulated worker; 1 is `SYNC_SCHEDULE`'s default. */
    readonly cycleMinutes: number;
}

/** Next local midnight after `now` in `zone`, epoch milliseconds. */
function nextMidnight(now: number, zone: string): number {
    const local = DateTime.fromMillis(now, { zone });
    const zoned = local.isValid ? local : DateTime.fromMillis(now, { zone: 'UTC' });
    return zoned.startOf('day').plus({ days: 1 }).toMillis();
}

/**
 * Next time after `now` at which time alone gives the worker a decision to make: an
 * open clock's due time passed (a breach needs the time to be past it), a probation's
 * end, or midnight.
 */
function nextTimedStop(mirror: OrgMirror, now: number, zone: string, cycleMs: number): number {
    let next = cycleAt(nextMidnight(now, zone), cycleMs);
    const consider = (time: number): void => {
        const stop = cycleAt(time, cycleMs);
        if (stop > now && stop < next) {
            next = stop;
        }
    };
    for (const clock of mirror.list('SLA_Clock__c')) {
        const open = clock.Status__c === 'Open' || clock.Status__c === 'Warning';
        if (open && clock.Due_At__c !== null) {
            consider(clock.Due_At__c.getTime() + 1);
        }
    }
    for (const review of mirror.list('SLA_Review__c')) {
        if (review.Type__c === 'Marketing Probation' && review.Ends_At__c !== null) {
            consider(review.Ends_At__c.getTime());
        }
    }
    return next;
}

/** Finds the mirror's copy of an engine task by the key in its description. */
function engineTaskOf(mirror: OrgMirror, key: string): StoredRecord | undefined {
    return mirror.list('Task').find((task) => taskKeyOf(task.Description) === key);
}

/** Applies one change of the history to the mirror at `now`; returns the change for seeding. */
function applyEvent(
    mirror: OrgMirror,
    timeline: HistoryTimeline,
    event: HistoryEvent,
    now: number
): RecordChange | null {
    if (event.kind === 'engineTask') {
        const held = engineTaskOf(mirror, event.key);
        const completion = timeline.engineTasks.get(event.key);
        if (held === undefined || completion === undefined) {
            // This replay's policy never created the task, so its completion has nothing to apply to.
            return null;
        }
        const { Id: _orgId, ...fields } = completion.fields;
        const record = { ...held, ...fields };
        mirror.put('Task', record);
        return { object: 'Task', record, previous: held, outcome: 'changed' };
    }
    const org = timeline.record(event.object, event.id);
    const version = org === undefined ? null : timeline.versionAt(event.object, org, now);
    if (version === null) {
        return null;
    }
    const held = mirror.get(event.object, event.id) as StoredRecord | undefined;
    if (held === undefined) {
        const record = withoutEngineValues(event.object, version);
        mirror.put(event.object, record);
        return { object: event.object, record, previous: undefined, outcome: 'new' };
    }
    const record = { ...held, ...peopleFieldsOf(event.object, version), Id: held.Id };
    mirror.put(event.object, record);
    return { object: event.object, record, previous: held, outcome: 'changed' };
}

/** The state one replay carries from cycle to cycle. */
interface ReplayState {
    readonly mirror: OrgMirror;
    readonly zone: string;
    readonly ids: ReplayIds;
    lastEvaluation: Date | null;
    lastFullDate: string | null;
}

/** Runs the worker's evaluation step at `at` when the seeds or the date call for one; returns it. */
function runCycle(
    state: ReplayState,
    changes: readonly RecordChange[],
    policy: Policy,
    at: Date
): EvaluationStep | null {
    const seeds = seedsOfChanges(state.mirror, changes);
    seeds.merge(seedsOfTime(state.mirror, at, state.lastEvaluation));
    const today = localDate(at, state.zone);
    const full = seeds.orgWide || today !== state.lastFullDate;
    if (!full && seeds.isEmpty) {
        return null;
    }
    const step = evaluateStep(state.mirror, seeds, policy, at, full);
    applyPlan(state.mirror, step.plan, at, state.ids);
    state.lastEvaluation = at;
    if (step.full) {
        state.lastFullDate = today;
    }
    return step;
}

/** The two policies of a replay. */
export interface ReplayPolicies {
    /** The org's policy: it decides everything up to the start of the window. */
    readonly current: Policy;
    /** The policy replayed from the first cycle after the start of the window. */
    readonly replayed: Policy;
}

/**
 * Replays the window and returns what it decided. The first cycle, at the start of the
 * window, evaluates the whole org under the current policy and is not recorded. It
 * decides what the org had left undecided by then, as the worker's first cycle on an
 * org does. Both replays so start from the same state, and the replayed policy takes
 * effect as if deployed at that time. Raises the worker's `EvaluationError` when the
 * engine fails on the replayed records.
 */
export function replayPolicy(
    history: OrgHistory,
    timeline: HistoryTimeline,
    window: ReplayWindow,
    policies: ReplayPolicies
): DecisionLog {
    const to = window.to.getTime();
    const cycleMs = window.cycleMinutes * MINUTE_MS;
    const mirror = initialMirror(history, timeline, window.from.getTime());
    const state: ReplayState = {
        mirror,
        zone: orgTimeZone(mirror),
        ids: new ReplayIds(),
        lastEvaluation: null,
        lastFullDate: null
    };
    runCycle(state, [], policies.current, window.from);

    const recorder = new DecisionRecorder();
    let now = window.from.getTime();
    let next = 0;
    for (;;) {
        const nextEvent = window.events[next];
        const stop = Math.min(
            nextEvent === undefined ? Number.POSITIVE_INFINITY : cycleAt(nextEvent.at, cycleMs),
            nextTimedStop(mirror, now, state.zone, cycleMs)
        );
        if (!(stop <= to)) {
            break;
        }
        now = stop;

        const changes: RecordChange[] = [];
        let event = window.events[next];
        while (event !== undefined && cycleAt(event.at, cycleMs) <= now) {
            const change = applyEvent(mirror, timeline, event, now);
            if (change !== null) {
                changes.push(change);
            }
            next += 1;
            event = window.events[next];
        }

        const step = runCycle(state, changes, policies.replayed, new Date(now));
        if (step !== null) {
            recorder.record(step.evaluation, step.full);
        }
    }

    const log = recorder.finish(mirror, window.from, window.to);
    logger.debug(
        `replayed policy=${policies.replayed.version} evaluations=${log.evaluations} full=${log.fullEvaluations}`
    );
    return log;
}
