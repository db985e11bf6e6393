/**
 * Standard sales objects: Lead, Contact, Account and Opportunity, with the API names,
 * types and sizes Salesforce reports in describe (API version 62.0).
 */
import {
    checkbox,
    currency,
    date,
    defineObject,
    derived,
    email,
    integer,
    percent,
    phone,
    picklist,
    readOnly,
    reference,
    systemFields,
    text,
    textArea,
    url
} from './field-builders';
import {
    ACCOUNT_TYPE,
    FORECAST_CATEGORY_NAME,
    INDUSTRY,
    LEAD_SOURCE,
    LEAD_STATUS,
    OPPORTUNITY_STAGE,
    OPPORTUNITY_TYPE,
    RATING,
    SALUTATION
} from './standard-value-sets';
import type { FieldDefinition, ObjectDefinition } from './types';

/** Street, City, State, PostalCode and Country with an optional prefix (`Mailing`, `Billing`). */
function addressFields(prefix = ''): FieldDefinition[] {
    return [
        textArea(`${prefix}Street`, 255),
        text(`${prefix}City`, 40),
        text(`${prefix}State`, 80),
        text(`${prefix}PostalCode`, 20),
        text(`${prefix}Country`, 80)
    ];
}

/** FirstName, LastName (required), Salutation and the compound Name derived from them. */
function personNameFields(): FieldDefinition[] {
    return [
        picklist('Salutation', SALUTATION, { length: 40 }),
        text('FirstName', 40),
        text('LastName', 80, { required: true }),
        derived(text('Name', 121, { indexed: true }), 'compound-name')
    ];
}

export const LEAD: ObjectDefinition = defineObject({
    name: 'Lead',
    keyPrefix: '00Q',
    fields: [
        ...systemFields(['User', 'Group']),
        ...personNameFields(),
        text('Title', 128),
        text('Company', 255, { required: true }),
        email('Email', { indexed: true }),
        phone('Phone'),
        phone('MobilePhone'),
        url('Website'),
        picklist('LeadSource', LEAD_SOURCE, { length: 255 }),
        picklist('Status', LEAD_STATUS, { required: true, indexed: true }),
        picklist('Industry', INDUSTRY),
        picklist('Rating', RATING),
        currency('AnnualRevenue', 18, 0),
        integer('NumberOfEmployees', 8),
        ...addressFields(),
        textArea('Description', 32000),
        checkbox('HasOptedOutOfEmail'),
        checkbox('DoNotCall'),
        checkbox('IsUnreadByOwner'),
        readOnly(checkbox('IsConverted')),
        readOnly(date('ConvertedDate')),
        // Not indexed: filters on converted Ids are rare, and each index slows lead loads.
        readOnly(
            reference('ConvertedAccountId', ['Account'], 'ConvertedAccount', { indexed: false })
        ),
        readOnly(
            reference('ConvertedContactId', ['Contact'], 'ConvertedContact', { indexed: false })
        ),
        readOnly(
            reference('ConvertedOpportunityId', ['Opportunity'], 'ConvertedOpportunity', {
                indexed: false
            })
        ),
        readOnly(date('LastActivityDate'))
    ]
});

export const CONTACT: ObjectDefinition = defineObject({
    name: 'Contact',
    keyPrefix: '003',
    fields: [
        ...systemFields(['User']),
        ...personNameFields(),
        // Deleting an account deletes its contacts and opportunities.
        reference('AccountId', ['Account'], 'Account', {
            childRelationshipName: 'Contacts',
            cascadeDelete: true,
            indexed: true
        }),
        reference('ReportsToId', ['Contact'], 'ReportsTo'),
        text('Title', 128),
        text('Department', 80),
        email('Email', { indexed: true }),
        phone('Phone'),
        phone('MobilePhone'),
        picklist('LeadSource', LEAD_SOURCE),
        date('Birthdate'),
        ...addressFields('Mailing'),
        textArea('Description', 32000),
        checkbox('HasOptedOutOfEmail'),
        checkbox('DoNotCall'),
        readOnly(date('LastActivityDate'))
    ]
});

export const ACCOUNT: ObjectDefinition = defineObject({
    name: 'Account',
    keyPrefix: '001',
    fields: [
        ...systemFields(['User']),
        text('Name', 255, { required: true, indexed: true }),
        text('AccountNumber', 40),
        picklist('Type', ACCOUNT_TYPE),
        reference('ParentId', ['Account'], 'Parent', { childRelationshipName: 'ChildAccounts' }),
        picklist('Industry', INDUSTRY),
        picklist('Rating', RATING),
        picklist('AccountSource', LEAD_SOURCE),
        currency('AnnualRevenue', 18, 0),
        integer('NumberOfEmployees', 8),
        url('Website'),
        phone('Phone'),
        ...addressFields('Billing'),
        ...addressFields('Shipping'),
        textArea('Description', 32000),
        readOnly(date('LastActivityDate'))
    ]
});

export const OPPORTUNITY: ObjectDefinition = defineObject({
    name: 'Opportunity',
    keyPrefix: '006',
    fields: [
        ...systemFields(['User']),
        text('Name', 120, { required: true, indexed: true }),
        reference('AccountId', ['Account'], 'Account', {
            childRelationshipName: 'Opportunities',
            cascadeDelete: true,
            indexed: true
        }),
        reference('ContactId', ['Contact'], 'Contact'),
        reference('CampaignId', ['Campaign'], 'Campaign', {
            childRelationshipName: 'Opportunities'
        }),
        picklist('StageName', OPPORTUNITY_STAGE, { required: true, indexed: true }),
        currency('Amount'),
        // Salesforce fills Probability from the stage unless the request sets it.
        percent('Probability'),
        date('CloseDate', { required: true, indexed: true }),
        picklist('Type', OPPORTUNITY_TYPE),
        picklist('LeadSource', LEAD_SOURCE),
        text('NextStep', 255),
        textArea('Description', 32000),
        derived(checkbox('IsClosed'), 'opportunity-is-closed'),
        derived(checkbox('IsWon'), 'opportunity-is-won'),
        // Follows the stage unless the request sets it, as in Salesforce.
        picklist('ForecastCategoryName', FORECAST_CATEGORY_NAME),
        derived(
            picklist(
                'ForecastCategory',
                ['Omitted', 'Pipeline', 'BestCase', 'Forecast', 'Closed'],
                {
                    length: 40
                }
            ),
            'opportunity-forecast-category'
        ),
        readOnly(date('LastActivityDate'))
    ]
});
