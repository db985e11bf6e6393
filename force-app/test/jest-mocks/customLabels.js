/**
 * Real custom label values for LWC tests.
 *
 * sfdx-lwc-jest resolves `@salesforce/label/c.Name` to the string `c.Name`, so a test
 * cannot see the text a user reads or check how `{0}` placeholders are filled. A test
 * that needs the real text mocks the label module with this helper:
 *
 *     jest.mock('@salesforce/label/c.SLA_Status_Due_In', () =>
 *         require('../../../../../test/jest-mocks/customLabels').labelModule(
 *             'SLA_Status_Due_In'
 *         ),
 *         { virtual: true }
 *     );
 */
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const LABELS_FILE = join(
    __dirname,
    '..',
    '..',
    'main',
    'default',
    'labels',
    'CustomLabels.labels-meta.xml'
);

const ENTITIES = {
    '&amp;': '&',
    '&lt;': '<',
    '&gt;': '>',
    '&quot;': '"',
    '&apos;': "'"
};

let labels;

function readLabels() {
    const text = readFileSync(LABELS_FILE, 'utf8');
    const values = new Map();
    for (const match of text.matchAll(/<labels>([\s\S]*?)<\/labels>/g)) {
        const name = /<fullName>([^<]*)<\/fullName>/.exec(match[1]);
        const value = /<value>([^<]*)<\/value>/.exec(match[1]);
        if (name && value) {
            values.set(
                name[1],
                value[1].replace(/&(amp|lt|gt|quot|apos);/g, (e) => ENTITIES[e])
            );
        }
    }
    return values;
}

/** Returns the value of the custom label `name`; throws when the label does not exist. */
function labelValue(name) {
    labels = labels || readLabels();
    if (!labels.has(name)) {
        throw new Error(
            `Custom label ${name} is not defined in ${LABELS_FILE}; add it there.`
        );
    }
    return labels.get(name);
}

/** Returns a module object that stands for `@salesforce/label/c.<name>` in `jest.mock`. */
function labelModule(name) {
    return { __esModule: true, default: labelValue(name) };
}

module.exports = { labelValue, labelModule };
