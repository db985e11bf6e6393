import { createElement } from 'lwc';
import BuyingCommittee from 'c/buyingCommittee';
import { graphql } from 'lightning/graphql';
import { flushPromises, resetDOM } from 'lwc-test-utils';

const committeeSales = require('./data/graphqlCommitteeSales.json');
const committeeMarketing = require('./data/graphqlCommitteeMarketing.json');
const committeeEmpty = require('./data/graphqlCommitteeEmpty.json');
const committeeErrors = require('./data/graphqlCommitteeErrors.json');
const policy = require('./data/graphqlPolicy.json');
const policyErrors = require('./data/graphqlPolicyErrors.json');

function mockLabel(name) {
    return require('../../../../../test/jest-mocks/customLabels').labelModule(
        name
    );
}
jest.mock(
    '@salesforce/label/c.Buying_Committee_Intent_Value',
    () => mockLabel('Buying_Committee_Intent_Value'),
    { virtual: true }
);
jest.mock(
    '@salesforce/label/c.Buying_Committee_Active_Value',
    () => mockLabel('Buying_Committee_Active_Value'),
    { virtual: true }
);

const ACCOUNT_ID = '0015g00000Rt2LmAAJ';
const NOW = '2027-03-10T14:00:00Z';

const isCommittee = (config) => config.operationName === 'accountCommittee';
const isPolicy = (config) => config.operationName === 'slaPolicy';

function render() {
    const element = createElement('c-buying-committee', {
        is: BuyingCommittee
    });
    element.recordId = ACCOUNT_ID;
    document.body.appendChild(element);
    return element;
}

async function renderWith(committee, policyResult = policy) {
    const element = render();
    // The wire service sets a reactive config after a microtask, so emit after it.
    await flushPromises();
    graphql.emit(committee, isCommittee);
    if (Array.isArray(policyResult)) {
        graphql.emitErrors(policyResult, isPolicy);
    } else {
        graphql.emit(policyResult, isPolicy);
    }
    await flushPromises();
    return element;
}

function select(element, dataId) {
    return element.shadowRoot.querySelector(`[data-id="${dataId}"]`);
}

function textOf(element, dataId) {
    return select(element, dataId).textContent.trim();
}

