import { createElement } from 'lwc';
import SlaStatus from 'c/slaStatus';
import { graphql } from 'lightning/graphql';
import { flushPromises, resetDOM } from 'lwc-test-utils';

const openClocks = require('./data/graphqlOpenClocks.json');
const accountClocks = require('./data/graphqlAccountClocks.json');
const metStatus = require('./data/graphqlMet.json');
const noClocks = require('./data/graphqlNoClocks.json');
const graphqlErrors = require('./data/graphqlErrors.json');

// Real label text for the formatted countdown and the responsible team.
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
jest.mock(
    '@salesforce/label/c.SLA_Status_Team_Queue',
    () => mockLabel('SLA_Status_Team_Queue'),
    { virtual: true }
);

const LEAD_ID = '00Q5g00000Ab3xYEAR';
const BEFORE_WARNING = '2027-03-10T14:00:00Z';
const IN_WARNING = '2027-03-10T15:45:00Z';
const AFTER_DUE = '2027-03-10T19:10:00Z';

function render(recordId = LEAD_ID) {
    const element = createElement('c-sla-status', { is: SlaStatus });
    element.recordId = recordId;
    document.body.appendChild(element);
    return element;
}

function select(element, dataId) {
    return element.shadowRoot.querySelector(`[data-id="${dataId}"]`);
}

function selectAll(element, dataId) {
    return [...element.shadowRoot.querySelectorAll(`[data-id="${dataId}"]`)];
}

function textOf(element, dataId) {
    return select(element, dataId).textContent.trim();
}

