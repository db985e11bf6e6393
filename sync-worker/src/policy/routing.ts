import { closeClock, pickTeamMember, responsibilityOf, startClock } from './clocks';
import type { EngineContext } from './context';
import { routeClockKey, routeKindOfKey, type RouteKind } from './keys';
import { isRejected } from './progress';
import { cancelRouteClocks, moveToNurtureQueue, setDecision } from './recycle';
import { decisionOfKind, routePerson, routeRank, type Route } from './routing-tree';
import { isUserId, type Person } from './snapshot-index';
import { ownStageRank } from './stages';
import type { ClockState } from './state/clock-store';
import { isOpenStatus, RANK_IDENTIFIED, type RoutingDecision } from './values';

/**
 * Routing: a person is routed when it first becomes Identified and again whenever its
 * intent score rises above the stored one. A rise only moves a person to a more urgent
 * route, or out of nurture. During a marketing probation a lead routed to Sales or an
 * SDR waits for `Handoff_Approved__c` before its clock starts.
 */

const KIND_OF_DECISION: Partial<Record<string, RouteKind>> = {
    'Sales 1h': 'sales-1h',
    'Sales 4h': 'sales-4h',
    'SDR 24h': 'sdr-24h',
    Nurture: 'nurture'
};

/** Routing state of a person: its routing decision and its latest route clock. */
interface RouteState {
    readonly decision: string | null;
    readonly kind: RouteKind | null;
    readonly clock: ClockState | null;
}

function latestRouteClock(ctx: EngineContext, personId: string): ClockState | null {
    const clocks = ctx.clocks
        .forRecord(personId)
        .filter((clock) => routeKindOfKey(clock.Clock_Key__c) !== null);
    return clocks.at(-1) ?? null;
}

/**
 * Decision a route clock stands for, for contacts, which have no decision field. A
 * cancelled latest clock means the person was recycled: a re-route always leaves a
 * newer clock behind.
 */
function decisionOfClock(clock: ClockState): RoutingDecision | null {
    const kind = routeKindOfKey(clock.Clock_Key__c);
    if (kind === null) {
        return null;
    }
    if (clock.Status__c === 'Cancelled' || (kind === 'nurture' && !isOpenStatus(clock.Status__c))) {
        return 'Recycled';
    }
    return kind === 'nurture' ? 'Nurture' : decisionOfKind(kind);
}

function routeState(ctx: EngineContext, person: Person): RouteState {
    const clock = latestRouteClock(ctx, person.record.Id);
    let decision: string | null = null;
    if (person.kind === 'Lead') {
        decision = ctx.changes.Lead.get(person.record, 'Routing_Decision__c');
    } else if (ctx.resets.people.has(person.index)) {
        decision = 'Recycled';
    } else if (clock !== null) {
        decision = decisionOfClock(clock);
    } else {
        // A contact made by converting a lead carries on from the lead's routing.
        decision =
            ctx.index.convertedLeadByContact.get(person.record.Id)?.Routing_Decision__c ?? null;
    }
    decision ??= clock === null ? null : decisionOfClock(clock);
    const kind = (decision === null ? undefined : KIND_OF_DECISION[decision]) ?? null;
    return { decision, kind, clock };
}

type Cause = 'first' | 'rise' | 'approval';

interface Candidate {
    readonly person: Person;
    readonly cause: Cause;
    readonly trigger: Date;
    readonly state: RouteState;
}

function candidateOf(ctx: EngineContext, person: Person, probation: boolean): Candidate | null {
    if (person.kind === 'Lead' && isRejected(person.record)) {
        return null;
    }
    if (ownStageRank(ctx, person) < RANK_IDENTIFIED) {
        return null;
    }
    const state = routeState(ctx, person);
    if (state.decision === null) {
        return { person, cause: 'first', trigger: person.record.CreatedDate ?? ctx.now, state };
    }
    if (state.decision === 'Awaiting Approval') {
        const approved = person.kind === 'Lead' && person.record.Handoff_Approved__c;
        return approved || !probation
            ? { person, cause: 'approval', trigger: ctx.now, state }
            : null;
    }
    const stored = person.record.Intent_Score__c;
    const score = ctx.people.score[person.index] ?? 0;
    if (stored === null || score <= stored) {
        return null;
    }
    const last = ctx.people.lastSignal[person.index] ?? Number.NaN;
    return { person, cause: 'rise', trigger: Number.isNaN(last) ? ctx.now : new Date(last), state };
}

