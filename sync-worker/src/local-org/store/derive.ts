/**
 * Fields Salesforce computes on save: compound names, opportunity stage flags, task
 * closure, activity accounts, event dates, campaign member responses and auto-numbers.
 */
import { DateTime } from 'luxon';
import { keyPrefixOf } from '../../schema/ids';
import type {
    DerivedRule,
    FieldDefinition,
    ObjectDefinition,
    PicklistValue
} from '../../schema/types';
import type { StoreContext, StoredRecord } from './store-context';

/** Inputs of one derivation: the record after the write, what the request set, and the record before. */
export interface DeriveInput {
    context: StoreContext;
    object: ObjectDefinition;
    record: StoredRecord;
    explicit: Set<string>;
    previous: StoredRecord | null;
    stamp: string;
}

/** Forecast category API names by forecast category label. */
const FORECAST_CATEGORY: Record<string, string> = {
    Omitted: 'Omitted',
    Pipeline: 'Pipeline',
    'Best Case': 'BestCase',
    Commit: 'Forecast',
    Closed: 'Closed'
};

function picklistEntry(
    object: ObjectDefinition,
    fieldName: string,
    value: unknown
): PicklistValue | undefined {
    if (typeof value !== 'string') {
        return undefined;
    }
    const entries = object.fields.get(fieldName.toLowerCase())?.picklistValues ?? [];
    return entries.find((entry) => entry.value.toLowerCase() === value.toLowerCase());
}

function changed(input: DeriveInput, fieldName: string): boolean {
    return input.previous === null || input.previous[fieldName] !== input.record[fieldName];
}

function orgDate(input: DeriveInput, storedDateTime: string): string {
    const zone = input.context.orgSettings().timeZone;
    return (
        DateTime.fromISO(storedDateTime, { zone: 'utc' }).setZone(zone).toISODate() ??
        storedDateTime.slice(0, 10)
    );
}

function deriveOpportunity(input: DeriveInput): void {
    const { record, object } = input;
    const stage = picklistEntry(object, 'StageName', record.StageName);
    record.IsClosed = stage?.closed === true ? 1 : 0;
    record.IsWon = stage?.won === true ? 1 : 0;
    if (changed(input, 'StageName')) {
        // A stage change resets probability and forecast category unless the request sets them.
        if (!input.explicit.has('Probability') && stage?.probability !== undefined) {
            record.Probability = stage.probability;
        }
        if (
            !input.explicit.has('ForecastCategoryName') &&
            stage?.forecastCategoryName !== undefined
        ) {
            record.ForecastCategoryName = stage.forecastCategoryName;
        }
    }
    const category = record.ForecastCategoryName;
    record.ForecastCategory =
        typeof category === 'string' ? (FORECAST_CATEGORY[category] ?? null) : null;
}

function deriveTask(input: DeriveInput): void {
    const { record, object } = input;
    const isClosed = picklistEntry(object, 'Status', record.Status)?.closed === true;
    const wasClosed = input.previous !== null && Number(input.previous.IsClosed) === 1;
    record.IsClosed = isClosed ? 1 : 0;
    if (isClosed && !wasClosed) {
        record.CompletedDateTime = input.stamp;
    } else if (!isClosed) {
        record.CompletedDateTime = null;
    }
}

/** Objects whose records carry an AccountId, by key prefix: opportunities and contacts. */
const ACCOUNT_CHILD_TABLES: Record<string, string> = { '006': 'Opportunity', '003': 'Contact' };

function parentAccount(input: DeriveInput, id: unknown): string | null {
    if (typeof id !== 'string' || id === '') {
        return null;
    }
    const prefix = keyPrefixOf(id);
    if (prefix === '001') {
        return id;
    }
    const table = ACCOUNT_CHILD_TABLES[prefix];
    if (table === undefined) {
        return null;
    }
    const row = input.context.db.get(`SELECT "AccountId" FROM "${table}" WHERE "Id" = ?`, [id]);
    return typeof row?.AccountId === 'string' ? row.AccountId : null;
}

function deriveActivityAccount(input: DeriveInput): void {
    const { record } = input;
    record.AccountId = parentAccount(input, record.WhatId) ?? parentAccount(input, record.WhoId);
}

