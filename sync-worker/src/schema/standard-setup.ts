/**
 * Standard set-up objects: users, profiles, groups and queues, business hours,
 * holidays, custom notification types and the organization record.
 */
import {
    checkbox,
    dateTime,
    date,
    defineObject,
    derived,
    email,
    integer,
    phone,
    picklist,
    readOnly,
    reference,
    systemFields,
    text,
    time
} from './field-builders';
import {
    GROUP_TYPE,
    HOLIDAY_RECURRENCE_TYPE,
    MONTH_OF_YEAR,
    RECURRENCE_INSTANCE
} from './standard-value-sets';
import type { FieldDefinition, ObjectDefinition } from './types';

export const USER: ObjectDefinition = defineObject({
    name: 'User',
    keyPrefix: '005',
    fields: [
        ...systemFields(),
        text('Username', 80, { required: true, unique: true, indexed: true }),
        text('FirstName', 40),
        text('LastName', 80, { required: true }),
        derived(text('Name', 121, { indexed: true }), 'compound-name'),
        // Salesforce requires Alias, TimeZoneSidKey and the locale keys; the local org defaults them.
        text('Alias', 8),
        email('Email', { required: true, indexed: true }),
        text('CommunityNickname', 40),
        text('Title', 80),
        text('Department', 80),
        text('CompanyName', 80),
        phone('Phone'),
        phone('MobilePhone'),
        checkbox('IsActive', { defaultValue: true }),
        reference('ManagerId', ['User'], 'Manager', {
            childRelationshipName: 'ManagedUsers',
            indexed: true
        }),
        reference('ProfileId', ['Profile'], 'Profile'),
        text('TimeZoneSidKey', 40),
        text('LocaleSidKey', 40, { defaultValue: 'en_US' }),
        text('LanguageLocaleKey', 40, { defaultValue: 'en_US' }),
        text('EmailEncodingKey', 40, { defaultValue: 'UTF-8' }),
        readOnly(
            picklist('UserType', ['Standard', 'AutomatedProcess'], {
                defaultValue: 'Standard',
                length: 40
            })
        ),
        text('FederationIdentifier', 512),
        readOnly(dateTime('LastLoginDate'))
    ]
});

export const PROFILE: ObjectDefinition = defineObject({
    name: 'Profile',
    keyPrefix: '00e',
    createable: false,
    updateable: false,
    deletable: false,
    fields: [...systemFields(), text('Name', 255, { required: true }), text('Description', 255)]
});

export const GROUP: ObjectDefinition = defineObject({
    name: 'Group',
    keyPrefix: '00G',
    fields: [
        ...systemFields(['User']),
        text('Name', 40, { required: true }),
        text('DeveloperName', 80, { unique: true, indexed: true }),
        picklist('Type', GROUP_TYPE, {
            required: true,
            restrictedPicklist: true,
            length: 40,
            indexed: true
        }),
        email('Email', { length: 255 }),
        checkbox('DoesSendEmailToMembers'),
        checkbox('DoesIncludeBosses')
    ]
});

export const GROUP_MEMBER: ObjectDefinition = defineObject({
    name: 'GroupMember',
    keyPrefix: '011',
    updateable: false,
    fields: [
        ...systemFields(),
        reference('GroupId', ['Group'], 'Group', {
            required: true,
            updateable: false,
            childRelationshipName: 'GroupMembers',
            cascadeDelete: true,
            indexed: true
        }),
        reference('UserOrGroupId', ['User', 'Group'], 'UserOrGroup', {
            required: true,
            updateable: false,
            indexed: true
        })
    ]
});

/** The objects a queue accepts as owner, one record per queue and object. */
export const QUEUE_SOBJECT: ObjectDefinition = defineObject({
    name: 'QueueSobject',
    keyPrefix: '03g',
    updateable: false,
    fields: [
        ...systemFields(),
        reference('QueueId', ['Group'], 'Queue', {
            required: true,
            updateable: false,
            childRelationshipName: 'QueueSobjects',
            cascadeDelete: true,
            indexed: true
        }),
        text('SobjectType', 40, { required: true, updateable: false })
    ]
});

