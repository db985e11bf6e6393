/**
 * Standard activity and campaign objects: Task, Event, Campaign and CampaignMember.
 */
import {
    checkbox,
    currency,
    date,
    dateTime,
    defineObject,
    derived,
    field,
    integer,
    picklist,
    reference,
    systemFields,
    text,
    textArea
} from './field-builders';
import {
    ACTIVITY_TYPE,
    CAMPAIGN_MEMBER_STATUS,
    CAMPAIGN_STATUS,
    CAMPAIGN_TYPE,
    EVENT_SHOW_AS,
    TASK_PRIORITY,
    TASK_STATUS,
    TASK_SUBTYPE
} from './standard-value-sets';
import type { FieldDefinition, ObjectDefinition } from './types';

/**
 * Objects a Task or Event `WhatId` may point to. Custom objects with activities enabled
 * are added when force-app is loaded.
 */
export const ACTIVITY_WHAT_OBJECTS = ['Account', 'Opportunity', 'Campaign'];

/** Who, What and Account lookups shared by Task and Event. */
function activityLinks(): FieldDefinition[] {
    return [
        // Deleting the Who or What record deletes its activities.
        reference('WhoId', ['Contact', 'Lead'], 'Who', {
            childRelationshipName: 'Tasks',
            cascadeDelete: true,
            indexed: true
        }),
        reference('WhatId', [...ACTIVITY_WHAT_OBJECTS], 'What', {
            childRelationshipName: 'Tasks',
            cascadeDelete: true,
            indexed: true
        }),
        // Salesforce derives AccountId from What (an account or an opportunity's account) or Who (a contact's account).
        derived(
            reference('AccountId', ['Account'], 'Account', { indexed: true }),
            'activity-account'
        )
    ];
}

/** Subject is a combobox: a picklist of suggestions that accepts any text. */
function subject(): FieldDefinition {
    return field('Subject', 'combobox', {
        length: 255,
        picklistValues: ['Call', 'Send Letter', 'Send Quote', 'Other'].map((value) => ({
            value,
            label: value,
            active: true,
            defaultValue: false
        }))
    });
}

export const TASK: ObjectDefinition = defineObject({
    name: 'Task',
    keyPrefix: '00T',
    fields: [
        ...systemFields(['User', 'Group']),
        ...activityLinks(),
        subject(),
        date('ActivityDate', { indexed: true }),
        picklist('Status', TASK_STATUS, { required: true, indexed: true }),
        picklist('Priority', TASK_PRIORITY, { required: true }),
        derived(checkbox('IsClosed'), 'task-is-closed'),
        checkbox('IsHighPriority', { createable: false, updateable: false }),
        picklist('Type', ACTIVITY_TYPE),
        // TaskSubtype can be set on create only.
        picklist('TaskSubtype', TASK_SUBTYPE, { updateable: false }),
        derived(dateTime('CompletedDateTime'), 'task-completed-date-time'),
        textArea('Description', 32000),
        integer('CallDurationInSeconds', 8),
        picklist('CallType', ['Internal', 'Inbound', 'Outbound']),
        text('CallDisposition', 255),
        dateTime('ReminderDateTime'),
        checkbox('IsReminderSet')
    ]
});

export const EVENT: ObjectDefinition = defineObject({
    name: 'Event',
    keyPrefix: '00U',
    fields: [
        ...systemFields(['User']),
        ...activityLinks().map((link) =>
            link.childRelationshipName === 'Tasks'
                ? { ...link, childRelationshipName: 'Events' }
                : link
        ),
        subject(),
        // StartDateTime and ActivityDateTime hold the same instant; the store keeps them equal.
        dateTime('StartDateTime', { indexed: true }),
        dateTime('EndDateTime'),
        dateTime('ActivityDateTime'),
        derived(date('ActivityDate'), 'event-activity-date'),
        integer('DurationInMinutes', 8),
        checkbox('IsAllDayEvent'),
        picklist('Type', ACTIVITY_TYPE),
        picklist('EventSubtype', ['Event'], { updateable: false }),
        picklist('ShowAs', EVENT_SHOW_AS),
        text('Location', 255),
        textArea('Description', 32000)
    ]
});

export const CAMPAIGN: ObjectDefinition = defineObject({
    name: 'Campaign',
    keyPrefix: '701',
    fields: [
        ...systemFields(['User']),
        text('Name', 80, { required: true, indexed: true }),
        picklist('Type', CAMPAIGN_TYPE),
        picklist('Status', CAMPAIGN_STATUS),
        date('StartDate'),
        date('EndDate'),
        checkbox('IsActive'),
        reference('ParentId', ['Campaign'], 'Parent', { childRelationshipName: 'ChildCampaigns' }),
        currency('BudgetedCost'),
        currency('ActualCost'),
        currency('ExpectedRevenue'),
        textArea('Description', 32000)
    ]
});

export const CAMPAIGN_MEMBER: ObjectDefinition = defineObject({
    name: 'CampaignMember',
    keyPrefix: '00v',
    fields: [
        ...systemFields(),
        reference('CampaignId', ['Campaign'], 'Campaign', {
            required: true,
            updateable: false,
            childRelationshipName: 'CampaignMembers',
            cascadeDelete: true,
            indexed: true
        }),
        reference('LeadId', ['Lead'], 'Lead', {
            updateable: false,
            childRelationshipName: 'CampaignMembers',
            cascadeDelete: true,
            indexed: true
        }),
        reference('ContactId', ['Contact'], 'Contact', {
            updateable: false,
            childRelationshipName: 'CampaignMembers',
            cascadeDelete: true,
            indexed: true
        }),
        derived(
            reference('LeadOrContactId', ['Contact', 'Lead'], 'LeadOrContact'),
            'campaign-member-lead-or-contact'
        ),
        derived(text('Type', 40), 'campaign-member-type'),
        picklist('Status', CAMPAIGN_MEMBER_STATUS, { length: 40 }),
        derived(checkbox('HasResponded'), 'campaign-member-responded'),
        derived(date('FirstRespondedDate'), 'campaign-member-first-responded-date')
    ]
});