describe('c-sla-status', () => {
    beforeEach(() => {
        // Date and setInterval are fake, but setTimeout stays real for flushPromises.
        jest.useFakeTimers({
            doNotFake: [
                'setTimeout',
                'clearTimeout',
                'queueMicrotask',
                'nextTick',
                'performance'
            ]
        });
        jest.setSystemTime(new Date(BEFORE_WARNING));
    });

    afterEach(() => {
        resetDOM();
        jest.useRealTimers();
    });

    it('shows a spinner while loading', async () => {
        const element = render();
        await flushPromises();

        expect(select(element, 'loading')).not.toBeNull();
        expect(select(element, 'summary')).toBeNull();
    });

    it('asks for the record of the page', async () => {
        render();
        await flushPromises();

        expect(graphql.getLastConfig().variables).toEqual({
            recordId: LEAD_ID
        });
        expect(graphql.getLastConfig().operationName).toBe('slaStatus');
    });

    it('shows each open clock before its warning time', async () => {
        const element = render();
        graphql.emit(openClocks);
        await flushPromises();

        const clocks = selectAll(element, 'clock');
        expect(clocks).toHaveLength(2);
        expect(
            selectAll(element, 'clock-type').map((el) => el.textContent)
        ).toEqual(['Response', 'Follow Up']);
        const statuses = selectAll(element, 'clock-status').map(
            (el) => el.label
        );
        expect(statuses).toEqual([
            'c.SLA_Status_On_Track',
            'c.SLA_Status_On_Track'
        ]);
        const countdowns = selectAll(element, 'clock-countdown').map((el) =>
            el.textContent.trim()
        );
        expect(countdowns).toEqual(['Due in 2 h 10 min', 'Due in 2 d 3 h']);
    });

    it('shows the responsible rep or the team of a queue', async () => {
        const element = render();
        graphql.emit(openClocks);
        await flushPromises();

        const responsible = selectAll(element, 'clock-responsible').map((el) =>
            el.textContent.trim()
        );
        expect(responsible).toEqual(['Dana Whitfield', 'SDR team (queue)']);
        expect(selectAll(element, 'clock-reason')[0].textContent.trim()).toBe(
            'Inbound high-intent lead routed to Sales: first response within 4 business hours'
        );
    });

    it('shows the record status, escalation level and breaches', async () => {
        const element = render();
        graphql.emit(openClocks);
        await flushPromises();

        expect(select(element, 'record-status').label).toBe(
            'c.SLA_Status_On_Track'
        );
        expect(textOf(element, 'record-countdown')).toBe('Due in 2 h 10 min');
        expect(textOf(element, 'escalation-level')).toBe('2');
        expect(textOf(element, 'breaches-this-quarter')).toBe('2');
        expect(select(element, 'empty')).toBeNull();
    });

    it('shows a warning once the warning time passed', async () => {
        jest.setSystemTime(new Date(IN_WARNING));
        const element = render();
        graphql.emit(openClocks);
        await flushPromises();

        const first = selectAll(element, 'clock-status')[0];
        expect(first.label).toBe('c.SLA_Status_Warning');
        expect(first.className).toContain('slds-theme_warning');
        expect(
            selectAll(element, 'clock-countdown')[0].textContent.trim()
        ).toBe('Due in 25 min');
    });

    it('shows a breach once the due time passed', async () => {
        jest.setSystemTime(new Date(AFTER_DUE));
        const element = render();
        graphql.emit(openClocks);
        await flushPromises();

        const first = selectAll(element, 'clock-status')[0];
        expect(first.label).toBe('c.SLA_Status_Breached');
        expect(first.className).toContain('slds-theme_error');
        expect(
            selectAll(element, 'clock-countdown')[0].textContent.trim()
        ).toBe('Breached 3 h ago');
        expect(select(element, 'record-status').label).toBe(
            'c.SLA_Status_Breached'
        );
        expect(textOf(element, 'record-countdown')).toBe('Breached 3 h ago');
    });

    it('shows a met status without a countdown', async () => {
        const element = render();
        graphql.emit(metStatus);
        await flushPromises();

        const status = select(element, 'record-status');
        expect(status.label).toBe('c.SLA_Status_Met');
        expect(status.className).toContain('slds-theme_success');
        expect(select(element, 'record-countdown')).toBeNull();
        expect(selectAll(element, 'clock')).toHaveLength(0);
        expect(textOf(element, 'empty')).toBe('c.SLA_Status_Empty');
    });

    it('shows the empty state without a clock', async () => {
        const element = render();
        graphql.emit(noClocks);
        await flushPromises();

        expect(textOf(element, 'empty')).toBe('c.SLA_Status_Empty');
        expect(select(element, 'record-status')).toBeNull();
        expect(textOf(element, 'escalation-level')).toBe(
            'c.SLA_Status_Level_None'
        );
        expect(textOf(element, 'breaches-this-quarter')).toBe('0');
    });

    it('reads the status of an account', async () => {
        const element = render('0015g00000Rt2LmAAJ');
        graphql.emit(accountClocks);
        await flushPromises();

        expect(select(element, 'record-status').label).toBe(
            'c.SLA_Status_Warning'
        );
        expect(textOf(element, 'record-countdown')).toBe('Due in 1 h');
        expect(selectAll(element, 'clock-status')[0].label).toBe(
            'c.SLA_Status_Warning'
        );
    });

    it('shows data service errors in the error panel', async () => {
        const element = render();
        graphql.emitErrors(graphqlErrors);
        await flushPromises();

        const panel = select(element, 'error-panel');
        expect(panel).not.toBeNull();
        const items = panel.shadowRoot.querySelectorAll('li');
        expect(items).toHaveLength(1);
        expect(items[0].textContent).toBe(graphqlErrors[0].message);
        expect(select(element, 'summary')).toBeNull();
    });

    it('ticks the countdown without new data', async () => {
        const element = render();
        graphql.emit(openClocks);
        await flushPromises();
        expect(
            selectAll(element, 'clock-countdown')[0].textContent.trim()
        ).toBe('Due in 2 h 10 min');

        jest.advanceTimersByTime(60 * 1000);
        await flushPromises();

        expect(
            selectAll(element, 'clock-countdown')[0].textContent.trim()
        ).toBe('Due in 2 h 9 min');
        expect(textOf(element, 'record-countdown')).toBe('Due in 2 h 9 min');
    });

    it('turns the badge to warning as time passes', async () => {
        const element = render();
        graphql.emit(openClocks);
        await flushPromises();

        jest.advanceTimersByTime((1 * 60 + 41) * 60 * 1000);
        await flushPromises();

        expect(selectAll(element, 'clock-status')[0].label).toBe(
            'c.SLA_Status_Warning'
        );
        expect(
            selectAll(element, 'clock-countdown')[0].textContent.trim()
        ).toBe('Due in 29 min');
    });

    it('stops the interval when removed', async () => {
        const element = render();
        graphql.emit(openClocks);
        await flushPromises();
        expect(jest.getTimerCount()).toBe(1);

        document.body.removeChild(element);

        expect(jest.getTimerCount()).toBe(0);
    });

    it('is accessible while loading', async () => {
        const element = render();
        await flushPromises();

        await expect(element).toBeAccessible();
    });

    it('is accessible with open clocks', async () => {
        const element = render();
        graphql.emit(openClocks);
        await flushPromises();

        await expect(element).toBeAccessible();
    });

    it('is accessible with a met status', async () => {
        const element = render();
        graphql.emit(metStatus);
        await flushPromises();

        await expect(element).toBeAccessible();
    });

    it('is accessible without clocks', async () => {
        const element = render();
        graphql.emit(noClocks);
        await flushPromises();

        await expect(element).toBeAccessible();
    });

    it('is accessible with an error', async () => {
        const element = render();
        graphql.emitErrors(graphqlErrors);
        await flushPromises();

        await expect(element).toBeAccessible();
    });
});
