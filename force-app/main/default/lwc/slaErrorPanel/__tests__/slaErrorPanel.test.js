import { createElement } from 'lwc';
import SlaErrorPanel from 'c/slaErrorPanel';
import { flushPromises, resetDOM } from 'lwc-test-utils';

const getRecordError = require('./data/getRecordError.json');

function render(errors) {
    const element = createElement('c-sla-error-panel', { is: SlaErrorPanel });
    element.errors = errors;
    document.body.appendChild(element);
    return element;
}

describe('c-sla-error-panel', () => {
    afterEach(resetDOM);

    it('shows the message of a data service error', async () => {
        const element = render(getRecordError);
        await flushPromises();

        const items = element.shadowRoot.querySelectorAll(
            '[data-id="messages"] li'
        );
        expect(items).toHaveLength(1);
        expect(items[0].textContent).toBe(getRecordError.body[0].message);
    });

    it('shows the heading as an alert', async () => {
        const element = render(getRecordError);
        await flushPromises();

        const panel = element.shadowRoot.querySelector(
            '[data-id="error-panel"]'
        );
        expect(panel.getAttribute('role')).toBe('alert');
        const heading = element.shadowRoot.querySelector('[data-id="heading"]');
        expect(heading.textContent).toBe('c.SLA_Load_Error');
    });

    it('shows only the heading without messages', async () => {
        const element = render(undefined);
        await flushPromises();

        expect(
            element.shadowRoot.querySelector('[data-id="messages"]')
        ).toBeNull();
    });

    it('is accessible with messages', async () => {
        const element = render(getRecordError);
        await flushPromises();

        await expect(element).toBeAccessible();
    });

    it('is accessible without messages', async () => {
        const element = render(undefined);
        await flushPromises();

        await expect(element).toBeAccessible();
    });
});
