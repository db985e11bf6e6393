import { createElement } from 'lwc';
import SlaScorecard from 'c/slaScorecard';
import { graphql } from 'lightning/graphql';
import { flushPromises, resetDOM } from 'lwc-test-utils';
import { firstPeriod } from '../scorecardView';

const scorecard = require('./data/graphqlScorecard.json');
const scorecardEmpty = require('./data/graphqlScorecardEmpty.json');
const graphqlErrors = require('./data/graphqlErrors.json');

function mockLabel(name) {
    return require('../../../../../test/jest-mocks/customLabels').labelModule(
        name
    );
}
jest.mock(
    '@salesforce/label/c.SLA_Scorecard_Team_Of',
    () => mockLabel('SLA_Scorecard_Team_Of'),
    { virtual: true }
);
jest.mock(
    '@salesforce/label/c.SLA_Scorecard_Marketing',
    () => mockLabel('SLA_Scorecard_Marketing'),
    { virtual: true }
);

function render() {
    const element = createElement('c-sla-scorecard', { is: SlaScorecard });
    document.body.appendChild(element);
    return element;
}

function select(element, dataId) {
    return element.shadowRoot.querySelector(`[data-id="${dataId}"]`);
}

function selectAll(element, dataId) {
    return [...element.shadowRoot.querySelectorAll(`[data-id="${dataId}"]`)];
}

describe('c-sla-scorecard', () => {
    afterEach(() => {
        resetDOM();
        jest.useRealTimers();
    });

    it('shows a spinner while loading', async () => {
        const element = render();
        await flushPromises();

        expect(select(element, 'loading')).not.toBeNull();
    });

    it('asks for the last six months', async () => {
        jest.useFakeTimers({
            doNotFake: [
                'setTimeout',
                'clearTimeout',
                'queueMicrotask',
                'nextTick',
                'performance'
            ]
        });
        jest.setSystemTime(new Date(2027, 2, 10, 12, 0));
        render();
        await flushPromises();

        expect(graphql.getLastConfig().variables).toEqual({
            fromPeriod: '2026-10'
        });
        expect(graphql.getLastConfig().operationName).toBe('slaScorecard');
    });

    it('lists team figures by month, latest first', async () => {
        const element = render();
        graphql.emit(scorecard);
        await flushPromises();

        const rows = select(element, 'team-months').data;
        expect(rows.map((row) => [row.period, row.team])).toEqual([
            ['2027-03', "Dana Whitfield's team"],
            ['2027-03', "Luis Ortega's team"],
            ['2027-02', "Dana Whitfield's team"],
            ['2027-02', "Luis Ortega's team"],
            ['2027-01', "Dana Whitfield's team"]
        ]);
        expect(rows[1]).toEqual({
            id: 'a045g00000Sc1ABAAZ',
            team: "Luis Ortega's team",
            period: '2027-03',
            clocksDue: 22,
            breaches: 4,
            breachRate: 0.1818,
            flagged: true
        });
        expect(rows[4].breachRate).toBeNull();
    });

    it('names the fields of the team table', async () => {
        const element = render();
        graphql.emit(scorecard);
        await flushPromises();

        const columns = select(element, 'team-months').columns;
        expect(columns.map((column) => column.fieldName)).toEqual([
            'team',
            'period',
            'clocksDue',
            'breaches',
            'breachRate',
            'flagged'
        ]);
        expect(columns[4].type).toBe('percent');
    });

    it('shows the flagged team months', async () => {
        const element = render();
        graphql.emit(scorecard);
        await flushPromises();

        expect(
            selectAll(element, 'flagged-team').map((el) => el.label)
        ).toEqual(["Luis Ortega's team", "Dana Whitfield's team"]);
        expect(
            selectAll(element, 'flagged-period').map((el) => el.textContent)
        ).toEqual(['2027-03', '2027-02']);
        expect(select(element, 'no-flagged')).toBeNull();
    });

    it('lists open reviews with who they are for', async () => {
        const element = render();
        graphql.emit(scorecard);
        await flushPromises();

        const rows = select(element, 'reviews').data;
        expect(rows.map((row) => [row.type, row.subject, row.dueAt])).toEqual([
            ['Rep Breach Review', 'Sam Patel', '2027-03-15T17:00:00.000Z'],
            [
                'Team Remediation',
                "Luis Ortega's team",
                '2027-04-01T08:00:00.000Z'
            ],
            ['Marketing Probation', 'Marketing', '2027-04-02T08:00:00.000Z']
        ]);
    });

    it('shows empty states without scorecards or reviews', async () => {
        const element = render();
        graphql.emit(scorecardEmpty);
        await flushPromises();

        expect(select(element, 'empty').textContent.trim()).toBe(
            'c.SLA_Scorecard_Empty'
        );
        expect(select(element, 'no-flagged')).not.toBeNull();
        expect(select(element, 'no-reviews')).not.toBeNull();
        expect(select(element, 'team-months')).toBeNull();
        expect(select(element, 'reviews')).toBeNull();
    });

    it('shows query errors in the error panel', async () => {
        const element = render();
        graphql.emitErrors(graphqlErrors);
        await flushPromises();

        const panel = select(element, 'error-panel');
        expect(panel.shadowRoot.querySelector('li').textContent).toBe(
            graphqlErrors[0].message
        );
        expect(select(element, 'team-months')).toBeNull();
    });

    it('is accessible while loading', async () => {
        const element = render();
        await flushPromises();

        await expect(element).toBeAccessible();
    });

    it('is accessible with figures', async () => {
        const element = render();
        graphql.emit(scorecard);
        await flushPromises();

        await expect(element).toBeAccessible();
    });

    it('is accessible without figures', async () => {
        const element = render();
        graphql.emit(scorecardEmpty);
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

describe('c-sla-scorecard firstPeriod', () => {
    it.each([
        [new Date(2027, 2, 10), '2026-10'],
        [new Date(2027, 5, 30), '2027-01'],
        [new Date(2027, 0, 1), '2026-08'],
        [new Date(2027, 11, 31), '2027-07']
    ])('starts five months before %s', (date, expected) => {
        expect(firstPeriod(date.getTime())).toBe(expected);
    });
});
