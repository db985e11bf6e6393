/**
 * Self-check of the backfill benchmark. Before the sync it keeps the records of a sample
 * of accounts (each account with the leads matched to it by email domain, and their
 * signals) and of a few leads without an account. After the sync it evaluates each
 * sample alone with the engine, at the worker's evaluation time. Then it compares the
 * engine's decisions with what the worker wrote: every field of the sampled leads and
 * accounts, the team of each new owner, and each lead's SLA clocks. The engine decides
 * per account, so a full first sync must write what the account alone decides.
 */
import type { Policy } from '../../sync-worker/src/config/policy-schema';
import type { OrgStore } from '../../sync-worker/src/local-org/store';
import { emptySnapshot, evaluate, type Evaluation } from '../../sync-worker/src/policy';
import type {
    Account,
    EngagementSignal,
    Lead,
    SlaClock
} from '../../sync-worker/src/schema/records';
import type { BackfillSizes, SeededOrg } from './backfill-org';
import { readRecordsWhereIn, readSetupRecords, type SetupRecords } from './backfill-store';

/** Records of one sampled account (or one lead without an account) before the sync. */
interface SampleGroup {
    readonly label: string;
    readonly account: Account | null;
    readonly leads: readonly Lead[];
    readonly signals: readonly EngagementSignal[];
}

/** The sample, as the org held it before the sync. */
export interface CheckSample {
    readonly setup: SetupRecords;
    readonly groups: readonly SampleGroup[];
}

/** Fields the engine never decides: system fields, names, and the owner (checked by team). */
const SKIPPED_FIELDS = new Set([
    'Id',
    'Name',
    'OwnerId',
    'CreatedDate',
    'LastModifiedDate',
    'LastModifiedById',
    'SystemModstamp',
    'IsDeleted'
]);

/** Clock fields compared. The responsible user is compared by team, because workload picks the user. */
const CLOCK_FIELDS = ['Type__c', 'Status__c', 'Due_At__c', 'Responsible_Team__c'] as const;

const DAY_MS = 86_400_000;

/** Indexes of the leads matched to account `account` by email domain. */
function leadsOfAccount(account: number, sizes: BackfillSizes): number[] {
    const indexes: number[] = [];
    for (let index = account; index < sizes.leads; index += sizes.accounts) {
        // Every 10th lead uses free mail and every 20th has no email (`backfillLeadEmail`).
        if (index % 10 !== 9) {
            indexes.push(index);
        }
    }
    return indexes;
}

function spread(count: number, range: number): number[] {
    const picked = new Set<number>();
    for (let at = 0; at < count; at++) {
        picked.add(Math.floor((at * range) / Math.max(1, count)));
    }
    return [...picked];
}

/**
 * Reads the sample before the sync: `accounts` accounts spread over the org, and a
 * quarter as many free-mail leads and as many leads without an email.
 */
export function captureSample(
    store: OrgStore,
    seeded: SeededOrg,
    sizes: BackfillSizes,
    accounts: number
): CheckSample {
    const groups: SampleGroup[] = [];
    for (const account of spread(Math.min(accounts, sizes.accounts), sizes.accounts)) {
        const accountId = seeded.accountIds[account] ?? '';
        const ids = leadsOfAccount(account, sizes).map((index) => seeded.leadIds[index] ?? '');
        groups.push({
            label: `account ${accountId}`,
            account: readRecordsWhereIn(store, 'Account', 'Id', [accountId])[0] ?? null,
            leads: readRecordsWhereIn(store, 'Lead', 'Id', ids),
            signals: readRecordsWhereIn(store, 'Engagement_Signal__c', 'Lead__c', ids)
        });
    }
    const loners = Math.max(1, Math.floor(accounts / 4));
    // Lead 20k+9 uses free mail, and lead 20k+19 has no email, so it stays unrouted.
    const lonerIndexes = spread(loners, Math.floor(sizes.leads / 20)).flatMap((block) => [
        block * 20 + 9,
        block * 20 + 19
    ]);
    for (const index of lonerIndexes.filter((at) => at < sizes.leads)) {
        const id = seeded.leadIds[index] ?? '';
        groups.push({
            label: `lead ${id}`,
            account: null,
            leads: readRecordsWhereIn(store, 'Lead', 'Id', [id]),
            signals: readRecordsWhereIn(store, 'Engagement_Signal__c', 'Lead__c', [id])
        });
    }
    return { setup: readSetupRecords(store), groups };
}

function comparable(value: unknown): string {
    return JSON.stringify(value instanceof Date ? value.toISOString() : (value ?? null));
}

function teamOf(setup: SetupRecords, ownerId: string | null): string {
    if (ownerId === null) {
        return 'none';
    }
    const user = setup.users.find((candidate) => candidate.Id === ownerId);
    return user === undefined ? `queue ${ownerId}` : (user.SLA_Team__c ?? 'no team');
}

