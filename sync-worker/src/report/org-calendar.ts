/**
 * The org's business calendars, read as the worker reads them: every BusinessHours
 * record with the org's holidays, and the org's time zone for clocks that run 24 x 7.
 * The report measures response times in the calendar a clock was started with.
 */
import { IANAZone } from 'luxon';
import { getLogger } from '../logging';
import {
    alwaysOpenCalendar,
    createBusinessCalendar,
    type BusinessCalendar
} from '../policy/business-time';
import { composeSoql } from '../salesforce/soql';
import { fieldNamesOf, RECORD_SCHEMAS, type BusinessHours, type Holiday } from '../schema/records';
import { parseRows } from './sections';
import type { ReportSource } from './source';

const logger = getLogger('report.calendar');

const BUSINESS_HOURS_SOQL = composeSoql({
    object: 'BusinessHours',
    fields: fieldNamesOf('BusinessHours')
});
const HOLIDAY_SOQL = composeSoql({ object: 'Holiday', fields: fieldNamesOf('Holiday') });
const ORGANIZATION_SOQL = composeSoql({
    object: 'Organization',
    fields: ['Id', 'TimeZoneSidKey']
});

/** The calendars of an org. */
export interface OrgCalendars {
    /** The org's time zone (`Organization.TimeZoneSidKey`), UTC when unset or unknown. */
    readonly timeZone: string;
    /** The calendar the worker starts new hour-window clocks with. */
    readonly current: BusinessCalendar;
    /** The business hours of `current`, in words. */
    readonly description: string;
    /**
     * Returns the calendar of a clock by its `Business_Hours_Id__c`: 24 x 7 in the org's
     * zone when null (the org had no business hours then), `current` for an Id the org
     * no longer has or whose record is invalid.
     */
    calendarOf(businessHoursId: string | null): BusinessCalendar;
}

/** Builds a calendar per valid BusinessHours record, keyed by Id; an invalid one is logged and left out. */
function compileCalendars(
    hours: readonly BusinessHours[],
    holidays: readonly Holiday[],
    timeZone: string
): Map<string, BusinessCalendar> {
    const calendars = new Map<string, BusinessCalendar>();
    for (const record of hours) {
        try {
            calendars.set(record.Id, createBusinessCalendar(record, holidays, timeZone));
        } catch (error) {
            const reason = error instanceof Error ? error.message : String(error);
            logger.warn(
                `BusinessHours ${record.Id} is invalid, so the report measures its clocks in the current business hours: ${reason}`
            );
        }
    }
    return calendars;
}

/** Reads the org's time zone, business hours and holidays. */
export async function readOrgCalendars(source: ReportSource): Promise<OrgCalendars> {
    const [organization] = parseRows(
        RECORD_SCHEMAS.Organization,
        await source.records(ORGANIZATION_SOQL),
        ORGANIZATION_SOQL
    );
    const zoneName = organization?.TimeZoneSidKey ?? 'UTC';
    const timeZone = IANAZone.isValidZone(zoneName) ? zoneName : 'UTC';
    const hours = parseRows(
        RECORD_SCHEMAS.BusinessHours,
        await source.records(BUSINESS_HOURS_SOQL),
        BUSINESS_HOURS_SOQL
    );
    const holidays = parseRows(
        RECORD_SCHEMAS.Holiday,
        await source.records(HOLIDAY_SOQL),
        HOLIDAY_SOQL
    );
    const calendars = compileCalendars(hours, holidays, timeZone);

    // The worker's choice: the default active business hours, else any active ones, and
    // 24 x 7 when there are none or the chosen record is invalid.
    const alwaysOpen = alwaysOpenCalendar(timeZone);
    const chosen =
        hours.find((record) => record.IsDefault && record.IsActive) ??
        hours.find((record) => record.IsActive);
    const chosenCalendar = chosen === undefined ? undefined : calendars.get(chosen.Id);
    const current = chosenCalendar ?? alwaysOpen;
    const description =
        chosen === undefined || chosenCalendar === undefined
            ? `24 x 7 in ${timeZone} (the org has no valid active business hours)`
            : `the business hours ${chosen.Name ?? chosen.Id} (${current.timeZone}) with ${holidays.length} holiday records`;
    return {
        timeZone,
        current,
        description,
        calendarOf: (businessHoursId) =>
            businessHoursId === null ? alwaysOpen : (calendars.get(businessHoursId) ?? current)
    };
}
