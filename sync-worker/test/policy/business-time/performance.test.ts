import {
    addBusinessHours,
    businessMillisBetween,
    createBusinessCalendar
} from '../../../src/policy/business-time';
import { allDayHoliday, recurringHoliday, weekdays } from './fixtures';

/**
 * The engine computes a due time for every new clock, up to a million per run. These
 * checks keep an add or a diff at a few microseconds once a year's table is built. The
 * limits are about 10 times what the development container needed (2 cores, AMD EPYC),
 * so a slow CI machine still passes.
 */
describe('business time performance', () => {
    const holidays = [
        allDayHoliday('Christmas', '2027-12-25'),
        ...Array.from({ length: 30 }, (_, index) =>
            recurringHoliday(`Yearly ${index}`, {
                RecurrenceType: 'RecursYearly',
                RecurrenceMonthOfYear: 'August',
                RecurrenceDayOfMonth: index + 1,
                RecurrenceStartDate: '2020-08-01'
            })
        )
    ];
    const calendar = createBusinessCalendar(
        weekdays('America/New_York', '09:00', '17:00'),
        holidays
    );
    const YEAR_START = Date.UTC(2027, 0, 1);
    const YEAR_MS = 365 * 86_400_000;
    const COUNT = 200_000;

    it('adds 48 business hours in microseconds', () => {
        const starts = Array.from(
            { length: COUNT },
            (_, index) => new Date(YEAR_START + ((index * 7_919_993) % YEAR_MS))
        );
        // The first call for each year builds its table; time only the steady state.
        addBusinessHours(starts[0] ?? new Date(YEAR_START), 48, calendar);
        addBusinessHours(new Date(YEAR_START + YEAR_MS), 48, calendar);
        const began = process.hrtime.bigint();
        let last = 0;
        for (const start of starts) {
            last = addBusinessHours(start, 48, calendar).getTime();
        }
        const microsecondsEach = Number(process.hrtime.bigint() - began) / 1000 / COUNT;
        expect(last).toBeGreaterThan(YEAR_START);
        expect(microsecondsEach).toBeLessThan(20);
    });

    it('diffs in microseconds', () => {
        const began = process.hrtime.bigint();
        let total = 0;
        for (let index = 0; index < COUNT; index += 1) {
            const start = new Date(YEAR_START + ((index * 7_919_993) % YEAR_MS));
            total += businessMillisBetween(
                start,
                new Date(start.getTime() + 5 * 86_400_000),
                calendar
            );
        }
        const microsecondsEach = Number(process.hrtime.bigint() - began) / 1000 / COUNT;
        expect(total).toBeGreaterThan(0);
        expect(microsecondsEach).toBeLessThan(20);
    });

    it('builds a year table in milliseconds', () => {
        const fresh = createBusinessCalendar(weekdays('Europe/Berlin', '08:00', '16:30'), holidays);
        const began = process.hrtime.bigint();
        addBusinessHours(new Date(Date.UTC(2030, 5, 1)), 1, fresh);
        const milliseconds = Number(process.hrtime.bigint() - began) / 1e6;
        expect(milliseconds).toBeLessThan(200);
    });
});
