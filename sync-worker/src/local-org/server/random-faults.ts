/**
 * Request matching and the random mode of fault injection. A fault applies at one of
 * three layers: a whole HTTP request, a Composite subrequest (status faults whose match
 * names a path, as for rules), or an sObject Collections call (record errors). The
 * random mode draws from a seeded generator at each layer, so a soak run replays the
 * same faults for the same seed and the same order of calls.
 */
import type { FaultEffect, FaultMatch, RandomFaultEffect, RandomFaultSettings } from './faults';

/** Layer of a call that a fault applies at. */
export type FaultLayer = 'request' | 'subrequest' | 'collection';

/** Requests the random mode covers unless its settings set another match: the REST API. */
const DEFAULT_RANDOM_PATH = '^/services/data/';

/** Mulberry32: a small seeded generator with a 2^32 period, enough for fault draws. */
export function seededRandom(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
    };
}

/** Compiles a path pattern once; strings become regular expressions. */
export function toPattern(pattern: string | RegExp | undefined): RegExp | undefined {
    if (pattern === undefined) {
        return undefined;
    }
    return typeof pattern === 'string' ? new RegExp(pattern) : pattern;
}

/** True when a request's method and path pass a match; absent parts match everything. */
export function matches(
    match: FaultMatch | undefined,
    pattern: RegExp | undefined,
    method: string,
    path: string
): boolean {
    if (match?.method !== undefined && match.method.toUpperCase() !== method.toUpperCase()) {
        return false;
    }
    return pattern === undefined || pattern.test(path);
}

/**
 * True when an effect can apply at a layer. Record errors apply to collection calls
 * only. Status effects reach Composite subrequests only when their match names a path,
 * so that a rule meant for whole requests does not fail every subrequest too. A session
 * error (401) or `REQUEST_LIMIT_EXCEEDED` never reaches a subrequest: Salesforce checks
 * the session and counts the API call once, for the whole Composite request.
 */
export function appliesAt(
    effect: FaultEffect,
    match: FaultMatch | undefined,
    layer: FaultLayer
): boolean {
    switch (layer) {
        case 'request':
            return effect.kind !== 'recordError';
        case 'subrequest':
            return (
                effect.kind === 'status' &&
                match?.pathPattern !== undefined &&
                effect.status !== 401 &&
                effect.errorCode !== 'REQUEST_LIMIT_EXCEEDED'
            );
        case 'collection':
            return effect.kind === 'recordError';
    }
}

interface CompiledEffect {
    effect: RandomFaultEffect;
    pattern: RegExp | undefined;
}

/** The random mode: which calls it covers, the effects it picks from and its generator. */
export class RandomFaults {
    /** The generator; also decides which records a record error fails. */
    public readonly next: () => number;
    private readonly pattern: RegExp | undefined;
    private readonly effects: CompiledEffect[];

    public constructor(
        public readonly settings: RandomFaultSettings,
        defaultEffects: readonly RandomFaultEffect[]
    ) {
        this.next = seededRandom(settings.seed);
        this.pattern = toPattern(settings.match?.pathPattern ?? DEFAULT_RANDOM_PATH);
        this.effects = (settings.effects ?? defaultEffects).map((effect) => ({
            effect,
            pattern: toPattern(effect.match?.pathPattern)
        }));
    }

    /**
     * Draws the fault of one call at a layer, or undefined. Only effects that apply at the
     * layer and whose own match passes are candidates; with none, nothing is drawn. Else
     * the call gets a fault with the settings' rate, picked uniformly among the candidates.
     */
    public draw(layer: FaultLayer, method: string, path: string): RandomFaultEffect | undefined {
        if (!matches(this.settings.match, this.pattern, method, path)) {
            return undefined;
        }
        const candidates = this.effects.filter(
            ({ effect, pattern }) =>
                appliesAt(effect, effect.match, layer) &&
                matches(effect.match, pattern, method, path)
        );
        if (candidates.length === 0 || this.next() >= this.settings.rate) {
            return undefined;
        }
        return candidates[Math.floor(this.next() * candidates.length)]?.effect;
    }
}
