/**
 * Proleptic Gregorian calendar arithmetic on day numbers (days since 1970-01-01), with
 * no time zone. Holiday recurrences and day-by-day schedules use it because it is
 * exact and much faster than building a zoned date for every day.
 */

/** A calendar date; `month` is 1 to 12. */
export interface CivilDate {
    readonly year: number;
    readonly month: number;
    readonly day: number;
}

/** Returns the day number of a calendar date (Howard Hinnant's days-from-civil algorithm). */
export function dayNumberOf(year: number, month: number, day: number): number {
    const shiftedYear = month <= 2 ? year - 1 : year;
    const era = Math.floor(shiftedYear / 400);
    const yearOfEra = shiftedYear - era * 400;
    const shiftedMonth = (month + 9) % 12;
    const dayOfYear = Math.floor((153 * shiftedMonth + 2) / 5) + day - 1;
    const dayOfEra =
        yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
    return era * 146097 + dayOfEra - 719468;
}

/** Returns the calendar date of a day number; the inverse of `dayNumberOf`. */
export function civilDateOf(dayNumber: number): CivilDate {
    const shifted = dayNumber + 719468;
    const era = Math.floor(shifted / 146097);
    const dayOfEra = shifted - era * 146097;
    const yearOfEra = Math.floor(
        (dayOfEra -
            Math.floor(dayOfEra / 1460) +
            Math.floor(dayOfEra / 36524) -
            Math.floor(dayOfEra / 146096)) /
            365
    );
    const dayOfYear =
        dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
    const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
    const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
    const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
    const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    return { year, month, day };
}

/** Returns the weekday of a day number: 0 = Sunday ... 6 = Saturday, as Salesforce masks count. */
export function weekdayOf(dayNumber: number): number {
    // 1970-01-01 was a Thursday (4).
    return (((dayNumber + 4) % 7) + 7) % 7;
}

export function isLeapYear(year: number): boolean {
    return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
    if (month === 2) {
        return isLeapYear(year) ? 29 : 28;
    }
    return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Returns the day number of a Salesforce date (`2027-12-25`). A date-time such as
 * `2027-12-25T00:00:00.000Z` is read by its date part, because Salesforce stores
 * `Holiday.ActivityDate` at midnight UTC whatever the holiday's time zone.
 */
export function parseDayNumber(text: string): number {
    const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
    if (!match) {
        throw new RangeError(`${JSON.stringify(text)} is not a date such as 2027-12-25`);
    }
    return dayNumberOf(Number(match[1]), Number(match[2]), Number(match[3]));
}