const WEEK_DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** `MondayStartTime` to `SundayEndTime`: null start and end mean closed that day. */
function weekHourFields(): FieldDefinition[] {
    return WEEK_DAYS.flatMap((day) => [time(`${day}StartTime`), time(`${day}EndTime`)]);
}

/** Business hours; Salesforce lets admins create them in Setup only, so the API cannot insert. */
export const BUSINESS_HOURS: ObjectDefinition = defineObject({
    name: 'BusinessHours',
    keyPrefix: '01m',
    labelPlural: 'Business Hours',
    createable: false,
    deletable: false,
    fields: [
        ...systemFields(),
        text('Name', 80, { required: true }),
        checkbox('IsActive', { defaultValue: true }),
        checkbox('IsDefault'),
        text('TimeZoneSidKey', 40, { required: true }),
        ...weekHourFields()
    ]
});

export const HOLIDAY: ObjectDefinition = defineObject({
    name: 'Holiday',
    keyPrefix: '0C0',
    fields: [
        ...systemFields(),
        text('Name', 80, { required: true }),
        text('Description', 100),
        date('ActivityDate'),
        checkbox('IsAllDay', { defaultValue: true }),
        // Minutes after midnight in the business hours' time zone; only when IsAllDay is false.
        integer('StartTimeInMinutes', 4),
        integer('EndTimeInMinutes', 4),
        checkbox('IsRecurrence'),
        date('RecurrenceStartDate'),
        date('RecurrenceEndDateOnly'),
        picklist('RecurrenceType', HOLIDAY_RECURRENCE_TYPE, {
            restrictedPicklist: true,
            length: 40
        }),
        integer('RecurrenceInterval', 4),
        // Bit mask of week days: Sunday 1, Monday 2, Tuesday 4, ... Saturday 64.
        integer('RecurrenceDayOfWeekMask', 3),
        integer('RecurrenceDayOfMonth', 2),
        picklist('RecurrenceInstance', RECURRENCE_INSTANCE, {
            restrictedPicklist: true,
            length: 40
        }),
        picklist('RecurrenceMonthOfYear', MONTH_OF_YEAR, { restrictedPicklist: true, length: 40 })
    ]
});

/** Custom notification types come from metadata (`notificationtypes/`), not from DML. */
export const CUSTOM_NOTIFICATION_TYPE: ObjectDefinition = defineObject({
    name: 'CustomNotificationType',
    keyPrefix: '0ML',
    createable: false,
    updateable: false,
    deletable: false,
    fields: [
        ...systemFields(),
        text('DeveloperName', 40, { required: true, unique: true, indexed: true }),
        text('MasterLabel', 80, { required: true }),
        text('CustomNotifTypeName', 80),
        text('Description', 255),
        checkbox('Desktop', { defaultValue: true }),
        checkbox('Mobile', { defaultValue: true })
    ]
});

export const ORGANIZATION: ObjectDefinition = defineObject({
    name: 'Organization',
    keyPrefix: '00D',
    createable: false,
    updateable: false,
    deletable: false,
    fields: [
        ...systemFields(),
        text('Name', 80, { required: true }),
        text('Division', 80),
        integer('FiscalYearStartMonth', 2, { defaultValue: 1 }),
        checkbox('UsesStartDateAsFiscalYearName'),
        text('TimeZoneSidKey', 40, { required: true }),
        text('DefaultLocaleSidKey', 40, { defaultValue: 'en_US' }),
        text('LanguageLocaleKey', 40, { defaultValue: 'en_US' }),
        text('OrganizationType', 40, { defaultValue: 'Developer Edition' }),
        text('InstanceName', 5, { defaultValue: 'LOCAL' }),
        checkbox('IsSandbox'),
        text('Country', 80)
    ]
});
