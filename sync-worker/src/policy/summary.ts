import type { EngineContext } from './context';
import type { ClockState } from './state/clock-store';
import { isOpenStatus, type SlaStatus } from './values';

/**
 * SLA summary fields on leads and accounts: the state and due time of the earliest-due
 * open clock (or the outcome of the latest clock when none is open), and the account's
 * breach counts.
 */

/** Clock types that measure the account as a whole. */
const ACCOUNT_CLOCK_TYPES: ReadonlySet<string> = new Set([
    'Committee Aware',
    'Follow Up',
    'Re-engagement'
]);

function statusOf(clock: ClockState): SlaStatus {
    switch (clock.Status__c) {
        case 'Open':
            return 'On Track';
        case 'Warning':
            return 'Warning';
        case 'Met':
            return 'Met';
        case 'Breached':
            return 'Breached';
        default:
            return 'None';
    }
}

/** SLA status and due time from a record's clocks, oldest first. */
export function slaSummary(clocks: readonly ClockState[]): { status: SlaStatus; due: Date | null } {
    let earliest: ClockState | null = null;
    for (const clock of clocks) {
        if (
            isOpenStatus(clock.Status__c) &&
            (earliest === null ||
                (clock.Due_At__c?.getTime() ?? Infinity) <
                    (earliest.Due_At__c?.getTime() ?? Infinity))
        ) {
            earliest = clock;
        }
    }
    if (earliest !== null) {
        return { status: statusOf(earliest), due: earliest.Due_At__c };
    }
    const latest = clocks.at(-1);
    return { status: latest === undefined ? 'None' : statusOf(latest), due: null };
}

function summariseLeads(ctx: EngineContext): void {
    for (const person of ctx.index.people) {
        if (person.kind !== 'Lead') {
            continue;
        }
        const lead = person.record;
        const clocks = ctx.clocks
            .forRecord(lead.Id)
            .filter(
                (clock) =>
                    clock.Lead__c === lead.Id && !ACCOUNT_CLOCK_TYPES.has(clock.Type__c ?? '')
            );
        const { status, due } = slaSummary(clocks);
        ctx.changes.Lead.set(lead, 'SLA_Status__c', status);
        ctx.changes.Lead.set(lead, 'SLA_Due_At__c', due);
    }
}

function summariseAccounts(ctx: EngineContext): void {
    const quarter = ctx.time.quarterOf(ctx.now).label;
    const open = new Map<string, number>();
    const thisQuarter = new Map<string, number>();
    for (const breach of ctx.breaches.all()) {
        if (breach.accountId === null) {
            continue;
        }
        if (breach.fiscalQuarter === quarter) {
            thisQuarter.set(breach.accountId, (thisQuarter.get(breach.accountId) ?? 0) + 1);
        }
        const clockKey = breach.key.startsWith('Breach:') ? breach.key.slice('Breach:'.length) : '';
        const clock = ctx.clocks.get(clockKey);
        if (clock?.Status__c === 'Breached' && clock.Completed_At__c === null) {
            open.set(breach.accountId, (open.get(breach.accountId) ?? 0) + 1);
        }
    }
    for (const account of ctx.index.accounts.values()) {
        const clocks = ctx.clocks
            .forRecord(account.Id)
            .filter(
                (clock) =>
                    clock.Account__c === account.Id && ACCOUNT_CLOCK_TYPES.has(clock.Type__c ?? '')
            );
        const { status, due } = slaSummary(clocks);
        const changes = ctx.changes.Account;
        changes.set(account, 'SLA_Status__c', status);
        changes.set(account, 'SLA_Due_At__c', due);
        changes.set(account, 'Open_Breaches__c', open.get(account.Id) ?? 0);
        changes.set(account, 'Breaches_This_Quarter__c', thisQuarter.get(account.Id) ?? 0);
    }
}

/** Stamps `Last_Evaluated_At__c` on every lead the evaluation changes, and only those. */
function stampEvaluated(ctx: EngineContext): void {
    const changed: string[] = [];
    ctx.changes.Lead.forEachChanged((id) => changed.push(id));
    for (const id of changed) {
        const lead = ctx.index.leads.get(id);
        if (lead !== undefined) {
            ctx.changes.Lead.set(lead, 'Last_Evaluated_At__c', ctx.now);
        }
    }
    for (const change of ctx.owners.list()) {
        const lead = change.object === 'Lead' ? ctx.index.leads.get(change.id) : undefined;
        if (lead !== undefined) {
            ctx.changes.Lead.set(lead, 'Last_Evaluated_At__c', ctx.now);
        }
    }
}

export function writeSummaries(ctx: EngineContext): void {
    summariseLeads(ctx);
    summariseAccounts(ctx);
    stampEvaluated(ctx);
}
