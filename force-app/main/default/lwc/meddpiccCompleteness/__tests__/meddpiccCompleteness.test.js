import { createElement } from 'lwc';
import MeddpiccCompleteness from 'c/meddpiccCompleteness';
import { getRecord } from 'lightning/uiRecordApi';
import { graphql } from 'lightning/graphql';
import { navigate } from 'lightning/navigation';
import { flushPromises, resetDOM } from 'lwc-test-utils';

const noneFilled = require('./data/getRecordNoneFilled.json');
const someFilled = require('./data/getRecordSomeFilled.json');
const allFilled = require('./data/getRecordAllFilled.json');
const recordError = require('./data/getRecordError.json');
const openOpportunities = require('./data/graphqlOpenOpportunities.json');
const noOpportunities = require('./data/graphqlNoOpportunities.json');
const graphqlErrors = require('./data/graphqlErrors.json');

function mockLabel(name) {
    return require('../../../../../test/jest-mocks/customLabels').labelModule(
        name
    );
}
jest.mock('lightning/navigation', () =>
    require('../../../../../test/jest-mocks/lightning/navigation')
);
jest.mock(
    '@salesforce/label/c.MEDDPICC_Percent_Complete',
    () => mockLabel('MEDDPICC_Percent_Complete'),
    { virtual: true }
);

const OPPORTUNITY_ID = '0065g00000Lm4QpAAJ';
const ACCOUNT_ID = '0015g00000Rt2LmAAJ';

