import type { Policy, SourceTier } from '../config/policy-schema';
import type { RouteKind } from './keys';
import { describeWindow } from './text';
import type { Window } from './time-frames';
import type { RoutingDecision, Team } from './values';

/** Facts of a person that the routing tree reads. */
export interface RouteInput {
    readonly leadSource: string | null;
    /** Stored intent score (whole number). */
    readonly intent: number;
    /** Active people of the person's account; 0 without an account. */
    readonly committeeSize: number;
    /** Content interactions in the engagement window. */
    readonly engagement: number;
}

/** Outcome of the routing tree. */
export interface Route {
    readonly kind: RouteKind;
    readonly decision: RoutingDecision;
    readonly team: Team;
    readonly window: Window;
    readonly tier: SourceTier | null;
    readonly reason: string;
}

/** Importance of a route: a rise in intent only ever moves a person to a more urgent one. */
export function routeRank(kind: RouteKind): number {
    switch (kind) {
        case 'sales-1h':
            return 3;
        case 'sales-4h':
            return 2;
        case 'sdr-24h':
            return 1;
        case 'nurture':
            return 0;
    }
}

export function decisionOfKind(kind: RouteKind): RoutingDecision {
    switch (kind) {
        case 'sales-1h':
            return 'Sales 1h';
        case 'sales-4h':
            return 'Sales 4h';
        case 'sdr-24h':
            return 'SDR 24h';
        case 'nurture':
            return 'Nurture';
    }
}

/** Source tiers of each policy by normalised lead source, built once per policy. */
const tierMaps = new WeakMap<Policy, Map<string, SourceTier>>();

/** Source tier of a lead source; lead sources compare without regard to case or outer spaces. */
export function tierOf(leadSource: string | null, policy: Policy): SourceTier | null {
    if (leadSource === null) {
        return null;
    }
    let tiers = tierMaps.get(policy);
    if (tiers === undefined) {
        tiers = new Map(
            policy.sourceTiers.map((tier) => [tier.leadSource.trim().toLowerCase(), tier])
        );
        tierMaps.set(policy, tiers);
    }
    return tiers.get(leadSource.trim().toLowerCase()) ?? null;
}

interface Branch {
    readonly kind: Exclude<RouteKind, 'nurture'>;
    readonly team: 'Sales' | 'SDR';
    readonly hours: number;
    readonly because: string;
    readonly forced: boolean;
}

/** Returns the first branch of the tree that matches, or null for nurture. "Above" is strict. */
function matchBranch(input: RouteInput, tier: SourceTier | null, policy: Policy): Branch | null {
    if (tier?.forceSales === true) {
        const because = `lead source ${tier.leadSource} always goes to Sales`;
        return {
            kind: 'sales-1h',
            team: 'Sales',
            hours: policy.routeForcedSalesHours,
            because,
            forced: true
        };
    }
    if (input.intent > policy.routeSalesIntentAbove) {
        const because = `intent ${input.intent} is above ${policy.routeSalesIntentAbove}`;
        return {
            kind: 'sales-1h',
            team: 'Sales',
            hours: policy.routeSalesHours,
            because,
            forced: false
        };
    }
    if (input.committeeSize > policy.routeCommitteeSizeAbove) {
        const because = `committee of ${input.committeeSize} active people is above ${policy.routeCommitteeSizeAbove}`;
        return {
            kind: 'sales-4h',
            team: 'Sales',
            hours: policy.routeCommitteeHours,
            because,
            forced: false
        };
    }
    if (input.engagement > policy.routeSdrEngagementAbove) {
        const because = `engagement ${input.engagement} is above ${policy.routeSdrEngagementAbove}`;
        return {
            kind: 'sdr-24h',
            team: 'SDR',
            hours: policy.routeSdrHours,
            because,
            forced: false
        };
    }
    return null;
}

/**
 * Response window of a Sales or SDR route: the tier's own hours when set, the forced
 * Sales window for a source that forces Sales, the outbound window for Outbound and
 * Purchased List sources, else the branch's window.
 */
function responseHours(
    branch: Branch,
    tier: SourceTier | null,
    policy: Policy
): { hours: number; note: string } {
    if (tier?.responseHours !== null && tier?.responseHours !== undefined) {
        const note = tier.responseHours === branch.hours ? '' : ` (${tier.leadSource} source)`;
        return { hours: tier.responseHours, note };
    }
    if (branch.forced) {
        return { hours: policy.routeForcedSalesHours, note: '' };
    }
    if (tier?.tier === 'Outbound' || tier?.tier === 'Purchased List') {
        return { hours: policy.outboundResponseHours, note: ` (${tier.tier} source)` };
    }
    return { hours: branch.hours, note: '' };
}

/** Runs the routing tree for one person. */
export function routePerson(input: RouteInput, policy: Policy): Route {
    const tier = tierOf(input.leadSource, policy);
    const branch = matchBranch(input, tier, policy);
    if (branch === null) {
        const window: Window = { amount: policy.nurtureDays, unit: 'days' };
        const reason =
            `Nurtured by Marketing for ${describeWindow(window.amount, 'days')}: ` +
            `intent ${input.intent} is not above ${policy.routeSalesIntentAbove}, ` +
            `committee ${input.committeeSize} is not above ${policy.routeCommitteeSizeAbove}, ` +
            `engagement ${input.engagement} is not above ${policy.routeSdrEngagementAbove}`;
        return { kind: 'nurture', decision: 'Nurture', team: 'Marketing', window, tier, reason };
    }
    const { hours, note } = responseHours(branch, tier, policy);
    const window: Window = { amount: hours, unit: 'hours' };
    const target = branch.team === 'Sales' ? 'Sales' : 'an SDR';
    const reason = `Routed to ${target} within ${describeWindow(hours, 'hours')}${note}: ${branch.because}`;
    return {
        kind: branch.kind,
        decision: decisionOfKind(branch.kind),
        team: branch.team,
        window,
        tier,
        reason
    };
}
