import type { EngineContext } from './context';
import { cadenceTaskKey, describeTask } from './keys';
import { isUserId } from './snapshot-index';
import type { ClockState } from './state/clock-store';
import { isOpenStatus } from './values';

/** Standard `Task.Type` values for each cadence touch; a social touch has no type of its own. */
const TASK_TYPE = { Call: 'Call', Email: 'Email', Social: 'Other' } as const;

/**
 * Creates the follow-up cadence tasks of an open Follow Up clock for its responsible
 * user: one task per step, due on the step's day after the clock started. A step whose
 * day is over is not created again, and an existing task (found by its key) is kept.
 */
export function ensureCadenceTasks(ctx: EngineContext, clock: ClockState): void {
    const ownerId = clock.Responsible_User__c;
    const start = clock.Started_At__c;
    if (!isOpenStatus(clock.Status__c) || !isUserId(ownerId) || start === null) {
        return;
    }
    ctx.policy.followUpCadence.forEach((step, at) => {
        const key = cadenceTaskKey(clock.Clock_Key__c, at);
        const day = ctx.time.addDays(start, step.day);
        if (ctx.tasks.has(key) || ctx.time.endOfDay(day).getTime() < ctx.nowMs) {
            return;
        }
        const subject = `Follow-up day ${step.day}: ${step.type}`;
        const text = `Step ${at + 1} of ${ctx.policy.followUpCadence.length} of the sales follow-up after the handoff. Complete it by the end of ${ctx.time.localDate(day)}.`;
        ctx.tasks.add({
            key,
            clockKey: clock.Clock_Key__c,
            reason: `Follow-up cadence step ${at + 1}: ${step.type} on day ${step.day}`,
            fields: {
                OwnerId: ownerId,
                WhatId: clock.Account__c,
                Subject: subject,
                Description: describeTask(text, key),
                Type: TASK_TYPE[step.type],
                Status: 'Not Started',
                Priority: 'Normal',
                ActivityDate: ctx.time.localDate(day)
            }
        });
    });
}
