import { createElement } from 'lwc';
import MeddpiccLetters from 'c/meddpiccLetters';
import { navigate } from 'lightning/navigation';
import { flushPromises, resetDOM } from 'lwc-test-utils';

jest.mock('lightning/navigation', () =>
    require('../../../../../test/jest-mocks/lightning/navigation')
);
jest.mock(
    '@salesforce/label/c.MEDDPICC_Fill_In',
    () =>
        require('../../../../../test/jest-mocks/customLabels').labelModule(
            'MEDDPICC_Fill_In'
        ),
    { virtual: true }
);

const OPPORTUNITY_ID = '0065g00000Lm4QpAAJ';
const LETTERS = [
    { key: 'Metrics__c', label: 'Metrics', filled: true },
    { key: 'Economic_Buyer__c', label: 'Economic Buyer', filled: false },
    { key: 'Decision_Criteria__c', label: 'Decision Criteria', filled: true },
    { key: 'Competition__c', label: 'Competition', filled: false }
];

function render(props) {
    const element = createElement('c-meddpicc-letters', {
        is: MeddpiccLetters
    });
    Object.assign(
        element,
        { recordId: OPPORTUNITY_ID, letters: LETTERS },
        props
    );
    document.body.appendChild(element);
    return element;
}

function selectAll(element, dataId) {
    return [...element.shadowRoot.querySelectorAll(`[data-id="${dataId}"]`)];
}

describe('c-meddpicc-letters', () => {
    afterEach(() => {
        resetDOM();
        jest.clearAllMocks();
    });

    it('shows filled elements as badges and missing ones as buttons', async () => {
        const element = render();
        await flushPromises();

        const filled = selectAll(element, 'filled-letter');
        expect(filled.map((el) => el.label)).toEqual([
            'Metrics',
            'Decision Criteria'
        ]);
        expect(filled[0].iconAlternativeText).toBe('c.MEDDPICC_Complete');
        const missing = selectAll(element, 'missing-letter');
        expect(missing.map((el) => el.label)).toEqual([
            'Economic Buyer',
            'Competition'
        ]);
        expect(missing[0].title).toBe('Missing: fill in Economic Buyer');
    });

    it('shows only missing elements when asked', async () => {
        const element = render({ missingOnly: true });
        await flushPromises();

        expect(selectAll(element, 'filled-letter')).toHaveLength(0);
        expect(selectAll(element, 'missing-letter')).toHaveLength(2);
    });

    it('shows nothing without elements', async () => {
        const element = render({ letters: undefined });
        await flushPromises();

        expect(element.shadowRoot.querySelectorAll('li')).toHaveLength(0);
    });

    it('opens the opportunity in edit mode from a missing element', async () => {
        const element = render();
        await flushPromises();

        selectAll(element, 'missing-letter')[1].click();

        expect(navigate).toHaveBeenCalledTimes(1);
        expect(navigate.mock.calls[0][0]).toEqual({
            type: 'standard__recordPage',
            attributes: {
                recordId: OPPORTUNITY_ID,
                objectApiName: 'Opportunity',
                actionName: 'edit'
            }
        });
    });

    it('is accessible', async () => {
        const element = render();
        await flushPromises();

        await expect(element).toBeAccessible();
    });

    it('is accessible with missing elements only', async () => {
        const element = render({ missingOnly: true });
        await flushPromises();

        await expect(element).toBeAccessible();
    });
});
