/**
 * Lead conversion, a local-only action standing in for Salesforce's `convertLead`:
 * the lead becomes an account, a contact and optionally an opportunity, and the lead
 * is marked converted and read-only.
 */
import { DateTime } from 'luxon';
import { SalesforceError } from './errors';
import { loadLiveRecord } from './record-access';
import type { StoreContext, StoredRecord, StoredValue } from './store-context';
import type { ConvertLeadOptions, ConvertLeadResult, RecordInput, WriteContext } from './types';
import { insertRecord, updateRecord } from './writer';

/** Lead field → account field copied on conversion (Salesforce's standard mapping). */
const ACCOUNT_MAPPING: Record<string, string> = {
    Company: 'Name',
    Industry: 'Industry',
    Website: 'Website',
    Phone: 'Phone',
    AnnualRevenue: 'AnnualRevenue',
    NumberOfEmployees: 'NumberOfEmployees',
    Rating: 'Rating',
    LeadSource: 'AccountSource',
    Street: 'BillingStreet',
    City: 'BillingCity',
    State: 'BillingState',
    PostalCode: 'BillingPostalCode',
    Country: 'BillingCountry'
};

/** Lead field → contact field copied on conversion. */
const CONTACT_MAPPING: Record<string, string> = {
    Salutation: 'Salutation',
    FirstName: 'FirstName',
    LastName: 'LastName',
    Title: 'Title',
    Email: 'Email',
    Phone: 'Phone',
    MobilePhone: 'MobilePhone',
    LeadSource: 'LeadSource',
    Description: 'Description',
    HasOptedOutOfEmail: 'HasOptedOutOfEmail',
    DoNotCall: 'DoNotCall',
    Street: 'MailingStreet',
    City: 'MailingCity',
    State: 'MailingState',
    PostalCode: 'MailingPostalCode',
    Country: 'MailingCountry'
};

function mapFields(lead: StoredRecord, mapping: Record<string, string>): RecordInput {
    const values: RecordInput = {};
    for (const [from, to] of Object.entries(mapping)) {
        const value: StoredValue | undefined = lead[from];
        if (value !== null && value !== undefined) {
            values[to] =
                from === 'HasOptedOutOfEmail' || from === 'DoNotCall' ? value === 1 : value;
        }
    }
    return values;
}

function convertedStatus(context: StoreContext, requested: string | undefined): string {
    const entries = context.objectOf('Lead').fields.get('status')?.picklistValues ?? [];
    const converted = entries.filter((entry) => entry.converted === true);
    const match =
        requested === undefined
            ? converted[0]
            : converted.find((entry) => entry.value.toLowerCase() === requested.toLowerCase());
    if (!match) {
        throw new SalesforceError(
            'INVALID_STATUS',
            `invalid convertedStatus: ${requested ?? '(none configured)'}`,
            ['Status']
        );
    }
    return match.value;
}

/** Last day of the current calendar quarter in the org's time zone. */
function endOfQuarter(context: StoreContext): string {
    const zone = context.orgSettings().timeZone;
    // NOTE: Salesforce picks the close date of a converted opportunity itself; end of quarter is an approximation.
    return DateTime.fromJSDate(context.now(), { zone }).endOf('quarter').toISODate() ?? '';
}

/** First open stage of the org's opportunity stages, as the convert page preselects it. */
function firstOpenStage(context: StoreContext): string {
    const stages = context.objectOf('Opportunity').fields.get('stagename')?.picklistValues ?? [];
    return stages.find((stage) => stage.active && stage.closed !== true)?.value ?? 'Prospecting';
}

function today(context: StoreContext): string {
    const zone = context.orgSettings().timeZone;
    return DateTime.fromJSDate(context.now(), { zone }).toISODate() ?? '';
}

/** Moves the lead's activities to the contact, and relates those without a What to the new records. */
function moveActivities(context: StoreContext, leadId: string, result: ConvertLeadResult): void {
    const whatId = result.opportunityId ?? result.accountId;
    const stamp = context.stamp();
    for (const table of ['Task', 'Event']) {
        context.db.run(
            `UPDATE "${table}" SET "WhatId" = COALESCE("WhatId", ?), "WhoId" = ?, "AccountId" = ?,
             "SystemModstamp" = ? WHERE "WhoId" = ? AND "IsDeleted" = 0`,
            [whatId, result.contactId, result.accountId, stamp, leadId]
        );
    }
}

/** Converts a lead. See `OrgStore.convertLead` for the errors. */
export function convertLead(
    context: StoreContext,
    leadId: string,
    options: ConvertLeadOptions,
    writeContext: WriteContext
): ConvertLeadResult {
    const lead = loadLiveRecord(context, context.objectOf('Lead'), leadId);
    if (Number(lead.IsConverted) === 1) {
        throw new SalesforceError(
            'CANNOT_UPDATE_CONVERTED_LEAD',
            'cannot reference converted lead'
        );
    }
    const status = convertedStatus(context, options.convertedStatus);
    const leadOwner =
        typeof lead.OwnerId === 'string' && lead.OwnerId.startsWith('005')
            ? lead.OwnerId
            : undefined;
    const ownerId = options.ownerId ?? leadOwner ?? writeContext.userId ?? context.defaultUserId;
    const owned = ownerId === null ? {} : { OwnerId: ownerId };
    const accountId =
        options.accountId === undefined
            ? insertRecord(
                  context,
                  'Account',
                  { ...mapFields(lead, ACCOUNT_MAPPING), ...owned },
                  writeContext
              )
            : String(loadLiveRecord(context, context.objectOf('Account'), options.accountId).Id);
    let contactId: string;
    if (options.contactId === undefined) {
        contactId = insertRecord(
            context,
            'Contact',
            { ...mapFields(lead, CONTACT_MAPPING), AccountId: accountId, ...owned },
            writeContext
        );
    } else {
        contactId = String(
            loadLiveRecord(context, context.objectOf('Contact'), options.contactId).Id
        );
        updateRecord(context, 'Contact', contactId, { AccountId: accountId }, writeContext);
    }
    let opportunityId: string | null = null;
    if (options.createOpportunity !== false) {
        const name = options.opportunityName ?? `${String(lead.Company ?? '')}-`;
        opportunityId = insertRecord(
            context,
            'Opportunity',
            {
                Name: name,
                AccountId: accountId,
                StageName: firstOpenStage(context),
                CloseDate: endOfQuarter(context),
                LeadSource: lead.LeadSource ?? null,
                ...owned
            },
            writeContext
        );
    }
    const result: ConvertLeadResult = {
        leadId: String(lead.Id),
        accountId,
        contactId,
        opportunityId
    };
    moveActivities(context, result.leadId, result);
    updateRecord(
        context,
        'Lead',
        result.leadId,
        {
            Status: status,
            IsConverted: true,
            ConvertedDate: today(context),
            ConvertedAccountId: accountId,
            ConvertedContactId: contactId,
            ConvertedOpportunityId: opportunityId
        },
        { ...writeContext, system: true }
    );
    return result;
}