function render(objectApiName, recordId) {
    const element = createElement('c-meddpicc-completeness', {
        is: MeddpiccCompleteness
    });
    element.objectApiName = objectApiName;
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

function lettersOf(lettersElement) {
    return lettersElement.letters.map((letter) => [letter.key, letter.filled]);
}

function missingButtons(lettersElement) {
    return [
        ...lettersElement.shadowRoot.querySelectorAll(
            '[data-id="missing-letter"]'
        )
    ];
}

describe('c-meddpicc-completeness on an opportunity', () => {
    afterEach(() => {
        resetDOM();
        jest.clearAllMocks();
    });

    it('shows a spinner while loading', async () => {
        const element = render('Opportunity', OPPORTUNITY_ID);
        await flushPromises();

        expect(select(element, 'loading')).not.toBeNull();
    });

    it('reads the eight elements of the record', async () => {
        render('Opportunity', OPPORTUNITY_ID);
        await flushPromises();

        const config = getRecord.getLastConfig();
        expect(config.recordId).toBe(OPPORTUNITY_ID);
        expect(config.fields.map((field) => field.fieldApiName)).toEqual([
            'Metrics__c',
            'Economic_Buyer__c',
            'Decision_Criteria__c',
            'Decision_Process__c',
            'Paper_Process__c',
            'Identified_Pain__c',
            'Champion__c',
            'Competition__c'
        ]);
    });

    it('shows every element missing when none is filled', async () => {
        const element = render('Opportunity', OPPORTUNITY_ID);
        getRecord.emit(noneFilled);
        await flushPromises();

        expect(select(element, 'percent').textContent.trim()).toBe(
            '0% complete'
        );
        const letters = select(element, 'letters');
        expect(letters.letters.every((letter) => !letter.filled)).toBe(true);
        expect(missingButtons(letters)).toHaveLength(8);
    });

    it('shows filled and missing elements when some are filled', async () => {
        const element = render('Opportunity', OPPORTUNITY_ID);
        getRecord.emit(someFilled);
        await flushPromises();

        // 3 of 8: Metrics and the two lookups. White space does not count.
        expect(select(element, 'percent').textContent.trim()).toBe(
            '38% complete'
        );
        expect(lettersOf(select(element, 'letters'))).toEqual([
            ['Metrics__c', true],
            ['Economic_Buyer__c', true],
            ['Decision_Criteria__c', false],
            ['Decision_Process__c', false],
            ['Paper_Process__c', false],
            ['Identified_Pain__c', false],
            ['Champion__c', true],
            ['Competition__c', false]
        ]);
        expect(missingButtons(select(element, 'letters'))).toHaveLength(5);
    });

    it('shows every element filled when all are', async () => {
        const element = render('Opportunity', OPPORTUNITY_ID);
        getRecord.emit(allFilled);
        await flushPromises();

        expect(select(element, 'percent').textContent.trim()).toBe(
            '100% complete'
        );
        const letters = select(element, 'letters');
        expect(letters.letters.every((letter) => letter.filled)).toBe(true);
        expect(missingButtons(letters)).toHaveLength(0);
    });

    it('opens the opportunity for editing from a missing element', async () => {
        const element = render('Opportunity', OPPORTUNITY_ID);
        getRecord.emit(someFilled);
        await flushPromises();

        missingButtons(select(element, 'letters'))[0].click();

        expect(navigate).toHaveBeenCalledTimes(1);
        expect(navigate).toHaveBeenCalledWith(
            {
                type: 'standard__recordPage',
                attributes: {
                    recordId: OPPORTUNITY_ID,
                    objectApiName: 'Opportunity',
                    actionName: 'edit'
                }
            },
            undefined
        );
    });

    it('shows a record error in the error panel', async () => {
        const element = render('Opportunity', OPPORTUNITY_ID);
        getRecord.error(
            recordError.body,
            recordError.status,
            recordError.statusText
        );
        await flushPromises();

        const panel = select(element, 'error-panel');
        expect(panel).not.toBeNull();
        expect(panel.shadowRoot.querySelector('li').textContent).toBe(
            recordError.body[0].message
        );
    });

    it('is accessible while loading', async () => {
        const element = render('Opportunity', OPPORTUNITY_ID);
        await flushPromises();

        await expect(element).toBeAccessible();
    });

    it.each([
        ['none', noneFilled],
        ['some', someFilled],
        ['all', allFilled]
    ])('is accessible with %s filled', async (_name, record) => {
        const element = render('Opportunity', OPPORTUNITY_ID);
        getRecord.emit(record);
        await flushPromises();

        await expect(element).toBeAccessible();
    });

    it('is accessible with an error', async () => {
        const element = render('Opportunity', OPPORTUNITY_ID);
        getRecord.error(
            recordError.body,
            recordError.status,
            recordError.statusText
        );
        await flushPromises();

        await expect(element).toBeAccessible();
    });
});

describe('c-meddpicc-completeness on an account', () => {
    afterEach(() => {
        resetDOM();
        jest.clearAllMocks();
    });

    it('asks for the open opportunities of the account', async () => {
        render('Account', ACCOUNT_ID);
        await flushPromises();

        expect(graphql.getLastConfig().variables).toEqual({
            accountId: ACCOUNT_ID
        });
        expect(graphql.getLastConfig().operationName).toBe('accountMeddpicc');
    });

    it('lists open opportunities best first', async () => {
        const element = render('Account', ACCOUNT_ID);
        graphql.emit(openOpportunities);
        await flushPromises();

        const names = selectAll(element, 'opportunity-name').map(
            (el) => el.textContent
        );
        expect(names).toEqual([
            'Contoso Data Platform',
            'Contoso Analytics Add-on',
            'Contoso Expansion',
            'Contoso Pilot'
        ]);
        const percents = selectAll(element, 'opportunity-percent').map(
            (el) => el.textContent
        );
        expect(percents).toEqual([
            '100% complete',
            '25% complete',
            '25% complete',
            '0% complete'
        ]);
    });

    it('shows only the missing elements of each opportunity', async () => {
        const element = render('Account', ACCOUNT_ID);
        graphql.emit(openOpportunities);
        await flushPromises();

        expect(selectAll(element, 'all-filled')).toHaveLength(1);
        const lists = selectAll(element, 'missing-letters');
        expect(lists).toHaveLength(3);
        expect(lists.every((list) => list.missingOnly)).toBe(true);
        expect(missingButtons(lists[0]).map((el) => el.dataset.key)).toEqual([
            'Economic_Buyer__c',
            'Decision_Criteria__c',
            'Decision_Process__c',
            'Paper_Process__c',
            'Identified_Pain__c',
            'Competition__c'
        ]);
        expect(missingButtons(lists[2])).toHaveLength(8);
    });

    it('opens the chosen opportunity for editing', async () => {
        const element = render('Account', ACCOUNT_ID);
        graphql.emit(openOpportunities);
        await flushPromises();

        missingButtons(selectAll(element, 'missing-letters')[2])[3].click();

        expect(navigate).toHaveBeenCalledTimes(1);
        expect(navigate.mock.calls[0][0]).toEqual({
            type: 'standard__recordPage',
            attributes: {
                recordId: '0065g00000Lm4QsAAJ',
                objectApiName: 'Opportunity',
                actionName: 'edit'
            }
        });
    });

    it('shows the empty state without open opportunities', async () => {
        const element = render('Account', ACCOUNT_ID);
        graphql.emit(noOpportunities);
        await flushPromises();

        expect(select(element, 'empty').textContent.trim()).toBe(
            'c.MEDDPICC_Empty'
        );
        expect(select(element, 'opportunities')).toBeNull();
    });

    it('shows query errors in the error panel', async () => {
        const element = render('Account', ACCOUNT_ID);
        graphql.emitErrors(graphqlErrors);
        await flushPromises();

        const panel = select(element, 'error-panel');
        expect(panel.shadowRoot.querySelector('li').textContent).toBe(
            graphqlErrors[0].message
        );
    });

    it('is accessible with opportunities', async () => {
        const element = render('Account', ACCOUNT_ID);
        graphql.emit(openOpportunities);
        await flushPromises();

        await expect(element).toBeAccessible();
    });

    it('is accessible without opportunities', async () => {
        const element = render('Account', ACCOUNT_ID);
        graphql.emit(noOpportunities);
        await flushPromises();

        await expect(element).toBeAccessible();
    });

    it('is accessible with an error', async () => {
        const element = render('Account', ACCOUNT_ID);
        graphql.emitErrors(graphqlErrors);
        await flushPromises();

        await expect(element).toBeAccessible();
    });
});