/** Keeps StartDateTime and ActivityDateTime equal, and EndDateTime and DurationInMinutes consistent. */
function deriveEventTimes(input: DeriveInput): void {
    const { record, explicit } = input;
    if (explicit.has('ActivityDateTime') && !explicit.has('StartDateTime')) {
        record.StartDateTime = record.ActivityDateTime ?? null;
    }
    record.ActivityDateTime = record.StartDateTime ?? null;
    const start = typeof record.StartDateTime === 'string' ? Date.parse(record.StartDateTime) : NaN;
    if (
        explicit.has('DurationInMinutes') &&
        !explicit.has('EndDateTime') &&
        Number.isFinite(start)
    ) {
        const minutes = Number(record.DurationInMinutes ?? 0);
        record.EndDateTime = new Date(start + minutes * 60_000).toISOString();
    }
    const end = typeof record.EndDateTime === 'string' ? Date.parse(record.EndDateTime) : NaN;
    if (Number.isFinite(start) && Number.isFinite(end)) {
        record.DurationInMinutes = Math.round((end - start) / 60_000);
    }
    record.ActivityDate =
        typeof record.StartDateTime === 'string' ? orgDate(input, record.StartDateTime) : null;
}

function deriveCampaignMember(input: DeriveInput): void {
    const { record, object } = input;
    record.Type = record.ContactId !== null && record.ContactId !== undefined ? 'Contact' : 'Lead';
    record.LeadOrContactId = record.ContactId ?? record.LeadId ?? null;
    const responded = picklistEntry(object, 'Status', record.Status)?.responded === true;
    record.HasResponded = responded ? 1 : 0;
    if (
        responded &&
        (record.FirstRespondedDate === null || record.FirstRespondedDate === undefined)
    ) {
        record.FirstRespondedDate = orgDate(input, input.stamp);
    }
}

function formatAutoNumber(field: FieldDefinition, counter: number, stamp: string): string {
    const format = field.autoNumberFormat ?? '{0}';
    return format
        .replace(/\{(0+)\}/, (_match, zeros: string) => String(counter).padStart(zeros.length, '0'))
        .replace('{YYYY}', stamp.slice(0, 4))
        .replace('{YY}', stamp.slice(2, 4))
        .replace('{MM}', stamp.slice(5, 7))
        .replace('{DD}', stamp.slice(8, 10));
}

/** Rules computed together, so each group runs once per save. */
const RULE_GROUP: Record<DerivedRule, string> = {
    'compound-name': 'name',
    'auto-number': 'auto-number',
    'opportunity-is-closed': 'opportunity',
    'opportunity-is-won': 'opportunity',
    'opportunity-forecast-category': 'opportunity',
    'task-is-closed': 'task',
    'task-completed-date-time': 'task',
    'activity-account': 'activity-account',
    'event-activity-date': 'event',
    'campaign-member-responded': 'campaign-member',
    'campaign-member-first-responded-date': 'campaign-member',
    'campaign-member-type': 'campaign-member',
    'campaign-member-lead-or-contact': 'campaign-member'
};

function deriveField(input: DeriveInput, field: FieldDefinition, done: Set<string>): void {
    const rule = field.derived;
    // Auto-numbers are per field; the other groups compute several fields at once.
    const group = rule === 'auto-number' ? `auto-number:${field.name}` : rule && RULE_GROUP[rule];
    if (rule === undefined || group === undefined || done.has(group)) {
        return;
    }
    done.add(group);
    const { record } = input;
    switch (rule) {
        case 'compound-name': {
            const parts = [record.FirstName, record.LastName].filter(
                (part) => typeof part === 'string' && part !== ''
            );
            record.Name = parts.join(' ');
            return;
        }
        case 'auto-number':
            if (input.previous === null) {
                const counter = input.context.nextCounter(
                    `auto:${input.object.name}.${field.name}`
                );
                record[field.name] = formatAutoNumber(field, counter, input.stamp);
            }
            return;
        case 'opportunity-is-closed':
        case 'opportunity-is-won':
        case 'opportunity-forecast-category':
            deriveOpportunity(input);
            return;
        case 'task-is-closed':
        case 'task-completed-date-time':
            deriveTask(input);
            return;
        case 'activity-account':
            deriveActivityAccount(input);
            return;
        case 'event-activity-date':
            deriveEventTimes(input);
            return;
        default:
            deriveCampaignMember(input);
    }
}

/** Applies every derivation the object's fields declare, in place on `input.record`. */
export function deriveFields(input: DeriveInput): void {
    const done = new Set<string>();
    for (const field of input.object.fields.values()) {
        deriveField(input, field, done);
    }
}
