/**
 * Stand-in for `lightning/navigation` that records navigation requests. The stub that
 * sfdx-lwc-jest ships navigates nowhere and records nothing, and LWC makes component
 * methods read-only, so a spy cannot be put on it. A test that checks where a component
 * sends the user mocks the module with this file:
 *
 *     jest.mock('lightning/navigation', () =>
 *         require('../../../../../test/jest-mocks/lightning/navigation')
 *     );
 *
 * and reads the calls of `navigate` (page reference, replace flag).
 */
const Navigate = Symbol('Navigate');
const GenerateUrl = Symbol('GenerateUrl');

/** Records every `this[NavigationMixin.Navigate](pageReference, replace)` call. */
export const navigate = jest.fn();

/** Records every `this[NavigationMixin.GenerateUrl](pageReference)` call. */
export const generateUrl = jest.fn(() => Promise.resolve('/lightning/page'));

export const NavigationMixin = (Base) =>
    class extends Base {
        [Navigate](pageReference, replace) {
            navigate(pageReference, replace);
        }

        [GenerateUrl](pageReference) {
            return generateUrl(pageReference);
        }
    };
NavigationMixin.Navigate = Navigate;
NavigationMixin.GenerateUrl = GenerateUrl;
