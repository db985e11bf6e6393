/**
 * The standard objects the product uses, defined in code with their real API names.
 * Custom fields from force-app are merged onto copies of these by `loadOrgSchema`.
 */
import { CAMPAIGN, CAMPAIGN_MEMBER, EVENT, TASK } from './standard-activities';
import { ACCOUNT, CONTACT, LEAD, OPPORTUNITY } from './standard-sales';
import {
    BUSINESS_HOURS,
    CUSTOM_NOTIFICATION_TYPE,
    GROUP,
    GROUP_MEMBER,
    HOLIDAY,
    ORGANIZATION,
    PROFILE,
    QUEUE_SOBJECT,
    USER
} from './standard-setup';
import type { ObjectDefinition } from './types';

export { ACTIVITY_WHAT_OBJECTS } from './standard-activities';

/** Standard objects in a fixed order; treat them as read-only (clone before changing). */
export const STANDARD_OBJECTS: readonly ObjectDefinition[] = [
    LEAD,
    CONTACT,
    ACCOUNT,
    OPPORTUNITY,
    TASK,
    EVENT,
    CAMPAIGN,
    CAMPAIGN_MEMBER,
    USER,
    PROFILE,
    GROUP,
    GROUP_MEMBER,
    QUEUE_SOBJECT,
    BUSINESS_HOURS,
    HOLIDAY,
    CUSTOM_NOTIFICATION_TYPE,
    ORGANIZATION
];

/** Deep-copies an object definition so that merging custom fields leaves the original intact. */
export function cloneObject(object: ObjectDefinition): ObjectDefinition {
    return {
        ...object,
        fields: new Map([...object.fields].map(([key, value]) => [key, { ...value }])),
        childRelationships: new Map(object.childRelationships)
    };
}
