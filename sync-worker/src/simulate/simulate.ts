/**
 * What-if replay: the org's history between two times replayed under the policy it runs
 * with and under another one, each in its own memory, and the decisions that differ.
 * The org is only read.
 */
import { DateTime } from 'luxon';
import { loadPolicyFile } from '../config/policy-loader';
import type { Policy } from '../config/policy-schema';
import { getLogger } from '../logging';
import { nameOf } from '../policy/clocks';
import type { ReportSource } from '../report/source';
import { parseRecords } from '../salesforce';
import { orgTimeZone } from '../sync/evaluation';
import { OrgMirror } from '../sync/mirror';
import { compareLogs, type NameLookup } from './compare';
import {
    historySoql,
    readHistory,
    readOrgPolicy,
    type OrgHistory,
    type ReadWindow
} from './history';
import { loadGivenPolicy, policyChanges } from './policy-file';
import { replayPolicy } from './replay';
import { HistoryTimeline } from './timeline';
import type { DecisionLog, SimulationResult } from './types';

const logger = getLogger('simulate.run');

/** Options of a simulation. */
export interface SimulateOptions {
    /** The org to read. */
    readonly source: ReportSource;
    /** JSON file of the policy fields to try, merged onto the current policy. */
    readonly policyFile: string;
    /** Policy file the worker runs with instead of the org's custom metadata, if any. */
    readonly currentPolicyFile: string | null;
    /** Start and end of the window: `YYYY-MM-DD` (a whole day in the org's time zone) or an ISO 8601 time with a zone. */
    readonly from: string;
    readonly to: string;
    /** The present: the window must end by then. */
    readonly now: Date;
    /** Minutes between two cycles of the simulated worker; default 1, as `SYNC_SCHEDULE`'s default. */
    readonly cycleMinutes?: number;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const TIME_WITH_ZONE =
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Parses a window bound. A date is the start of that day in the org's time zone, or for
 * the end of the window the start of the next day, so that the day is included.
 */
export function parseBound(text: string, option: '--from' | '--to', timeZone: string): Date {
    if (DATE_ONLY.test(text)) {
        const day = DateTime.fromISO(text, { zone: timeZone });
        if (day.isValid) {
            return (option === '--to' ? day.plus({ days: 1 }) : day).toJSDate();
        }
    } else if (TIME_WITH_ZONE.test(text) && !Number.isNaN(Date.parse(text))) {
        return new Date(text);
    }
    throw new Error(
        `${option} ${JSON.stringify(text)} is invalid; expected a date such as 2027-02-01 or an ISO 8601 time with a zone such as 2027-02-01T09:00:00Z.`
    );
}

/** Reads the org's time zone: its default business hours' zone, else the organization's, else UTC. */
async function readTimeZone(source: ReportSource): Promise<string> {
    const mirror = new OrgMirror();
    const setup: ReadWindow = { from: new Date(0), to: new Date(0), lookbackDays: 0 };
    for (const object of ['BusinessHours', 'Organization'] as const) {
        const parsed = parseRecords(object, await source.records(historySoql(object, setup)));
        for (const record of parsed.records) {
            mirror.put(object, record);
        }
    }
    return orgTimeZone(mirror);
}

/** Days before the window whose signals and activities the policies still read. */
function lookbackDaysOf(policies: readonly Policy[]): number {
    return Math.max(
        ...policies.flatMap((policy) => [
            policy.scoringWindowDays,
            policy.engagementWindowDays,
            policy.activeWindowDays
        ])
    );
}

/** Names of the people, accounts and users of the history, for the differences. */
function namesOf(history: OrgHistory): NameLookup {
    const names = new Map<string, { object: string; name: string }>();
    const add = (
        object: string,
        records: readonly { Id: string; Name?: string | null }[]
    ): void => {
        records.forEach((record) => names.set(record.Id, { object, name: nameOf(record) }));
    };
    add('Lead', history.records.Lead);
    add('Contact', history.records.Contact);
    add('Account', history.records.Account);
    add('User', history.records.User);
    return (id) => names.get(id) ?? { object: 'Record', name: id };
}

/** Reads the current policy: the worker's policy file when given, else the org's custom metadata. */
async function currentPolicyOf(
    options: SimulateOptions
): Promise<{ policy: Policy; source: string }> {
    if (options.currentPolicyFile !== null) {
        return {
            policy: await loadPolicyFile(options.currentPolicyFile),
            source: `the policy file ${options.currentPolicyFile}`
        };
    }
    return {
        policy: await readOrgPolicy(options.source),
        source: "the org's SLA_Policy__mdt record Default"
    };
}

/** Resolves the window's bounds in the org's time zone and checks that it lies in the past. */
async function windowOf(
    options: SimulateOptions
): Promise<{ from: Date; to: Date; timeZone: string }> {
    const timeZone = await readTimeZone(options.source);
    const from = parseBound(options.from, '--from', timeZone);
    const to = parseBound(options.to, '--to', timeZone);
    if (from.getTime() >= to.getTime()) {
        throw new Error(
            `--from (${from.toISOString()}) must be before --to (${to.toISOString()}).`
        );
    }
    if (to.getTime() > options.now.getTime()) {
        throw new Error(
            `--to (${to.toISOString()}) is after the present (${options.now.toISOString()}); the org has no history there yet.`
        );
    }
    return { from, to, timeZone };
}

/** Reads the history of the window, warning about records left out. */
async function historyOf(
    options: SimulateOptions,
    window: { from: Date; to: Date },
    policies: readonly Policy[]
): Promise<OrgHistory> {
    const lookbackDays = lookbackDaysOf(policies);
    const history = await readHistory(options.source, { ...window, lookbackDays });
    if (history.invalid.length > 0) {
        logger.warn(
            `${history.invalid.length} records failed validation and are left out of the replay; fix them in the org or expect their decisions to be missing.`,
            { first: history.invalid[0] }
        );
    }
    return history;
}

/** Summarises one replay for the result. */
function replaySummary(log: DecisionLog): { evaluations: number; fullEvaluations: number } {
    return { evaluations: log.evaluations, fullEvaluations: log.fullEvaluations };
}

/** Replays the window under both policies and compares their decisions. */
export async function simulate(options: SimulateOptions): Promise<SimulationResult> {
    const current = await currentPolicyOf(options);
    const given = await loadGivenPolicy(options.policyFile, current.policy);
    const { from, to, timeZone } = await windowOf(options);
    const history = await historyOf(options, { from, to }, [current.policy, given]);

    const timeline = new HistoryTimeline(history, timeZone);
    const cycleMinutes = options.cycleMinutes ?? 1;
    const events = timeline.eventsBetween(from.getTime(), to.getTime());
    const window = { from, to, cycleMinutes, events };
    logger.debug(
        `replaying from=${from.toISOString()} to=${to.toISOString()} events=${events.length}`
    );
    const currentLog = replayPolicy(history, timeline, window, {
        current: current.policy,
        replayed: current.policy
    });
    const givenLog = replayPolicy(history, timeline, window, {
        current: current.policy,
        replayed: given
    });

    const { differences, totals } = compareLogs(currentLog, givenLog, namesOf(history), to);
    return {
        org: history.description,
        from,
        to,
        currentPolicy: { source: current.source, version: current.policy.version },
        givenPolicy: {
            source: `the policy file ${options.policyFile}, merged onto the current policy`,
            version: given.version,
            changes: policyChanges(current.policy, given)
        },
        events: events.length,
        cycleMinutes,
        invalidRecords: history.invalid.length,
        replays: { current: replaySummary(currentLog), given: replaySummary(givenLog) },
        totals,
        differences
    };
}
