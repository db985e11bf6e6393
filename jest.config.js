'use strict';

const { jestConfig: lwcPreset } = require('@salesforce/sfdx-lwc-jest/config');

/**
 * Two test projects, one run and one summary: the Lightning Web Components under
 * force-app (sfdx-lwc-jest preset, jsdom) and the TypeScript worker (ts-jest, node).
 */
module.exports = {
    // Jest's summary reporter always runs last, so ours replaces it to print after it.
    reporters: [
        '<rootDir>/scripts/jest/default-reporter.js',
        '<rootDir>/scripts/jest/summary-reporter.js'
    ],
    projects: [
        {
            ...lwcPreset,
            displayName: 'lwc',
            roots: ['<rootDir>/force-app'],
            moduleNameMapper: {
                '^lwc-test-utils$': '<rootDir>/force-app/test/lwc-test-utils.js'
            },
            // Keep the preset's own setup file first: it installs the LWC engine.
            setupFilesAfterEnv: [
                ...(lwcPreset.setupFilesAfterEnv || []),
                '<rootDir>/force-app/test/jest-setup.js'
            ],
            testPathIgnorePatterns: ['/node_modules/', '/force-app/test/']
        },
        {
            displayName: 'worker',
            testEnvironment: '<rootDir>/scripts/jest/node-environment.js',
            roots: ['<rootDir>/sync-worker/test', '<rootDir>/scripts', '<rootDir>/preview/test'],
            testMatch: ['**/*.test.ts'],
            transform: {
                '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }]
            },
            moduleFileExtensions: ['ts', 'js', 'json']
        }
    ]
};
