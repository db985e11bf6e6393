// Registers the accessibility matcher (`await expect(element).toBeAccessible()`) for
// every LWC test, so no test file sets it up on its own.
const { registerSa11yMatcher } = require('@sa11y/jest');

registerSa11yMatcher();