/** On a rise, keeps the current route unless the new one is more urgent or the person leaves nurture. */
function keepsCurrentRoute(candidate: Candidate, route: Route): boolean {
    if (candidate.cause !== 'rise') {
        return false;
    }
    const { decision, kind, clock } = candidate.state;
    if (decision === 'Recycled') {
        return false;
    }
    if (decision === 'Nurture') {
        return route.kind === 'nurture' && clock !== null && isOpenStatus(clock.Status__c);
    }
    return kind !== null && routeRank(route.kind) <= routeRank(kind);
}

/** Gives the person to a member of the routed team unless its owner is already one. */
function assignOwner(ctx: EngineContext, person: Person, route: Route): void {
    if (route.kind === 'nurture') {
        moveToNurtureQueue(ctx, person, route.reason);
        return;
    }
    if (!ctx.policy.assignOwners) {
        return;
    }
    const owner = ctx.owners.ownerOf(person.record);
    if (
        isUserId(owner) &&
        ctx.index.isActiveUser(owner) &&
        ctx.index.teamOf(owner) === route.team
    ) {
        return;
    }
    const pick = pickTeamMember(ctx, route.team);
    if (pick === null) {
        ctx.problems.push({
            object: person.kind,
            id: person.record.Id,
            reason: `Owner kept: no active user on the ${route.team} team`
        });
        return;
    }
    ctx.owners.assign(person.kind, person.record, pick.Id, route.reason);
}

/** Closes the open route clocks a new route replaces: a nurture period ends Met, a response clock is cancelled. */
function closeReplacedClocks(ctx: EngineContext, person: Person, route: Route): void {
    for (const clock of ctx.clocks.forRecord(person.record.Id)) {
        const kind = routeKindOfKey(clock.Clock_Key__c);
        if (kind === null || !isOpenStatus(clock.Status__c)) {
            continue;
        }
        if (kind === 'nurture') {
            closeClock(ctx, clock, 'Met', ctx.now, `Intent rose during nurture: ${route.reason}`);
        } else {
            closeClock(ctx, clock, 'Cancelled', ctx.now, `Re-routed: ${route.reason}`);
        }
    }
}

function applyRoute(ctx: EngineContext, candidate: Candidate, probation: boolean): void {
    const { person } = candidate;
    const accountId = ctx.people.accountOf[person.index] ?? null;
    const route = routePerson(
        {
            leadSource: person.record.LeadSource,
            intent: ctx.people.score[person.index] ?? 0,
            committeeSize:
                accountId === null ? 0 : (ctx.accounts.active.get(accountId)?.length ?? 0),
            engagement: ctx.people.engagement[person.index] ?? 0
        },
        ctx.policy
    );
    if (keepsCurrentRoute(candidate, route)) {
        return;
    }
    const toSales = route.team === 'Sales' || route.team === 'SDR';
    if (probation && toSales && person.kind === 'Lead' && !person.record.Handoff_Approved__c) {
        assignOwner(ctx, person, route);
        closeReplacedClocks(ctx, person, route);
        setDecision(
            ctx,
            person,
            'Awaiting Approval',
            `Awaiting Sales approval during marketing probation. ${route.reason}`
        );
        return;
    }
    assignOwner(ctx, person, route);
    closeReplacedClocks(ctx, person, route);
    cancelRouteClocks(ctx, person.record.Id, route.reason);
    const owner = responsibilityOf(ctx, ctx.owners.ownerOf(person.record), route.team);
    startClock(ctx, {
        key: routeClockKey(person.record.Id, route.kind, candidate.trigger),
        type: route.kind === 'nurture' ? 'Nurture' : 'Response',
        leadId: person.kind === 'Lead' ? person.record.Id : null,
        contactId: person.kind === 'Contact' ? person.record.Id : null,
        accountId,
        responsibleUserId: owner.userId,
        team: owner.team,
        trigger: candidate.trigger,
        start: ctx.now,
        window: route.window,
        reason: route.reason
    });
    setDecision(ctx, person, route.decision, route.reason);
    ctx.stats.routed += 1;
}

/** Routes every person that is due for routing, oldest trigger first. */
export function routePeople(ctx: EngineContext, probation: boolean): void {
    const candidates: Candidate[] = [];
    for (const person of ctx.index.people) {
        const candidate = candidateOf(ctx, person, probation);
        if (candidate !== null) {
            candidates.push(candidate);
        }
    }
    candidates.sort(
        (a, b) =>
            a.trigger.getTime() - b.trigger.getTime() ||
            (a.person.record.Id < b.person.record.Id ? -1 : 1)
    );
    for (const candidate of candidates) {
        applyRoute(ctx, candidate, probation);
    }
}