describe('c-buying-committee', () => {
    beforeEach(() => {
        jest.useFakeTimers({
            doNotFake: [
                'setTimeout',
                'clearTimeout',
                'queueMicrotask',
                'nextTick',
                'performance'
            ]
        });
        jest.setSystemTime(new Date(NOW));
    });

    afterEach(() => {
        resetDOM();
        jest.useRealTimers();
    });

    it('shows a spinner while loading', async () => {
        const element = render();
        await flushPromises();

        expect(select(element, 'loading')).not.toBeNull();
    });

    it('waits for the policy before showing thresholds', async () => {
        const element = render();
        await flushPromises();
        graphql.emit(committeeSales, isCommittee);
        await flushPromises();

        expect(select(element, 'loading')).not.toBeNull();
        expect(select(element, 'summary')).toBeNull();
    });

    it('asks for the committee of the account', async () => {
        render();
        await flushPromises();

        const configs = [];
        graphql.emit(undefined, (config) => {
            configs.push(config);
            return false;
        });
        const committeeConfig = configs.find(isCommittee);
        expect(committeeConfig.variables).toEqual({ accountId: ACCOUNT_ID });
        expect(configs.find(isPolicy)).toBeDefined();
    });

    it('compares the committee with the policy thresholds', async () => {
        const element = await renderWith(committeeSales);

        expect(textOf(element, 'intent')).toBe('72 (threshold 65)');
        expect(select(element, 'intent-status').label).toBe(
            'c.Buying_Committee_Meets'
        );
        expect(textOf(element, 'active')).toBe('3 (minimum 4)');
        expect(select(element, 'active-status').label).toBe(
            'c.Buying_Committee_Below'
        );
        expect(select(element, 'threshold-source')).toBeNull();
    });

    it('lists people active in the policy window by intent', async () => {
        const element = await renderWith(committeeSales);

        const rows = select(element, 'people').data;
        expect(rows.map((row) => row.name)).toEqual([
            'Tomás Ferreira',
            'Maya Lindqvist'
        ]);
        expect(rows[0]).toEqual({
            id: '0035g00000Pq8RuAAJ',
            name: 'Tomás Ferreira',
            role: 'Champion',
            intentScore: 88,
            lastSignalAt: '2027-03-05T11:02:00.000Z'
        });
        expect(select(element, 'empty')).toBeNull();
    });

    it('shows Sales as owner since the handoff', async () => {
        const element = await renderWith(committeeSales);

        expect(textOf(element, 'owner')).toBe('c.Buying_Committee_Owner_Sales');
        expect(select(element, 'owner-since').value).toBe(
            '2027-03-02T10:00:00.000Z'
        );
    });

    it('shows Marketing as owner since the latest revert', async () => {
        const element = await renderWith(committeeMarketing);

        expect(textOf(element, 'owner')).toBe(
            'c.Buying_Committee_Owner_Marketing'
        );
        expect(select(element, 'owner-since').value).toBe(
            '2027-02-03T17:00:00.000Z'
        );
        expect(textOf(element, 'intent')).toBe('58 (threshold 65)');
        expect(select(element, 'intent-status').label).toBe(
            'c.Buying_Committee_Below'
        );
    });

    it('falls back to page thresholds without the policy', async () => {
        const element = await renderWith(committeeSales, policyErrors);

        expect(textOf(element, 'intent')).toBe('72 (threshold 70)');
        expect(textOf(element, 'active')).toBe('3 (minimum 3)');
        expect(select(element, 'active-status').label).toBe(
            'c.Buying_Committee_Meets'
        );
        expect(textOf(element, 'threshold-source')).toBe(
            'c.Buying_Committee_Threshold_Source'
        );
        // The 30-day page window keeps Grace Okafor, whose last signal is 18 days old.
        expect(select(element, 'people').data.map((row) => row.name)).toEqual([
            'Tomás Ferreira',
            'Maya Lindqvist',
            'Grace Okafor'
        ]);
    });

    it('uses thresholds set on the page', async () => {
        const element = render();
        element.intentThreshold = 80;
        element.minimumActivePeople = 2;
        await flushPromises();
        graphql.emit(committeeSales, isCommittee);
        graphql.emitErrors(policyErrors, isPolicy);
        await flushPromises();

        expect(textOf(element, 'intent')).toBe('72 (threshold 80)');
        expect(textOf(element, 'active')).toBe('3 (minimum 2)');
    });

    it('falls back when the policy record is missing', async () => {
        const element = await renderWith(committeeSales, {
            uiapi: { query: { SLA_Policy__mdt: { edges: [] } } }
        });

        expect(textOf(element, 'intent')).toBe('72 (threshold 70)');
        expect(select(element, 'threshold-source')).not.toBeNull();
    });

    it('shows the empty state without active people', async () => {
        const element = await renderWith(committeeEmpty);

        expect(textOf(element, 'empty')).toBe('c.Buying_Committee_Empty');
        expect(select(element, 'people')).toBeNull();
        expect(textOf(element, 'owner')).toBe('c.Buying_Committee_Owner_None');
        expect(select(element, 'owner-since')).toBeNull();
        expect(textOf(element, 'intent')).toBe('0 (threshold 65)');
    });

    it('shows query errors in the error panel', async () => {
        const element = render();
        await flushPromises();
        graphql.emitErrors(committeeErrors, isCommittee);
        await flushPromises();

        const panel = select(element, 'error-panel');
        expect(panel.shadowRoot.querySelector('li').textContent).toBe(
            committeeErrors[0].message
        );
        expect(select(element, 'summary')).toBeNull();
    });

    it('is accessible while loading', async () => {
        const element = render();
        await flushPromises();

        await expect(element).toBeAccessible();
    });

    it('is accessible with people', async () => {
        const element = await renderWith(committeeSales);

        await expect(element).toBeAccessible();
    });

    it('is accessible with page thresholds', async () => {
        const element = await renderWith(committeeMarketing, policyErrors);

        await expect(element).toBeAccessible();
    });

    it('is accessible without people', async () => {
        const element = await renderWith(committeeEmpty);

        await expect(element).toBeAccessible();
    });

    it('is accessible with an error', async () => {
        const element = render();
        await flushPromises();
        graphql.emitErrors(committeeErrors, isCommittee);
        await flushPromises();

        await expect(element).toBeAccessible();
    });
});
