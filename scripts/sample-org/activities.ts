/**
 * Everyday sales activity before the worker's first cycle. Account executives call and
 * meet the active people of their hot and warm accounts, SDRs work their outbound leads,
 * and some follow-up tasks are still open. Two scenarios add their own: a recent Sales
 * call on the single active person of the exploratory account, and a Demo event on the
 * account whose opportunity has no demo date.
 */
import { DateTime } from 'luxon';
import type { AccountPlan } from './accounts';
import type { RecordBuilder } from './builder';
import type { PersonDraft } from './people';
import type { Random } from './random';
import { DAY_MS, HOUR_MS, isActive } from './scoring';
import { ORG_TIME_ZONE } from './setup';
import type { RecordRef, SampleFields } from './types';

export interface ActivityInput {
    readonly accounts: readonly AccountPlan[];
    readonly contacts: readonly PersonDraft[];
    readonly leads: readonly PersonDraft[];
    readonly nowMs: number;
}

function localDate(ms: number): string {
    return DateTime.fromMillis(ms, { zone: ORG_TIME_ZONE }).toISODate() ?? '';
}

/** Builds a task: completed at `atMs`, or open and due that day. */
function taskFields(
    owner: RecordRef,
    who: RecordRef,
    what: RecordRef | null,
    atMs: number,
    completed: boolean,
    call: boolean
): SampleFields {
    const at = new Date(Math.round(atMs)).toISOString();
    return {
        Subject: call ? 'Call' : 'Email: next steps',
        Type: call ? 'Call' : 'Email',
        TaskSubtype: call ? 'Call' : 'Email',
        Status: completed ? 'Completed' : 'Not Started',
        Priority: 'Normal',
        OwnerId: owner,
        WhoId: who,
        WhatId: what,
        ActivityDate: localDate(atMs),
        CreatedDate: at,
        CreatedById: owner,
        LastModifiedDate: at,
        LastModifiedById: owner
    };
}

function eventFields(
    owner: RecordRef,
    who: RecordRef,
    what: RecordRef,
    startMs: number,
    type: 'Meeting' | 'Demo'
): SampleFields {
    const start = new Date(Math.round(startMs)).toISOString();
    return {
        Subject: type === 'Demo' ? 'Product demo' : 'Discovery meeting',
        Type: type,
        OwnerId: owner,
        WhoId: who,
        WhatId: what,
        StartDateTime: start,
        EndDateTime: new Date(Math.round(startMs) + HOUR_MS).toISOString(),
        DurationInMinutes: 60,
        CreatedDate: start,
        CreatedById: owner,
        LastModifiedDate: start,
        LastModifiedById: owner
    };
}

/** Calls, e-mails and meetings of account owners with the active people of hot and warm accounts. */
function accountActivity(builder: RecordBuilder, random: Random, input: ActivityInput): void {
    for (const contact of input.contacts) {
        const account =
            contact.accountIndex === null ? undefined : input.accounts[contact.accountIndex];
        const worked =
            account?.scenario === null && (account.tier === 'hot' || account.tier === 'warm');
        if (account === undefined || !worked || !isActive(contact.signals, input.nowMs)) {
            continue;
        }
        const owner = account.owner.ref;
        for (let index = random.int(0, 3); index > 0; index -= 1) {
            const atMs = input.nowMs - random.float(0.5, 100) * DAY_MS;
            builder.add(
                'Task',
                taskFields(owner, contact.ref, account.ref, atMs, true, random.chance(0.5))
            );
        }
        if (account.tier === 'hot' && random.chance(0.3)) {
            const startMs = input.nowMs - random.float(1, 40) * DAY_MS;
            builder.add('Event', eventFields(owner, contact.ref, account.ref, startMs, 'Meeting'));
        }
        if (random.chance(0.1)) {
            const dueMs = input.nowMs + random.float(1, 7) * DAY_MS;
            builder.add('Task', taskFields(owner, contact.ref, account.ref, dueMs, false, true));
        }
    }
}

/** SDRs calling and e-mailing the unclaimed outbound leads they own, before the worker ever routed them. */
function leadActivity(
    builder: RecordBuilder,
    random: Random,
    input: ActivityInput,
    sdrRefs: ReadonlySet<string>
): void {
    for (const lead of input.leads) {
        const owner = lead.fields.OwnerId;
        if (
            lead.claimed ||
            typeof owner !== 'object' ||
            owner === null ||
            !sdrRefs.has(owner.ref) ||
            !random.chance(0.5)
        ) {
            continue;
        }
        const created =
            typeof lead.fields.CreatedDate === 'string'
                ? Date.parse(lead.fields.CreatedDate)
                : input.nowMs;
        const atMs = created + random.float(0.1, 0.9) * (input.nowMs - created);
        builder.add('Task', taskFields(owner, lead.ref, null, atMs, true, random.chance(0.6)));
    }
}

/** Activity some account scenarios depend on. */
function scenarioActivity(builder: RecordBuilder, input: ActivityInput): void {
    for (const account of input.accounts) {
        const needed =
            account.scenario === 'exploratory' || account.scenario === 'demo-event-opportunity';
        const first = needed
            ? input.contacts.find((contact) => contact.accountIndex === account.index)
            : undefined;
        if (first === undefined) {
            continue;
        }
        if (account.scenario === 'exploratory') {
            const atMs = input.nowMs - DAY_MS;
            builder.add(
                'Task',
                taskFields(account.owner.ref, first.ref, account.ref, atMs, true, true)
            );
        }
        if (account.scenario === 'demo-event-opportunity') {
            const startMs = input.nowMs - 2 * DAY_MS;
            builder.add(
                'Event',
                eventFields(account.owner.ref, first.ref, account.ref, startMs, 'Demo')
            );
        }
    }
}

/** Writes the tasks and events; `sdrRefs` are the reference ids of the SDR users. */
export function generateActivities(
    builder: RecordBuilder,
    random: Random,
    input: ActivityInput,
    sdrRefs: ReadonlySet<string>
): void {
    accountActivity(builder, random, input);
    leadActivity(builder, random, input, sdrRefs);
    scenarioActivity(builder, input);
}
