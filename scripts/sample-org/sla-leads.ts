/**
 * Leads taken over by the SLA history: a pool of unclaimed leads, and the signals that
 * make the routing tree send each one where the history needs it.
 */
import type { PersonDraft } from './people';
import type { Random } from './random';
import { DAY_MS, HOUR_MS, type PlannedSignal, type SignalType } from './scoring';

/**
 * Kinds of history lead. A `forced` lead comes from a source that always goes to Sales
 * within 1 hour. An `sdr` lead is an inbound reader with more than five content
 * interactions (SDR, 24 hours), and an `outbound` lead the same from an Outbound or
 * Purchased List source (SDR, 48 hours). A `nurture` lead reads too little for either,
 * so Marketing nurtures it for 7 days.
 */
export type HandoffKind = 'forced' | 'sdr' | 'outbound' | 'nurture';

/** The kinds that hand a lead to Sales or an SDR. */
export type SalesHandoffKind = Exclude<HandoffKind, 'nurture'>;

const FORCED_SOURCES: readonly (readonly [source: string, signal: SignalType])[] = [
    ['Demo Request', 'Demo Request'],
    ['Contact Sales', 'Meeting Request'],
    ['Pricing Page', 'Web Visit']
];
const SDR_SOURCES = ['Content Download', 'Webinar', 'Website', 'Online Form'];
const OUTBOUND_SOURCES = [
    'Cold Call',
    'Outbound Prospecting',
    'Sales Generated',
    'Purchased List',
    'List Import'
];
const NURTURE_SOURCES = ['Web', 'Webinar', 'Trade Show'];
const READING: readonly SignalType[] = ['Web Visit', 'Email Click', 'Content Download'];

/** Categories whose leads match no account, so the history never changes a committee. */
const POOL_CATEGORIES = new Set(['corporate', 'freemail', 'linkedin']);

/** Unclaimed, identified leads that match no account, handed out in order. */
export class LeadPool {
    private position = 0;

    public constructor(private readonly leads: readonly PersonDraft[]) {}

    public next(): PersonDraft {
        while (this.position < this.leads.length) {
            const lead = this.leads[this.position];
            this.position += 1;
            if (
                lead !== undefined &&
                !lead.claimed &&
                lead.identified &&
                POOL_CATEGORIES.has(lead.category)
            ) {
                lead.claimed = true;
                return lead;
            }
        }
        throw new RangeError(
            'Not enough unmatched leads for the SLA history; raise the lead count of the scale.'
        );
    }
}

function reading(count: number, fromMs: number, toMs: number, random: Random): PlannedSignal[] {
    return Array.from({ length: count }, () => ({
        type: random.pick(READING),
        atMs: Math.round(random.float(fromMs, toMs)),
        weight: null
    }));
}

/**
 * Sets the lead's source and replaces its signals by ones that end with the triggering
 * event at `triggerMs`. Earlier signals stay after `notBeforeMs` (the start of the history).
 */
export function prepareLead(
    lead: PersonDraft,
    kind: HandoffKind,
    window: { readonly triggerMs: number; readonly notBeforeMs: number },
    random: Random
): void {
    const { triggerMs } = window;
    const from = (days: number): number => Math.max(window.notBeforeMs, triggerMs - days * DAY_MS);
    let source: string;
    let signals: PlannedSignal[];
    switch (kind) {
        case 'forced': {
            const [forcedSource, signal] = random.pick(FORCED_SOURCES);
            source = forcedSource;
            signals = [
                ...reading(random.int(0, 3), from(30), triggerMs - 2 * HOUR_MS, random),
                { type: signal, atMs: triggerMs, weight: null }
            ];
            break;
        }
        case 'sdr':
        case 'outbound':
            source = random.pick(kind === 'sdr' ? SDR_SOURCES : OUTBOUND_SOURCES);
            signals = [
                ...reading(random.int(6, 7), from(60), triggerMs - HOUR_MS, random),
                { type: 'Content Download', atMs: triggerMs, weight: null }
            ];
            break;
        case 'nurture':
            source = random.pick(NURTURE_SOURCES);
            signals = [
                ...reading(random.int(0, 2), from(25), triggerMs - HOUR_MS, random),
                { type: 'Web Visit', atMs: triggerMs, weight: null }
            ];
            break;
    }
    lead.fields.LeadSource = source;
    lead.fields.External_Intent_Score__c = null;
    lead.signals = signals;
}
