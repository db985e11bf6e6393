/**
 * The scoring rules of the default policy, restated for the generator. It needs scores to
 * place people on both sides of each threshold, and to store the values the worker
 * would have computed for people routed before its first run. The policy engine has its
 * own implementation, and the sample org's tests evaluate the loaded org with it.
 */
import { DEFAULT_POLICY } from '../../sync-worker/src/config/policy-schema';

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
export const MINUTE_MS = 60_000;

/** The signal types of the data model, in `Type__c` picklist order. */
export const SIGNAL_TYPES = [
    'Web Visit',
    'Email Click',
    'Content Download',
    'Webinar Attended',
    'Competitor Research',
    'Intent Surge',
    'Meeting Request',
    'Demo Request'
] as const;
export type SignalType = (typeof SIGNAL_TYPES)[number];

/** One planned engagement signal of a person. */
export interface PlannedSignal {
    readonly type: SignalType;
    /** `Occurred_At__c` in epoch milliseconds. */
    readonly atMs: number;
    /** `Weight__c` override, or null to use the type's weight. */
    readonly weight: number | null;
}

export function typeWeight(type: SignalType): number {
    return DEFAULT_POLICY.signalWeights[type] ?? 0;
}

function isContent(type: SignalType): boolean {
    return DEFAULT_POLICY.contentSignalTypes.includes(type);
}

function isMeeting(type: SignalType): boolean {
    return DEFAULT_POLICY.meetingSignalTypes.includes(type);
}

/**
 * Unrounded intent at `atMs`: each weight halved every `intentHalfLifeDays` of age
 * (continuous decay), over the scoring window, capped. Signals after `atMs` are ignored.
 */
export function rawIntent(signals: readonly PlannedSignal[], atMs: number): number {
    let sum = 0;
    for (const signal of signals) {
        const ageDays = (atMs - signal.atMs) / DAY_MS;
        if (ageDays < 0 || ageDays > DEFAULT_POLICY.scoringWindowDays) {
            continue;
        }
        const weight = signal.weight ?? typeWeight(signal.type);
        sum += weight * Math.pow(0.5, ageDays / DEFAULT_POLICY.intentHalfLifeDays);
    }
    return Math.min(DEFAULT_POLICY.intentCap, sum);
}

/** Returns the stored intent score: the larger of the signal score and the external score, rounded. */
export function storedIntent(
    signals: readonly PlannedSignal[],
    atMs: number,
    externalScore: number | null
): number {
    return Math.round(Math.max(rawIntent(signals, atMs), externalScore ?? 0));
}

function countWithin(
    signals: readonly PlannedSignal[],
    atMs: number,
    days: number,
    test: (type: SignalType) => boolean
): number {
    const from = atMs - days * DAY_MS;
    return signals.filter(
        (signal) => signal.atMs >= from && signal.atMs <= atMs && test(signal.type)
    ).length;
}

/** Content interactions in the engagement window. */
export function engagementCount(signals: readonly PlannedSignal[], atMs: number): number {
    return countWithin(signals, atMs, DEFAULT_POLICY.engagementWindowDays, isContent);
}

/** True with at least one signal in the active window. */
export function isActive(signals: readonly PlannedSignal[], atMs: number): boolean {
    return countWithin(signals, atMs, DEFAULT_POLICY.activeWindowDays, () => true) > 0;
}

/** Returns a person's own stage: Anonymous, Identified or Engaged (the marketing-owned stages). */
export function personStage(
    signals: readonly PlannedSignal[],
    atMs: number,
    identified: boolean
): 'Anonymous' | 'Identified' | 'Engaged' {
    if (!identified) {
        return 'Anonymous';
    }
    const window = DEFAULT_POLICY.engagementWindowDays;
    const content = countWithin(signals, atMs, window, isContent);
    const meetings = countWithin(signals, atMs, window, isMeeting);
    if (
        content >= DEFAULT_POLICY.engagedMinContent &&
        meetings >= DEFAULT_POLICY.engagedMinMeetings
    ) {
        return 'Engaged';
    }
    return 'Identified';
}
