import {
    formatCountdown,
    formatDuration,
    formatLabel,
    parseDateTime
} from 'c/slaTimeFormat';

// Real label text, so the checks compare what the user reads on the page.
function mockLabel(name) {
    return require('../../../../../test/jest-mocks/customLabels').labelModule(
        name
    );
}
jest.mock(
    '@salesforce/label/c.SLA_Time_Days',
    () => mockLabel('SLA_Time_Days'),
    { virtual: true }
);
jest.mock(
    '@salesforce/label/c.SLA_Time_Hours',
    () => mockLabel('SLA_Time_Hours'),
    { virtual: true }
);
jest.mock(
    '@salesforce/label/c.SLA_Time_Minutes',
    () => mockLabel('SLA_Time_Minutes'),
    { virtual: true }
);
jest.mock(
    '@salesforce/label/c.SLA_Time_Under_A_Minute',
    () => mockLabel('SLA_Time_Under_A_Minute'),
    { virtual: true }
);
jest.mock(
    '@salesforce/label/c.SLA_Status_Due_In',
    () => mockLabel('SLA_Status_Due_In'),
    { virtual: true }
);
jest.mock(
    '@salesforce/label/c.SLA_Status_Breached_Ago',
    () => mockLabel('SLA_Status_Breached_Ago'),
    { virtual: true }
);

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('c-sla-time-format formatLabel', () => {
    it('fills placeholders in order', () => {
        expect(formatLabel('{0} of {1}', [3, 5])).toBe('3 of 5');
    });

    it('keeps a placeholder without a value', () => {
        expect(formatLabel('{0} and {1}', ['one'])).toBe('one and {1}');
    });

    it('fills a repeated placeholder each time', () => {
        expect(formatLabel('{0}/{0}', [7])).toBe('7/7');
    });
});

describe('c-sla-time-format formatDuration', () => {
    it.each([
        [0, 'less than 1 min'],
        [59 * 1000, 'less than 1 min'],
        [MINUTE, '1 min'],
        [45 * MINUTE + 59 * 1000, '45 min'],
        [HOUR, '1 h'],
        [2 * HOUR + 10 * MINUTE, '2 h 10 min'],
        [2 * HOUR + 10 * MINUTE + 59 * 1000, '2 h 10 min'],
        [23 * HOUR + 59 * MINUTE, '23 h 59 min'],
        [DAY, '1 d'],
        [2 * DAY + 4 * HOUR + 30 * MINUTE, '2 d 4 h'],
        [3 * DAY + 5 * MINUTE, '3 d']
    ])('formats %i ms as "%s"', (milliseconds, expected) => {
        expect(formatDuration(milliseconds)).toBe(expected);
    });

    it('counts a negative duration as zero', () => {
        expect(formatDuration(-5 * MINUTE)).toBe('less than 1 min');
    });
});

describe('c-sla-time-format formatCountdown', () => {
    const due = Date.parse('2027-03-10T16:00:00Z');

    it('shows the time left before the due time', () => {
        expect(formatCountdown(due, due - (2 * HOUR + 10 * MINUTE))).toBe(
            'Due in 2 h 10 min'
        );
    });

    it('shows the time since a passed due time', () => {
        expect(formatCountdown(due, due + 3 * HOUR)).toBe('Breached 3 h ago');
    });

    it('counts the due instant itself as breached', () => {
        expect(formatCountdown(due, due)).toBe('Breached less than 1 min ago');
    });
});

describe('c-sla-time-format parseDateTime', () => {
    it('parses an ISO date-time from the data service', () => {
        expect(parseDateTime('2027-03-10T16:00:00.000Z')).toBe(
            Date.parse('2027-03-10T16:00:00Z')
        );
    });

    it.each([null, undefined, '', 'not a date'])(
        'returns null for %p',
        (value) => {
            expect(parseDateTime(value)).toBeNull();
        }
    );
});