/** Compares each decided field of one record with the org's copy after the sync. */
function compareRecord(
    label: string,
    before: Readonly<Record<string, unknown>>,
    after: Readonly<Record<string, unknown>> | undefined,
    decided: Readonly<Record<string, unknown>>
): string[] {
    if (after === undefined) {
        return [`${label}: missing from the org after the sync`];
    }
    const mismatches: string[] = [];
    for (const field of Object.keys(before)) {
        if (SKIPPED_FIELDS.has(field)) {
            continue;
        }
        const expected = comparable(field in decided ? decided[field] : before[field]);
        const actual = comparable(after[field]);
        if (expected !== actual) {
            mismatches.push(`${label} ${field}: written ${actual}, engine alone ${expected}`);
        }
    }
    return mismatches;
}

function compareOwner(
    setup: SetupRecords,
    evaluation: Evaluation,
    before: Lead,
    after: Lead | undefined
): string[] {
    const change = evaluation.ownerChanges.find((candidate) => candidate.id === before.Id);
    const expected = teamOf(setup, change?.toOwnerId ?? before.OwnerId);
    const actual = teamOf(setup, after?.OwnerId ?? null);
    return expected === actual
        ? []
        : [`lead ${before.Id} owner team: written ${actual}, engine alone ${expected}`];
}

function describeClock(clock: Readonly<Record<string, unknown>>): string {
    return CLOCK_FIELDS.map((field) => `${field}=${comparable(clock[field])}`).join(' ');
}

function compareClocks(
    evaluation: Evaluation,
    leadId: string,
    written: readonly SlaClock[]
): string[] {
    const expected = evaluation.clocks
        .filter((clock) => clock.fields.Lead__c === leadId)
        .map((clock) => `${clock.key} ${describeClock(clock.fields)}`)
        .sort();
    const actual = written
        .filter((clock) => clock.Lead__c === leadId)
        .map((clock) => `${clock.Clock_Key__c ?? ''} ${describeClock(clock)}`)
        .sort();
    return comparable(expected) === comparable(actual)
        ? []
        : [
              `lead ${leadId} clocks: written ${comparable(actual)}, engine alone ${comparable(expected)}`
          ];
}

/** Decided field values of each record the evaluation updates. */
function decidedFields(evaluation: Evaluation): Map<string, Record<string, unknown>> {
    const decided = new Map<string, Record<string, unknown>>();
    for (const update of evaluation.updates) {
        decided.set(update.id, { ...(decided.get(update.id) ?? {}), ...update.fields });
    }
    return decided;
}

/** Result of the check: what was compared and each mismatch. */
export interface CheckResult {
    readonly groups: number;
    readonly leads: number;
    readonly clocks: number;
    readonly mismatches: readonly string[];
}

/** Evaluates each sampled group alone at `now` and compares with the org after the sync. */
export function checkSample(
    store: OrgStore,
    sample: CheckSample,
    policy: Policy,
    now: Date
): CheckResult {
    const leadIds = sample.groups.flatMap((group) => group.leads.map((lead) => lead.Id));
    const accountIds = sample.groups.flatMap((group) =>
        group.account === null ? [] : [group.account.Id]
    );
    const leadsAfter = new Map(
        readRecordsWhereIn(store, 'Lead', 'Id', leadIds).map((lead) => [lead.Id, lead])
    );
    const accountsAfter = new Map(
        readRecordsWhereIn(store, 'Account', 'Id', accountIds).map((account) => [
            account.Id,
            account
        ])
    );
    const clocks = readRecordsWhereIn(store, 'SLA_Clock__c', 'Lead__c', leadIds);
    const mismatches: string[] = [];
    // The worker reads only the signals of the scoring window, so the engine alone gets those too.
    const windowStart = now.getTime() - policy.scoringWindowDays * DAY_MS;
    for (const group of sample.groups) {
        const evaluation = evaluate(
            {
                ...emptySnapshot(),
                ...sample.setup,
                accounts: group.account === null ? [] : [group.account],
                leads: group.leads,
                signals: group.signals.filter(
                    (signal) => (signal.Occurred_At__c?.getTime() ?? 0) >= windowStart
                )
            },
            policy,
            now
        );
        const decided = decidedFields(evaluation);
        if (group.account !== null) {
            const { Id } = group.account;
            mismatches.push(
                ...compareRecord(
                    `account ${Id}`,
                    group.account,
                    accountsAfter.get(Id),
                    decided.get(Id) ?? {}
                )
            );
        }
        for (const lead of group.leads) {
            const after = leadsAfter.get(lead.Id);
            mismatches.push(
                ...compareRecord(`lead ${lead.Id}`, lead, after, decided.get(lead.Id) ?? {}),
                ...compareOwner(sample.setup, evaluation, lead, after),
                ...compareClocks(evaluation, lead.Id, clocks)
            );
        }
    }
    return {
        groups: sample.groups.length,
        leads: leadIds.length,
        clocks: clocks.length,
        mismatches
    };
}
